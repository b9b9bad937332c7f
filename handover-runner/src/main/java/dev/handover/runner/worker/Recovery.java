package dev.handover.runner.worker;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.note.HandoverRecord;
import dev.handover.runner.journal.Journal;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.runner.journal.Labels;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.TicketId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a crash: the handovers written to the CRM since the cut-off pass began but missing from the journal are read
 * back from their notes (the trailer carries the handover's core) and journaled, once. Only the tickets the
 * {@link WriteAhead} file names are read, directly by id. The CRM is the truth; the journal catches up with it.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger("handover.worker");
    private static final int PAGE = 50;

    private final CrmConnector crm;
    private final Journal journal;
    private final Supplier<Directory> directory;

    Recovery(CrmConnector crm, Journal journal, Supplier<Directory> directory) {
        this.crm = crm;
        this.journal = journal;
        this.directory = directory;
    }

    /** Journals the handovers made since {@code since} on these tickets that the journal lacks; returns how many. */
    int recover(Collection<TicketId> written, Instant since) {
        List<HandoverRecord> found = new ArrayList<>();
        for (TicketId t : written) {
            // the trailer's time is the worker's own clock, so that is compared, not the CRM's comment time
            for (Comment c : crm.comments(t, SortOrder.NEWEST_FIRST, PageRequest.first(PAGE))
                    .items()) {
                if (c.isInternal()) {
                    HandoverRecord.find(c.body())
                            .filter(r -> !r.at().isBefore(since.minusSeconds(1)))
                            .ifPresent(found::add);
                }
            }
        }
        found.sort(Comparator.comparing(HandoverRecord::at));
        Directory dir = directory.get();
        int n = 0;
        for (HandoverRecord r : found) {
            if (journal.contains(r.id())) {
                continue;
            }
            HandoverEvent.Executed e = HandoverEvent.Executed.fromRecord(r, false);
            Map<String, String> labels = new TreeMap<>(Labels.of(e, dir));
            labels.put("recovered", "true");
            journal.append(new JournalEntry(e, labels));
            LOG.info("recovered handover={} ticket={} from the CRM into the journal", r.id(), r.ticket());
            n++;
        }
        return n;
    }
}
