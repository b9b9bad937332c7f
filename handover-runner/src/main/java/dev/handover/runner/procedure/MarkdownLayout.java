package dev.handover.runner.procedure;

import dev.handover.runner.procedure.Procedure.Block;
import dev.handover.runner.procedure.Procedure.Item;
import dev.handover.runner.procedure.Procedure.Items;
import dev.handover.runner.procedure.Procedure.Paragraph;
import dev.handover.runner.procedure.Procedure.Rule;
import dev.handover.runner.procedure.Procedure.Section;

/**
 * The procedure as Markdown: {@code #} title, {@code ##} sections, {@code ###} rules, bulleted items with bold labels,
 * numbered steps. Text is escaped so that what a rule says ({@code <b>}, {@code *}, {@code refund_amount}) is shown as
 * written, not read as markup or HTML; lines are not wrapped (a renderer wraps them).
 */
final class MarkdownLayout {
    private MarkdownLayout() {}

    static String render(Procedure p) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(esc(p.title())).append('\n');
        for (Section s : p.sections()) {
            if (!s.heading().isEmpty()) {
                out.append("\n## ").append(esc(s.heading())).append('\n');
            }
            for (Block b : s.blocks()) {
                out.append('\n');
                if (b instanceof Paragraph para) {
                    out.append(esc(para.text())).append('\n');
                } else if (b instanceof Items list) {
                    list.items().forEach(i -> item(out, i));
                } else if (b instanceof Rule r) {
                    out.append("### ")
                            .append(r.number())
                            .append(". ")
                            .append(esc(r.heading()))
                            .append("\n\n");
                    r.items().forEach(i -> item(out, i));
                }
            }
        }
        return out.toString();
    }

    private static void item(StringBuilder out, Item i) {
        out.append("- ");
        if (!i.label().isEmpty()) {
            out.append("**").append(esc(i.label())).append(":** ");
        }
        out.append(esc(i.text())).append('\n');
        for (int n = 0; n < i.steps().size(); n++) {
            out.append("  ")
                    .append(n + 1)
                    .append(". ")
                    .append(esc(i.steps().get(n)))
                    .append('\n');
        }
    }

    /**
     * Backslash-escapes the characters CommonMark reads as markup or HTML anywhere in a line, and what would make a
     * line a heading, a list or a quote at its start. Line breaks become spaces: a text is one line.
     */
    static String esc(String text) {
        String t = text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
        StringBuilder sb = new StringBuilder(t.length() + 8);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if ("\\`*_[]<>&|~".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        // a leading "#", "-", "+", "=" or "1." would start a heading, list or rule
        if (!sb.isEmpty() && "#-+=".indexOf(sb.charAt(0)) >= 0) {
            sb.insert(0, '\\');
        }
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("^(\\d+)([.)])").matcher(sb);
        if (m.find()) {
            sb.insert(m.end(1), '\\');
        }
        return sb.toString();
    }
}
