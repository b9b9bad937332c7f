package dev.handover.runner.demo;

import dev.handover.runner.report.Review;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code handover demo}: a simulated working day of handovers on the embedded in-memory CRM with the demo data set and
 * a simulated clock — no account, no network, done in seconds; with {@code --days N}, N calendar days of them. Exit code 0 when every scenario came out as expected,
 * 1 when one did not.
 */
@Command(
        name = "demo",
        usageHelpAutoWidth = true,
        description = {
            "Plays a working day of the demo team on the embedded in-memory CRM with a simulated clock: no account,"
                    + " no network, done in seconds.",
            "",
            "The day shows a shift change handing the departing agent's open tickets to the next shift; a complaint"
                    + " going to the line manager; a German-speaking customer handed to a German speaker; an absence"
                    + " with the hand-back on return; a receiver who never acknowledges (reminded, then re-targeted);"
                    + " an action left undone (check-in, reminders, escalation with the reason and what it means for"
                    + " the customer); and a CRM outage in the middle of the day that recovers with nothing lost.",
            "",
            "It prints the timeline — the notes as written to the CRM, the customer notices, reminders and"
                    + " escalations — checks its own outcomes, and ends with the review of the day.",
            "",
            "With --days N it plays N calendar days from Monday 2 March 2026, each weekday on its own tickets, the"
                    + " weekends off, and prints a line per day and the review of the period.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every scenario came out as expected", "1:one did not", "2:usage error"})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "Seed of the demo data: the same seed gives the same day (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--json",
            description = "Print the timeline as JSON lines, one object per entry, then the checks and a summary.")
    boolean json;

    @Option(
            names = "--journal",
            paramLabel = "FILE",
            description = "Also write every event to this new journal file, for handover report --journal FILE.")
    Path journal;

    @Option(
            names = "--days",
            paramLabel = "N",
            defaultValue = "1",
            description = "Play N consecutive calendar days from Monday 2 March 2026 (1–" + DemoPeriod.MAX_DAYS
                    + ", default: ${DEFAULT-VALUE}), each weekday with its own tickets, weekends not worked; for N"
                    + " above 1 a line per day and the review of the period.")
    int days;

    @Option(
            names = "--verbose",
            description = "Print the whole procedure, every handover note and every follow-up note.")
    boolean verbose;

    /** For picocli. */
    public DemoCommand() {}

    @Override
    public Integer call() {
        if (days < 1 || days > DemoPeriod.MAX_DAYS) {
            spec.commandLine().getErr().println("handover demo: " + DemoPeriod.bounds(days));
            return 2; // the runner's usage error
        }
        if (journal != null && Files.exists(journal) && journal.toFile().length() > 0) {
            // the demo's days are always the same days: a second run into one journal would count everything twice
            throw new IllegalArgumentException(
                    "--journal " + journal + " already has entries; give a new file for the demo's day");
        }
        // the timeline tells what the engine does; its log lines on stderr would only interleave with it
        dev.handover.runner.logging.Logging.quietUnlessChosen("dev.handover");
        if (days > 1) {
            return period();
        }
        DemoDay.Outcome day = DemoDay.run(seed);
        if (journal != null) {
            DemoJournal.write(journal, day.journal());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonReport.print(out, day);
        } else {
            TextReport.print(out, day, verbose, review(day).toText());
        }
        return day.passed() ? 0 : 1; // the runner's exit codes: 0 ok, 1 the work failed
    }

    private int period() {
        DemoPeriod.Outcome period = DemoPeriod.run(seed, days);
        if (journal != null) {
            DemoJournal.write(journal, period.journal());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            PeriodReport.json(out, period);
        } else {
            PeriodReport.text(out, period, verbose, journal);
        }
        return period.passed() ? 0 : 1;
    }

    /** The review of the simulated day, from its journal. */
    static Review review(DemoDay.Outcome day) {
        // the last sweep runs at 19:00, and what it does belongs to the day
        return Review.of(day.journal(), day.start(), day.end().plusSeconds(60));
    }
}
