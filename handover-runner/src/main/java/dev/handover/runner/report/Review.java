package dev.handover.runner.report;

import dev.handover.runner.journal.JournalEntry;
import java.time.Instant;
import java.util.List;

/**
 * How handovers went over a period, worked out from journal entries (seed criterion 3.5: review handovers to improve
 * them). Being written: the figures, {@link #toText()}, and the HTML, JSON and CSV renderings.
 */
public final class Review {
    private Review() {}

    /** The review of these entries, counting those from {@code from} (inclusive) to {@code until} (exclusive). */
    public static Review of(List<JournalEntry> entries, Instant from, Instant until) {
        throw new UnsupportedOperationException("the review report is being written");
    }

    /** A plain-text summary of a few lines for the terminal (the end of {@code handover demo}). */
    public String toText() {
        throw new UnsupportedOperationException("the review report is being written");
    }
}
