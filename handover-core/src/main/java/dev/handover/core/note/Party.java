package dev.handover.core.note;

import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * One side of a handover or the owner of an action: an agent (in a group), a group or queue, or the system itself.
 *
 * @param agent the agent, if a person
 * @param group the group, if any
 * @param name how people call it ("Jonas Weber", "Billing L2", "handover rules")
 * @param groupName the group's name, or empty
 * @param zone the agent's time zone, for showing deadlines in their local time
 */
public record Party(
        Optional<AgentId> agent, Optional<GroupId> group, String name, String groupName, Optional<ZoneId> zone) {

    /** Validates. */
    public Party {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a party needs a name");
        }
        Objects.requireNonNull(groupName, "group name");
        Objects.requireNonNull(zone, "zone");
    }

    /** An agent, in a group when given. */
    public static Party of(Agent agent, Optional<Group> group) {
        return new Party(
                Optional.of(agent.id()),
                group.map(Group::id),
                agent.name().isBlank() ? agent.id().value() : agent.name(),
                group.map(Group::name).orElse(""),
                Optional.of(agent.timeZone()));
    }

    /** A group or queue. */
    public static Party of(Group group) {
        return new Party(Optional.empty(), Optional.of(group.id()), group.name(), group.name(), Optional.empty());
    }

    /** The engine itself, acting on the organisation's rules. */
    public static Party system(String name) {
        return new Party(Optional.empty(), Optional.empty(), name, "", Optional.empty());
    }

    /** "Jonas Weber (Billing L2)", "Billing L2 (queue)", "handover rules". */
    public String describe() {
        if (agent.isPresent()) {
            return groupName.isEmpty() ? name : name + " (" + groupName + ")";
        }
        return group.isPresent() ? name + " (queue)" : name;
    }
}
