package dev.handover.runner.report;

import dev.handover.runner.journal.JournalEntry;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How handovers went over a period, worked out from journal entries, so a team can see how its handovers go and
 * improve them: volume by reason, team and agent, acknowledgement, follow-up, bounces, chains, note completeness, receivers'
 * feedback and what to improve. Rendered as a few lines of text, a self-contained HTML page, JSON or CSV. What each
 * figure means is documented in docs/report.md.
 */
public final class Review {
    private final Figures figures;

    private Review(Figures figures) {
        this.figures = figures;
    }

    /**
     * The review of these entries, counting those from {@code from} (inclusive) to {@code until} (exclusive). Entries
     * before {@code from} are context (the handover a bounce answers); entries from {@code until} on are ignored.
     *
     * @param entries journal entries in any order, duplicates allowed
     * @param from the start of the period
     * @param until the end of the period, after {@code from}
     * @throws IllegalArgumentException when the period is empty
     */
    public static Review of(List<JournalEntry> entries, Instant from, Instant until) {
        return of(entries, from, until, ReviewOptions.defaults());
    }

    /**
     * The review of these entries with these options (time zone, bounce window, team names). The period before
     * {@code from} of the same length is the comparison period: entries from {@link #earliestNeeded} on are used.
     *
     * @param entries journal entries in any order, duplicates allowed
     * @param from the start of the period
     * @param until the end of the period, after {@code from}
     * @param options the time zone, the bounce window and team names
     * @throws IllegalArgumentException when the period is empty
     */
    public static Review of(List<JournalEntry> entries, Instant from, Instant until, ReviewOptions options) {
        Objects.requireNonNull(options, "options");
        Figures figures = Tally.of(entries, from, until, options, true);
        // the comparison: the period of the same length just before, headline figures only
        Instant previousFrom = minus(from, Duration.between(from, until));
        if (!previousFrom.isBefore(from)) {
            return new Review(figures); // a period from the dawn of time has none before it
        }
        return new Review(figures.withPrevious(Tally.previous(entries, previousFrom, from, options)));
    }

    /**
     * The oldest instant whose entries the review of {@code [from, until)} uses: the start of the previous period of
     * the same length (the comparison), less the bounce window (the handover a bounce at its start answers). A reader
     * may drop older entries.
     */
    public static Instant earliestNeeded(Instant from, Instant until, ReviewOptions options) {
        return minus(minus(from, Duration.between(from, until)), options.bounceWindow());
    }

    /** {@code at - d}, or the earliest instant when that is before it (a period that starts at the dawn of time). */
    private static Instant minus(Instant at, Duration d) {
        try {
            return at.minus(d);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return Instant.MIN;
        }
    }

    /** A plain-text summary of a few lines for the terminal (the end of {@code handover demo}). */
    public String toText() {
        return TextReport.render(figures);
    }

    /**
     * One self-contained HTML page: inline CSS and SVG charts, no script, no external resource.
     *
     * @param generated when the report was made, shown at the top
     */
    public String toHtml(Instant generated) {
        return HtmlReport.render(figures, Objects.requireNonNull(generated, "generated"));
    }

    /**
     * The figures as a JSON document (shape version {@value JsonReport#VERSION}, documented in docs/report.md).
     *
     * @param generated when the report was made
     */
    public String toJson(Instant generated) {
        return JsonReport.render(figures, Objects.requireNonNull(generated, "generated"));
    }

    /**
     * The figures as CSV in long format, {@code section,dimension,key,label,value}: the JSON document flattened.
     *
     * @param generated when the report was made
     */
    public String toCsv(Instant generated) {
        return CsvReport.render(figures, Objects.requireNonNull(generated, "generated"));
    }

    /**
     * Writes {@link #toJson} to {@code out} as it goes, without holding the document in memory: a year's evidence
     * makes it hundreds of megabytes. The writer is flushed, not closed.
     *
     * @param generated when the report was made
     * @param out where to write
     * @throws IOException when writing fails
     */
    public void writeJson(Instant generated, Writer out) throws IOException {
        JsonReport.write(figures, Objects.requireNonNull(generated, "generated"), out);
        out.flush();
    }

    /**
     * Writes {@link #toCsv} to {@code out} as it goes, without holding the rows in memory. The writer is flushed, not
     * closed.
     *
     * @param generated when the report was made
     * @param out where to write
     * @throws IOException when writing fails
     */
    public void writeCsv(Instant generated, Writer out) throws IOException {
        CsvReport.write(figures, Objects.requireNonNull(generated, "generated"), out);
        out.flush();
    }

    /** The figures, for the renderings and tests. */
    Figures figures() {
        return figures;
    }
}
