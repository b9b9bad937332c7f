package dev.handover.core.policy;

/**
 * What happens when a deadline given as a moment (an action due at a time, a dated promise) lies outside its owner's
 * working hours — at night, on their day off or on a holiday. Either way the handover's result and its note say so.
 */
public enum OffHoursDeadlines {
    /** The deadline stays as given, and a warning names it and the owner's last working moment before it. */
    WARN,
    /** An action's deadline moves to the owner's last working moment before it (a promise keeps its date: it was made). */
    MOVE
}
