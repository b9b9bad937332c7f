package dev.handover.runner.journal;

import dev.handover.core.event.HandoverEvent;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The names a journal line carries: who handed over, who took over, the group and the receiving team. */
public final class Labels {
    private Labels() {}

    /** The labels of an event, from a directory; ids the directory does not know are left out. */
    public static Map<String, String> of(HandoverEvent event, Directory dir) {
        Map<String, String> out = new TreeMap<>();
        if (event instanceof HandoverEvent.Executed e) {
            e.from().flatMap(dir::agent).ifPresent(a -> out.put("from", a.name()));
            e.to().flatMap(dir::agent).ifPresent(a -> out.put("to", a.name()));
            e.group().flatMap(dir::group).ifPresent(g -> out.put("group", g.name()));
            team(e.to(), e.group(), dir).ifPresent(t -> out.put("team", t));
        } else if (event instanceof HandoverEvent.Acknowledged a) {
            name(a.by(), dir).ifPresent(n -> out.put("by", n));
        } else if (event instanceof HandoverEvent.Reminded r) {
            name(r.to(), dir).ifPresent(n -> out.put("to", n));
        } else if (event instanceof HandoverEvent.Retargeted r) {
            name(r.from(), dir).ifPresent(n -> out.put("from", n));
        } else if (event instanceof HandoverEvent.FeedbackGiven f) {
            name(f.from(), dir).ifPresent(n -> out.put("from", n));
        }
        return out;
    }

    /** The receiving team: the group handed to, else the receiver's first team. */
    private static Optional<String> team(Optional<AgentId> to, Optional<GroupId> group, Directory dir) {
        Optional<String> g = group.flatMap(dir::group).map(Group::name);
        if (g.isPresent()) {
            return g;
        }
        return to.flatMap(dir::agent).stream()
                .flatMap(a -> a.groups().stream())
                .sorted()
                .map(dir::group)
                .flatMap(Optional::stream)
                .map(Group::name)
                .findFirst();
    }

    private static Optional<String> name(AgentId id, Directory dir) {
        return dir.agent(id).map(Agent::name).filter(n -> !n.isBlank());
    }
}
