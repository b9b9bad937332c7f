package dev.handover.spi.model;

import dev.handover.spi.internal.Checks;

/**
 * Identifies a ticket in the CRM, exactly as the CRM spells it (a Zendesk number, a Salesforce 18-character id, …).
 *
 * @param value the CRM's identifier; non-blank, at most 255 characters, no control characters
 */
public record TicketId(String value) implements Comparable<TicketId> {
    /** Validates the identifier. */
    public TicketId {
        Checks.id(value, "ticket id");
    }

    /** Shorthand for {@code new TicketId(value)}. */
    public static TicketId of(String value) {
        return new TicketId(value);
    }

    /** Orders numeric ids numerically (so "9" comes before "10") and other ids as text. */
    @Override
    public int compareTo(TicketId other) {
        return IdOrder.compare(value, other.value);
    }

    /** The bare identifier, so ids read naturally in messages. */
    @Override
    public String toString() {
        return value;
    }
}
