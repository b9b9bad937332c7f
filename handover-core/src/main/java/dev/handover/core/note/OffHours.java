package dev.handover.core.note;

import java.time.Instant;
import java.util.Objects;

/**
 * A deadline that was given as a moment outside its owner's working hours, and what became of it.
 *
 * @param given the moment as given
 * @param lastWorkingMoment the owner's last working moment before it
 * @param moved true when the deadline was moved to {@code lastWorkingMoment}, false when it stays and is warned of
 */
public record OffHours(Instant given, Instant lastWorkingMoment, boolean moved) {
    /** Validates. */
    public OffHours {
        Objects.requireNonNull(given, "given");
        Objects.requireNonNull(lastWorkingMoment, "last working moment");
        if (!lastWorkingMoment.isBefore(given)) {
            throw new IllegalArgumentException("the last working moment " + lastWorkingMoment
                    + " must lie before the off-hours deadline " + given);
        }
    }
}
