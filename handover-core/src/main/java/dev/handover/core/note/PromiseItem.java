package dev.handover.core.note;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A promise made to the customer, which the receiver now keeps.
 *
 * @param key its key ({@code promise-1})
 * @param text what was promised
 * @param due by when, if a date was promised
 * @param derived true when taken from the ticket rather than given
 * @param offHours when the date lies outside the receiver's working hours (a promise keeps its date: it was made)
 */
public record PromiseItem(
        String key, String text, Optional<Instant> due, boolean derived, Optional<OffHours> offHours) {
    /** Validates. */
    public PromiseItem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("promise " + key + " has no text");
        }
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(offHours, "off hours");
    }

    /** A promise whose date, if any, lies in the receiver's working hours. */
    public PromiseItem(String key, String text, Optional<Instant> due, boolean derived) {
        this(key, text, due, derived, Optional.empty());
    }
}
