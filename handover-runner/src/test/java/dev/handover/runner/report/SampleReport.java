package dev.handover.runner.report;

import dev.handover.runner.journal.Journal;
import dev.handover.runner.journal.JournalEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Not a test: writes the sample report of {@link JournalGenerator#twoWeeks} (seed 42) as HTML, JSON and CSV, and its
 * journal, into a directory — the source of docs/images/report.png. Run with the test class path:
 * {@code java -cp … dev.handover.runner.report.SampleReport target/sample}.
 */
public final class SampleReport {
    private SampleReport() {}

    /** Writes the sample into the directory named by the first argument. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/sample");
        Files.createDirectories(dir);
        List<JournalEntry> entries = JournalGenerator.twoWeeks(42);
        Instant from = Instant.parse("2026-03-02T00:00:00Z");
        Instant until = from.plus(Duration.ofDays(14));
        Instant generated = Instant.parse("2026-03-16T07:30:00Z");
        Review review = Review.of(entries, from, until);
        Files.writeString(dir.resolve("handover-report.html"), review.toHtml(generated));
        Files.writeString(dir.resolve("handover-report.json"), review.toJson(generated));
        Files.writeString(dir.resolve("handover-report.csv"), review.toCsv(generated));
        Path journal = dir.resolve("handover-journal.jsonl");
        Files.deleteIfExists(journal);
        try (Journal j = Journal.open(journal, Long.MAX_VALUE, 0)) {
            entries.forEach(j::append);
        }
        System.out.print(review.toText());
        System.out.println(entries.size() + " events written to " + journal);
    }
}
