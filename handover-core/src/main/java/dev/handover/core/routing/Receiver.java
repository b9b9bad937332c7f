package dev.handover.core.routing;

import dev.handover.spi.Assignment;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Group;
import java.util.Objects;
import java.util.Optional;

/**
 * Who takes a ticket: an agent (in a group they belong to, when there is one) or a group/queue with nobody assigned.
 *
 * @param agent the agent, when an agent takes it
 * @param group the group it sits in afterwards; for an agent, one they belong to
 */
public record Receiver(Optional<Agent> agent, Optional<Group> group) {
    /** Validates that someone receives it. */
    public Receiver {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(group, "group");
        if (agent.isEmpty() && group.isEmpty()) {
            throw new IllegalArgumentException("a receiver is an agent, a group, or both");
        }
    }

    /** An agent, optionally in a group. */
    public static Receiver agent(Agent agent, Optional<Group> group) {
        return new Receiver(Optional.of(agent), group);
    }

    /** A queue. */
    public static Receiver queue(Group group) {
        return new Receiver(Optional.empty(), Optional.of(group));
    }

    /** The CRM assignment that puts the ticket with this receiver. */
    public Assignment assignment() {
        if (agent.isPresent()) {
            return group.map(g -> Assignment.toAgentInGroup(agent.get().id(), g.id()))
                    .orElseGet(() -> Assignment.toAgent(agent.get().id()));
        }
        return Assignment.toGroup(group.get().id());
    }

    /** The agent's name, or the group's: "Jonas Weber", "Billing L2". */
    public String name() {
        return agent.map(Agent::name)
                .filter(n -> !n.isBlank())
                .or(() -> agent.map(a -> a.id().value()))
                .orElseGet(() -> group.get().name());
    }

    /** "Jonas Weber (Billing L2)" or "Billing L2 (queue)". */
    public String describe() {
        return agent.isPresent()
                ? name() + group.map(g -> " (" + g.name() + ")").orElse("")
                : group.get().name() + " (" + group.get().kind().name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
