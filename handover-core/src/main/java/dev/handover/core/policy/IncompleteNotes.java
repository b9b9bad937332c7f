package dev.handover.core.policy;

/** What happens when a handover note misses a required section. */
public enum IncompleteNotes {
    /** The handover is refused until the missing information is given. */
    BLOCK,
    /** The handover goes through and a warning event names what is missing. */
    WARN
}
