package dev.handover.core.routing;

import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * To whom a rule hands a ticket. Every agent a target yields is checked before anything is moved — active, skilled,
 * speaking the customer's language, available, under capacity — and the plan's {@link Selection} says who was chosen
 * and why the others were not.
 */
public sealed interface Target {

    /** In words, with ids ("the best available colleague in group billing-l2 with skills billing"). */
    String describe();

    /** A named agent. */
    static Target agent(AgentId agent) {
        return new NamedAgent(agent);
    }

    /** A group or queue, unassigned: whoever in it picks it up next. */
    static Target group(GroupId group) {
        return new GroupQueue(group);
    }

    /** The current assignee's line manager. */
    static Target lineManager() {
        return LineManager.INSTANCE;
    }

    /** The best available colleague in a group, with these skills. */
    static Target bestAvailable(GroupId group, String... skills) {
        return new BestAvailable(group, Set.of(skills));
    }

    /** The next shift of the sender's own team. */
    static Target nextShift() {
        return new NextShift(Optional.empty());
    }

    /** The next shift of a team. */
    static Target nextShift(GroupId team) {
        return new NextShift(Optional.of(team));
    }

    /** Back to whoever owned the ticket before the last handover (after an absence). */
    static Target originalOwner() {
        return OriginalOwner.INSTANCE;
    }

    /**
     * The nearest person allowed to approve what the ticket asks for: up the sender's manager chain, then in the
     * sender's team.
     */
    static Target approver() {
        return new Approver(Optional.empty());
    }

    /** The nearest person allowed to approve what the ticket asks for: up the sender's manager chain, then in a group. */
    static Target approver(GroupId group) {
        return new Approver(Optional.of(group));
    }

    /**
     * A named agent.
     *
     * @param agent the agent
     */
    record NamedAgent(AgentId agent) implements Target {
        /** Validates. */
        public NamedAgent {
            Objects.requireNonNull(agent, "agent");
        }

        @Override
        public String describe() {
            return "agent " + agent;
        }
    }

    /**
     * A group or queue, unassigned.
     *
     * @param group the group
     */
    record GroupQueue(GroupId group) implements Target {
        /** Validates. */
        public GroupQueue {
            Objects.requireNonNull(group, "group");
        }

        @Override
        public String describe() {
            return "the queue of group " + group;
        }
    }

    /** The current assignee's line manager. */
    enum LineManager implements Target {
        /** The one instance. */
        INSTANCE;

        @Override
        public String describe() {
            return "the assignee's line manager";
        }
    }

    /**
     * The best available colleague in a group: skilled, speaking the customer's language, on shift, under capacity,
     * with the fewest open tickets; ties broken by id.
     *
     * @param group the group to choose from
     * @param skills skills every candidate needs, lower case
     */
    record BestAvailable(GroupId group, Set<String> skills) implements Target {
        /** Validates and lower-cases. */
        public BestAvailable {
            Objects.requireNonNull(group, "group");
            skills = Objects.requireNonNull(skills, "skills").stream()
                    .map(s -> s.strip().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        }

        @Override
        public String describe() {
            return "the best available colleague in group " + group
                    + (skills.isEmpty()
                            ? ""
                            : " with skills "
                                    + String.join(", ", skills.stream().sorted().toList()));
        }
    }

    /**
     * The next shift of a team: the colleagues who work on after the sender's shift ends, fewest open tickets first.
     *
     * @param team the team; empty for the sender's own team (their first group)
     */
    record NextShift(Optional<GroupId> team) implements Target {
        /** Validates. */
        public NextShift {
            Objects.requireNonNull(team, "team");
        }

        @Override
        public String describe() {
            return "the next shift of " + team.map(g -> "team " + g).orElse("the sender's team");
        }
    }

    /** Back to the owner before the last handover. */
    enum OriginalOwner implements Target {
        /** The one instance. */
        INSTANCE;

        @Override
        public String describe() {
            return "back to the original owner";
        }
    }

    /**
     * The nearest person whose limits of authority cover the amounts the ticket asks for: the sender's line manager,
     * their manager and so on up the chain, then the best qualified colleague in the group. Every other receiver
     * requirement holds as for any agent, and nobody whose ceiling is too low is ever chosen.
     *
     * @param group where to look after the manager chain; empty for the sender's team (their first group)
     */
    record Approver(Optional<GroupId> group) implements Target {
        /** Validates. */
        public Approver {
            Objects.requireNonNull(group, "group");
        }

        @Override
        public String describe() {
            return "the nearest person allowed to approve it (the manager chain, then "
                    + group.map(g -> "group " + g).orElse("the sender's team") + ")";
        }
    }
}
