package dev.handover.core.rendering;

import dev.handover.core.marker.Markers;
import dev.handover.spi.model.NoteFormat;
import java.util.List;

/** How one note format marks up titles, headings, fields and lists, and escapes user text. */
interface Markup {
    String title(String escapedText);

    String heading(String text);

    String field(String label, String escapedValue);

    String list(List<String> escapedItems, boolean numbered);

    String paragraph(String escapedText);

    /** User text made safe: markup escaped, trailer look-alikes defused. */
    String text(String raw);

    String derivedMarker();

    String trailer(String trailer);

    /** Joins blocks. */
    String join(List<String> blocks);

    /** Writes one character of user text, escaped as a format needs. */
    @FunctionalInterface
    interface CharEscape {
        void append(StringBuilder sb, char c);
    }

    /**
     * User text with trailer look-alikes defused and carriage returns dropped, each character then written by {@code
     * escape}; {@code slack} is room for the escapes.
     */
    private static String escaped(String raw, int slack, CharEscape escape) {
        String s = Markers.neutralize(raw).replace("\r", "");
        StringBuilder sb = new StringBuilder(s.length() + slack);
        for (int i = 0; i < s.length(); i++) {
            escape.append(sb, s.charAt(i));
        }
        return sb.toString();
    }

    static Markup of(NoteFormat format) {
        return switch (format) {
            case PLAIN_TEXT -> new Plain();
            case MARKDOWN -> new Markdown();
            case HTML -> new Html();
        };
    }

    /**
     * What plain text and Markdown share: one list item a line, indented and marked by number or bullet; the trailer
     * as it is; a blank line between blocks.
     */
    abstract class TextMarkup implements Markup {
        private final String indent;
        private final String bullet;

        TextMarkup(String indent, String bullet) {
            this.indent = indent;
            this.bullet = bullet;
        }

        @Override
        public String list(List<String> items, boolean numbered) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < items.size(); i++) {
                sb.append(i == 0 ? "" : "\n")
                        .append(indent)
                        .append(numbered ? (i + 1) + ". " : bullet + " ")
                        .append(items.get(i));
            }
            return sb.toString();
        }

        @Override
        public String trailer(String trailer) {
            return trailer;
        }

        @Override
        public String join(List<String> blocks) {
            return String.join("\n\n", blocks);
        }
    }

    /** Plain text: upper-case headings, bullets, one blank line between blocks. */
    final class Plain extends TextMarkup {
        Plain() {
            super("  ", "•");
        }

        @Override
        public String title(String t) {
            return t;
        }

        @Override
        public String heading(String text) {
            return text.toUpperCase(java.util.Locale.ROOT);
        }

        @Override
        public String field(String label, String v) {
            return label + ": " + v;
        }

        @Override
        public String paragraph(String t) {
            return "  " + t;
        }

        @Override
        public String text(String raw) {
            return Markers.neutralize(raw).replace("\r", "");
        }

        @Override
        public String derivedMarker() {
            return " [from ticket]";
        }
    }

    /** Markdown as Zendesk renders it. */
    final class Markdown extends TextMarkup {
        Markdown() {
            super("", "-");
        }

        @Override
        public String title(String t) {
            return "## " + t;
        }

        @Override
        public String heading(String text) {
            return "### " + text;
        }

        @Override
        public String field(String label, String v) {
            return "**" + label + ":** " + v + "  "; // two trailing spaces: a Markdown line break
        }

        @Override
        public String paragraph(String t) {
            return t;
        }

        @Override
        public String text(String raw) {
            return escaped(raw, 8, (sb, c) -> {
                if ("\\`*_[]<>#|~".indexOf(c) >= 0) {
                    sb.append('\\');
                }
                sb.append(c == '\n' ? ' ' : c);
            });
        }

        @Override
        public String derivedMarker() {
            return " _(from ticket)_";
        }
    }

    /** An HTML fragment: no scripts, no styles, no external resources. */
    final class Html implements Markup {
        @Override
        public String title(String t) {
            return "<h2>" + t + "</h2>";
        }

        @Override
        public String heading(String text) {
            return "<h3>" + text + "</h3>";
        }

        @Override
        public String field(String label, String v) {
            return "<p><strong>" + label + ":</strong> " + v + "</p>";
        }

        @Override
        public String list(List<String> items, boolean numbered) {
            StringBuilder sb = new StringBuilder(numbered ? "<ol>" : "<ul>");
            for (String item : items) {
                sb.append("<li>").append(item).append("</li>");
            }
            return sb.append(numbered ? "</ol>" : "</ul>").toString();
        }

        @Override
        public String paragraph(String t) {
            return "<p>" + t + "</p>";
        }

        @Override
        public String text(String raw) {
            return escaped(raw, 16, (sb, c) -> {
                switch (c) {
                    case '&' -> sb.append("&amp;");
                    case '<' -> sb.append("&lt;");
                    case '>' -> sb.append("&gt;");
                    case '"' -> sb.append("&quot;");
                    case '\'' -> sb.append("&#39;");
                    case '\n' -> sb.append("<br>");
                    default -> sb.append(c);
                }
            });
        }

        @Override
        public String derivedMarker() {
            return " <em>(from ticket)</em>";
        }

        @Override
        public String trailer(String trailer) {
            return "<p>" + trailer + "</p>";
        }

        @Override
        public String join(List<String> blocks) {
            return String.join("\n", blocks);
        }
    }
}
