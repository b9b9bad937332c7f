package dev.handover.runner.report;

import static dev.handover.runner.report.Format.percent;
import static dev.handover.runner.report.Format.plural;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The review as one self-contained HTML page: inline CSS, charts as inline SVG, no script, no external resource, every
 * text escaped. Laid out for a review meeting: on a projector (large type, strong contrast) and on paper (A4, sections
 * kept whole). Every count links to the list of the journal events behind it, further down the same page (fragment
 * links only: nothing on the page leads off it).
 */
final class HtmlReport {
    private static final int TOP_BARS = 10;
    /** A team's worth of agents by name; a larger organisation gets an "others" bar. */
    private static final int TOP_AGENTS = 15;
    /** Rows shown per evidence list, the newest; the JSON and CSV have them all. */
    static final int LIST_ROWS = 100;
    /** Items of "Worth a look" shown in the box at the top; the full list is linked. */
    static final int LOOK_ROWS = 10;

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
            a.ev { color: inherit; text-decoration: underline dotted; text-underline-offset: 3px; }
            a.ev:hover, a.ev:focus { color: var(--blue); text-decoration-style: solid; }
            svg a.ev text.value { fill: var(--blue); text-decoration: underline; }
            .prev { display: block; font-size: 13px; font-weight: 600; }
            .better { color: var(--green); }
            .worse { color: var(--red); }
            .same, .neutral { color: var(--muted); }
            .look { margin: 14px 0 0; }
            .look li { font-size: 15px; }
            .look .meta { color: var(--muted); font-size: 13px; }
            .evidence h3 { text-transform: none; letter-spacing: 0; color: var(--ink); font-size: 16px; }
            .ev-list { margin: 0 0 18px; }
            .ev-list:target { outline: 3px solid var(--blue); outline-offset: 4px; }
            .ev-list table { font-size: 13px; }
            .more, .back { font-size: 13px; color: var(--muted); }
            .wide { overflow-x: auto; }
            .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
              white-space: nowrap; }
            table.counts th { white-space: normal; font-size: 12px; vertical-align: bottom; }
            table.counts td, table.counts th { padding: 4px 6px; }
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
              a.ev { text-decoration: none; }
              /* the lists behind the figures are for the screen: in print they would run to dozens of pages */
              .evidence, .back { display: none; }
            }
            """;

    private final Figures f;
    /** The lists linked so far and their titles, in the order first linked: rendered at the end of the page. */
    private final Map<String, String> linked = new LinkedHashMap<>();

    private HtmlReport(Figures f) {
        this.f = f;
    }

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
        return new HtmlReport(f).page(generated);
    }

    private String page(Instant generated) {
        StringBuilder h = new StringBuilder(64 * 1024);
        String period = Format.period(f.from(), f.until(), f.zone());
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Handover review · ")
                .append(esc(period))
                .append("</title><style>")
                .append(CSS)
                .append("</style></head><body><main>\n");
        h.append("<header class=\"top\" id=\"top\"><div><h1>Handover review</h1><p class=\"period\""
                        + " data-figure=\"period\">")
                .append(esc(period))
                .append("</p></div><p class=\"generated\">Generated <span data-figure=\"generated\">")
                .append(esc(Format.time(generated, f.zone())))
                .append("</span><br>from the handover journal · times in ")
                .append(esc(Format.zone(f.zone())))
                .append("</p></header>\n");
        kpis(h);
        improve(h);
        volume(h);
        people(h);
        breakdowns(h);
        acknowledgement(h);
        followUp(h);
        bouncesAndChains(h);
        notes(h);
        refusals(h);
        evidence(h);
        h.append("<footer>Counts are of distinct handovers and events in the period (")
                .append(esc(Format.zone(f.zone())))
                .append("); ratios about handovers follow the handovers executed in the period up to its end. Latency"
                        + " percentiles use the nearest-rank method. A bounce is a hand-back to the previous sender"
                        + " within ")
                .append(esc(Format.duration(f.bounces().window())))
                .append(". Every number links to the events behind it. Every figure is explained in"
                        + " docs/report.md.</footer>\n");
        return h.append("</main></body></html>\n").toString();
    }

    // ------------------------------------------------------------------------------------------ links

    /**
     * The number as a link to the list of its events, or as plain text when there are none: a link always leads to a
     * list with as many rows as {@code count}.
     */
    private String link(String list, long count, String text, String title) {
        int rows = f.rows(list).size();
        if (count == 0 || rows == 0) {
            return esc(text);
        }
        linked.putIfAbsent(list, title);
        return "<a class=\"ev\" href=\"#" + Evidence.htmlId(list) + "\" data-count=\"" + count + "\" title=\""
                + esc(title + ": the " + plural(rows, "event", "events")) + "\">" + esc(text) + "</a>";
    }

    private String link(String list, long count, String title) {
        return link(list, count, Long.toString(count), title);
    }

    /** For charts: the href of a bar's list, registering it, or null when it has no rows. */
    private Svg.Linker linker(String figure, String what) {
        return c -> {
            String list = Evidence.of(figure, c.key());
            if (c.count() == 0 || f.rows(list).isEmpty()) {
                return null;
            }
            linked.putIfAbsent(list, what + ": " + c.label());
            return "#" + Evidence.htmlId(list);
        };
    }

    // ------------------------------------------------------------------------------------------ headline

    /** Whether a higher value is better, worse, or neither (volume). */
    private enum Better {
        HIGHER,
        LOWER,
        NEITHER
    }

    private void kpis(StringBuilder h) {
        long n = f.volume().handovers();
        Figures.Acks a = f.acks();
        Optional<Figures.Previous> p = f.previous().filter(Figures.Previous::hasData);
        h.append("<section class=\"kpis\">");
        kpi(
                h,
                "handovers",
                "Handovers",
                link("handovers.count", n, "Handovers of the period"),
                link("refusals.count", f.refusals().count(), "Refusals") + " refused · "
                        + link("failures.count", f.failures().count(), "Failed writes") + " failed writes",
                false,
                compare(p.map(x -> (double) x.handovers()), Optional.of((double) n), Better.NEITHER, this::count));
        kpi(
                h,
                "acknowledged",
                "Acknowledged",
                link(
                        "acknowledgement.acknowledged",
                        a.acknowledged(),
                        percent(a.acknowledged(), a.needed()),
                        "Acknowledged"),
                link("acknowledgement.acknowledged", a.acknowledged(), "Acknowledged") + " of "
                        + link("acknowledgement.needed", a.needed(), "Asked for an acknowledgement") + " · "
                        + link("acknowledgement.late", a.late(), "Acknowledged after the deadline") + " late",
                a.late() + a.retargeted() + a.overdue() > 0,
                compare(
                        p.flatMap(Figures.Previous::acknowledgedShare),
                        Figures.share(a.acknowledged(), a.needed()),
                        Better.HIGHER,
                        HtmlReport::share));
        kpi(
                h,
                "latency-p50",
                "Acknowledged in",
                esc(a.p50().map(Format::duration).orElse("–")),
                "median · 90% within " + esc(a.p90().map(Format::duration).orElse("–")),
                false,
                compare(
                        p.flatMap(Figures.Previous::p50).map(d -> (double) d.toSeconds()),
                        a.p50().map(d -> (double) d.toSeconds()),
                        Better.LOWER,
                        s -> Format.duration(Duration.ofSeconds(Math.round(s)))));
        kpi(
                h,
                "on-time",
                "Actions on time",
                link(
                        "actions.onTime",
                        f.actions().onTime(),
                        percent(f.actions().onTime(), f.actions().completed()),
                        "Actions done on time"),
                link("actions.onTime", f.actions().onTime(), "Actions done on time") + " of "
                        + link("actions.completed", f.actions().completed(), "Actions done") + " · "
                        + link("escalations.count", f.escalations().total(), "Escalations") + " "
                        + (f.escalations().total() == 1 ? "escalation" : "escalations"),
                f.escalations().total() > 0,
                compare(
                        p.flatMap(Figures.Previous::onTimeShare),
                        Figures.share(f.actions().onTime(), f.actions().completed()),
                        Better.HIGHER,
                        HtmlReport::share));
        kpi(
                h,
                "bounce-rate",
                "Bounced back",
                link("bounces.count", f.bounces().count(), percent(f.bounces().count(), n), "Bounces"),
                link("bounces.count", f.bounces().count(), "Bounces") + " bounced · "
                        + link(
                                "bounces.refusedByPingPongGuard",
                                f.bounces().refusedByGuard(),
                                "Hand-backs stopped by the ping-pong guard")
                        + " stopped by the guard",
                f.bounces().count() > 0,
                compare(
                        p.flatMap(Figures.Previous::bounceRate),
                        Figures.share(f.bounces().count(), n),
                        Better.LOWER,
                        HtmlReport::share));
        kpi(
                h,
                "notes-complete",
                "Notes complete",
                link("notes.complete", f.notes().complete(), percent(f.notes().complete(), n), "Complete notes"),
                link("notes.complete", f.notes().complete(), "Complete notes") + " of "
                        + link("handovers.count", n, "Handovers of the period") + " · feedback "
                        + link("feedback.count", f.feedback().count(), "Feedback"),
                f.notes().complete() < n,
                compare(
                        p.flatMap(Figures.Previous::notesCompleteShare),
                        Figures.share(f.notes().complete(), n),
                        Better.HIGHER,
                        HtmlReport::share));
        h.append("</section>\n");
        previousTable(h);
    }

    private String count(double v) {
        return Long.toString(Math.round(v));
    }

    private static String share(double s) {
        return Math.round(100 * s) + "%";
    }

    /**
     * The comparison line of a tile: the previous value, an arrow, coloured by whether the change is for the better.
     * Values compare as shown (shares as whole percents), so "=" never sits beside two different numbers.
     */
    private String compare(
            Optional<Double> previous,
            Optional<Double> now,
            Better better,
            java.util.function.DoubleFunction<String> show) {
        if (f.previous().isEmpty()) {
            return "";
        }
        if (previous.isEmpty()) {
            return "<span class=\"prev neutral\" data-previous=\"none\">previous period: no data</span>";
        }
        String was = show.apply(previous.get());
        if (now.isEmpty()) {
            return "<span class=\"prev neutral\" data-previous=\"" + esc(was) + "\">previous period: " + esc(was)
                    + "</span>";
        }
        int sign = Integer.signum(show.apply(now.get()).equals(was) ? 0 : Double.compare(now.get(), previous.get()));
        String arrow = sign > 0 ? "▲" : sign < 0 ? "▼" : "=";
        String cls = sign == 0 || better == Better.NEITHER
                ? (sign == 0 ? "same" : "neutral")
                : (sign > 0) == (better == Better.HIGHER) ? "better" : "worse";
        // the arrow and colour for the eye, the same in words for a screen reader
        String words = (sign > 0 ? "up" : sign < 0 ? "down" : "unchanged")
                + (cls.equals("better") ? ", for the better" : cls.equals("worse") ? ", for the worse" : "");
        return "<span class=\"prev " + cls + "\" data-previous=\"" + esc(was) + "\" data-trend=\"" + arrow + "\">"
                + "<span aria-hidden=\"true\">" + arrow + "</span><span class=\"sr\">" + words + ";</span> previous"
                + " period: " + esc(was) + "</span>";
    }

    private static void kpi(
            StringBuilder h, String key, String name, String value, String detail, boolean warn, String previous) {
        h.append("<div class=\"kpi")
                .append(warn ? " warn" : "")
                .append("\"><span class=\"name\">")
                .append(esc(name))
                .append("</span><span class=\"value\" data-figure=\"")
                .append(key)
                .append("\">")
                .append(value)
                .append("</span><span class=\"detail\">")
                .append(detail)
                .append("</span>")
                .append(previous)
                .append("</div>");
    }

    /** This period beside the previous one, for the figures whose direction matters. */
    private void previousTable(StringBuilder h) {
        if (f.previous().isEmpty()) {
            return;
        }
        Figures.Previous p = f.previous().get();
        Optional<Figures.Previous> d = f.previous().filter(Figures.Previous::hasData);
        long n = f.volume().handovers();
        Figures.Acks a = f.acks();
        StringBuilder t = new StringBuilder("<table data-table=\"previous\"><tr><th>figure</th><th class=\"num\">")
                .append(esc(Format.period(f.from(), f.until(), f.zone())))
                .append("</th><th class=\"num\">previous: ")
                .append(esc(Format.period(p.from(), p.until(), f.zone())))
                .append("</th></tr>");
        compareRow(
                t,
                "handovers",
                "Handovers",
                link("handovers.count", n, "Handovers of the period"),
                compare(d.map(x -> (double) x.handovers()), Optional.of((double) n), Better.NEITHER, this::count));
        compareRow(
                t,
                "acknowledged",
                "Acknowledged of those asked",
                esc(percent(a.acknowledged(), a.needed())),
                compare(
                        d.flatMap(Figures.Previous::acknowledgedShare),
                        Figures.share(a.acknowledged(), a.needed()),
                        Better.HIGHER,
                        HtmlReport::share));
        compareRow(
                t,
                "late",
                "Acknowledged after the deadline",
                link("acknowledgement.late", a.late(), "Acknowledged after the deadline"),
                compare(d.map(x -> (double) x.lateAcks()), Optional.of((double) a.late()), Better.LOWER, this::count));
        compareRow(
                t,
                "latency-p50",
                "Median time to acknowledge",
                esc(a.p50().map(Format::duration).orElse("–")),
                compare(
                        d.flatMap(Figures.Previous::p50).map(x -> (double) x.toSeconds()),
                        a.p50().map(x -> (double) x.toSeconds()),
                        Better.LOWER,
                        s -> Format.duration(Duration.ofSeconds(Math.round(s)))));
        compareRow(
                t,
                "on-time",
                "Actions done on time",
                esc(percent(f.actions().onTime(), f.actions().completed())),
                compare(
                        d.flatMap(Figures.Previous::onTimeShare),
                        Figures.share(f.actions().onTime(), f.actions().completed()),
                        Better.HIGHER,
                        HtmlReport::share));
        compareRow(
                t,
                "escalations",
                "Escalations",
                link("escalations.count", f.escalations().total(), "Escalations"),
                compare(
                        d.map(x -> (double) x.escalations()),
                        Optional.of((double) f.escalations().total()),
                        Better.LOWER,
                        this::count));
        compareRow(
                t,
                "bounce-rate",
                "Bounce rate",
                esc(percent(f.bounces().count(), n)),
                compare(
                        d.flatMap(Figures.Previous::bounceRate),
                        Figures.share(f.bounces().count(), n),
                        Better.LOWER,
                        HtmlReport::share));
        compareRow(
                t,
                "notes-complete",
                "Notes complete",
                esc(percent(f.notes().complete(), n)),
                compare(
                        d.flatMap(Figures.Previous::notesCompleteShare),
                        Figures.share(f.notes().complete(), n),
                        Better.HIGHER,
                        HtmlReport::share));
        t.append("</table>");
        h.append("<section class=\"card\"><h2>Compared with the previous period</h2>")
                .append(t)
                .append("</section>\n");
    }

    private static void compareRow(StringBuilder t, String key, String name, String now, String previous) {
        t.append("<tr data-key=\"")
                .append(key)
                .append("\"><td>")
                .append(esc(name))
                .append("</td><td class=\"num\">")
                .append(now)
                .append("</td><td class=\"num\">")
                .append(previous)
                .append("</td></tr>");
    }

    // ------------------------------------------------------------------------------------------ what to improve

    private void improve(StringBuilder h) {
        h.append("<section class=\"improve\"><h2>What to improve</h2>");
        List<Evidence.Row> look = f.worthALook();
        if (f.suggestions().isEmpty() && look.isEmpty()) {
            h.append("<p class=\"none\" data-figure=\"nothing-stands-out\">Nothing stands out in this period: no"
                    + " escalation, late acknowledgement, re-target, bounce or telling feedback, and no pattern"
                    + " above its threshold.</p></section>\n");
            return;
        }
        if (!f.suggestions().isEmpty()) {
            h.append("<h3>Patterns</h3><ul data-figure=\"suggestions\">");
            for (Figures.Suggestion s : f.suggestions()) {
                h.append("<li><span class=\"text\">")
                        .append(esc(s.text()))
                        .append("</span> <span class=\"cases\">(")
                        .append(link(s.list(), s.cases(), plural(s.cases(), "case", "cases"), "Cases of: " + s.text()))
                        .append(")</span></li>");
            }
            h.append("</ul>");
        }
        if (!look.isEmpty()) {
            h.append("<h3>Worth a look: ")
                    .append(link("worthALook.count", look.size(), "Worth a look"))
                    .append("</h3><p class=\"legend\">");
            StringBuilder kinds = new StringBuilder();
            for (String kind : Tally.LOOK_KINDS) {
                String list = Evidence.of("worthALook.byKind", kind);
                int k = f.rows(list).size();
                if (k > 0) {
                    kinds.append(kinds.length() == 0 ? "" : " · ")
                            .append(link(list, k, lookLabel(kind)))
                            .append(' ')
                            .append(esc(lookLabel(kind).toLowerCase(java.util.Locale.ROOT)));
                }
            }
            h.append(kinds).append("</p><ol class=\"look\" data-figure=\"worth-a-look\">");
            look.stream()
                    .limit(LOOK_ROWS)
                    .forEach(r -> h.append("<li data-kind=\"")
                            .append(esc(r.kind()))
                            .append("\">")
                            .append(esc(r.what()))
                            .append(" <span class=\"meta\">")
                            .append(esc(meta(r)))
                            .append("</span></li>"));
            h.append("</ol>");
            if (look.size() > LOOK_ROWS) {
                h.append("<p class=\"more\">The newest ")
                        .append(LOOK_ROWS)
                        .append(" of ")
                        .append(link("worthALook.count", look.size(), "Worth a look"))
                        .append(" are shown here.</p>");
            }
        }
        h.append("</section>\n");
    }

    private static String lookLabel(String kind) {
        return switch (kind) {
            case "escalation" -> "Escalations";
            case "late-acknowledgement" -> "Late acknowledgements";
            case "retargeted" -> "Re-targets";
            case "bounce" -> "Bounces";
            default -> "Feedback";
        };
    }

    private String meta(Evidence.Row r) {
        return "ticket " + r.ticket() + (r.handover().isEmpty() ? "" : ", " + r.handover())
                + (r.from().isEmpty() && r.to().isEmpty() ? "" : ", " + r.from() + " → " + r.to()) + ", "
                + Format.shortTime(r.at(), f.zone());
    }

    // ------------------------------------------------------------------------------------------ sections

    private void volume(StringBuilder h) {
        Figures.Volume v = f.volume();
        Figures.OverTime t = f.overTime();
        h.append("<section class=\"card\"><h2>Handovers per ")
                .append(esc(t.unit()))
                .append("</h2>")
                .append(Svg.overTime(t, linker("handovers.overTime.buckets.handovers", "Handovers")))
                .append("<p class=\"legend\"><span class=\"swatch\" style=\"background:")
                .append(Svg.BLUE)
                .append("\"></span>complete note<span class=\"swatch\" style=\"background:")
                .append(Svg.AMBER)
                .append("\"></span>required section missing · customer told in ")
                .append(link(
                        "handovers.customerNotified",
                        v.customerNotified(),
                        percent(v.customerNotified(), v.handovers()),
                        "Customer told"))
                .append(" of handovers</p></section>\n");
        grid(
                h,
                card(
                        "Why: by reason",
                        Svg.bars(
                                "reasons",
                                "Handovers by reason",
                                v.byReason(),
                                TOP_BARS,
                                Svg.BLUE,
                                linker("handovers.byReason", "Reason"))),
                card(
                        "To which team",
                        Svg.bars(
                                "teams",
                                "Handovers by receiving team",
                                v.byTeam(),
                                TOP_BARS,
                                Svg.BLUE,
                                linker("handovers.byTeam", "Receiving team"))));
        grid(
                h,
                card(
                        "Received by",
                        Svg.bars(
                                "receivers",
                                "Handovers by receiving agent",
                                v.byReceiver(),
                                TOP_AGENTS,
                                Svg.GREEN,
                                linker("handovers.byReceiver", "Received by"))),
                card(
                        "Handed over by",
                        Svg.bars(
                                "senders",
                                "Handovers by sending agent",
                                v.bySender(),
                                TOP_AGENTS,
                                Svg.GREEN,
                                linker("handovers.bySender", "Handed over by"))));
    }

    private void people(StringBuilder h) {
        Figures.People p = f.people();
        h.append("<section><h2>People</h2><h3>Per agent</h3>");
        personTable(h, "agents", p.agents(), true);
        h.append("<h3>Per receiving team</h3>");
        personTable(h, "teams", p.teams(), false);
        h.append("<p class=\"legend\">Acknowledgement, actions and escalations are of the handovers an agent (a team)"
                + " received; feedback received is on the handovers an agent sent. Events do not say which team a"
                + " sender is in, so teams have no \u201cgiven\u201d column.</p></section>\n");
    }

    private void personTable(StringBuilder h, String table, List<Figures.Person> rows, boolean agents) {
        if (rows.isEmpty()) {
            h.append("<p class=\"none\">None in this period.</p>");
            return;
        }
        String base = "people." + table + ".";
        h.append("<div class=\"wide\"><table class=\"counts\" data-table=\"")
                .append(table)
                .append("\"><tr><th>")
                .append(agents ? "agent" : "team")
                .append("</th>")
                .append(agents ? "<th class=\"num\">given</th>" : "")
                .append("<th class=\"num\">received</th><th class=\"num\">acknowledged</th>"
                        + "<th class=\"num\">ack. median</th><th class=\"num\">late ack.</th>"
                        + "<th class=\"num\">actions done</th><th class=\"num\">on time</th>"
                        + "<th class=\"num\">reminders</th><th class=\"num\">escalations</th>"
                        + "<th class=\"num\">feedback given</th>")
                .append(agents ? "<th class=\"num\">feedback received</th>" : "")
                .append("</tr>");
        for (Figures.Person r : rows) {
            String k = r.key();
            String who = r.label();
            h.append("<tr data-key=\"")
                    .append(esc(k))
                    .append("\"><td>")
                    .append(esc(who))
                    .append("</td>");
            if (agents) {
                cell(h, "given", link(base + Evidence.of("given", k), r.given(), "Handed over by " + who));
            }
            cell(h, "received", link(base + Evidence.of("received", k), r.received(), "Received by " + who));
            cell(
                    h,
                    "acknowledged",
                    link(base + Evidence.of("acknowledged", k), r.acknowledged(), "Acknowledged by " + who));
            cell(h, "ackP50", esc(r.ackP50().map(Format::duration).orElse("–")));
            cell(
                    h,
                    "lateAcknowledgements",
                    link(
                            base + Evidence.of("lateAcknowledgements", k),
                            r.lateAcks(),
                            "Acknowledged late, received by " + who));
            cell(
                    h,
                    "actionsDone",
                    link(
                            base + Evidence.of("actionsDone", k),
                            r.actionsDone(),
                            "Actions done, handovers received by " + who));
            cell(
                    h,
                    "actionsOnTime",
                    link(
                            base + Evidence.of("actionsOnTime", k),
                            r.actionsOnTime(),
                            "Actions done on time, handovers received by " + who));
            cell(h, "reminders", link(base + Evidence.of("reminders", k), r.reminders(), "Reminders to " + who));
            cell(
                    h,
                    "escalations",
                    link(
                            base + Evidence.of("escalations", k),
                            r.escalations(),
                            "Escalations of handovers received by " + who));
            cell(
                    h,
                    "feedbackGiven",
                    link(base + Evidence.of("feedbackGiven", k), r.feedbackGiven(), "Feedback given by " + who));
            if (agents) {
                cell(
                        h,
                        "feedbackReceived",
                        link(
                                base + Evidence.of("feedbackReceived", k),
                                r.feedbackReceived(),
                                "Feedback on handovers sent by " + who));
            }
            h.append("</tr>");
        }
        h.append("</table></div>");
    }

    private static void cell(StringBuilder h, String column, String content) {
        h.append("<td class=\"num\" data-column=\"")
                .append(column)
                .append("\">")
                .append(content)
                .append("</td>");
    }

    private void breakdowns(StringBuilder h) {
        h.append("<section><h2>Per rule and per reason</h2>");
        grid(
                h,
                card("Per rule", breakdownTable("rules", "rule", f.breakdowns().rules())),
                card(
                        "Per reason",
                        breakdownTable("reasons", "reason", f.breakdowns().reasons())));
        h.append("</section>\n");
    }

    private String breakdownTable(String table, String what, List<Figures.Breakdown> rows) {
        if (rows.isEmpty()) {
            return "<p class=\"none\">No handovers in this period.</p>";
        }
        String base = "breakdowns." + table + ".";
        StringBuilder t = new StringBuilder("<div class=\"wide\"><table class=\"counts\" data-table=\"")
                .append(table)
                .append("\"><tr><th>")
                .append(what)
                .append("</th><th class=\"num\">handovers</th><th class=\"num\">late ack.</th>"
                        + "<th class=\"num\">escalations</th><th class=\"num\">bounces</th>"
                        + "<th class=\"num\">incomplete notes</th></tr>");
        for (Figures.Breakdown b : rows) {
            String k = b.key();
            String name = what + " " + b.label();
            t.append("<tr data-key=\"")
                    .append(esc(k))
                    .append("\"><td>")
                    .append(esc(b.label()))
                    .append("</td>");
            cell(t, "handovers", link(base + Evidence.of("handovers", k), b.handovers(), "Handovers, " + name));
            cell(
                    t,
                    "lateAcknowledgements",
                    link(
                            base + Evidence.of("lateAcknowledgements", k),
                            b.lateAcks(),
                            "Late acknowledgements, " + name));
            cell(t, "escalations", link(base + Evidence.of("escalations", k), b.escalations(), "Escalations, " + name));
            cell(t, "bounces", link(base + Evidence.of("bounces", k), b.bounces(), "Bounces, " + name));
            cell(
                    t,
                    "incompleteNotes",
                    link(base + Evidence.of("incompleteNotes", k), b.incompleteNotes(), "Incomplete notes, " + name));
            t.append("</tr>");
        }
        return t.append("</table></div>").toString();
    }

    private void acknowledgement(StringBuilder h) {
        Figures.Acks a = f.acks();
        StringBuilder facts = new StringBuilder("<table class=\"facts\" data-table=\"acknowledgement\">");
        fact(
                facts,
                "needed",
                "Handovers asking for an acknowledgement",
                link("acknowledgement.needed", a.needed(), "Asked for an acknowledgement"));
        fact(
                facts,
                "acknowledged",
                "Acknowledged",
                link("acknowledgement.acknowledged", a.acknowledged(), "Acknowledged") + " ("
                        + percent(a.acknowledged(), a.needed()) + ")");
        fact(
                facts,
                "late",
                "… after the deadline",
                link("acknowledgement.late", a.late(), "Acknowledged after the deadline"));
        fact(
                facts,
                "retargeted",
                "Re-targeted: never acknowledged",
                link("acknowledgement.retargeted", a.retargeted(), "Re-targeted"));
        fact(
                facts,
                "pending",
                "Not yet acknowledged at the end",
                link("acknowledgement.pending", a.pending(), "Not yet acknowledged") + " ("
                        + link("acknowledgement.overdue", a.overdue(), "Past the deadline, not acknowledged")
                        + " past deadline)");
        fact(
                facts,
                "p50",
                "Median latency (nearest rank)",
                esc(a.p50().map(Format::duration).orElse("–")));
        fact(facts, "p90", "90th percentile", esc(a.p90().map(Format::duration).orElse("–")));
        for (Figures.Count m : a.byMethod()) {
            fact(
                    facts,
                    "method-" + m.key(),
                    "Acknowledged " + m.label(),
                    link(Evidence.of("acknowledgement.byMethod", m.key()), m.count(), "Acknowledged " + m.label()));
        }
        facts.append("</table>");
        h.append("<section><h2>Acknowledgement</h2>");
        grid(
                h,
                card(
                        "Time to acknowledge",
                        Svg.columns(
                                "latency",
                                "Acknowledgements by latency",
                                a.latency(),
                                Svg.BLUE,
                                linker("acknowledgement.latency.buckets", "Acknowledged in"))),
                card("Figures", facts.toString()));
        h.append("</section>\n");
    }

    private void followUp(StringBuilder h) {
        StringBuilder left = new StringBuilder("<table class=\"facts\" data-table=\"follow-up\">");
        fact(
                left,
                "on-time",
                "Handed-over actions done on time",
                link("actions.onTime", f.actions().onTime(), "Actions done on time") + " of "
                        + link("actions.completed", f.actions().completed(), "Actions done") + " ("
                        + percent(f.actions().onTime(), f.actions().completed()) + ")");
        fact(
                left,
                "reminders",
                "Reminders sent",
                link("reminders.count", f.reminders().total(), "Reminders"));
        for (Figures.Count k : f.reminders().byKind()) {
            fact(
                    left,
                    "reminder-" + k.key(),
                    "… " + k.label(),
                    link(Evidence.of("reminders.byKind", k.key()), k.count(), "Reminders: " + k.label()));
        }
        fact(
                left,
                "closed",
                "Follow-ups closed",
                link("followUps.closed", f.followUps().closed(), "Follow-ups closed"));
        for (Figures.Count o : f.followUps().byOutcome()) {
            fact(
                    left,
                    "outcome-" + o.key(),
                    "… " + o.label(),
                    link(Evidence.of("followUps.byOutcome", o.key()), o.count(), "Follow-ups closed: " + o.label()));
        }
        fact(
                left,
                "reconciled",
                "Handovers whose missing tasks were repaired",
                link("followUps.reconciled", f.followUps().reconciled(), "Repaired"));
        left.append("</table>");

        Figures.Escalations e = f.escalations();
        StringBuilder right = new StringBuilder();
        right.append(Svg.bars(
                "escalation-levels",
                "Escalations by level",
                e.byLevel(),
                TOP_BARS,
                Svg.AMBER,
                linker("escalations.byLevel", "Escalations")));
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
                right.append("</ul></td><td class=\"num\">")
                        .append(link(
                                Evidence.of("escalations.byCause", c.key()), c.count(), "Escalations: " + c.label()))
                        .append("</td></tr>");
            }
            right.append("</table>");
            if (e.toNobody() > 0) {
                right.append("<p class=\"legend\">")
                        .append(link("escalations.toNobody", e.toNobody(), "Escalations that found nobody"))
                        .append(esc(" " + (e.toNobody() == 1 ? "escalation" : "escalations")
                                + " found nobody to take it: the ladder ran out."))
                        .append("</p>");
            }
        }
        h.append("<section><h2>Follow-up</h2>");
        grid(h, card("Actions, reminders, closing", left.toString()), card("Escalations", right.toString()));
        h.append("</section>\n");
    }

    private void bouncesAndChains(StringBuilder h) {
        Figures.Bounces b = f.bounces();
        StringBuilder left = new StringBuilder("<table class=\"facts\" data-table=\"bounces\">");
        fact(
                left,
                "bounces",
                "Handed straight back within " + Format.duration(b.window()),
                link("bounces.count", b.count(), "Bounces") + " ("
                        + percent(b.count(), f.volume().handovers()) + " of handovers)");
        fact(
                left,
                "guard",
                "Hand-backs stopped by the ping-pong guard",
                link("bounces.refusedByPingPongGuard", b.refusedByGuard(), "Stopped by the ping-pong guard"));
        left.append("</table><h3>Between</h3>")
                .append(Svg.bars(
                        "bounce-pairs",
                        "Bounces by pair of agents",
                        b.pairs(),
                        TOP_BARS,
                        Svg.AMBER,
                        linker("bounces.pairs", "Bounces")));

        Figures.Chains c = f.chains();
        StringBuilder right = new StringBuilder();
        right.append(Svg.bars(
                "chains",
                "Tickets by longest chain",
                c.distribution(),
                c.distribution().size(),
                Svg.BLUE,
                linker("chains.distribution", "Tickets whose longest chain is")));
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

    private void notes(StringBuilder h) {
        Figures.Feedback fb = f.feedback();
        long n = f.volume().handovers();
        String left = "<p>"
                + link("notes.complete", f.notes().complete(), "Complete notes") + " of "
                + link("handovers.count", n, "Handovers of the period") + " notes had every required section ("
                + percent(f.notes().complete(), n) + ").</p>"
                + Svg.bars(
                        "missing",
                        "Required sections found missing",
                        f.notes().missing(),
                        TOP_BARS,
                        Svg.AMBER,
                        linker("notes.missing", "Missing when written"));
        StringBuilder right = new StringBuilder("<p>")
                .append(link("feedback.count", fb.count(), "Feedback"))
                .append(esc(" " + (fb.count() == 1 ? "piece" : "pieces") + " of feedback from "
                        + plural(fb.receivers(), "receiver", "receivers")
                        + "; sections they found missing or unclear:"))
                .append("</p>")
                .append(Svg.bars(
                        "feedback",
                        "Sections receivers found missing",
                        fb.sections(),
                        TOP_BARS,
                        Svg.AMBER,
                        linker("feedback.sections", "Missing when read")));
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
                        .append(esc(c.from() + " on ticket " + c.ticket() + ", " + Format.time(c.at(), f.zone())
                                + (c.missing().isEmpty() ? "" : " — missing: " + String.join(", ", c.missing()))))
                        .append("</span></blockquote>");
            }
            h.append("</div>");
        }
        h.append("</section>\n");
    }

    private void refusals(StringBuilder h) {
        String left = "<p>"
                + link("refusals.count", f.refusals().count(), "Refusals")
                + esc(" " + (f.refusals().count() == 1 ? "refusal" : "refusals") + " on "
                        + plural(f.refusals().tickets(), "ticket", "tickets") + ".")
                + "</p>"
                + causes(
                        "refusal-causes",
                        "refusals.causes",
                        "Refused",
                        f.refusals().causes());
        String right = "<p>"
                + link("failures.count", f.failures().count(), "Failed writes")
                + esc(" " + (f.failures().count() == 1 ? "failed write" : "failed writes") + ", ")
                + link("failures.retryable", f.failures().retryable(), "Retryable failures")
                + " retryable.</p>"
                + causes(
                        "failure-causes",
                        "failures.causes",
                        "Failed",
                        f.failures().causes());
        h.append("<section><h2>Refused and failed handovers</h2>");
        grid(h, card("Refused: top causes", left), card("Failed: top errors", right));
        h.append("</section>\n");
    }

    private String causes(String table, String figure, String what, List<Figures.Count> causes) {
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
                    .append(link(Evidence.of(figure, c.key()), c.count(), what + ": " + c.label()))
                    .append("</td></tr>");
        }
        return s.append("</table>").toString();
    }

    // ------------------------------------------------------------------------------------------ the lists

    /** Every list a number links to: its newest rows, how many more the JSON and CSV hold. */
    private void evidence(StringBuilder h) {
        if (linked.isEmpty()) {
            return;
        }
        h.append(
                        "<section class=\"evidence\" id=\"evidence\"><h2>The events behind the figures</h2>"
                                + "<p class=\"legend\">Each list holds the journal events a number counts, newest first, times in ")
                .append(esc(Format.zone(f.zone())))
                .append("; a list longer than ")
                .append(LIST_ROWS)
                .append(" rows shows the newest ")
                .append(LIST_ROWS)
                .append(" — all are in the JSON and CSV (section evidence).</p>\n");
        for (Map.Entry<String, String> e : linked.entrySet()) {
            List<Evidence.Row> rows = f.rows(e.getKey());
            h.append("<div class=\"ev-list\" id=\"")
                    .append(Evidence.htmlId(e.getKey()))
                    .append("\" data-list=\"")
                    .append(esc(e.getKey()))
                    .append("\" data-rows=\"")
                    .append(rows.size())
                    .append("\"><h3>")
                    .append(esc(e.getValue()))
                    .append(" (")
                    .append(rows.size())
                    .append(")</h3><table><tr><th>when</th><th>ticket</th><th>handover</th><th>from → to</th>"
                            + "<th>what happened</th></tr>");
            for (Evidence.Row r : rows.subList(0, Math.min(LIST_ROWS, rows.size()))) {
                h.append("<tr class=\"row\"><td class=\"num\">")
                        .append(esc(Format.shortTime(r.at(), f.zone())))
                        .append("</td><td>")
                        .append(esc(r.ticket()))
                        .append("</td><td>")
                        .append(esc(r.handover()))
                        .append("</td><td>")
                        .append(esc(r.from().isEmpty() && r.to().isEmpty() ? "" : r.from() + " → " + r.to()))
                        .append("</td><td>")
                        .append(esc(r.what()))
                        .append("</td></tr>");
            }
            h.append("</table>");
            if (rows.size() > LIST_ROWS) {
                h.append("<p class=\"more\" data-more=\"")
                        .append(rows.size() - LIST_ROWS)
                        .append("\">and ")
                        .append(rows.size() - LIST_ROWS)
                        .append(" more — all are in the JSON and CSV.</p>");
            }
            h.append("<p class=\"back\"><a href=\"#top\">back to the top</a></p></div>\n");
        }
        h.append("</section>\n");
    }

    private static void fact(StringBuilder t, String key, String name, String value) {
        t.append("<tr data-key=\"")
                .append(esc(key))
                .append("\"><td>")
                .append(esc(name))
                .append("</td><td class=\"num\">")
                .append(value)
                .append("</td></tr>");
    }

    private static String card(String title, String body) {
        return "<div class=\"card\"><h3>" + esc(title) + "</h3>" + body + "</div>";
    }

    private static void grid(StringBuilder h, String left, String right) {
        h.append("<div class=\"grid\">").append(left).append(right).append("</div>\n");
    }
}
