package dev.handover.runner.procedure;

/** How a {@link Procedure} is laid out: wrapped plain text, Markdown, or a self-contained HTML page. */
public enum Format {
    /** Plain text, wrapped at a width, continuation lines indented under their item. */
    TEXT,
    /** Markdown: headings, lists, the rules' parts in bold; every character the text holds shown as written. */
    MARKDOWN,
    /** One HTML page with its style inside, every text escaped. */
    HTML;

    /** The procedure in this format; {@code width} is for {@link #TEXT} only (at least 20). */
    public String render(Procedure procedure, int width) {
        return switch (this) {
            case TEXT -> new TextLayout(width).render(procedure);
            case MARKDOWN -> MarkdownLayout.render(procedure);
            case HTML -> HtmlLayout.render(procedure);
        };
    }
}
