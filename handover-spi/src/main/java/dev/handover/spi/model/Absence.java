package dev.handover.spi.model;

import dev.handover.spi.internal.Checks;
import java.time.Instant;

/**
 * A period in which an agent is away (leave, sickness, training), from inclusive to until exclusive.
 *
 * @param from first instant of the absence
 * @param until first instant the agent is back
 * @param reason a short reason for people (may be empty)
 */
public record Absence(Instant from, Instant until, String reason) {

    /** Validates the window. */
    public Absence {
        Checks.notNull(from, "absence from");
        Checks.notNull(until, "absence until");
        Checks.text(reason, "absence reason");
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("absence must end after it starts: from " + from + " until " + until);
        }
    }

    /** True when the instant lies in the absence. */
    public boolean covers(Instant at) {
        return !at.isBefore(from) && at.isBefore(until);
    }
}
