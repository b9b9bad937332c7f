package dev.handover.core.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * An action a rule requires after the handover, with its owner and a deadline in business time after the handover.
 *
 * @param description what must be done ("Call the customer back")
 * @param owner who owns it
 * @param deadline business time after the handover by which it must be done, in the owner's working hours
 */
public record RequiredAction(String description, ActionOwner owner, Duration deadline) {
    /** Validates the components. */
    public RequiredAction {
        Objects.requireNonNull(description, "action description");
        if (description.isBlank()) {
            throw new IllegalArgumentException("action description must not be blank");
        }
        Objects.requireNonNull(owner, "action owner");
        Objects.requireNonNull(deadline, "action deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException(
                    "deadline of action '" + description + "' must be positive, was " + deadline);
        }
    }
}
