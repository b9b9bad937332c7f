package dev.handover.core.selection;

import dev.handover.core.routing.ReceiverRequirements;
import dev.handover.core.rule.Workload;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Ticket;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the receiver check knows about one handover.
 *
 * @param ticket the ticket
 * @param now the instant of the handover
 * @param directory the agent directory
 * @param workload open tickets per agent (including handovers already planned in the same batch)
 * @param sender who hands over (the current assignee, or the person doing a manual handover), if anyone
 * @param originalOwner who owned the ticket before its last handover, when known from its history
 * @param excluded agents who must not receive it, with the reason (the ping-pong guard)
 * @param requirements what a receiver must offer
 */
public record SelectionContext(
        Ticket ticket,
        Instant now,
        Directory directory,
        Workload workload,
        Optional<Agent> sender,
        Optional<AgentId> originalOwner,
        Map<AgentId, String> excluded,
        ReceiverRequirements requirements) {

    /** Validates and copies. */
    public SelectionContext {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(originalOwner, "original owner");
        excluded = Map.copyOf(excluded);
        Objects.requireNonNull(requirements, "requirements");
    }
}
