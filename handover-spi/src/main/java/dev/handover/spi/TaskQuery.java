package dev.handover.spi;

import dev.handover.spi.internal.Checks;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.TaskStatus;
import dev.handover.spi.model.TicketId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which handover tasks to read. Every criterion that is set must match; empty sets mean any. Results are ordered by due
 * time, earliest first, then by id. The sweep asks for {@code open().dueAtOrBefore(now)}, so its cost follows the
 * number of due tasks, not the number of open handovers.
 *
 * @param statuses only tasks in one of these statuses; empty for any
 * @param dueAtOrBefore only tasks due at or before this instant
 * @param handover only tasks of this handover
 * @param ticket only tasks on this ticket
 * @param owner only tasks owned by this agent
 * @param kinds only tasks of these kinds; empty for any
 */
public record TaskQuery(
        Set<TaskStatus> statuses,
        Optional<Instant> dueAtOrBefore,
        Optional<HandoverId> handover,
        Optional<TicketId> ticket,
        Optional<AgentId> owner,
        Set<TaskKind> kinds) {

    /** Validates and copies the criteria. */
    public TaskQuery {
        statuses = Set.copyOf(Checks.set(statuses, "statuses"));
        Checks.optional(dueAtOrBefore, "due at or before");
        Checks.optional(handover, "handover");
        Checks.optional(ticket, "ticket");
        Checks.optional(owner, "owner");
        kinds = Set.copyOf(Checks.set(kinds, "kinds"));
    }

    /** A builder matching every task until narrowed. */
    public static Builder builder() {
        return new Builder();
    }

    /** True when the task matches. */
    public boolean matches(Task task) {
        return (statuses.isEmpty() || statuses.contains(task.status()))
                && dueAtOrBefore.map(d -> !task.due().isAfter(d)).orElse(true)
                && handover.map(task.handover()::equals).orElse(true)
                && ticket.map(task.ticket()::equals).orElse(true)
                && owner.map(task.owner()::equals).orElse(true)
                && (kinds.isEmpty() || kinds.contains(task.kind()));
    }

    /** Builds a {@link TaskQuery}. */
    public static final class Builder {
        private final EnumSet<TaskStatus> statuses = EnumSet.noneOf(TaskStatus.class);
        private Instant dueAtOrBefore;
        private HandoverId handover;
        private TicketId ticket;
        private AgentId owner;
        private final EnumSet<TaskKind> kinds = EnumSet.noneOf(TaskKind.class);

        private Builder() {}

        /** Only open tasks. */
        public Builder open() {
            return status(TaskStatus.OPEN);
        }

        /** Only tasks in one of these statuses (adds to earlier calls). */
        public Builder status(TaskStatus... statuses) {
            for (TaskStatus s : statuses) {
                this.statuses.add(Checks.notNull(s, "status"));
            }
            return this;
        }

        /** Only tasks due at or before this instant. */
        public Builder dueAtOrBefore(Instant instant) {
            this.dueAtOrBefore = Checks.notNull(instant, "due at or before");
            return this;
        }

        /** Only tasks of this handover. */
        public Builder handover(HandoverId handover) {
            this.handover = Checks.notNull(handover, "handover");
            return this;
        }

        /** Only tasks on this ticket. */
        public Builder ticket(TicketId ticket) {
            this.ticket = Checks.notNull(ticket, "ticket");
            return this;
        }

        /** Only tasks owned by this agent. */
        public Builder owner(AgentId owner) {
            this.owner = Checks.notNull(owner, "owner");
            return this;
        }

        /** Only tasks of these kinds (adds to earlier calls). */
        public Builder kind(TaskKind... kinds) {
            for (TaskKind k : kinds) {
                this.kinds.add(Checks.notNull(k, "kind"));
            }
            return this;
        }

        /** The query. */
        public TaskQuery build() {
            return new TaskQuery(
                    statuses,
                    Optional.ofNullable(dueAtOrBefore),
                    Optional.ofNullable(handover),
                    Optional.ofNullable(ticket),
                    Optional.ofNullable(owner),
                    kinds);
        }
    }
}
