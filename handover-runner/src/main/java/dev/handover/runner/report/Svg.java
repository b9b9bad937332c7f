package dev.handover.runner.report;

import static dev.handover.runner.report.HtmlReport.esc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Charts as inline SVG: plain shapes and text, sized by a view box so they scale to the page, the projector and paper.
 * Every text is escaped; each bar carries its key and value as data attributes (the tests read them).
 */
final class Svg {
    static final String BLUE = "#1f5fa8";
    static final String AMBER = "#d98e04";
    static final String GREEN = "#2e7d4f";
    static final String GREY = "#8a94a3";

    private static final int ROW = 28;
    private static final int LABEL_WIDTH = 250;
    private static final int BAR_WIDTH = 210;
    private static final int WIDTH = LABEL_WIDTH + BAR_WIDTH + 60;
    /** About what fits left of the bars at 14 px. */
    private static final int MAX_LABEL = 32;

    private Svg() {}

    /** The fragment a bar links to (the list of its events), or null for none. */
    @FunctionalInterface
    interface Linker {
        String href(Figures.Count c);

        Linker NONE = c -> null;
    }

    /**
     * Horizontal bars, most first; beyond {@code rows} the rest are summed into one "others" bar.
     *
     * @param chart the chart's name (a data attribute)
     * @param title what the chart shows, for screen readers
     * @param counts the bars
     * @param rows how many bars at most
     * @param color the bars' colour
     */
    static String bars(String chart, String title, List<Figures.Count> counts, int rows, String color, Linker links) {
        // one "others" bar in place of a single bar would hide a name and save nothing
        int named = counts.size() == rows + 1 ? counts.size() : Math.min(rows, counts.size());
        if (named == 0) {
            return "<p class=\"none\">None in this period.</p>";
        }
        List<Figures.Count> shown = new ArrayList<>(counts.subList(0, named));
        if (counts.size() > named) {
            List<Figures.Count> rest = counts.subList(named, counts.size());
            shown.add(new Figures.Count(
                    "",
                    Format.plural(rest.size(), "other", "others"),
                    rest.stream().mapToLong(Figures.Count::count).sum()));
        }
        // the scale follows the named bars; an "others" bar longer than that is cut at the full width
        long max = max(shown.subList(0, named));
        StringBuilder s = new StringBuilder();
        open(s, chart, title, WIDTH, shown.size() * ROW + 4);
        for (int i = 0; i < shown.size(); i++) {
            Figures.Count c = shown.get(i);
            int y = 2 + i * ROW;
            double w = c.count() == 0 ? 0 : Math.min(BAR_WIDTH, Math.max(2, (double) BAR_WIDTH * c.count() / max));
            // the "others" bar sums several lists and links to none
            String href = i == named ? null : links.href(c);
            s.append(group(c))
                    .append(open(href))
                    .append(text("label", LABEL_WIDTH - 10, y + 18, "end", shorten(c.label())))
                    .append(rect(LABEL_WIDTH, y + 4, w, ROW - 8, i == named ? GREY : color))
                    .append(text("value", LABEL_WIDTH + w + 8, y + 18, "start", Long.toString(c.count())))
                    .append(close(href))
                    .append("</g>");
        }
        return s.append("</svg>").toString();
    }

    /**
     * Vertical columns in the given order (a histogram), with the count above each and the label below.
     *
     * @param chart the chart's name
     * @param title what the chart shows
     * @param counts the columns, in order
     * @param color their colour
     */
    static String columns(String chart, String title, List<Figures.Count> counts, String color, Linker links) {
        int width = 600;
        int top = 24;
        int plot = 156;
        long max = max(counts);
        double slot = (double) width / Math.max(1, counts.size());
        StringBuilder s = new StringBuilder();
        open(s, chart, title, width, top + plot + 40);
        s.append(line("axis", 0, width, top + plot));
        for (int i = 0; i < counts.size(); i++) {
            Figures.Count c = counts.get(i);
            double h = (double) plot * c.count() / max;
            double x = i * slot + slot * 0.15;
            String href = links.href(c);
            s.append(group(c))
                    .append(open(href))
                    .append(rect(x, top + plot - h, slot * 0.7, h, color))
                    .append(text("value", x + slot * 0.35, top + plot - h - 6, "middle", Long.toString(c.count())))
                    .append(text("label", x + slot * 0.35, top + plot + 20, "middle", shorten(c.label())))
                    .append(close(href))
                    .append("</g>");
        }
        return s.append("</svg>").toString();
    }

    /**
     * Handovers over time as columns, one per bucket (hour, day, week or month), the part with incomplete notes
     * stacked on top in amber. Refusals per bucket are data attributes only: they have their own section, and marks
     * for them cluttered the chart.
     *
     * @param t the buckets, oldest first
     * @param links the list of a bucket's handovers (a count keyed by the bucket's key)
     */
    static String overTime(Figures.OverTime t, Linker links) {
        List<Figures.Bucket> buckets = t.buckets();
        if (buckets.isEmpty()) {
            return "<p class=\"none\">No events in this period.</p>";
        }
        int width = 1000;
        int left = 40;
        int top = 20;
        int plot = 196;
        long max = Math.max(
                1, buckets.stream().mapToLong(Figures.Bucket::handovers).max().orElse(1));
        long step = niceStep(max);
        long ceiling = ((max + step - 1) / step) * step;
        double slot = (double) (width - left) / buckets.size();
        int labelEvery = (int) Math.ceil(buckets.size() / 16.0);
        double base = top + plot;
        StringBuilder s = new StringBuilder();
        open(s, "over-time", "Handovers per " + t.unit(), width, top + plot + 44);
        s.setLength(s.length() - 1);
        s.append(" data-unit=\"").append(esc(t.unit())).append("\">");
        for (long v = 0; v <= ceiling; v += step) {
            double y = base - (double) plot * v / ceiling;
            s.append(line("grid", left, width, y)).append(text("tick", left - 8, y + 5, "end", Long.toString(v)));
        }
        for (int i = 0; i < buckets.size(); i++) {
            Figures.Bucket d = buckets.get(i);
            double x = left + i * slot + slot * 0.15;
            double w = slot * 0.7;
            double complete = (double) plot * (d.handovers() - d.incompleteNotes()) / ceiling;
            double incomplete = (double) plot * d.incompleteNotes() / ceiling;
            String href = links.href(new Figures.Count(d.key(), d.label(), d.handovers()));
            s.append("<g class=\"bucket\" data-key=\"")
                    .append(esc(d.key()))
                    .append("\" data-handovers=\"")
                    .append(d.handovers())
                    .append("\" data-incomplete=\"")
                    .append(d.incompleteNotes())
                    .append("\" data-refused=\"")
                    .append(d.refused())
                    .append("\"><title>")
                    .append(esc(d.label() + ": " + Format.plural(d.handovers(), "handover", "handovers") + ", "
                            + d.incompleteNotes() + " with incomplete notes"))
                    .append("</title>")
                    .append(open(href))
                    .append(rect(x, base - complete, w, complete, BLUE))
                    .append(rect(x, base - complete - incomplete, w, incomplete, AMBER));
            if (buckets.size() <= 31 && d.handovers() > 0) {
                s.append(text("value", x + w / 2, base - complete - incomplete - 6, "middle", "" + d.handovers()));
            }
            s.append(close(href));
            if (i % labelEvery == 0) {
                s.append(text("label", x + w / 2, base + 20, "middle", d.label()));
            }
            s.append("</g>");
        }
        s.append(line("axis", left, width, base));
        return s.append("</svg>").toString();
    }

    /** Opens a link to a list when there is one. */
    private static String open(String href) {
        return href == null ? "" : "<a class=\"ev\" href=\"" + esc(href) + "\">";
    }

    private static String close(String href) {
        return href == null ? "" : "</a>";
    }

    /** 1, 2 or 5 times a power of ten, giving about four grid lines. */
    static long niceStep(long max) {
        long raw = Math.max(1, (max + 3) / 4);
        long power = 1;
        while (power * 10 <= raw) {
            power *= 10;
        }
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static void open(StringBuilder s, String chart, String title, int width, int height) {
        s.append("<svg class=\"chart\" data-chart=\"")
                .append(esc(chart))
                .append("\" role=\"img\" aria-label=\"")
                .append(esc(title))
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\">");
    }

    /** A bar's group: its key and value as data attributes, its label and value as a tooltip. */
    private static String group(Figures.Count c) {
        return "<g class=\"bar\" data-key=\"" + esc(c.key()) + "\" data-value=\"" + c.count() + "\"><title>"
                + esc(c.label()) + ": " + c.count() + "</title>";
    }

    private static long max(List<Figures.Count> counts) {
        return Math.max(1, counts.stream().mapToLong(Figures.Count::count).max().orElse(1));
    }

    /** A horizontal line across the plot. */
    private static String line(String cls, double x1, double x2, double y) {
        return "<line class=\"" + cls + "\" x1=\"" + num(x1) + "\" x2=\"" + num(x2) + "\" y1=\"" + num(y) + "\" y2=\""
                + num(y) + "\"/>";
    }

    private static String rect(double x, double y, double w, double h, String color) {
        return "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(h)
                + "\" rx=\"2\" fill=\"" + color + "\"/>";
    }

    private static String text(String cls, double x, double y, String anchor, String text) {
        return "<text class=\"" + cls + "\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + "\">"
                + esc(text) + "</text>";
    }

    private static String shorten(String label) {
        return Format.shorten(label, MAX_LABEL);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
