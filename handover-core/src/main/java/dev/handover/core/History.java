package dev.handover.core;

import dev.handover.core.marker.StepRecord;
import dev.handover.core.note.HandoverRecord;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.Page;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Ticket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What a ticket's conversation tells the engine: the latest handover (from its note's trailer, which also carries the
 * earlier chain) and the latest ordinary comments for the note's history. Read newest first, and only as far as
 * needed: usually one call, none when the policy quotes no comments and the ticket was never handed over.
 */
final class History {
    static final String HANDOVER_TAG = "handover";
    private static final int MAX_PAGES = 5;
    private static final java.util.regex.Pattern NOTE_PART =
            java.util.regex.Pattern.compile("\\s*(<p>)?Handover ho-[0-9a-f]{16} · part \\d+ of \\d+");

    private final Optional<HandoverRecord> last;
    private final List<Comment> recent;
    private final List<HandoverRecord> records;

    private History(Optional<HandoverRecord> last, List<Comment> recent, List<HandoverRecord> records) {
        this.last = last;
        this.recent = List.copyOf(recent);
        this.records = List.copyOf(records);
    }

    static History none() {
        return new History(Optional.empty(), List.of(), List.of());
    }

    /** Every handover whose note the read came across, newest first (the latest at least, when there is one). */
    List<HandoverRecord> records() {
        return records;
    }

    /** The latest handover of the ticket, if it had one. */
    Optional<HandoverRecord> last() {
        return last;
    }

    /** The latest ordinary comments (not handover notes), oldest first. */
    List<Comment> recent() {
        return recent;
    }

    static History read(CrmConnector crm, Ticket ticket, int wanted) {
        return read(crm, ticket, wanted, Optional.empty());
    }

    /** True when planning a handover of this ticket reads its conversation. */
    static boolean needed(Ticket ticket, int wanted) {
        return wanted > 0 || ticket.hasTag(HANDOVER_TAG);
    }

    /** The size of the first page of comments {@link #read} asks for. */
    static int pageSize(int wanted) {
        return Math.min(100, Math.max(20, wanted * 2 + 5));
    }

    /**
     * The history, starting from a first page already read for many tickets at once ({@code
     * CrmConnector.recentComments}); later pages, where needed, are read as usual.
     */
    static History read(CrmConnector crm, Ticket ticket, int wanted, Optional<Page<Comment>> firstPage) {
        boolean handedOverBefore = ticket.hasTag(HANDOVER_TAG);
        if (wanted == 0 && !handedOverBefore) {
            return none();
        }
        int pageSize = pageSize(wanted);
        HandoverRecord found = null;
        List<HandoverRecord> records = new ArrayList<>();
        List<Comment> newestFirst = new ArrayList<>();
        PageRequest request = PageRequest.first(pageSize);
        for (int page = 0; page < MAX_PAGES; page++) {
            Page<Comment> p = page == 0 && firstPage.isPresent()
                    ? firstPage.get()
                    : crm.comments(ticket.id(), SortOrder.NEWEST_FIRST, request);
            // a customer notice is the public comment written in the same update as its handover note
            java.util.Set<String> handoverWrites = new java.util.HashSet<>();
            for (Comment c : p.items()) {
                if (c.isInternal() && HandoverRecord.find(c.body()).isPresent()) {
                    handoverWrites.add(c.authorId() + "@" + c.createdAt());
                }
            }
            for (Comment c : p.items()) {
                Optional<HandoverRecord> r = c.isInternal() ? HandoverRecord.find(c.body()) : Optional.empty();
                if (r.isPresent()) {
                    if (found == null) {
                        found = r.get();
                    }
                    records.add(r.get());
                } else if (c.isInternal() && NOTE_PART.matcher(c.body()).lookingAt()) {
                    // an earlier part of a split handover note: not an ordinary comment
                } else if (c.isInternal() && StepRecord.find(c.body()).isPresent()) {
                    // the engine's own follow-up note: not something a person did
                } else if (!c.isInternal() && handoverWrites.contains(c.authorId() + "@" + c.createdAt())) {
                    // the engine's customer notice: not the customer's words
                } else if (newestFirst.size() < wanted) {
                    newestFirst.add(c);
                }
            }
            boolean enough = newestFirst.size() >= wanted && (found != null || !handedOverBefore);
            if (enough || p.next(pageSize).isEmpty()) {
                break;
            }
            request = p.next(pageSize).get();
        }
        Collections.reverse(newestFirst);
        return new History(Optional.ofNullable(found), newestFirst, records);
    }
}
