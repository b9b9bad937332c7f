package dev.handover.runner.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.runner.journal.EventCodec;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The review as JSON. The tree is built field by field rather than by reflection over {@link Figures}, so the shape
 * documented in docs/report.md stays what it is when the records change; {@link CsvReport} flattens the same tree.
 * The evidence section, which can hold a million rows over a year, is written row by row and never held as a tree.
 */
final class JsonReport {
    /** The shape's version; raised when a field changes meaning or goes away (added fields do not raise it). */
    static final int VERSION = 1;

    private static final ObjectMapper MAPPER = EventCodec.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    static String render(Figures f, Instant generated) {
        StringWriter out = new StringWriter(64 * 1024);
        try {
            write(f, generated, out);
        } catch (IOException e) {
            throw new IllegalStateException("the review cannot be written as JSON", e);
        }
        return out.toString();
    }

    /** Writes the document; the writer is not closed. */
    static void write(Figures f, Instant generated, Writer out) throws IOException {
        // the figures as a tree, the evidence streamed row by row: a year holds a million rows, too many for a tree
        try (JsonGenerator g =
                MAPPER.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            DefaultPrettyPrinter indented = new DefaultPrettyPrinter();
            g.setPrettyPrinter(indented);
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> field : tree(f, generated).properties()) {
                g.writeFieldName(field.getKey());
                MAPPER.writeTree(g, field.getValue());
            }
            List<Map.Entry<Evidence.Row, List<String>>> rows = Evidence.inverted(f.evidence());
            g.writeObjectFieldStart("evidence");
            g.writeNumberField("count", rows.size());
            g.writeArrayFieldStart("rows");
            // a row per line: indented, a year's rows would be half whitespace
            g.setPrettyPrinter(new MinimalPrettyPrinter());
            int i = 0;
            for (Map.Entry<Evidence.Row, List<String>> e : rows) {
                g.writeRaw("\n");
                MAPPER.writeTree(g, evidenceRow(++i, e.getKey(), e.getValue()));
            }
            g.setPrettyPrinter(indented);
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
        out.write('\n');
    }

    /**
     * One row of the evidence section: {@code key} its position (oldest first), {@code label} the event's kind, when,
     * the ticket, the handover, its sender and receiver, what happened, and the lists (figures) it is behind.
     */
    static ObjectNode evidenceRow(int position, Evidence.Row r, List<String> lists) {
        ObjectNode row = MAPPER.createObjectNode();
        row.put("key", Integer.toString(position));
        row.put("label", r.kind());
        row.put("at", r.at().toString());
        row.put("ticket", r.ticket());
        row.put("handover", r.handover());
        row.put("from", r.from());
        row.put("to", r.to());
        row.put("what", r.what());
        texts(row, "lists", lists);
        return row;
    }

    static ObjectNode tree(Figures f, Instant generated) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("report", "handover-review");
        root.put("version", VERSION);
        root.put("generated", generated.toString());
        ObjectNode period = root.putObject("period");
        period.put("from", f.from().toString());
        period.put("until", f.until().toString());
        period.put("timeZone", Format.zone(f.zone()));

        long n = f.volume().handovers();
        ObjectNode h = root.putObject("handovers");
        h.put("count", n);
        h.put("fromReplay", f.volume().fromReplay());
        h.put("customerNotified", f.volume().customerNotified());
        share(h, "customerNotifiedShare", f.volume().customerNotified(), n);
        counts(h, "byReason", f.volume().byReason());
        counts(h, "byTeam", f.volume().byTeam());
        counts(h, "byReceiver", f.volume().byReceiver());
        counts(h, "bySender", f.volume().bySender());
        ArrayNode days = h.putArray("perDay");
        for (Figures.Day d : f.volume().perDay()) {
            ObjectNode day = days.addObject();
            day.put("date", d.date().toString());
            day.put("handovers", d.handovers());
            day.put("incompleteNotes", d.incompleteNotes());
            day.put("refused", d.refused());
            day.put("failed", d.failed());
        }
        ObjectNode overTime = h.putObject("overTime");
        overTime.put("unit", f.overTime().unit());
        ArrayNode buckets = overTime.putArray("buckets");
        for (Figures.Bucket b : f.overTime().buckets()) {
            ObjectNode bucket = buckets.addObject();
            bucket.put("key", b.key());
            bucket.put("label", b.label());
            bucket.put("handovers", b.handovers());
            bucket.put("incompleteNotes", b.incompleteNotes());
            bucket.put("refused", b.refused());
            bucket.put("failed", b.failed());
        }

        ObjectNode r = root.putObject("refusals");
        r.put("count", f.refusals().count());
        r.put("tickets", f.refusals().tickets());
        r.put("byPingPongGuard", f.refusals().byGuard());
        counts(r, "causes", f.refusals().causes());

        ObjectNode fl = root.putObject("failures");
        fl.put("count", f.failures().count());
        fl.put("retryable", f.failures().retryable());
        counts(fl, "causes", f.failures().causes());

        Figures.Acks a = f.acks();
        ObjectNode ack = root.putObject("acknowledgement");
        ack.put("needed", a.needed());
        ack.put("acknowledged", a.acknowledged());
        share(ack, "acknowledgedShare", a.acknowledged(), a.needed());
        ack.put("late", a.late());
        ack.put("retargeted", a.retargeted());
        ack.put("pending", a.pending());
        ack.put("overdue", a.overdue());
        ObjectNode latency = ack.putObject("latency");
        latency.put("percentiles", "nearest-rank");
        minutes(latency, "p50Minutes", a.p50());
        minutes(latency, "p90Minutes", a.p90());
        counts(latency, "buckets", a.latency());
        counts(ack, "byMethod", a.byMethod());

        ObjectNode act = root.putObject("actions");
        act.put("completed", f.actions().completed());
        act.put("onTime", f.actions().onTime());
        share(act, "onTimeShare", f.actions().onTime(), f.actions().completed());

        ObjectNode rem = root.putObject("reminders");
        rem.put("count", f.reminders().total());
        counts(rem, "byKind", f.reminders().byKind());

        ObjectNode esc = root.putObject("escalations");
        esc.put("count", f.escalations().total());
        esc.put("toNobody", f.escalations().toNobody());
        counts(esc, "byLevel", f.escalations().byLevel());
        ArrayNode causes = esc.putArray("byCause");
        for (Figures.Cause c : f.escalations().byCause()) {
            ObjectNode cause = causes.addObject();
            cause.put("key", c.key());
            cause.put("label", c.label());
            cause.put("count", c.count());
            texts(cause, "impacts", c.impacts());
        }

        ObjectNode fu = root.putObject("followUps");
        fu.put("closed", f.followUps().closed());
        counts(fu, "byOutcome", f.followUps().byOutcome());
        fu.put("reconciled", f.followUps().reconciled());

        Figures.Bounces b = f.bounces();
        ObjectNode bo = root.putObject("bounces");
        bo.put("count", b.count());
        share(bo, "rate", b.count(), n);
        bo.put("windowMinutes", b.window().toMinutes());
        bo.put("refusedByPingPongGuard", b.refusedByGuard());
        counts(bo, "pairs", b.pairs());

        ObjectNode ch = root.putObject("chains");
        ch.put("tickets", f.chains().tickets());
        counts(ch, "distribution", f.chains().distribution());
        ArrayNode longest = ch.putArray("longest");
        for (Figures.Chain c : f.chains().longest()) {
            ObjectNode chain = longest.addObject();
            chain.put("ticket", c.ticket());
            chain.put("length", c.length());
            texts(chain, "path", c.path());
        }

        ObjectNode no = root.putObject("notes");
        no.put("complete", f.notes().complete());
        share(no, "completeShare", f.notes().complete(), n);
        counts(no, "missing", f.notes().missing());

        Figures.Feedback fb = f.feedback();
        ObjectNode fe = root.putObject("feedback");
        fe.put("count", fb.count());
        fe.put("receivers", fb.receivers());
        counts(fe, "sections", fb.sections());
        ArrayNode comments = fe.putArray("comments");
        for (Figures.Comment c : fb.comments()) {
            ObjectNode comment = comments.addObject();
            comment.put("handover", c.handover());
            comment.put("at", c.at().toString());
            comment.put("ticket", c.ticket());
            comment.put("from", c.from());
            texts(comment, "missing", c.missing());
            comment.put("comment", c.text());
        }

        ObjectNode people = root.putObject("people");
        persons(people.putArray("agents"), f.people().agents(), true);
        persons(people.putArray("teams"), f.people().teams(), false);

        ObjectNode breakdowns = root.putObject("breakdowns");
        breakdowns(breakdowns.putArray("rules"), f.breakdowns().rules());
        breakdowns(breakdowns.putArray("reasons"), f.breakdowns().reasons());

        ObjectNode look = root.putObject("worthALook");
        look.put("count", f.worthALook().size());
        List<Figures.Count> kinds = Tally.LOOK_KINDS.stream()
                .map(k -> new Figures.Count(
                        k, k, f.rows(Evidence.of("worthALook.byKind", k)).size()))
                .toList();
        counts(look, "byKind", kinds);

        f.previous().ifPresent(p -> previous(root.putObject("previous"), p));

        texts(root, "suggestions", f.suggestionTexts());

        return root;
    }

    private static void persons(ArrayNode array, List<Figures.Person> people, boolean agents) {
        for (Figures.Person p : people) {
            ObjectNode o = array.addObject();
            o.put("key", p.key());
            o.put("label", p.label());
            if (agents) {
                o.put("given", p.given());
            }
            o.put("received", p.received());
            o.put("acknowledged", p.acknowledged());
            minutes(o, "ackP50Minutes", p.ackP50());
            o.put("lateAcknowledgements", p.lateAcks());
            o.put("actionsDone", p.actionsDone());
            o.put("actionsOnTime", p.actionsOnTime());
            o.put("reminders", p.reminders());
            o.put("escalations", p.escalations());
            o.put("feedbackGiven", p.feedbackGiven());
            if (agents) {
                o.put("feedbackReceived", p.feedbackReceived());
            }
        }
    }

    private static void breakdowns(ArrayNode array, List<Figures.Breakdown> rows) {
        for (Figures.Breakdown b : rows) {
            ObjectNode o = array.addObject();
            o.put("key", b.key());
            o.put("label", b.label());
            o.put("handovers", b.handovers());
            o.put("lateAcknowledgements", b.lateAcks());
            o.put("escalations", b.escalations());
            o.put("bounces", b.bounces());
            o.put("incompleteNotes", b.incompleteNotes());
        }
    }

    /** The previous period's headline figures; all null when it holds no event ("no data", not zero). */
    private static void previous(ObjectNode o, Figures.Previous p) {
        o.put("from", p.from().toString());
        o.put("until", p.until().toString());
        o.put("hasData", p.hasData());
        if (!p.hasData()) {
            for (String name : List.of(
                    "handovers",
                    "acknowledgedShare",
                    "lateAcknowledgements",
                    "p50Minutes",
                    "onTimeShare",
                    "escalations",
                    "bounceRate",
                    "notesCompleteShare")) {
                o.putNull(name);
            }
            return;
        }
        o.put("handovers", p.handovers());
        share(o, "acknowledgedShare", p.acknowledgedShare());
        o.put("lateAcknowledgements", p.lateAcks());
        minutes(o, "p50Minutes", p.p50());
        share(o, "onTimeShare", p.onTimeShare());
        o.put("escalations", p.escalations());
        share(o, "bounceRate", p.bounceRate());
        share(o, "notesCompleteShare", p.notesCompleteShare());
    }

    private static void share(ObjectNode parent, String name, Optional<Double> s) {
        if (s.isPresent()) {
            parent.put(name, Math.round(s.get() * 10_000) / 10_000.0);
        } else {
            parent.putNull(name);
        }
    }

    private static void counts(ObjectNode parent, String name, List<Figures.Count> counts) {
        ArrayNode array = parent.putArray(name);
        for (Figures.Count c : counts) {
            ObjectNode o = array.addObject();
            o.put("key", c.key());
            o.put("label", c.label());
            o.put("count", c.count());
        }
    }

    private static void texts(ObjectNode parent, String name, List<String> texts) {
        ArrayNode array = parent.putArray(name);
        texts.forEach(array::add);
    }

    /** A share rounded to four decimals, or null when there is no whole. */
    private static void share(ObjectNode parent, String name, long part, long whole) {
        share(parent, name, Figures.share(part, whole));
    }

    /** Minutes rounded to two decimals, or null. */
    private static void minutes(ObjectNode parent, String name, Optional<Duration> d) {
        if (d.isPresent()) {
            parent.put(name, Math.round(d.get().toMillis() / 600.0) / 100.0);
        } else {
            parent.putNull(name);
        }
    }
}
