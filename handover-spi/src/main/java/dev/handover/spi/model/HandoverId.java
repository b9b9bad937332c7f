package dev.handover.spi.model;

import dev.handover.spi.internal.Checks;
import java.util.regex.Pattern;

/**
 * Identifies one handover. It is written into notes, task keys, tags and vendor external ids, so it is restricted to
 * characters every CRM keeps as they are: lower-case letters, digits and hyphens, at most 64 characters.
 *
 * @param value the identifier, e.g. {@code ho-20260302-4f1c9a}
 */
public record HandoverId(String value) implements Comparable<HandoverId> {
    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** Validates the identifier. */
    public HandoverId {
        Checks.matches(
                value,
                FORM,
                "handover id",
                "1–64 lower-case letters, digits or hyphens, starting with a letter or digit");
    }

    /** Shorthand for {@code new HandoverId(value)}. */
    public static HandoverId of(String value) {
        return new HandoverId(value);
    }

    @Override
    public int compareTo(HandoverId other) {
        return value.compareTo(other.value);
    }

    /** The bare identifier. */
    @Override
    public String toString() {
        return value;
    }
}
