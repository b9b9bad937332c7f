package dev.handover.spi.model;

import dev.handover.spi.internal.Checks;

/**
 * Identifies a group or queue in the CRM, exactly as the CRM spells it (a Zendesk number, a Salesforce 18-character id, …).
 *
 * @param value the CRM's identifier; non-blank, at most 255 characters, no control characters
 */
public record GroupId(String value) implements Comparable<GroupId> {
    /** Validates the identifier. */
    public GroupId {
        Checks.id(value, "group or queue id");
    }

    /** Shorthand for {@code new GroupId(value)}. */
    public static GroupId of(String value) {
        return new GroupId(value);
    }

    /** Orders numeric ids numerically (so "9" comes before "10") and other ids as text. */
    @Override
    public int compareTo(GroupId other) {
        return IdOrder.compare(value, other.value);
    }

    /** The bare identifier, so ids read naturally in messages. */
    @Override
    public String toString() {
        return value;
    }
}
