package dev.handover.core.followup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The follow-up's log, under the name log configurations and log readers know. */
final class FollowUpLog {
    static final Logger LOG = LoggerFactory.getLogger("dev.handover.core.FollowUp");

    private FollowUpLog() {}
}
