package dev.handover.runner.procedure;

import dev.handover.runner.procedure.Procedure.Block;
import dev.handover.runner.procedure.Procedure.Item;
import dev.handover.runner.procedure.Procedure.Items;
import dev.handover.runner.procedure.Procedure.Paragraph;
import dev.handover.runner.procedure.Procedure.Rule;
import dev.handover.runner.procedure.Procedure.Section;

/**
 * The procedure as plain text wrapped at a width: words are never split (a word longer than the line gets a line of
 * its own), and a continuation line starts under the text of its item, not under its bullet or number.
 */
final class TextLayout {
    private final int width;
    private final StringBuilder out = new StringBuilder();

    TextLayout(int width) {
        if (width < 20) {
            throw new IllegalArgumentException("a width of at least 20 columns, was " + width);
        }
        this.width = width;
    }

    String render(Procedure p) {
        wrap(p.title(), "", "");
        out.append("=".repeat(Math.min(width, columns(p.title())))).append('\n');
        for (Section s : p.sections()) {
            out.append('\n');
            if (!s.heading().isEmpty()) {
                wrap(s.heading(), "", "");
                out.append("-".repeat(Math.min(width, columns(s.heading())))).append('\n');
            }
            boolean first = true;
            for (Block b : s.blocks()) {
                if (!first) {
                    out.append('\n');
                }
                first = false;
                block(b);
            }
        }
        return out.toString();
    }

    private void block(Block b) {
        if (b instanceof Paragraph p) {
            wrap(p.text(), "", "");
        } else if (b instanceof Items list) {
            for (Item i : list.items()) {
                item(i, "  - ", "    ");
            }
        } else if (b instanceof Rule r) {
            String number = String.format("%2d. ", r.number());
            wrap(r.heading(), number, " ".repeat(number.length()));
            String indent = " ".repeat(number.length());
            for (Item i : r.items()) {
                item(i, indent, indent + "  ");
            }
        }
    }

    private void item(Item i, String first, String rest) {
        wrap(i.label().isEmpty() ? i.text() : i.label() + ": " + i.text(), first, rest);
        for (int n = 0; n < i.steps().size(); n++) {
            String number = rest + (n + 1) + ". ";
            wrap(i.steps().get(n), number, " ".repeat(number.length()));
        }
    }

    /** Appends the text wrapped: the first line after {@code first}, the others after {@code rest}. */
    private void wrap(String text, String first, String rest) {
        StringBuilder line = new StringBuilder(first);
        int used = first.length();
        boolean empty = true;
        for (String word : text.strip().split("\\s+")) {
            int w = columns(word);
            if (!empty && used + 1 + w > width) {
                out.append(line).append('\n');
                line = new StringBuilder(rest);
                used = rest.length();
                empty = true;
            }
            if (!empty) {
                line.append(' ');
                used++;
            }
            line.append(word);
            used += w;
            empty = false;
        }
        out.append(line).append('\n');
    }

    private static int columns(String s) {
        return s.codePointCount(0, s.length());
    }
}
