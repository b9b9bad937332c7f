package dev.handover.runner.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.runner.journal.EventCodec;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;

/**
 * The demo's timeline for machines: one JSON object per line, in time order — each timeline entry ({@code time},
 * {@code local}, {@code scenario}, {@code kind}, {@code ticket}, {@code handover}, {@code from}, {@code to}, {@code
 * text}, {@code details}, and {@code note}, {@code notice}, {@code message} where it has them), then one {@code check}
 * line per check, a {@code summary} line and a {@code review} line whose {@code review} member is the review report's JSON
 * document (docs/report.md). Absent values are null.
 */
final class JsonReport {
    private static final ObjectMapper MAPPER = EventCodec.mapper();

    private JsonReport() {}

    static void print(PrintWriter out, DemoDay.Outcome day) {
        List<Entry> timeline = day.entries().stream()
                .sorted(Comparator.comparing(Entry::at)) // stable: same-time entries keep their order
                .toList();
        for (Entry e : timeline) {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("time", e.at().toString());
            n.put("local", DemoDay.clockTime(e.at()));
            n.put("scenario", e.scenario().id());
            n.put("kind", e.kind());
            n.put("ticket", orNull(e.ticket()));
            n.put("handover", orNull(e.handover()));
            n.put("from", orNull(e.from()));
            n.put("to", orNull(e.to()));
            n.put("text", e.text());
            e.details().forEach(n.putArray("details")::add);
            for (String field : List.of("note", "notice", "message")) {
                n.put(field, e.block(field).map(Entry.Block::body).orElse(null));
            }
            line(out, n);
        }
        for (DemoDay.Check c : day.checks()) {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("time", day.end().toString());
            n.put("scenario", c.scenario().id());
            n.put("kind", "check");
            n.put("passed", c.passed());
            n.put("text", c.text());
            line(out, n);
        }
        ObjectNode summary = MAPPER.createObjectNode();
        summary.put("time", day.end().toString());
        summary.put("kind", "summary");
        summary.put("seed", day.seed());
        summary.put("passed", day.passed());
        summary.put("handovers", day.stats().handovers());
        summary.put("notes", day.stats().notes());
        summary.put("calls", day.stats().calls());
        summary.put("writes", day.stats().writes());
        summary.put("failedCalls", day.stats().failures());
        line(out, summary);
        ObjectNode review = MAPPER.createObjectNode();
        review.put("time", day.end().toString());
        review.put("kind", "review");
        try {
            // the review's own document (docs/report.md), generated "at" the end of the day so the line is repeatable
            review.set("review", MAPPER.readTree(DemoCommand.review(day).toJson(day.end())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the review's JSON cannot be read back", e);
        }
        line(out, review);
        out.flush();
    }

    private static String orNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static void line(PrintWriter out, ObjectNode n) {
        try {
            out.println(MAPPER.writeValueAsString(n));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a timeline line cannot be written as JSON", e);
        }
    }
}
