package dev.handover.runner.journal;

import dev.handover.core.event.HandoverEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Measures the journal: fsync'd appends per second and bytes per line on this machine's disk, and how long reading the
 * lines back takes. Not a test; run it with the test class path:
 * {@code java -cp <test classpath> dev.handover.runner.journal.JournalHarness [events]}.
 */
public final class JournalHarness {
    private JournalHarness() {}

    /** Runs the measurement. */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        Path dir = Files.createTempDirectory("journal-harness");
        Path file = dir.resolve("journal.jsonl");
        long start = System.nanoTime();
        try (Journal j = Journal.open(file, 1L << 30, 1)) {
            for (int i = 0; i < n; i++) {
                HandoverEvent e = i % 2 == 0
                        ? Events.executed("ho-%016x".formatted(i), Events.T.plusSeconds(i), false)
                        : Events.everyKind().get(6);
                j.append(e);
            }
        }
        Duration write = Duration.ofNanos(System.nanoTime() - start);
        long bytes = Files.size(file);
        start = System.nanoTime();
        int read = JournalReader.read(file).entries().size();
        Duration readTime = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf(
                "%d fsync'd appends in %d ms: %.0f appends/s, %d bytes/line; read back %d lines in %d ms%n",
                n, write.toMillis(), n / (write.toNanos() / 1e9), bytes / n, read, readTime.toMillis());
    }
}
