package dev.handover.spi.model;

import dev.handover.spi.internal.Checks;

/**
 * An opaque version of a record as the CRM last wrote it (Zendesk {@code updated_at}, Salesforce
 * {@code SystemModstamp}, a counter in memory). Compared only for equality: a write that carries a version other than
 * the current one is refused with a conflict.
 *
 * @param value the vendor's version token
 */
public record Version(String value) {
    /** Validates the token. */
    public Version {
        Checks.id(value, "version");
    }

    /** Shorthand for {@code new Version(value)}. */
    public static Version of(String value) {
        return new Version(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
