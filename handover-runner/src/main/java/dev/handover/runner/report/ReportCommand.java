package dev.handover.runner.report;

import dev.handover.runner.files.OwnerOnly;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.runner.journal.JournalReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code handover report}: the review report of a period, read from the worker's journal, as HTML, JSON or CSV. A
 * usage error (a bad option, a journal that does not exist) ends with exit code 2, a journal or report that cannot be
 * read or written with 1; skipped journal lines are warnings and the report is still written.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Writes the review report: how handovers went over a period, read from the worker's journal — volume by"
                    + " reason, team and agent, acknowledgement, follow-up and escalations, bounces, chains, note"
                    + " completeness, receivers' feedback and what to improve.",
            "",
            "Times are UTC. Skipped (torn or damaged) journal lines are reported on stderr; the report is still"
                    + " written."
        })
public final class ReportCommand implements Callable<Integer> {
    /** The journal read when no other is named. */
    static final Path DEFAULT_JOURNAL = Path.of("handover-journal.jsonl");

    /** The HTML report written when no other file is named. */
    static final Path DEFAULT_HTML = Path.of("handover-report.html");

    private final Clock clock;
    private final Path directory;

    /** On the system clock, relative paths from the working directory. */
    public ReportCommand() {
        this(Clock.systemUTC(), Path.of(""));
    }

    /**
     * What the command reads besides its options (the runner gives its own, tests a fixed clock and a directory).
     *
     * @param clock for "now" and look-backs such as {@code --since 7d}
     * @param directory where relative paths start
     */
    ReportCommand(Clock clock, Path directory) {
        this.clock = clock;
        this.directory = directory;
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--journal",
            paramLabel = "FILE",
            description = "The worker's journal (default: " + "handover-journal.jsonl" + "); its rotated files"
                    + " (FILE.1, FILE.2 …) are read too.")
    Path journal;

    @Option(
            names = "--since",
            paramLabel = "WHEN",
            converter = When.Converter.class,
            description = "Start of the period: an ISO date (2026-03-01, from its start), an ISO instant"
                    + " (2026-03-01T09:00:00Z) or a look-back from now (30m, 24h, 7d, 2w). Default: the oldest"
                    + " entry of the journal.")
    When since;

    @Option(
            names = "--until",
            paramLabel = "WHEN",
            converter = When.Converter.class,
            description = "End of the period, excluded: as --since, but an ISO date means the end of that day."
                    + " Default: now, or just after the newest entry when that is later.")
    When until;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            converter = OutputFormat.Converter.class,
            completionCandidates = OutputFormat.Names.class,
            description = "html, json or csv (default: html).")
    OutputFormat format = OutputFormat.HTML;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Where to write the report, - for stdout. Default: " + "handover-report.html"
                    + " for html, stdout for json and csv.")
    String out;

    /** The output formats. */
    enum OutputFormat {
        HTML,
        JSON,
        CSV;

        String render(Review review, Instant generated) {
            return switch (this) {
                case HTML -> review.toHtml(generated);
                case JSON -> review.toJson(generated);
                case CSV -> review.toCsv(generated);
            };
        }

        /** Case-insensitive, naming the choices when the value is none of them. */
        static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
            @Override
            public OutputFormat convert(String value) {
                for (OutputFormat f : values()) {
                    if (f.name().equalsIgnoreCase(value.strip())) {
                        return f;
                    }
                }
                throw new CommandLine.TypeConversionException("expected html, json or csv, was '" + value + "'");
            }
        }

        /** The choices, for shell completion. */
        static final class Names implements Iterable<String> {
            @Override
            public Iterator<String> iterator() {
                return List.of("html", "json", "csv").iterator();
            }
        }
    }

    /** Reads the journal, works out the review and writes it; returns 0, or throws for the runner's exit codes. */
    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Path file = resolve(journalFile());
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(
                    "--journal: " + file + " is a directory; expected the journal file (handover-journal.jsonl)");
        }
        // a crash between a rotation's rename and the new file leaves only FILE.1 …: still a journal
        if (!Files.exists(file) && !Files.exists(file.resolveSibling(file.getFileName() + ".1"))) {
            throw new IllegalArgumentException("--journal: there is no journal at " + file
                    + "; name the worker's journal with --journal FILE (default: handover-journal.jsonl)");
        }
        Instant requestedFrom = since == null ? null : since.resolve(clock, false);
        Instant requestedUntil = until == null ? null : until.resolve(clock, true);
        if (requestedFrom != null && requestedUntil != null && !requestedFrom.isBefore(requestedUntil)) {
            throw new IllegalArgumentException(
                    "--since must be before --until, was " + requestedFrom + " and " + requestedUntil);
        }

        // the bounce window before the period: a bounce in the period may answer a handover just before it
        JournalReader.Contents contents = requestedFrom == null
                ? JournalReader.read(file)
                : JournalReader.read(file, requestedFrom.minus(Tally.BOUNCE_WINDOW));
        contents.warnings().forEach(w -> stderr.println("handover report: warning: " + w));
        List<JournalEntry> entries = contents.entries();
        if (entries.isEmpty() && requestedFrom == null) {
            // with --since a quiet period is a report of zeros (a weekly job must not fail in a quiet week); without
            // it there is no period to speak of
            throw new IllegalStateException("the journal " + file + " holds no events"
                    + (contents.warnings().isEmpty()
                            ? ""
                            : " (" + contents.warnings().size() + " unreadable lines skipped)")
                    + ": nothing to review");
        }
        Instant now = clock.instant();
        Instant end = requestedUntil != null
                ? requestedUntil
                : entries.stream()
                        .map(e -> e.event().at().plusNanos(1))
                        .filter(now::isBefore)
                        .max(Instant::compareTo)
                        .orElse(now);
        Instant from;
        if (requestedFrom != null) {
            from = requestedFrom;
        } else {
            from = entries.stream()
                    .map(e -> e.event().at())
                    .min(Instant::compareTo)
                    .orElseThrow();
            if (!from.isBefore(end)) {
                throw new IllegalArgumentException("--until " + end + " is not after the journal's oldest entry ("
                        + from + "); give a later --until, or a --since");
            }
        }

        Review review = Review.of(entries, from, end);
        String text = format.render(review, clock.instant());
        String target = out != null ? out : format == OutputFormat.HTML ? DEFAULT_HTML.toString() : "-";
        if (target.equals("-")) {
            stdout.print(text);
            stdout.flush();
        } else {
            Path path = resolve(Path.of(target));
            write(path, text);
            stdout.printf(
                    "handover report: wrote %s (%s, %s, %s)%n",
                    path,
                    format.name().toLowerCase(Locale.ROOT),
                    Format.plural(review.figures().volume().handovers(), "handover", "handovers"),
                    Format.period(from, end));
        }
        return 0;
    }

    /** The journal to read: {@code --journal}, else the default. A future {@code --config} slots in here. */
    private Path journalFile() {
        return journal != null ? journal : DEFAULT_JOURNAL;
    }

    private Path resolve(Path p) {
        return p.isAbsolute() ? p : directory.resolve(p);
    }

    private static void write(Path path, String text) {
        try {
            // a new report is owner-only: it holds names, ticket ids and feedback; an existing one keeps its
            // permissions
            OwnerOnly.write(path, text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(
                    "the report cannot be written to " + path + ": its directory does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("the report cannot be written to " + path + ": " + e, e);
        }
    }
}
