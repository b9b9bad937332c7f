package dev.handover.runner.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.runner.journal.EventCodec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The output of {@code handover demo --days N} for N above 1: a line per day and the review of the whole period (every
 * day's timeline would be far too long to read); with {@code --verbose} every day in full first; with {@code --json}
 * every day's JSON lines, then one {@code period} line.
 */
final class PeriodReport {
    private static final ObjectMapper MAPPER = EventCodec.mapper();

    private PeriodReport() {}

    /** The days in a line each, then the period's review; {@code journal} is the file written, or null. */
    static void text(PrintWriter out, DemoPeriod.Outcome period, boolean verbose, Path journal) {
        if (verbose) {
            for (DemoDay.Outcome day : period.played()) {
                TextReport.print(out, day, true, DemoCommand.review(day).toText());
                out.println();
            }
        }
        out.println("handover demo — " + period.days() + " simulated days on the in-memory CRM (seed " + period.seed()
                + ")");
        TextReport.wrapped(
                        DemoDay.dayName(period.first()) + " to " + DemoDay.dayName(period.last()) + " · "
                                + DemoPeriod.plural(period.played().size(), "working day")
                                + " played, each 08:00–19:00 " + DemoDay.ZONE + " with its own tickets"
                                + " · simulated clock · no account, no network",
                        "",
                        "")
                .forEach(out::println);
        out.println();
        out.println("THE DAYS");
        List<DemoPeriod.Summary> days = period.summaries();
        for (DemoPeriod.Summary s : days) {
            out.println("  " + s.line());
            s.failed()
                    .forEach(f ->
                            TextReport.wrapped("✗ " + f, "      ", "        ").forEach(out::println));
        }
        long checks = days.stream().mapToLong(DemoPeriod.Summary::checks).sum();
        long held = days.stream().mapToLong(DemoPeriod.Summary::checksPassed).sum();
        out.println("  " + String.format("%-15s", "all " + period.days() + " days") + "  "
                + DemoPeriod.plural(
                        days.stream().mapToLong(DemoPeriod.Summary::handovers).sum(), "handover")
                + " · the days' own checks: " + held + " of " + checks + " held"
                + (period.passed() ? "" : " — see ✗ above"));
        out.println();
        out.println("REVIEW OF THE PERIOD");
        period.review()
                .toText()
                .lines()
                .forEach(l -> TextReport.wrapped(l, "", "    ").forEach(out::println));
        if (journal != null) {
            out.println();
            out.println("The journal " + journal + " holds every day's events; the report a team lead would bring:");
            out.println("  bin/handover report --journal " + journal + " --since " + period.first() + " --until "
                    + period.last() + " --out report.html");
        }
        out.flush();
    }

    /** Every day's JSON lines ({@link JsonReport}), then a {@code period} line: the days and the period's review. */
    static void json(PrintWriter out, DemoPeriod.Outcome period) {
        for (DemoDay.Outcome day : period.played()) {
            JsonReport.print(out, day);
        }
        ObjectNode n = MAPPER.createObjectNode();
        n.put("time", period.until().toString());
        n.put("kind", "period");
        n.put("seed", period.seed());
        n.put("from", period.from().toString());
        n.put("until", period.until().toString());
        n.put("passed", period.passed());
        ArrayNode days = n.putArray("days");
        for (DemoPeriod.Summary s : period.summaries()) {
            ObjectNode d = days.addObject();
            d.put("date", s.date().toString());
            d.put("played", s.played());
            d.put("handovers", s.handovers());
            d.put("acknowledgements", s.acknowledgements());
            d.put("reminders", s.reminders());
            d.put("escalations", s.escalations());
            d.put("checksPassed", s.checksPassed());
            d.put("checks", s.checks());
        }
        try {
            // generated "at" the end of the period, so the line is repeatable
            n.set("review", MAPPER.readTree(period.review().toJson(period.until())));
            out.println(MAPPER.writeValueAsString(n));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the period's review cannot be written as JSON", e);
        }
        out.flush();
    }
}
