package dev.handover.spi;

import dev.handover.spi.internal.Checks;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which tickets to search for. Every criterion that is set must match; an empty status set means any status. Results
 * are ordered by last update, oldest first, then by id, so a poller can resume from the last update it saw. A
 * connector never returns its own handover task records (Zendesk task tickets) as tickets.
 *
 * @param assignee only tickets owned by this agent
 * @param group only tickets in this group or queue
 * @param statuses only tickets in one of these statuses; empty for any
 * @param updatedSince only tickets updated at or after this instant
 */
public record TicketQuery(
        Optional<AgentId> assignee,
        Optional<GroupId> group,
        Set<TicketStatus> statuses,
        Optional<Instant> updatedSince) {

    /** Validates and copies the criteria. */
    public TicketQuery {
        Checks.optional(assignee, "assignee");
        Checks.optional(group, "group");
        statuses = Set.copyOf(Checks.set(statuses, "statuses"));
        Checks.optional(updatedSince, "updated since");
    }

    /** A builder matching every ticket until narrowed. */
    public static Builder builder() {
        return new Builder();
    }

    /** True when the ticket matches the query. */
    public boolean matches(Ticket ticket) {
        return assignee.map(a -> ticket.assignee().filter(a::equals).isPresent())
                        .orElse(true)
                && group.map(g -> ticket.group().filter(g::equals).isPresent()).orElse(true)
                && (statuses.isEmpty() || statuses.contains(ticket.status()))
                && updatedSince.map(s -> !ticket.updatedAt().isBefore(s)).orElse(true);
    }

    /** Builds a {@link TicketQuery}. */
    public static final class Builder {
        private AgentId assignee;
        private GroupId group;
        private final EnumSet<TicketStatus> statuses = EnumSet.noneOf(TicketStatus.class);
        private Instant updatedSince;

        private Builder() {}

        /** Only tickets owned by this agent. */
        public Builder assignee(AgentId assignee) {
            this.assignee = Checks.notNull(assignee, "assignee");
            return this;
        }

        /** Only tickets in this group or queue. */
        public Builder group(GroupId group) {
            this.group = Checks.notNull(group, "group");
            return this;
        }

        /** Only tickets in one of these statuses (adds to earlier calls). */
        public Builder status(TicketStatus... statuses) {
            for (TicketStatus s : statuses) {
                this.statuses.add(Checks.notNull(s, "status"));
            }
            return this;
        }

        /** Only tickets not solved or closed. */
        public Builder open() {
            for (TicketStatus s : TicketStatus.values()) {
                if (s.isOpen()) {
                    statuses.add(s);
                }
            }
            return this;
        }

        /** Only tickets updated at or after this instant. */
        public Builder updatedSince(Instant since) {
            this.updatedSince = Checks.notNull(since, "updated since");
            return this;
        }

        /** The query. */
        public TicketQuery build() {
            return new TicketQuery(
                    Optional.ofNullable(assignee),
                    Optional.ofNullable(group),
                    statuses,
                    Optional.ofNullable(updatedSince));
        }
    }
}
