package dev.handover.runner.procedure;

import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the procedure names the agents and groups its rules point at: by the names the CRM's directory gives them when
 * it was read ({@code check --connect}), else by their ids as the configuration writes them.
 */
public final class Names {
    private final Map<AgentId, String> agents;
    private final Map<GroupId, String> groups;
    private final boolean fromCrm;

    private Names(Map<AgentId, String> agents, Map<GroupId, String> groups, boolean fromCrm) {
        this.agents = Map.copyOf(agents);
        this.groups = Map.copyOf(groups);
        this.fromCrm = fromCrm;
    }

    /** Ids only: the CRM was not asked. */
    public static Names ids() {
        return new Names(Map.of(), Map.of(), false);
    }

    /** The names of a directory already read (one read serves every rule). */
    public static Names of(Directory directory) {
        Objects.requireNonNull(directory, "directory");
        Map<AgentId, String> agents = new HashMap<>();
        for (Agent a : directory.agents()) {
            if (!a.name().isBlank()) {
                agents.put(a.id(), a.name().strip());
            }
        }
        Map<GroupId, String> groups = new HashMap<>();
        for (Group g : directory.groups()) {
            if (!g.name().isBlank()) {
                groups.put(g.id(), g.name().strip());
            }
        }
        return new Names(agents, groups, true);
    }

    /** True when the names come from the CRM's directory. */
    public boolean fromCrm() {
        return fromCrm;
    }

    /** "Jonas Weber"; "agent 20002" without the CRM; "agent 20009 (not in the CRM's directory)". */
    String agent(AgentId id) {
        String name = agents.get(id);
        if (name != null) {
            return name;
        }
        return "agent " + id.value() + (fromCrm ? " (not in the CRM's directory)" : "");
    }

    /** "Billing L2"; "group 30001" without the CRM; "group 30009 (not in the CRM's directory)". */
    String group(GroupId id) {
        String name = groups.get(id);
        if (name != null) {
            return name;
        }
        return "group " + id.value() + (fromCrm ? " (not in the CRM's directory)" : "");
    }
}
