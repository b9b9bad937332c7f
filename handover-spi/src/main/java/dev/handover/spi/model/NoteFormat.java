package dev.handover.spi.model;

/** How a note's body is marked up. A connector declares which ones it stores faithfully. */
public enum NoteFormat {
    /** Plain text; line breaks are kept. */
    PLAIN_TEXT,
    /** Markdown, as Zendesk renders it in comments. */
    MARKDOWN,
    /** An HTML fragment (no scripts, no external resources). */
    HTML
}
