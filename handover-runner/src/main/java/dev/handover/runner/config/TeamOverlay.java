package dev.handover.runner.config;

import dev.handover.spi.model.Absence;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Shift;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The {@code team:} section: what the CRM's directory does not know about agents (skills, languages, shifts, managers,
 * capacity, role, planned absences), merged into it. An agent is named by CRM id or e-mail address; each value given
 * replaces the CRM's, values not given are kept.
 */
public final class TeamOverlay implements UnaryOperator<Directory> {
    private final List<AgentPatch> patches;

    TeamOverlay(List<AgentPatch> patches) {
        this.patches = List.copyOf(patches);
    }

    /** No overlay. */
    public static TeamOverlay none() {
        return new TeamOverlay(List.of());
    }

    /** The agents the section names, by CRM id or e-mail address as written, in file order. */
    public List<String> agentKeys() {
        return patches.stream().map(AgentPatch::key).toList();
    }

    /** True when the section names no agent. */
    public boolean isEmpty() {
        return patches.isEmpty();
    }

    /**
     * One agent's additions.
     *
     * @param key the CRM id or e-mail address as written
     * @param at where it is written
     * @param skills replaces the agent's skills
     * @param languages replaces the languages the agent serves customers in
     * @param timeZone replaces the agent's time zone
     * @param shifts replaces the agent's working hours
     * @param manager the line manager, by CRM id or e-mail address
     * @param capacity the most open tickets the agent should hold
     * @param role the role, for limits of authority
     * @param absences planned absences, added to the CRM's
     */
    record AgentPatch(
            String key,
            Location at,
            Optional<Set<String>> skills,
            Optional<List<Locale>> languages,
            Optional<ZoneId> timeZone,
            Optional<List<Shift>> shifts,
            Optional<String> manager,
            Optional<Integer> capacity,
            Optional<String> role,
            List<PlannedAbsence> absences) {}

    /**
     * An absence by dates (whole days in the agent's time zone, {@code until} inclusive) or by instants, with the
     * deputy who stands in meanwhile (by CRM id or e-mail address), if any.
     */
    record PlannedAbsence(
            Optional<Instant> from,
            Optional<Instant> until,
            Optional<LocalDate> firstDay,
            Optional<LocalDate> lastDay,
            String reason,
            Optional<String> deputy) {
        PlannedAbsence(
                Optional<Instant> from,
                Optional<Instant> until,
                Optional<LocalDate> firstDay,
                Optional<LocalDate> lastDay,
                String reason) {
            this(from, until, firstDay, lastDay, reason, Optional.empty());
        }

        Absence resolve(ZoneId zone, Map<String, Agent> byKey) {
            Instant start = from.orElseGet(
                    () -> firstDay.orElseThrow().atStartOfDay(zone).toInstant());
            Instant end = until.orElseGet(
                    () -> lastDay.orElseThrow().plusDays(1).atStartOfDay(zone).toInstant());
            Absence absence = new Absence(start, end, reason);
            // a deputy who names nobody is reported by unmatched(); the absence itself still counts
            return deputy.map(d -> byKey.get(d.toLowerCase(Locale.ROOT)))
                    .map(d -> absence.withDeputy(d.id()))
                    .orElse(absence);
        }
    }

    @Override
    public Directory apply(Directory directory) {
        if (patches.isEmpty()) {
            return directory;
        }
        Map<String, Agent> byKey = index(directory);
        Map<AgentId, Agent> patched = new HashMap<>();
        for (AgentPatch p : patches) {
            Agent a = byKey.get(p.key().toLowerCase(Locale.ROOT));
            if (a == null) {
                continue; // reported by unmatched(); a stale entry must not stop the worker
            }
            Agent current = patched.getOrDefault(a.id(), a);
            Agent.Builder nb = current.toBuilder();
            p.skills().ifPresent(nb::skills);
            p.languages().ifPresent(nb::languages);
            p.timeZone().ifPresent(nb::timeZone);
            p.shifts().ifPresent(nb::shifts);
            p.manager()
                    .map(m -> byKey.get(m.toLowerCase(Locale.ROOT)))
                    .map(Agent::id)
                    .ifPresent(nb::manager);
            p.capacity().ifPresent(nb::capacity);
            p.role().ifPresent(nb::role);
            ZoneId zone = p.timeZone().orElse(current.timeZone());
            if (!p.absences().isEmpty()) {
                List<Absence> all = new ArrayList<>(current.absences());
                p.absences().forEach(x -> all.add(x.resolve(zone, byKey)));
                nb.absences(all);
            }
            patched.put(a.id(), nb.build());
        }
        List<Agent> agents = directory.agents().stream()
                .map(a -> patched.getOrDefault(a.id(), a))
                .toList();
        return Directory.of(agents, directory.groups());
    }

    /** Entries that name no agent of the directory (and managers that name nobody), each with its location. */
    public List<String> unmatched(Directory directory) {
        Map<String, Agent> byKey = index(directory);
        List<String> out = new ArrayList<>();
        for (AgentPatch p : patches) {
            if (!byKey.containsKey(p.key().toLowerCase(Locale.ROOT))) {
                out.add(p.at() + ": team.agents." + p.key() + ": no agent with this id or e-mail address in the CRM");
            }
            p.manager()
                    .filter(m -> !byKey.containsKey(m.toLowerCase(Locale.ROOT)))
                    .ifPresent(m ->
                            out.add(p.at() + ": team.agents." + p.key() + ".manager: no agent '" + m + "' in the CRM"));
            for (PlannedAbsence x : p.absences()) {
                x.deputy()
                        .filter(d -> !byKey.containsKey(d.toLowerCase(Locale.ROOT)))
                        .ifPresent(d -> out.add(p.at() + ": team.agents." + p.key() + ".absences: deputy '" + d
                                + "' is no agent in the CRM"));
            }
        }
        return out;
    }

    private static Map<String, Agent> index(Directory directory) {
        Map<String, Agent> byKey = new HashMap<>();
        for (Agent a : directory.agents()) {
            if (!a.email().isBlank()) {
                byKey.putIfAbsent(a.email().toLowerCase(Locale.ROOT), a);
            }
        }
        for (Agent a : directory.agents()) {
            byKey.put(a.id().value().toLowerCase(Locale.ROOT), a); // ids win over e-mail addresses
        }
        return byKey;
    }

    @Override
    public String toString() {
        return "team overlay of " + patches.size() + " agents";
    }

    static TeamOverlay of(List<AgentPatch> patches) {
        Objects.requireNonNull(patches, "patches");
        return new TeamOverlay(patches);
    }
}
