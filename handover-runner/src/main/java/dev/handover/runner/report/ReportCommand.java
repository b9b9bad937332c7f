package dev.handover.runner.report;

import dev.handover.runner.config.ConfigLoader;
import dev.handover.runner.config.RunnerConfig;
import dev.handover.runner.files.OwnerOnly;
import dev.handover.runner.journal.JournalEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code handover report}: the review report of a period, read from the workers' journals, as HTML, JSON or CSV. With
 * {@code --config} it takes the team's time zone and the ping-pong window from the policy (without needing the CRM's
 * secrets). A usage error (a bad option, a journal that does not exist, a bad configuration) ends with exit code 2, a
 * journal or report that cannot be read or written with 1; skipped journal lines are warnings and the report is still
 * written.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Writes the review report: how handovers went over a period, read from the workers' journals — volume by"
                    + " reason, team and agent, acknowledgement, follow-up and escalations, bounces, chains, note"
                    + " completeness, receivers' feedback and what to improve.",
            "",
            "Times are in --zone, else the policy's calendar zone with --config, else UTC. Skipped (torn or damaged)"
                    + " journal lines are reported on stderr; the report is still written."
        })
public final class ReportCommand implements Callable<Integer> {
    /** The journal read when no other is named. */
    static final Path DEFAULT_JOURNAL = Path.of("handover-journal.jsonl");

    /** The HTML report written when no other file is named. */
    static final Path DEFAULT_HTML = Path.of("handover-report.html");

    private final Clock clock;
    private final Path directory;
    private final Function<String, String> env;

    /** On the system clock and the process's environment, relative paths from the working directory. */
    public ReportCommand() {
        this(Clock.systemUTC(), Path.of(""), System::getenv);
    }

    /**
     * What the command reads besides its options (the runner gives its own, tests a fixed clock and a directory).
     *
     * @param clock for "now" and look-backs such as {@code --since 7d}
     * @param directory where relative paths start
     * @param env the environment variables, for the CRM's secrets when {@code --from-crm} connects
     */
    ReportCommand(Clock clock, Path directory, Function<String, String> env) {
        this.clock = clock;
        this.directory = directory;
        this.env = env;
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--journal",
            paramLabel = "FILE",
            description = "A worker's journal (default: the worker section's journal with --config, else"
                    + " handover-journal.jsonl); its rotated files (FILE.1, FILE.2 …) are read too. Repeat it for"
                    + " several workers' journals: they are merged, and an event found in two counts once.")
    List<Path> journals = new ArrayList<>();

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "handover.yaml: the policy's calendar zone, ping-pong window (the bounce window) and the"
                    + " worker's journal. Its CRM secrets need not be set, except with --from-crm.")
    Path config;

    @Option(
            names = "--from-crm",
            description = "Rebuild the review from the handover notes and follow-up markers on the CRM's tickets"
                    + " instead of a journal: needs --config (and the CRM's secrets) and --since; not with"
                    + " --journal. Costs the ticket search of the period, one comments page per handed-over"
                    + " ticket and the directory.")
    boolean fromCrm;

    @Option(
            names = "--zone",
            paramLabel = "ZONE",
            converter = ZoneConverter.class,
            description = "The team's time zone, an IANA id such as Europe/Berlin: where days begin and end, and how"
                    + " times are shown. Default: the policy's calendar zone with --config, else UTC.")
    ZoneId zone;

    @Option(
            names = "--since",
            paramLabel = "WHEN",
            converter = When.Converter.class,
            description = "Start of the period: an ISO date (2026-03-01, from its start in the zone), an ISO instant"
                    + " (2026-03-01T09:00:00Z) or a look-back from now (30m, 24h, 7d, 2w). Default: the oldest"
                    + " entry of the journal.")
    When since;

    @Option(
            names = "--until",
            paramLabel = "WHEN",
            converter = When.Converter.class,
            description = "End of the period, excluded: as --since, but an ISO date means the end of that day."
                    + " Default: just after the newest entry without --since; with --since, now, or just after"
                    + " the newest entry when that is later.")
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

        /** JSON and CSV are written as they are made: with every figure's evidence, a year's file is large. */
        void write(Review review, Instant generated, java.io.Writer out) throws IOException {
            switch (this) {
                case HTML -> out.write(review.toHtml(generated));
                case JSON -> review.writeJson(generated, out);
                case CSV -> review.writeCsv(generated, out);
            }
            out.flush();
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

    /** An IANA zone id; a bad one is a usage error naming an example. */
    static final class ZoneConverter implements CommandLine.ITypeConverter<ZoneId> {
        @Override
        public ZoneId convert(String value) {
            try {
                return ZoneId.of(value.strip());
            } catch (DateTimeException e) {
                throw new CommandLine.TypeConversionException(
                        "expected an IANA time zone such as Europe/Berlin, America/New_York or UTC, was '" + value
                                + "'");
            }
        }
    }

    /** Reads the journals, works out the review and writes it; returns 0, or throws for the runner's exit codes. */
    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (fromCrm) {
            return fromCrm(stdout, stderr);
        }
        ReportPolicy policy = config == null
                ? ReportPolicy.none()
                : ReportPolicy.of(ConfigLoader.with(env, clock).withoutSecrets().load(resolve(config)));
        ZoneId z = zone != null ? zone : policy.zone();
        ReviewOptions options = ReviewOptions.defaults().withZone(z).withBounceWindow(policy.bounceWindow());
        Instant requestedFrom = since == null ? null : resolve(since, z, false);
        Instant requestedUntil = until == null ? null : resolve(until, z, true);
        if (requestedFrom != null && requestedUntil != null && !requestedFrom.isBefore(requestedUntil)) {
            throw new IllegalArgumentException(
                    "--since must be before --until, was " + requestedFrom + " and " + requestedUntil);
        }
        List<Path> files = journals.isEmpty()
                ? List.of(policy.journal().orElse(resolve(DEFAULT_JOURNAL)))
                : journals.stream().map(this::resolve).toList();
        String origin = journals.isEmpty() && policy.journal().isPresent()
                ? "worker.journal of " + resolve(config)
                : "--journal";
        files.forEach(f -> checkJournal(f, origin));

        // the comparison period and the bounce window before the period: a bounce in the period may answer a
        // handover just before it. Without --since the whole journal is read, so nothing is cut
        Instant assumedEnd = requestedUntil != null ? requestedUntil : clock.instant();
        Instant readFrom = requestedFrom == null || !requestedFrom.isBefore(assumedEnd)
                ? Instant.MIN
                : Review.earliestNeeded(requestedFrom, assumedEnd, options);
        Journals.Read read = Journals.read(files, readFrom);
        read.warnings().forEach(w -> stderr.println("handover report: warning: " + w));
        List<JournalEntry> entries = read.entries();
        if (entries.isEmpty() && requestedFrom == null) {
            // with --since a quiet period is a report of zeros (a weekly job must not fail in a quiet week); without
            // it there is no period to speak of
            throw new IllegalStateException((files.size() == 1
                            ? "the journal " + files.get(0) + " holds"
                            : "the journals " + files + " hold")
                    + " no events"
                    + (read.warnings().isEmpty() ? "" : " (" + read.warnings().size() + " unreadable lines skipped)")
                    + ": nothing to review");
        }
        Instant now = clock.instant();
        // without --since or --until the period is the journal's own span (a journal from a past week, the demo's,
        // is that week, not a period up to today); with --since only, it runs to now or the newest entry if later
        Instant newest = entries.stream()
                .map(e -> e.event().at().plusNanos(1))
                .max(Instant::compareTo)
                .orElse(now);
        Instant end = requestedUntil != null
                ? requestedUntil
                : requestedFrom == null ? newest : newest.isAfter(now) ? newest : now;
        if (requestedFrom != null
                && end.isAfter(assumedEnd)
                && Review.earliestNeeded(requestedFrom, end, options).isBefore(readFrom)) {
            // the period reaches a journal stamped after now (the demo's clock): its comparison period is longer
            read = Journals.read(files, Review.earliestNeeded(requestedFrom, end, options));
            entries = read.entries();
        }
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
        write(Review.of(entries, from, end, options), from, end, stdout);
        return 0;
    }

    /** {@code --from-crm}: the same review, its entries read from the CRM's tickets. */
    private int fromCrm(PrintWriter stdout, PrintWriter stderr) {
        if (config == null) {
            throw new IllegalArgumentException(
                    "--from-crm needs --config FILE: the configuration names the CRM and its secrets");
        }
        if (since == null) {
            throw new IllegalArgumentException("--from-crm needs --since WHEN (such as 7d): every ticket updated since"
                    + " then is searched, so an open start would read the whole CRM");
        }
        if (!journals.isEmpty()) {
            throw new IllegalArgumentException("--from-crm and --journal cannot be used together: the review is"
                    + " rebuilt from the CRM alone (a journal would add what the CRM does not keep only for its own"
                    + " worker); drop one of them");
        }
        RunnerConfig loaded = ConfigLoader.with(env, clock).load(resolve(config));
        ReportPolicy policy = ReportPolicy.of(loaded);
        ZoneId z = zone != null ? zone : policy.zone();
        ReviewOptions options = ReviewOptions.defaults().withZone(z).withBounceWindow(policy.bounceWindow());
        Instant from = resolve(since, z, false);
        Instant end = until == null ? clock.instant() : resolve(until, z, true);
        if (!from.isBefore(end)) {
            throw new IllegalArgumentException("--since must be before --until, was " + from + " and " + end);
        }
        CrmSource.Read read = CrmSource.read(loaded, Review.earliestNeeded(from, end, options));
        read.warnings().forEach(w -> stderr.println("handover report: warning: " + w));
        Review review = Review.of(read.entries(), from, end, options.withTeamNames(read.teamNames()));
        if (write(review, from, end, stdout)) {
            // on stdout only beside a report written to a file: a report on stdout stays the report alone
            stdout.printf(
                    "handover report: read from the CRM: %s updated since %s, %s handed over%n",
                    Format.plural(read.ticketsSearched(), "ticket", "tickets"),
                    Review.earliestNeeded(from, end, options),
                    Format.plural(read.ticketsRead(), "ticket", "tickets"));
        }
        return 0;
    }

    /** Writes the report; true when it went to a file. */
    private boolean write(Review review, Instant from, Instant end, PrintWriter stdout) {
        Instant generated = clock.instant();
        String target = out != null ? out : format == OutputFormat.HTML ? DEFAULT_HTML.toString() : "-";
        if (target.equals("-")) {
            try {
                format.write(review, generated, stdout);
            } catch (IOException e) {
                throw new UncheckedIOException("the report cannot be written to stdout: " + e, e);
            }
            return false;
        }
        Path path = resolve(Path.of(target));
        // a new report is owner-only: it holds names, ticket ids and feedback; an existing one keeps its permissions
        try (java.io.Writer w = new java.io.BufferedWriter(
                new java.io.OutputStreamWriter(OwnerOnly.output(path), StandardCharsets.UTF_8), 1 << 16)) {
            format.write(review, generated, w);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(
                    "the report cannot be written to " + path + ": its directory does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("the report cannot be written to " + path + ": " + e, e);
        }
        stdout.printf(
                "handover report: wrote %s (%s, %s, %s)%n",
                path,
                format.name().toLowerCase(Locale.ROOT),
                Format.plural(review.figures().volume().handovers(), "handover", "handovers"),
                Format.period(from, end));
        return true;
    }

    /** A date is a day in the team's zone; instants and look-backs are what they are. */
    private Instant resolve(When when, ZoneId z, boolean end) {
        if (when instanceof When.Day d) {
            return (end ? d.date().plusDays(1) : d.date()).atStartOfDay(z).toInstant();
        }
        return when.resolve(clock, end);
    }

    /** A journal must be there; {@code origin} is where its path came from, for the message. */
    private static void checkJournal(Path file, String origin) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(
                    origin + ": " + file + " is a directory; expected the journal file (handover-journal.jsonl)");
        }
        // a crash between a rotation's rename and the new file leaves only FILE.1 …: still a journal
        if (!Files.exists(file) && !Files.exists(file.resolveSibling(file.getFileName() + ".1"))) {
            throw new IllegalArgumentException(origin + ": there is no journal at " + file
                    + "; name the worker's journal with --journal FILE (default: handover-journal.jsonl)");
        }
    }

    private Path resolve(Path p) {
        return p.isAbsolute() ? p : directory.resolve(p);
    }
}
