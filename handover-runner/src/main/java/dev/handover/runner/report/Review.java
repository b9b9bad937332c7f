package dev.handover.runner.report;

import dev.handover.core.event.HandoverEvent;
import dev.handover.runner.journal.JournalEntry;
import java.time.Instant;
import java.util.List;

/**
 * How handovers went over a period, worked out from journal entries (seed criterion 3.5: review handovers to improve
 * them). Interim: counts the handovers written until the full review is merged.
 */
public final class Review {
    private final long executed;

    private Review(long executed) {
        this.executed = executed;
    }

    /** The review of these entries, counting those from {@code from} (inclusive) to {@code until} (exclusive). */
    public static Review of(List<JournalEntry> entries, Instant from, Instant until) {
        return new Review(entries.stream()
                .map(JournalEntry::event)
                .filter(e -> e instanceof HandoverEvent.Executed x && !x.replayed())
                .filter(e -> !e.at().isBefore(from) && e.at().isBefore(until))
                .count());
    }

    /** A plain-text summary of a few lines for the terminal (the end of {@code handover demo}). */
    public String toText() {
        return executed + " handovers written (interim review: the full report is being written)\n";
    }
}
