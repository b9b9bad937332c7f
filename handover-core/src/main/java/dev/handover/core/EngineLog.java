package dev.handover.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's logs. The classes behind the facade write under the names log configurations and log readers know:
 * the facade's, and the follow-up's.
 */
final class EngineLog {
    static final Logger LOG = LoggerFactory.getLogger("dev.handover.core.Handovers");

    /** Where reconciliation logs, beside the follow-up, as it always has. */
    static final Logger FOLLOW_UP = LoggerFactory.getLogger("dev.handover.core.FollowUp");

    private EngineLog() {}
}
