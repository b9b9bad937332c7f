package dev.handover.spi.model;

import dev.handover.spi.internal.Checks;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A person who can receive handovers, as the CRM's directory (merged with the team's configuration) describes them.
 *
 * @param id the CRM's id of the user
 * @param name display name
 * @param email e-mail address, or empty
 * @param role the agent's role for limits of authority (for example {@code agent}, {@code senior}, {@code lead}), or
 *     empty
 * @param groups the groups or queues the agent belongs to
 * @param skills lower-case skill names (for example {@code billing}, {@code refunds})
 * @param languages the languages the agent serves customers in
 * @param timeZone the agent's own time zone; shifts are read in it
 * @param manager the agent's line manager, if any
 * @param active false for deactivated or suspended users, who never receive work
 * @param capacity the most open tickets the agent should hold; {@link #UNLIMITED} when no limit is set
 * @param presence what the CRM reports right now, or {@link Presence#UNKNOWN}
 * @param shifts recurring working shifts; empty when the CRM does not know them (the policy's calendars decide)
 * @param absences planned absences
 * @param cannotTakeTickets why this user may not be given tickets although active (a Zendesk light agent, a
 *     contributor, a chat-only agent, a custom role without ticket editing), or empty when they may; such a user is
 *     never a receiver, an escalation recipient or a task owner
 */
public record Agent(
        AgentId id,
        String name,
        String email,
        String role,
        Set<GroupId> groups,
        Set<String> skills,
        Set<Locale> languages,
        ZoneId timeZone,
        Optional<AgentId> manager,
        boolean active,
        int capacity,
        Presence presence,
        List<Shift> shifts,
        List<Absence> absences,
        String cannotTakeTickets) {

    /** Capacity of an agent without a limit. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /** Validates every component and makes the collections immutable. */
    public Agent {
        Checks.notNull(id, "agent id");
        String where = "agent " + id + ": ";
        Checks.text(name, where + "name");
        Checks.text(email, where + "email");
        Checks.text(role, where + "role");
        groups = Checks.set(groups, where + "groups");
        skills = lowerCase(Checks.set(skills, where + "skills"), where + "skills");
        languages = Checks.set(languages, where + "languages");
        Checks.notNull(timeZone, where + "time zone");
        Checks.optional(manager, where + "manager");
        if (manager.isPresent() && manager.get().equals(id)) {
            throw new IllegalArgumentException(where + "an agent cannot be their own manager");
        }
        Checks.nonNegative(capacity, where + "capacity");
        Checks.notNull(presence, where + "presence");
        shifts = Checks.list(shifts, where + "shifts");
        absences = Checks.list(absences, where + "absences");
        Checks.text(cannotTakeTickets, where + "cannot take tickets");
    }

    /** True when the user may be given tickets (assigned, handed over to, escalated to). */
    public boolean canTakeTickets() {
        return cannotTakeTickets.isEmpty();
    }

    private static Set<String> lowerCase(Set<String> skills, String field) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String s : skills) {
            out.add(Checks.nonBlank(s, field).strip().toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(out);
    }

    /** A builder for an agent with this id: active, unlimited capacity, UTC, presence unknown until set. */
    public static Builder builder(AgentId id) {
        return new Builder(id);
    }

    /** A builder starting from this agent. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** True when the agent serves customers in this language (compared by language, ignoring region). */
    public boolean speaks(Locale language) {
        String wanted = language.getLanguage();
        return languages.stream().anyMatch(l -> l.getLanguage().equals(wanted));
    }

    /** True when the agent has this skill (case-insensitive). */
    public boolean hasSkill(String skill) {
        return skills.contains(skill.toLowerCase(Locale.ROOT));
    }

    /** True when a planned absence covers this instant. */
    public boolean isAbsentAt(Instant at) {
        return absences.stream().anyMatch(a -> a.covers(at));
    }

    /** The absence covering this instant, if any. */
    public Optional<Absence> absenceAt(Instant at) {
        return absences.stream().filter(a -> a.covers(at)).findFirst();
    }

    @Override
    public String toString() {
        return "Agent[id=" + id + ", name=" + name + ", role=" + role + ", groups=" + groups + ", skills=" + skills
                + ", languages=" + languages + ", tz=" + timeZone + ", manager="
                + manager.map(AgentId::value).orElse("-") + ", active=" + active + ", capacity="
                + (capacity == UNLIMITED ? "unlimited" : capacity)
                + (cannotTakeTickets.isEmpty() ? "" : ", cannot take tickets: " + cannotTakeTickets) + "]";
    }

    /** Builds an {@link Agent}; every setter checks its argument at once. */
    public static final class Builder {
        private final AgentId id;
        private String name = "";
        private String email = "";
        private String role = "";
        private final LinkedHashSet<GroupId> groups = new LinkedHashSet<>();
        private final LinkedHashSet<String> skills = new LinkedHashSet<>();
        private final LinkedHashSet<Locale> languages = new LinkedHashSet<>();
        private ZoneId timeZone = ZoneOffset.UTC;
        private AgentId manager;
        private boolean active = true;
        private int capacity = UNLIMITED;
        private Presence presence = Presence.UNKNOWN;
        private final List<Shift> shifts = new ArrayList<>();
        private final List<Absence> absences = new ArrayList<>();
        private String cannotTakeTickets = "";

        private Builder(AgentId id) {
            this.id = Checks.notNull(id, "agent id");
        }

        private Builder(Agent a) {
            this(a.id);
            name = a.name;
            email = a.email;
            role = a.role;
            groups.addAll(a.groups);
            skills.addAll(a.skills);
            languages.addAll(a.languages);
            timeZone = a.timeZone;
            manager = a.manager.orElse(null);
            active = a.active;
            capacity = a.capacity;
            presence = a.presence;
            shifts.addAll(a.shifts);
            absences.addAll(a.absences);
            cannotTakeTickets = a.cannotTakeTickets;
        }

        /**
         * Why the user may not be given tickets although active ("a light agent in Zendesk: cannot be assigned
         * tickets"); empty when they may.
         */
        public Builder cannotTakeTickets(String why) {
            this.cannotTakeTickets = Checks.text(why, "cannot take tickets").strip();
            return this;
        }

        /** Display name. */
        public Builder name(String name) {
            this.name = Checks.text(name, "agent name");
            return this;
        }

        /** E-mail address. */
        public Builder email(String email) {
            this.email = Checks.text(email, "agent email");
            return this;
        }

        /** Role for limits of authority. */
        public Builder role(String role) {
            this.role = Checks.text(role, "agent role");
            return this;
        }

        /** Adds group memberships. */
        public Builder group(GroupId... groups) {
            for (GroupId g : groups) {
                this.groups.add(Checks.notNull(g, "group"));
            }
            return this;
        }

        /** Replaces group memberships. */
        public Builder groups(Collection<GroupId> groups) {
            this.groups.clear();
            this.groups.addAll(Checks.set(groups, "groups"));
            return this;
        }

        /** Adds skills. */
        public Builder skill(String... skills) {
            for (String s : skills) {
                this.skills.add(Checks.nonBlank(s, "skill").strip().toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /** Replaces skills. */
        public Builder skills(Collection<String> skills) {
            this.skills.clear();
            Checks.set(skills, "skills").forEach(this::skill);
            return this;
        }

        /** Adds languages by BCP 47 tag ("de", "fr-CA"). */
        public Builder speaks(String... languageTags) {
            for (String tag : languageTags) {
                Locale locale = Locale.forLanguageTag(Checks.nonBlank(tag, "language"));
                if (locale.getLanguage().isEmpty()) {
                    throw new IllegalArgumentException("language '" + tag + "' is not a BCP 47 language tag");
                }
                languages.add(locale);
            }
            return this;
        }

        /** Replaces languages. */
        public Builder languages(Collection<Locale> languages) {
            this.languages.clear();
            this.languages.addAll(Checks.set(languages, "languages"));
            return this;
        }

        /** Own time zone. */
        public Builder timeZone(ZoneId timeZone) {
            this.timeZone = Checks.notNull(timeZone, "time zone");
            return this;
        }

        /** Line manager, or null for none. */
        public Builder manager(AgentId manager) {
            this.manager = manager;
            return this;
        }

        /** Whether the user may receive work. */
        public Builder active(boolean active) {
            this.active = active;
            return this;
        }

        /** Most open tickets the agent should hold. */
        public Builder capacity(int capacity) {
            this.capacity = Checks.nonNegative(capacity, "capacity");
            return this;
        }

        /** Presence as the CRM reports it. */
        public Builder presence(Presence presence) {
            this.presence = Checks.notNull(presence, "presence");
            return this;
        }

        /** Adds a recurring shift. */
        public Builder shift(Shift shift) {
            shifts.add(Checks.notNull(shift, "shift"));
            return this;
        }

        /** Replaces shifts. */
        public Builder shifts(Collection<Shift> shifts) {
            this.shifts.clear();
            this.shifts.addAll(Checks.list(shifts, "shifts"));
            return this;
        }

        /** Adds a planned absence. */
        public Builder absence(Absence absence) {
            absences.add(Checks.notNull(absence, "absence"));
            return this;
        }

        /** Replaces absences. */
        public Builder absences(Collection<Absence> absences) {
            this.absences.clear();
            this.absences.addAll(Checks.list(absences, "absences"));
            return this;
        }

        /** The agent. */
        public Agent build() {
            return new Agent(
                    id,
                    name,
                    email,
                    role,
                    groups,
                    skills,
                    languages,
                    timeZone,
                    Optional.ofNullable(manager),
                    active,
                    capacity,
                    presence,
                    shifts,
                    absences,
                    cannotTakeTickets);
        }
    }
}
