package dev.handover.spi.model;

/** Who can read a comment. */
public enum Visibility {
    /** Only agents: an internal note. */
    INTERNAL,
    /** The customer too: a public reply. */
    PUBLIC
}
