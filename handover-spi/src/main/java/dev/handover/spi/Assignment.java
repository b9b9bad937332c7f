package dev.handover.spi;

import dev.handover.spi.internal.Checks;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import java.util.Optional;

/**
 * Who a ticket goes to. With an agent, the agent owns it (in the group, when one is given). With only a group or
 * queue, the ticket waits there unassigned: the previous assignee is cleared.
 *
 * @param agent the new owner, if an agent
 * @param group the new group or queue, if any
 */
public record Assignment(Optional<AgentId> agent, Optional<GroupId> group) {

    /** Validates that at least one side is given. */
    public Assignment {
        Checks.optional(agent, "assignment agent");
        Checks.optional(group, "assignment group");
        if (agent.isEmpty() && group.isEmpty()) {
            throw new IllegalArgumentException("an assignment needs an agent, a group, or both");
        }
    }

    /** To an agent, leaving the group as it is. */
    public static Assignment toAgent(AgentId agent) {
        return new Assignment(Optional.of(agent), Optional.empty());
    }

    /** To an agent in a group. */
    public static Assignment toAgentInGroup(AgentId agent, GroupId group) {
        return new Assignment(Optional.of(agent), Optional.of(group));
    }

    /** To a group or queue, unassigned. */
    public static Assignment toGroup(GroupId group) {
        return new Assignment(Optional.empty(), Optional.of(group));
    }

    @Override
    public String toString() {
        return "Assignment[agent=" + agent.map(AgentId::value).orElse("-") + ", group="
                + group.map(GroupId::value).orElse("-") + "]";
    }
}
