package dev.handover.core.followup;

import dev.handover.core.marker.StepRecord;
import dev.handover.core.note.HandoverRecord;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.Page;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TicketId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A ticket's conversation as the follow-up of one handover needs it: the latest handover (to tell whether this one was
 * superseded), this handover's record, the follow-up steps already recorded for it, and everything said since it.
 * Read newest first and only back to the handover's own note.
 */
final class FollowUpThread {
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 10;

    final Optional<HandoverRecord> latest;
    final Optional<HandoverRecord> record;
    final Set<String> recorded;
    final List<Comment> since;

    private FollowUpThread(
            Optional<HandoverRecord> latest,
            Optional<HandoverRecord> record,
            Set<String> recorded,
            List<Comment> since) {
        this.latest = latest;
        this.record = record;
        this.recorded = recorded;
        this.since = since;
    }

    static FollowUpThread read(CrmConnector crm, TicketId ticket, HandoverId handover) {
        HandoverRecord latest = null;
        HandoverRecord record = null;
        Set<String> recorded = new LinkedHashSet<>();
        List<Comment> newestFirst = new ArrayList<>();
        PageRequest request = PageRequest.first(PAGE);
        for (int page = 0; page < MAX_PAGES && record == null; page++) {
            Page<Comment> p = crm.comments(ticket, SortOrder.NEWEST_FIRST, request);
            for (Comment c : p.items()) {
                if (c.isInternal()) {
                    Optional<HandoverRecord> r = HandoverRecord.find(c.body());
                    if (r.isPresent()) {
                        if (latest == null) {
                            latest = r.get();
                        }
                        if (r.get().id().equals(handover)) {
                            record = r.get();
                            break;
                        }
                        continue;
                    }
                    Optional<StepRecord> s = StepRecord.find(c.body());
                    if (s.isPresent()) {
                        if (s.get().handover().equals(handover)) {
                            recorded.addAll(s.get().steps());
                        }
                        continue;
                    }
                }
                newestFirst.add(c);
            }
            if (record != null || p.next(PAGE).isEmpty()) {
                break;
            }
            request = p.next(PAGE).get();
        }
        Collections.reverse(newestFirst);
        return new FollowUpThread(Optional.ofNullable(latest), Optional.ofNullable(record), recorded, newestFirst);
    }
}
