package dev.handover.spi;

/** The order in which a time-ordered result is returned. */
public enum SortOrder {
    /** Oldest first. */
    OLDEST_FIRST,
    /** Newest first. */
    NEWEST_FIRST
}
