package dev.handover.runner.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.runner.journal.EventCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The review as JSON. The tree is built field by field rather than by reflection over {@link Figures}, so the shape
 * documented in docs/report.md stays what it is when the records change; {@link CsvReport} flattens the same tree.
 */
final class JsonReport {
    /** The shape's version; raised when a field changes meaning or goes away (added fields do not raise it). */
    static final int VERSION = 1;

    private static final ObjectMapper MAPPER = EventCodec.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {}

    static String render(Figures f, Instant generated) {
        try {
            return MAPPER.writeValueAsString(tree(f, generated)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the review cannot be written as JSON", e);
        }
    }

    static ObjectNode tree(Figures f, Instant generated) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("report", "handover-review");
        root.put("version", VERSION);
        root.put("generated", generated.toString());
        ObjectNode period = root.putObject("period");
        period.put("from", f.from().toString());
        period.put("until", f.until().toString());
        period.put("timeZone", "UTC");

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

        texts(root, "suggestions", f.suggestions());
        return root;
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
        Optional<Double> s = Figures.share(part, whole);
        if (s.isPresent()) {
            parent.put(name, Math.round(s.get() * 10_000) / 10_000.0);
        } else {
            parent.putNull(name);
        }
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
