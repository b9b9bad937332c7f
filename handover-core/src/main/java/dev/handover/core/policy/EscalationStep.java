package dev.handover.core.policy;

import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One rung of an escalation ladder: this long (business time) past the deadline, escalate to this level.
 *
 * @param after business time past the deadline
 * @param level who is escalated to
 * @param agent the agent, for {@link Level#AGENT}
 * @param group the group, for {@link Level#GROUP}
 */
public record EscalationStep(Duration after, Level level, Optional<AgentId> agent, Optional<GroupId> group) {

    /** Who an escalation goes to, relative to the owner of the overdue item. */
    public enum Level {
        /** The owner's line manager. */
        LINE_MANAGER,
        /** The line manager's manager: the head of team. */
        HEAD_OF_TEAM,
        /** A named agent. */
        AGENT,
        /** A group or queue. */
        GROUP
    }

    /** Validates. */
    public EscalationStep {
        Objects.requireNonNull(after, "escalation after");
        if (after.isNegative()) {
            throw new IllegalArgumentException("escalation 'after' must not be negative, was " + after);
        }
        Objects.requireNonNull(level, "escalation level");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(group, "group");
        if ((level == Level.AGENT) != agent.isPresent()) {
            throw new IllegalArgumentException("an escalation to an agent names the agent, and only then");
        }
        if ((level == Level.GROUP) != group.isPresent()) {
            throw new IllegalArgumentException("an escalation to a group names the group, and only then");
        }
    }

    /** To the line manager after this long. */
    public static EscalationStep lineManager(Duration after) {
        return new EscalationStep(after, Level.LINE_MANAGER, Optional.empty(), Optional.empty());
    }

    /** To the head of team after this long. */
    public static EscalationStep headOfTeam(Duration after) {
        return new EscalationStep(after, Level.HEAD_OF_TEAM, Optional.empty(), Optional.empty());
    }

    /** To an agent after this long. */
    public static EscalationStep agent(Duration after, AgentId agent) {
        return new EscalationStep(after, Level.AGENT, Optional.of(agent), Optional.empty());
    }

    /** To a group after this long. */
    public static EscalationStep group(Duration after, GroupId group) {
        return new EscalationStep(after, Level.GROUP, Optional.empty(), Optional.of(group));
    }

    /** "the line manager", "the head of team", "agent 7", "group billing-l2". */
    public String describeTarget() {
        return switch (level) {
            case LINE_MANAGER -> "the line manager";
            case HEAD_OF_TEAM -> "the head of team";
            case AGENT -> "agent " + agent.get();
            case GROUP -> "group " + group.get();
        };
    }
}
