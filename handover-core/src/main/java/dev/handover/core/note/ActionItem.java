package dev.handover.core.note;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An action required after the handover, with its owner and deadline.
 *
 * @param key its key, also its task's key ({@code action-1})
 * @param text what must be done
 * @param owner who owns it
 * @param due by when
 * @param offHours when the deadline was given outside the owner's working hours: what became of it
 */
public record ActionItem(String key, String text, Party owner, Instant due, Optional<OffHours> offHours) {
    /** Validates. */
    public ActionItem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("action " + key + " has no text");
        }
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(offHours, "off hours");
    }

    /** An action whose deadline lies in its owner's working hours. */
    public ActionItem(String key, String text, Party owner, Instant due) {
        this(key, text, owner, due, Optional.empty());
    }
}
