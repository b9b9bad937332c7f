package dev.handover.spi.model;

import dev.handover.spi.internal.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * A period in which an agent is away (leave, sickness, training), from inclusive to until exclusive.
 *
 * @param from first instant of the absence
 * @param until first instant the agent is back
 * @param reason a short reason for people (may be empty)
 * @param deputy who stands in for the agent meanwhile, if anyone: escalations meant for the absent agent go to them
 */
public record Absence(Instant from, Instant until, String reason, Optional<AgentId> deputy) {

    /** Validates the window. */
    public Absence {
        Checks.notNull(from, "absence from");
        Checks.notNull(until, "absence until");
        Checks.text(reason, "absence reason");
        Checks.optional(deputy, "absence deputy");
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("absence must end after it starts: from " + from + " until " + until);
        }
    }

    /** An absence without a deputy. */
    public Absence(Instant from, Instant until, String reason) {
        this(from, until, reason, Optional.empty());
    }

    /** This absence with a deputy standing in. */
    public Absence withDeputy(AgentId deputy) {
        return new Absence(from, until, reason, Optional.of(Checks.notNull(deputy, "absence deputy")));
    }

    /** True when the instant lies in the absence. */
    public boolean covers(Instant at) {
        return !at.isBefore(from) && at.isBefore(until);
    }
}
