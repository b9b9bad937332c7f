package dev.handover.core;

import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A receiver's acknowledgement of a handover.
 *
 * @param handover the handover
 * @param ticket its ticket
 * @param by who acknowledged
 * @param at when it was acknowledged (for an earlier acknowledgement, then)
 * @param latency from the handover to the acknowledgement
 * @param already true when it had been acknowledged before; nothing was written
 */
public record Acknowledgement(
        HandoverId handover, TicketId ticket, AgentId by, Instant at, Duration latency, boolean already) {
    /** Validates. */
    public Acknowledgement {
        Objects.requireNonNull(handover, "handover");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(latency, "latency");
    }
}
