package dev.handover.runner.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.runner.journal.EventCodec;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.runner.journal.JournalReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Not a test: measures the review of a large generated journal — reading the file, {@code Review.of}, and each
 * rendering — with wall time and peak heap per step. Run in its own JVM (see docs/report.md):
 *
 * <pre>java -Xmx2g -cp … dev.handover.runner.report.ReviewScale 1000000 target/scale</pre>
 *
 * <p>Peak heap is the sum of the heap pools' peak usage since the step began (the pools' peaks are reset after a GC
 * at its start), so it includes garbage not yet collected: an upper bound of what the step needs. CPU is the
 * measuring thread's CPU time (garbage collection in other threads not included): on a machine shared with other
 * work, wall time says more about the neighbours than about the step.
 */
public final class ReviewScale {
    private ReviewScale() {}

    /** Generates about {@code args[0]} events (default 1,000,000) into {@code args[1]} and measures. */
    public static void main(String[] args) throws IOException {
        int target = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Path.of(args.length > 1 ? args[1] : "target/scale");
        Files.createDirectories(dir);
        Path file = dir.resolve("handover-journal.jsonl");
        Instant start = Instant.parse("2025-03-03T00:00:00Z");
        int days = 365;
        // about 4.8 events per handover and 0.79 of a weekday's volume per calendar day (see JournalGenerator)
        int perWeekday = (int) Math.ceil(target / (days * 4.8 * 0.79));
        long lines = write(new JournalGenerator(1).generate(start, days, perWeekday), file);
        System.out.printf(
                Locale.ROOT,
                "journal: %,d events, %,d MB, %d days, ~%d handovers per weekday; java %s, -Xmx%d MB, %d cores%n",
                lines,
                Files.size(file) >> 20,
                days,
                perWeekday,
                Runtime.version(),
                Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());

        JournalReader.Contents read = step("read the journal (JournalReader)", () -> JournalReader.read(file));
        List<JournalEntry> entries = read.entries();
        Instant until = start.plus(Duration.ofDays(days));
        Review review = step("Review.of, whole year", () -> Review.of(entries, start, until));
        step("Review.of, whole year, again (warm)", () -> Review.of(entries, start, until));
        step("Review.of, one week", () -> Review.of(entries, until.minus(Duration.ofDays(7)), until));
        Instant now = until.plus(Duration.ofHours(1));
        int html = step("toHtml", () -> review.toHtml(now).length());
        Path json = dir.resolve("review.json");
        Path csv = dir.resolve("review.csv");
        step("writeJson (to a file)", () -> write(json, w -> review.writeJson(now, w)));
        step("writeCsv (to a file)", () -> write(csv, w -> review.writeCsv(now, w)));
        System.out.printf(
                Locale.ROOT,
                "sizes: html %,d KB (characters), json %,d KB, csv %,d KB (bytes)%n",
                html >> 10,
                Files.size(json) >> 10,
                Files.size(csv) >> 10);
        // as strings last: for a large year they do not fit the heap the rest needs
        try {
            step("toJson", () -> review.toJson(now).length());
            step("toCsv", () -> review.toCsv(now).length());
        } catch (OutOfMemoryError e) {
            System.out.println("toJson / toCsv: out of memory (" + e.getMessage() + ")");
        }
        System.out.printf(Locale.ROOT, "heap retained with the entries loaded: %,d MB%n", retained() >> 20);
        System.out.print(review.toText());
    }

    /** What writes a rendering. */
    private interface Rendering {
        void to(Writer w) throws IOException;
    }

    private static long write(Path file, Rendering r) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            r.to(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    /** Writes the journal's line format directly: the journal itself fsyncs every line, too slow for a million. */
    private static long write(List<JournalEntry> entries, Path file) throws IOException {
        ObjectMapper mapper = EventCodec.mapper();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (JournalEntry e : entries) {
                ObjectNode node = mapper.valueToTree(e.event());
                if (!e.labels().isEmpty()) {
                    node.set("labels", mapper.valueToTree(new TreeMap<>(e.labels())));
                }
                out.write(mapper.writeValueAsString(node));
                out.write('\n');
            }
        }
        return entries.size();
    }

    private static <T> T step(String name, Supplier<T> work) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long before = retained();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        T result = work.get();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long cpu = (threads.getCurrentThreadCpuTime() - c0) / 1_000_000;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf(
                Locale.ROOT,
                "%-36s %,8d ms (cpu %,8d ms)   peak heap %,6d MB (%,d MB in use before)%n",
                name,
                ms,
                cpu,
                peak >> 20,
                before >> 20);
        return result;
    }

    private static long retained() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
