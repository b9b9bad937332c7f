package dev.handover.runner.procedure;

import dev.handover.runner.procedure.Procedure.Block;
import dev.handover.runner.procedure.Procedure.Item;
import dev.handover.runner.procedure.Procedure.Items;
import dev.handover.runner.procedure.Procedure.Paragraph;
import dev.handover.runner.procedure.Procedure.Rule;
import dev.handover.runner.procedure.Procedure.Section;

/**
 * The procedure as one HTML page: its style inline, no script, nothing fetched; every text escaped, since rule
 * descriptions, reasons and notices are the team's own words and may hold {@code <}, {@code >} and {@code &}.
 */
final class HtmlLayout {
    private static final String STYLE = "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;"
            + "color:#1f2328;margin:0;background:#fff}main{max-width:52rem;margin:2rem auto;padding:0 1.25rem}"
            + "h1{font-size:1.6rem;margin:0 0 1rem}h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid"
            + " #d0d7de;padding-bottom:.25rem}h3{font-size:1rem;margin:1.25rem 0 .25rem}ul,ol{margin:.25rem 0;"
            + "padding-left:1.5rem}li{margin:.15rem 0}section.rule{margin-left:.25rem}"
            + "@media print{main{margin:0;max-width:none}}";

    private HtmlLayout() {}

    static String render(Procedure p) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(esc(p.title()))
                .append("</title>\n<style>")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<main>\n<h1>")
                .append(esc(p.title()))
                .append("</h1>\n");
        for (Section s : p.sections()) {
            h.append("<section>\n");
            if (!s.heading().isEmpty()) {
                h.append("<h2>").append(esc(s.heading())).append("</h2>\n");
            }
            for (Block b : s.blocks()) {
                if (b instanceof Paragraph para) {
                    h.append("<p>").append(esc(para.text())).append("</p>\n");
                } else if (b instanceof Items list) {
                    h.append("<ul>\n");
                    list.items().forEach(i -> item(h, i));
                    h.append("</ul>\n");
                } else if (b instanceof Rule r) {
                    h.append("<section class=\"rule\" id=\"rule-")
                            .append(r.number())
                            .append("\">\n<h3>")
                            .append(r.number())
                            .append(". ")
                            .append(esc(r.heading()))
                            .append("</h3>\n<ul>\n");
                    r.items().forEach(i -> item(h, i));
                    h.append("</ul>\n</section>\n");
                }
            }
            h.append("</section>\n");
        }
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void item(StringBuilder h, Item i) {
        h.append("<li>");
        if (!i.label().isEmpty()) {
            h.append("<strong>").append(esc(i.label())).append(":</strong> ");
        }
        h.append(esc(i.text()));
        if (!i.steps().isEmpty()) {
            h.append("\n<ol>\n");
            i.steps().forEach(s -> h.append("<li>").append(esc(s)).append("</li>\n"));
            h.append("</ol>\n");
        }
        h.append("</li>\n");
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
