package dev.handover.spi.model;

import dev.handover.spi.internal.Checks;

/**
 * Identifies a agent in the CRM, exactly as the CRM spells it (a Zendesk number, a Salesforce 18-character id, …).
 *
 * @param value the CRM's identifier; non-blank, at most 255 characters, no control characters
 */
public record AgentId(String value) implements Comparable<AgentId> {
    /** Validates the identifier. */
    public AgentId {
        Checks.id(value, "agent id");
    }

    /** Shorthand for {@code new AgentId(value)}. */
    public static AgentId of(String value) {
        return new AgentId(value);
    }

    /** Orders numeric ids numerically (so "9" comes before "10") and other ids as text. */
    @Override
    public int compareTo(AgentId other) {
        return IdOrder.compare(value, other.value);
    }

    /** The bare identifier, so ids read naturally in messages. */
    @Override
    public String toString() {
        return value;
    }
}
