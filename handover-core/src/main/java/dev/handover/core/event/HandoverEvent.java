package dev.handover.core.event;

import dev.handover.core.note.NoteSection;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TicketId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to a handover, told to {@link HandoverListener}s: the audit trail beside the CRM's own (seed:
 * "record the handover … noting time, date and outcome"). Events carry ids, codes and counts, never customer text or
 * personal data, so they can be journaled and logged freely.
 */
public sealed interface HandoverEvent {

    /** When it happened. */
    Instant at();

    /** The ticket. */
    TicketId ticket();

    /** A short lower-case name of the event type, for journals ({@code executed}). */
    String type();

    /**
     * A handover was planned (dry run or about to be written).
     *
     * @param at when
     * @param ticket the ticket
     * @param handover the handover's id
     * @param rule the rule, or {@code manual}
     * @param reason the reason's code
     * @param receiver who would take it (agent or group id)
     */
    record Planned(Instant at, TicketId ticket, HandoverId handover, String rule, String reason, String receiver)
            implements HandoverEvent {
        /** Validates. */
        public Planned {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(handover, "handover");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(receiver, "receiver");
        }

        @Override
        public String type() {
            return "planned";
        }
    }

    /**
     * A handover was written to the CRM.
     *
     * @param at when
     * @param ticket the ticket
     * @param handover the handover's id
     * @param rule the rule, or {@code manual}
     * @param reason the reason's code
     * @param from the sender, if an agent
     * @param to the receiving agent, if an agent
     * @param group the receiving group, if any
     * @param replayed true when the CRM had it already (idempotency key seen): nothing was written twice
     * @param customerNotified true when the customer was told
     * @param tasks how many tasks were created with it
     * @param missing required note sections that were empty (the handover went through with a warning)
     * @param chainLength how many handovers the ticket has had, this one included
     * @param acknowledgeBy when the receiver must acknowledge, if asked
     */
    record Executed(
            Instant at,
            TicketId ticket,
            HandoverId handover,
            String rule,
            String reason,
            Optional<AgentId> from,
            Optional<AgentId> to,
            Optional<GroupId> group,
            boolean replayed,
            boolean customerNotified,
            int tasks,
            List<NoteSection> missing,
            int chainLength,
            Optional<Instant> acknowledgeBy)
            implements HandoverEvent {
        /** Validates. */
        public Executed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(handover, "handover");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(group, "group");
            missing = List.copyOf(missing);
            Objects.requireNonNull(acknowledgeBy, "acknowledge by");
        }

        @Override
        public String type() {
            return "executed";
        }
    }

    /**
     * A rule applied but the handover was refused: nobody could take the ticket, or the note was incomplete and the
     * policy blocks incomplete notes.
     *
     * @param at when
     * @param ticket the ticket
     * @param rule the rule, or {@code manual}
     * @param reason the reason's code
     * @param why in words, naming each requirement nobody met
     */
    record Refused(Instant at, TicketId ticket, String rule, String reason, String why) implements HandoverEvent {
        /** Validates. */
        public Refused {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(why, "why");
        }

        @Override
        public String type() {
            return "refused";
        }
    }

    /**
     * Writing a handover failed.
     *
     * @param at when
     * @param ticket the ticket
     * @param handover the handover's id, when it got that far
     * @param rule the rule, or {@code manual}
     * @param error what went wrong (the CRM's error, without secrets or customer data)
     * @param retryable true when trying again later may work (it is safe: the write is idempotent)
     */
    record Failed(
            Instant at, TicketId ticket, Optional<HandoverId> handover, String rule, String error, boolean retryable)
            implements HandoverEvent {
        /** Validates. */
        public Failed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(handover, "handover");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String type() {
            return "failed";
        }
    }

    /**
     * A handover went through with something worth knowing: a note missing required sections, shortened or split to
     * fit the CRM, an action without an agent to own its task.
     *
     * @param at when
     * @param ticket the ticket
     * @param handover the handover
     * @param message in words
     */
    record Warned(Instant at, TicketId ticket, HandoverId handover, String message) implements HandoverEvent {
        /** Validates. */
        public Warned {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(handover, "handover");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String type() {
            return "warned";
        }
    }
}
