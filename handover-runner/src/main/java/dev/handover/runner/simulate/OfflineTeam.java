package dev.handover.runner.simulate;

import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Ticket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The team a simulation without CRM access works with, and what it could therefore not check. The agents and groups
 * come from a directory file when one is given, else from the people the ticket file itself describes (sideloaded
 * users and groups); every agent the configuration's {@code team:} section names and neither describes is added (its
 * id is the key as written), so the {@code team:} section alone is enough for rules that name agents.
 *
 * @param directory the team, before the {@code team:} section is applied over it
 * @param openTickets open tickets per agent besides the replayed ones
 * @param unchecked what the simulation could not check offline, one sentence each
 */
public record OfflineTeam(Directory directory, Map<AgentId, Integer> openTickets, List<String> unchecked) {
    /** Copies. */
    public OfflineTeam {
        openTickets = Map.copyOf(openTickets);
        unchecked = List.copyOf(unchecked);
    }

    /**
     * Puts the team together.
     *
     * @param file the directory file, if given
     * @param contents the ticket file, whose sideloads may describe people
     * @param teamKeys the agents the {@code team:} section names, by id or e-mail address
     * @param referencedGroups the group ids the policy names
     */
    public static OfflineTeam of(
            Optional<TeamFile> file,
            TicketFile.Contents contents,
            List<String> teamKeys,
            Set<GroupId> referencedGroups) {
        Directory base = file.map(TeamFile::directory).orElse(contents.people());
        String source = file.isPresent()
                ? "the directory file"
                : contents.people().agents().isEmpty() ? "" : "the" + " users sideloaded in the ticket file";
        Map<String, Agent> byKey = new LinkedHashMap<>();
        for (Agent a : base.agents()) {
            if (!a.email().isBlank()) {
                byKey.putIfAbsent(a.email().toLowerCase(Locale.ROOT), a);
            }
            byKey.put(a.id().value().toLowerCase(Locale.ROOT), a);
        }
        List<Agent> agents = new ArrayList<>(base.agents());
        int added = 0;
        for (String key : teamKeys) {
            if (!byKey.containsKey(key.toLowerCase(Locale.ROOT))) {
                Agent a = Agent.builder(AgentId.of(key))
                        .name(key)
                        .email(key.contains("@") ? key : "")
                        .build();
                agents.add(a);
                byKey.put(key.toLowerCase(Locale.ROOT), a);
                added++;
            }
        }
        List<Group> groups = new ArrayList<>(base.groups());
        Set<String> missingGroups = new TreeSet<>();
        for (GroupId g : referencedGroups) {
            if (base.group(g).isEmpty()) {
                missingGroups.add(g.value());
                // the engine refuses a policy naming an unknown group: an empty stand-in lets the other rules run
                groups.add(Group.team(g, "group " + g.value()));
            }
        }
        Directory directory = Directory.of(agents, groups);
        List<String> unchecked = new ArrayList<>();
        if (agents.isEmpty()) {
            unchecked.add("no agents are known: give them in the configuration's team: section or a --directory"
                    + " file, or export with the users sideloaded");
        } else if (added > 0) {
            unchecked.add(added + " agent(s) come from the team: section alone"
                    + (source.isEmpty() ? "" : " (not in " + source + ")")
                    + ": they belong to no group and have no name but their key");
        }
        if (file.isEmpty() && !contents.people().agents().isEmpty()) {
            unchecked.add("group membership is taken from each user's default group only (the sideloads carry no"
                    + " other membership); give a --directory file for the full membership");
        }
        if (!missingGroups.isEmpty()) {
            unchecked.add("the policy names group(s) " + String.join(", ", missingGroups)
                    + " that no directory given describes: taken as empty, nobody can be chosen from them");
        }
        Set<String> unknownAssignees = new TreeSet<>();
        for (Ticket t : contents.tickets()) {
            t.assignee().filter(a -> directory.agent(a).isEmpty()).ifPresent(a -> unknownAssignees.add(a.value()));
        }
        if (!unknownAssignees.isEmpty()) {
            unchecked.add(unknownAssignees.size() + " assignee(s) of the tickets are not in the team ("
                    + String.join(", ", first(unknownAssignees)) + "): rules about the assignee's language, shift or"
                    + " absence cannot judge their tickets");
        }
        unchecked.add("presence (online, away) is unknown offline: shifts, absences and the policy's calendars decide"
                + " who is available");
        Map<AgentId, Integer> open = file.map(TeamFile::openTickets).orElse(Map.of());
        long withCounts = directory.agents().stream()
                .filter(a -> open.containsKey(a.id()))
                .count();
        if (withCounts < directory.agents().size()) {
            unchecked.add("workload: open tickets are counted over the replayed tickets only"
                    + (withCounts == 0
                            ? ""
                            : ", plus openTickets from the directory file for " + withCounts + " of "
                                    + directory.agents().size() + " agents")
                    + "; capacity checks may pass where the CRM would refuse");
        }
        return new OfflineTeam(directory, open, unchecked);
    }

    /** The first few, so that a line stays readable with a thousand unknown assignees. */
    private static List<String> first(Set<String> ids) {
        List<String> out = new ArrayList<>(ids.stream().limit(5).toList());
        if (ids.size() > 5) {
            out.add("…");
        }
        return out;
    }
}
