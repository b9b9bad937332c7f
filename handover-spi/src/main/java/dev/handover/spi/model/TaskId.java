package dev.handover.spi.model;

import dev.handover.spi.internal.Checks;

/**
 * Identifies a task in the CRM, exactly as the CRM spells it (a Zendesk number, a Salesforce 18-character id, …).
 *
 * @param value the CRM's identifier; non-blank, at most 255 characters, no control characters
 */
public record TaskId(String value) implements Comparable<TaskId> {
    /** Validates the identifier. */
    public TaskId {
        Checks.id(value, "task id");
    }

    /** Shorthand for {@code new TaskId(value)}. */
    public static TaskId of(String value) {
        return new TaskId(value);
    }

    /** Orders numeric ids numerically (so "9" comes before "10") and other ids as text. */
    @Override
    public int compareTo(TaskId other) {
        return IdOrder.compare(value, other.value);
    }

    /** The bare identifier, so ids read naturally in messages. */
    @Override
    public String toString() {
        return value;
    }
}
