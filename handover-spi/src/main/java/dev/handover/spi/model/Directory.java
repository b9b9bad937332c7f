package dev.handover.spi.model;

import dev.handover.spi.internal.Checks;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A snapshot of the agent directory: agents, groups and queues, and who belongs where. Immutable; look-ups are by
 * index, so a directory can be consulted per ticket without cost.
 */
public final class Directory {
    private final Map<AgentId, Agent> agents;
    private final Map<GroupId, Group> groups;
    private final Map<String, Group> groupsByName;
    private final Map<GroupId, List<Agent>> members;

    private Directory(Collection<Agent> agents, Collection<Group> groups) {
        Map<AgentId, Agent> a = new LinkedHashMap<>();
        for (Agent agent : Checks.list(agents, "agents")) {
            if (a.put(agent.id(), agent) != null) {
                throw new IllegalArgumentException("directory lists agent " + agent.id() + " twice");
            }
        }
        Map<GroupId, Group> g = new LinkedHashMap<>();
        Map<String, Group> byName = new LinkedHashMap<>();
        for (Group group : Checks.list(groups, "groups")) {
            if (g.put(group.id(), group) != null) {
                throw new IllegalArgumentException("directory lists group " + group.id() + " twice");
            }
            Group clash = byName.put(group.name().toLowerCase(Locale.ROOT), group);
            if (clash != null) {
                throw new IllegalArgumentException(
                        "groups " + clash.id() + " and " + group.id() + " have the same name '" + group.name() + "'");
            }
        }
        this.agents = java.util.Collections.unmodifiableMap(a);
        this.groups = java.util.Collections.unmodifiableMap(g);
        this.groupsByName = java.util.Collections.unmodifiableMap(byName);
        this.members = a.values().stream()
                .flatMap(agent -> agent.groups().stream().map(gid -> Map.entry(gid, agent)))
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey,
                        LinkedHashMap::new,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toUnmodifiableList())));
    }

    /** A directory of these agents and groups; ids must be unique, group names unique ignoring case. */
    public static Directory of(Collection<Agent> agents, Collection<Group> groups) {
        return new Directory(agents, groups);
    }

    /** An empty directory. */
    public static Directory empty() {
        return new Directory(List.of(), List.of());
    }

    /** All agents, in the CRM's order. */
    public List<Agent> agents() {
        return List.copyOf(agents.values());
    }

    /** All groups and queues, in the CRM's order. */
    public List<Group> groups() {
        return List.copyOf(groups.values());
    }

    /** The agent with this id. */
    public Optional<Agent> agent(AgentId id) {
        return Optional.ofNullable(agents.get(id));
    }

    /** The group with this id. */
    public Optional<Group> group(GroupId id) {
        return Optional.ofNullable(groups.get(id));
    }

    /** The group with this name, ignoring case. */
    public Optional<Group> groupNamed(String name) {
        return Optional.ofNullable(groupsByName.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The agents who belong to a group, in directory order; empty for unknown groups. */
    public List<Agent> members(GroupId group) {
        return members.getOrDefault(group, List.of());
    }

    /** The agents this agent manages directly. */
    public List<Agent> reportsOf(AgentId manager) {
        return agents.values().stream()
                .filter(a -> a.manager().filter(manager::equals).isPresent())
                .toList();
    }

    @Override
    public String toString() {
        return "Directory[" + agents.size() + " agents, " + groups.size() + " groups]";
    }
}
