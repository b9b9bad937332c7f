package dev.handover.runner.report;

import static dev.handover.runner.report.Format.percent;
import static dev.handover.runner.report.Format.plural;

import java.time.Instant;
import java.util.List;

/**
 * The review as one self-contained HTML page: inline CSS, charts as inline SVG, no script, no external resource, every
 * text escaped. Laid out for a review meeting: on a projector (large type, strong contrast) and on paper (A4, sections
 * kept whole).
 */
final class HtmlReport {
    private static final int TOP_BARS = 10;
    /** A team's worth of agents by name; a larger organisation gets an "others" bar. */
    private static final int TOP_AGENTS = 15;

    private static final String CSS = """
            :root { --ink: #1d2430; --muted: #5b6677; --line: #dde2ea; --panel: #f5f7fa; --blue: #1f5fa8;
              --amber: #d98e04; --red: #b3372b; --green: #2e7d4f; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
              sans-serif; color: var(--ink); background: #fff; }
            main { max-width: 1180px; margin: 0 auto; padding: 28px 32px 40px; }
            header.top { display: flex; justify-content: space-between; align-items: flex-end; gap: 24px;
              border-bottom: 4px solid var(--blue); padding-bottom: 14px; margin-bottom: 22px; }
            h1 { font-size: 30px; margin: 0; letter-spacing: -0.01em; }
            .period { font-size: 20px; margin: 4px 0 0; font-weight: 600; color: var(--blue); }
            .generated { margin: 0; color: var(--muted); font-size: 14px; text-align: right; }
            h2 { font-size: 20px; margin: 0 0 12px; }
            h3 { font-size: 15px; margin: 14px 0 6px; color: var(--muted); text-transform: uppercase;
              letter-spacing: 0.04em; }
            section { margin: 0 0 22px; break-inside: avoid; page-break-inside: avoid; }
            .kpis { display: grid; grid-template-columns: repeat(6, 1fr); gap: 12px; }
            .kpi { background: var(--panel); border-radius: 8px; padding: 12px 14px; border-top: 4px solid var(--blue);
              min-width: 0; }
            .kpi.warn { border-top-color: var(--amber); }
            .kpi .name { display: block; font-size: 12px; color: var(--muted); font-weight: 600;
              text-transform: uppercase; letter-spacing: 0.02em; white-space: nowrap; overflow: hidden;
              text-overflow: ellipsis; }
            .kpi .value { font-size: 34px; font-weight: 700; line-height: 1.15; display: block; }
            .kpi .detail { font-size: 13px; color: var(--muted); }
            .improve { background: #fff8e6; border-left: 6px solid var(--amber); border-radius: 6px; padding: 14px 20px; }
            .improve ul { margin: 0; padding-left: 20px; }
            .improve li { margin: 4px 0; font-size: 17px; }
            .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 22px; margin: 0 0 22px; }
            .card { border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px; }
            svg.chart { width: 100%; height: auto; display: block; }
            svg text { font-family: inherit; font-size: 14px; fill: var(--ink); }
            svg text.value { font-weight: 700; }
            svg text.tick, svg text.weekday { fill: var(--muted); font-size: 12px; }
            svg .grid { stroke: var(--line); stroke-width: 1; }
            svg .axis { stroke: #9aa3b0; stroke-width: 1.5; }
            .legend { font-size: 13px; color: var(--muted); margin: 6px 0 0; }
            .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin: 0 4px -1px 12px; }
            table { border-collapse: collapse; width: 100%; font-size: 15px; }
            th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
            th { color: var(--muted); font-weight: 600; font-size: 13px; text-transform: uppercase; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            .facts td:first-child { color: var(--muted); }
            .facts td.num { font-weight: 700; }
            .impacts { margin: 2px 0 0; padding-left: 18px; color: var(--muted); font-size: 13px; }
            blockquote { margin: 0 0 10px; padding: 8px 12px; background: var(--panel); border-left: 4px solid var(--blue);
              border-radius: 4px; }
            blockquote .meta { display: block; font-size: 13px; color: var(--muted); margin-top: 2px; }
            .none { color: var(--muted); font-style: italic; }
            .path { color: var(--muted); font-size: 14px; }
            footer { margin-top: 28px; padding-top: 10px; border-top: 1px solid var(--line); font-size: 13px;
              color: var(--muted); }
            @media (max-width: 900px) { .kpis { grid-template-columns: repeat(3, 1fr); } .grid { grid-template-columns: 1fr; } }
            @media print {
              @page { size: A4; margin: 14mm; }
              body { font-size: 12px; }
              main { max-width: none; padding: 0; }
              h1 { font-size: 22px; }
              .period { font-size: 15px; }
              h2 { font-size: 16px; }
              h3 { font-size: 12px; }
              .kpis { grid-template-columns: repeat(3, 1fr); gap: 8px; }
              .kpi .value { font-size: 24px; }
              .improve li { font-size: 13px; }
              table { font-size: 12px; }
              .grid { grid-template-columns: 1fr 1fr; gap: 14px; }
              .kpi, .improve, blockquote { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            }
            """;

    private HtmlReport() {}

    /** Escapes text for HTML content and attribute values. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(control(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    /**
     * Controls and bidi overrides in customer text: HTML has no escape for them (a character reference to one is a
     * parse error, and 0x80–0x9F ones mean other characters), an override would reorder the text around it, and the
     * file may be read in a terminal; shown as U+FFFD, as parsers show NUL.
     */
    private static boolean control(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                || (c >= 0x7f && c <= 0x9f)
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }

    static String render(Figures f, Instant generated) {
        StringBuilder h = new StringBuilder(64 * 1024);
        String period = Format.period(f.from(), f.until());
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Handover review · ")
                .append(esc(period))
                .append("</title><style>")
                .append(CSS)
                .append("</style></head><body><main>\n");
        h.append("<header class=\"top\"><div><h1>Handover review</h1><p class=\"period\" data-figure=\"period\">")
                .append(esc(period))
                .append("</p></div><p class=\"generated\">Generated <span data-figure=\"generated\">")
                .append(esc(Format.time(generated)))
                .append("</span><br>from the handover journal</p></header>\n");
        kpis(h, f);
        suggestions(h, f);
        volume(h, f);
        acknowledgement(h, f);
        followUp(h, f);
        bouncesAndChains(h, f);
        notes(h, f);
        refusals(h, f);
        h.append(
                        "<footer>Counts are of distinct handovers and events in the period (UTC); ratios about handovers follow"
                                + " the handovers executed in the period up to its end. Latency percentiles use the nearest-rank"
                                + " method. A bounce is a hand-back to the previous sender within ")
                .append(esc(Format.duration(f.bounces().window())))
                .append(". Every figure is explained in docs/report.md.</footer>\n");
        return h.append("</main></body></html>\n").toString();
    }

    private static void kpis(StringBuilder h, Figures f) {
        long n = f.volume().handovers();
        Figures.Acks a = f.acks();
        h.append("<section class=\"kpis\">");
        kpi(
                h,
                "handovers",
                "Handovers",
                Long.toString(n),
                f.refusals().count() + " refused · " + f.failures().count() + " failed",
                false);
        kpi(
                h,
                "acknowledged",
                "Acknowledged",
                percent(a.acknowledged(), a.needed()),
                a.acknowledged() + " of " + a.needed() + " · " + a.late() + " late",
                a.late() + a.retargeted() + a.overdue() > 0);
        kpi(
                h,
                "latency-p50",
                "Acknowledged in",
                a.p50().map(Format::duration).orElse("–"),
                "median · 90% within " + a.p90().map(Format::duration).orElse("–"),
                false);
        kpi(
                h,
                "on-time",
                "Actions on time",
                percent(f.actions().onTime(), f.actions().completed()),
                f.actions().onTime() + " of " + f.actions().completed() + " · "
                        + plural(f.escalations().total(), "escalation", "escalations"),
                f.escalations().total() > 0);
        kpi(
                h,
                "bounce-rate",
                "Bounced back",
                percent(f.bounces().count(), n),
                f.bounces().count() + " bounced · " + f.bounces().refusedByGuard() + " stopped by the guard",
                f.bounces().count() > 0);
        kpi(
                h,
                "notes-complete",
                "Notes complete",
                percent(f.notes().complete(), n),
                f.notes().complete() + " of " + n + " · " + "feedback "
                        + f.feedback().count(),
                f.notes().complete() < n);
        h.append("</section>\n");
    }

    private static void kpi(StringBuilder h, String key, String name, String value, String detail, boolean warn) {
        h.append("<div class=\"kpi")
                .append(warn ? " warn" : "")
                .append("\"><span class=\"name\">")
                .append(esc(name))
                .append("</span><span class=\"value\" data-figure=\"")
                .append(key)
                .append("\">")
                .append(esc(value))
                .append("</span><span class=\"detail\">")
                .append(esc(detail))
                .append("</span></div>");
    }

    private static void suggestions(StringBuilder h, Figures f) {
        h.append("<section class=\"improve\"><h2>What to improve</h2>");
        if (f.suggestions().isEmpty()) {
            h.append("<p class=\"none\">Nothing stands out in this period.</p>");
        } else {
            h.append("<ul data-figure=\"suggestions\">");
            f.suggestions().forEach(s -> h.append("<li>").append(esc(s)).append("</li>"));
            h.append("</ul>");
        }
        h.append("</section>\n");
    }

    private static void volume(StringBuilder h, Figures f) {
        Figures.Volume v = f.volume();
        h.append("<section class=\"card\"><h2>Handovers per day</h2>")
                .append(Svg.trend(v.perDay()))
                .append("<p class=\"legend\"><span class=\"swatch\" style=\"background:")
                .append(Svg.BLUE)
                .append("\"></span>complete note<span class=\"swatch\" style=\"background:")
                .append(Svg.AMBER)
                .append("\"></span>required section missing · customer told in ")
                .append(percent(v.customerNotified(), v.handovers()))
                .append(" of handovers</p></section>\n");
        grid(
                h,
                card("Why: by reason", Svg.bars("reasons", "Handovers by reason", v.byReason(), TOP_BARS, Svg.BLUE)),
                card(
                        "To which team",
                        Svg.bars("teams", "Handovers by receiving team", v.byTeam(), TOP_BARS, Svg.BLUE)));
        grid(
                h,
                card(
                        "Received by",
                        Svg.bars("receivers", "Handovers by receiving agent", v.byReceiver(), TOP_AGENTS, Svg.GREEN)),
                card(
                        "Handed over by",
                        Svg.bars("senders", "Handovers by sending agent", v.bySender(), TOP_AGENTS, Svg.GREEN)));
    }

    private static void acknowledgement(StringBuilder h, Figures f) {
        Figures.Acks a = f.acks();
        StringBuilder facts = new StringBuilder("<table class=\"facts\" data-table=\"acknowledgement\">");
        fact(facts, "needed", "Handovers asking for an acknowledgement", Long.toString(a.needed()));
        fact(
                facts,
                "acknowledged",
                "Acknowledged",
                a.acknowledged() + " (" + percent(a.acknowledged(), a.needed()) + ")");
        fact(facts, "late", "… after the deadline", Long.toString(a.late()));
        fact(facts, "retargeted", "Re-targeted: never acknowledged", Long.toString(a.retargeted()));
        fact(facts, "pending", "Not yet acknowledged at the end", a.pending() + " (" + a.overdue() + " past deadline)");
        fact(
                facts,
                "p50",
                "Median latency (nearest rank)",
                a.p50().map(Format::duration).orElse("–"));
        fact(facts, "p90", "90th percentile", a.p90().map(Format::duration).orElse("–"));
        for (Figures.Count m : a.byMethod()) {
            fact(facts, "method-" + m.key(), "Acknowledged " + m.label(), Long.toString(m.count()));
        }
        facts.append("</table>");
        h.append("<section><h2>Acknowledgement</h2>");
        grid(
                h,
                card(
                        "Time to acknowledge",
                        Svg.columns("latency", "Acknowledgements by latency", a.latency(), Svg.BLUE)),
                card("Figures", facts.toString()));
        h.append("</section>\n");
    }

    private static void followUp(StringBuilder h, Figures f) {
        StringBuilder left = new StringBuilder("<table class=\"facts\" data-table=\"follow-up\">");
        fact(
                left,
                "on-time",
                "Handed-over actions done on time",
                f.actions().onTime() + " of " + f.actions().completed() + " ("
                        + percent(f.actions().onTime(), f.actions().completed()) + ")");
        fact(left, "reminders", "Reminders sent", Long.toString(f.reminders().total()));
        for (Figures.Count k : f.reminders().byKind()) {
            fact(left, "reminder-" + k.key(), "… " + k.label(), Long.toString(k.count()));
        }
        fact(left, "closed", "Follow-ups closed", Long.toString(f.followUps().closed()));
        for (Figures.Count o : f.followUps().byOutcome()) {
            fact(left, "outcome-" + o.key(), "… " + o.label(), Long.toString(o.count()));
        }
        fact(
                left,
                "reconciled",
                "Handovers whose missing tasks were repaired",
                "" + f.followUps().reconciled());
        left.append("</table>");

        Figures.Escalations e = f.escalations();
        StringBuilder right = new StringBuilder();
        right.append(Svg.bars("escalation-levels", "Escalations by level", e.byLevel(), TOP_BARS, Svg.AMBER));
        right.append("<h3>Why, and what it meant for the customer</h3>");
        if (e.byCause().isEmpty()) {
            right.append("<p class=\"none\">No escalations in this period.</p>");
        } else {
            right.append("<table data-table=\"escalation-causes\"><tr><th>cause</th><th class=\"num\">count</th></tr>");
            for (Figures.Cause c : e.byCause()) {
                right.append("<tr data-key=\"")
                        .append(esc(c.key()))
                        .append("\"><td>")
                        .append(esc(c.label()))
                        .append("<ul class=\"impacts\">");
                c.impacts().forEach(i -> right.append("<li>").append(esc(i)).append("</li>"));
                right.append("</ul></td><td class=\"num\">").append(c.count()).append("</td></tr>");
            }
            right.append("</table>");
            if (e.toNobody() > 0) {
                right.append("<p class=\"legend\">")
                        .append(esc(plural(e.toNobody(), "escalation", "escalations")))
                        .append(" found nobody to take it: the ladder ran out.</p>");
            }
        }
        h.append("<section><h2>Follow-up</h2>");
        grid(h, card("Actions, reminders, closing", left.toString()), card("Escalations", right.toString()));
        h.append("</section>\n");
    }

    private static void bouncesAndChains(StringBuilder h, Figures f) {
        Figures.Bounces b = f.bounces();
        StringBuilder left = new StringBuilder("<table class=\"facts\" data-table=\"bounces\">");
        fact(
                left,
                "bounces",
                "Handed straight back within " + Format.duration(b.window()),
                b.count() + " (" + percent(b.count(), f.volume().handovers()) + " of handovers)");
        fact(left, "guard", "Hand-backs stopped by the ping-pong guard", Long.toString(b.refusedByGuard()));
        left.append("</table><h3>Between</h3>")
                .append(Svg.bars("bounce-pairs", "Bounces by pair of agents", b.pairs(), TOP_BARS, Svg.AMBER));

        Figures.Chains c = f.chains();
        StringBuilder right = new StringBuilder();
        right.append(Svg.bars(
                "chains",
                "Tickets by longest chain",
                c.distribution(),
                c.distribution().size(),
                Svg.BLUE));
        right.append("<h3>Longest</h3>");
        if (c.longest().isEmpty()) {
            right.append("<p class=\"none\">No handovers in this period.</p>");
        } else {
            right.append("<table data-table=\"longest\"><tr><th>ticket</th><th class=\"num\">handovers</th>"
                    + "<th>who held it (as journaled)</th></tr>");
            for (Figures.Chain ch : c.longest()) {
                right.append("<tr data-key=\"")
                        .append(esc(ch.ticket()))
                        .append("\"><td>")
                        .append(esc(ch.ticket()))
                        .append("</td><td class=\"num\">")
                        .append(ch.length())
                        .append("</td><td class=\"path\">")
                        .append(esc(String.join(" → ", ch.path())))
                        .append("</td></tr>");
            }
            right.append("</table>");
        }
        h.append("<section><h2>Bounces and chains</h2>");
        grid(h, card("Bounces", left.toString()), card("Times a ticket changed hands", right.toString()));
        h.append("</section>\n");
    }

    private static void notes(StringBuilder h, Figures f) {
        Figures.Feedback fb = f.feedback();
        String left = "<p>"
                + esc(f.notes().complete() + " of " + f.volume().handovers() + " notes had every required section ("
                        + percent(f.notes().complete(), f.volume().handovers()) + ").")
                + "</p>"
                + Svg.bars(
                        "missing", "Required sections found missing", f.notes().missing(), TOP_BARS, Svg.AMBER);
        StringBuilder right = new StringBuilder("<p>")
                .append(esc(plural(fb.count(), "piece", "pieces") + " of feedback from "
                        + plural(fb.receivers(), "receiver", "receivers")
                        + "; sections they found missing or unclear:"))
                .append("</p>")
                .append(Svg.bars("feedback", "Sections receivers found missing", fb.sections(), TOP_BARS, Svg.AMBER));
        h.append("<section><h2>Note quality and receivers' feedback</h2>");
        grid(h, card("Missing when written", left), card("Missing when read", right.toString()));
        if (!fb.comments().isEmpty()) {
            h.append("<h3>What receivers said</h3><div data-table=\"comments\">");
            for (Figures.Comment c : fb.comments()) {
                h.append("<blockquote data-key=\"")
                        .append(esc(c.handover()))
                        .append("\"><span class=\"text\">")
                        .append(esc(c.text()))
                        .append("</span><span class=\"meta\">")
                        .append(esc(c.from() + " on ticket " + c.ticket() + ", " + Format.time(c.at())
                                + (c.missing().isEmpty() ? "" : " — missing: " + String.join(", ", c.missing()))))
                        .append("</span></blockquote>");
            }
            h.append("</div>");
        }
        h.append("</section>\n");
    }

    private static void refusals(StringBuilder h, Figures f) {
        String left = "<p>"
                + esc(plural(f.refusals().count(), "refusal", "refusals") + " on "
                        + plural(f.refusals().tickets(), "ticket", "tickets") + ".")
                + "</p>" + causes("refusal-causes", f.refusals().causes());
        String right = "<p>"
                + esc(plural(f.failures().count(), "failed write", "failed writes") + ", "
                        + f.failures().retryable() + " retryable.")
                + "</p>" + causes("failure-causes", f.failures().causes());
        h.append("<section><h2>Refused and failed handovers</h2>");
        grid(h, card("Refused: top causes", left), card("Failed: top errors", right));
        h.append("</section>\n");
    }

    private static String causes(String table, List<Figures.Count> causes) {
        if (causes.isEmpty()) {
            return "<p class=\"none\">None in this period.</p>";
        }
        StringBuilder s = new StringBuilder("<table data-table=\"")
                .append(table)
                .append("\"><tr><th>cause</th><th class=\"num\">count</th></tr>");
        for (Figures.Count c : causes) {
            s.append("<tr><td>")
                    .append(esc(c.label()))
                    .append("</td><td class=\"num\">")
                    .append(c.count())
                    .append("</td></tr>");
        }
        return s.append("</table>").toString();
    }

    private static void fact(StringBuilder t, String key, String name, String value) {
        t.append("<tr data-key=\"")
                .append(esc(key))
                .append("\"><td>")
                .append(esc(name))
                .append("</td><td class=\"num\">")
                .append(esc(value))
                .append("</td></tr>");
    }

    private static String card(String title, String body) {
        return "<div class=\"card\"><h3>" + esc(title) + "</h3>" + body + "</div>";
    }

    private static void grid(StringBuilder h, String left, String right) {
        h.append("<div class=\"grid\">").append(left).append(right).append("</div>\n");
    }
}
