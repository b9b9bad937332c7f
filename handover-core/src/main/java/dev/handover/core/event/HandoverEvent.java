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
 * Something that happened to a handover, told to {@link HandoverListener}s: the audit trail beside the CRM's own —
 * each handover and follow-up step with its time and outcome. Events carry ids, codes and counts, never customer text
 * or personal data, so they can be journaled and logged freely.
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
     * Why a handover's receiver was chosen: the facts its note gives in words, for the journal and the review.
     *
     * @param at when
     * @param ticket the ticket
     * @param handover the handover
     * @param receiver {@code agent <id>} or {@code group <id>}
     * @param target the target that produced the receiver ("next shift of EMEA Support")
     * @param considered how many candidates were weighed, the sender left out
     * @param qualified how many of them could have taken the ticket
     * @param passedOver each candidate passed over, as "name (why not)"
     * @param fallbacks why the rule's earlier targets could not take it, in order; empty when the first did
     * @param explanation the sentence the note gives
     */
    record ReceiverChosen(
            Instant at,
            TicketId ticket,
            HandoverId handover,
            String receiver,
            String target,
            int considered,
            int qualified,
            List<String> passedOver,
            List<String> fallbacks,
            String explanation)
            implements HandoverEvent {
        /** Validates. */
        public ReceiverChosen {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(handover, "handover");
            Objects.requireNonNull(receiver, "receiver");
            Objects.requireNonNull(target, "target");
            passedOver = List.copyOf(passedOver);
            fallbacks = List.copyOf(fallbacks);
            Objects.requireNonNull(explanation, "explanation");
        }

        @Override
        public String type() {
            return "receiver-chosen";
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
        /**
         * The handover as its note's trailer records it, for an event that was lost (a crash, a write whose answer
         * never came): no notice or task counts, which the trailer does not keep.
         *
         * @param r the handover's record, read back from the ticket
         * @param replayed true when the engine emits it for a handover written before
         */
        public static Executed fromRecord(dev.handover.core.note.HandoverRecord r, boolean replayed) {
            return new Executed(
                    r.at(),
                    r.ticket(),
                    r.id(),
                    r.rule(),
                    r.reason(),
                    r.from(),
                    r.to(),
                    r.group(),
                    replayed,
                    false,
                    0,
                    List.of(),
                    r.chain().size() + 1,
                    r.acknowledgeBy());
        }

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

    /**
     * What a follow-up event is about, by its {@code item} code ({@link Reminded#item()}, {@link Escalated#item()},
     * {@link ActionCompleted#item()}): the receiver's acknowledgement ({@code ack}), a required action (its key, {@code
     * action-1}, {@code action-2} …) or the next customer contact ({@code contact}). The same codes name the items on
     * the ticket, so they never change.
     */
    enum ItemKind {
        /** The receiver's acknowledgement of the handover: item {@code ack}. */
        ACKNOWLEDGEMENT("ack"),
        /** One of the actions the handover requires: item {@code action-1}, {@code action-2} … (the action's key). */
        ACTION("action"),
        /** The next contact the customer is due: item {@code contact}. */
        CONTACT("contact"),
        /**
         * A dated promise made to the customer: item {@code promise-1}, {@code promise-2} … (the promise's key). It
         * gets a check-in before it falls due; whether it was kept is the receiver's to say, so it is not escalated.
         */
        PROMISE("promise");

        private final String code;

        ItemKind(String code) {
            this.code = code;
        }

        /** The item's code; an action's is the start of its key ({@code action}-1). */
        public String code() {
            return code;
        }

        /** The kind of an item code; a code other than {@code ack} and {@code contact} is an action's key. */
        public static ItemKind of(String item) {
            Objects.requireNonNull(item, "item");
            if (item.equals(ACKNOWLEDGEMENT.code)) {
                return ACKNOWLEDGEMENT;
            }
            if (item.startsWith(PROMISE.code + "-")) {
                return PROMISE;
            }
            return item.equals(CONTACT.code) ? CONTACT : ACTION;
        }
    }

    /** What a reminder asks for, by its code in {@link Reminded#kind()}. */
    enum ReminderKind {
        /** A tactful word before an action's deadline: {@code check-in}. */
        CHECK_IN("check-in"),
        /** An action is past its deadline: {@code overdue}. */
        OVERDUE("overdue"),
        /** The receiver has not acknowledged the handover: {@code acknowledgement}. */
        ACKNOWLEDGEMENT("acknowledgement"),
        /** The customer is due to hear from us: {@code contact}. */
        CONTACT("contact");

        private final String code;

        ReminderKind(String code) {
            this.code = code;
        }

        /** The code events and journals carry. */
        public String code() {
            return code;
        }

        /** The kind of a code; empty for a code this version does not know (a journal written by a newer one). */
        public static Optional<ReminderKind> fromCode(String code) {
            for (ReminderKind k : values()) {
                if (k.code.equals(code)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** How the follow-up of a handover ended, by its code in {@link FollowUpClosed#outcome()}. */
    enum FollowUpOutcome {
        /** Everything was done: {@code completed}. */
        COMPLETED("completed"),
        /** The ticket was solved or closed, which closes its open actions: {@code ticket-solved}. */
        TICKET_SOLVED("ticket-solved"),
        /** A later handover of the ticket took over: {@code superseded}. */
        SUPERSEDED("superseded"),
        /** Nobody acknowledged it and the ticket went to the next qualified colleague: {@code retargeted}. */
        RETARGETED("retargeted"),
        /** Escalated to the end of the ladder and still not done: {@code exhausted}. */
        EXHAUSTED("exhausted"),
        /** The handover's note is no longer on the ticket, so there is nothing to follow: {@code record-missing}. */
        RECORD_MISSING("record-missing");

        private final String code;

        FollowUpOutcome(String code) {
            this.code = code;
        }

        /** The code events and journals carry; follow-up notes on the ticket record it too. */
        public String code() {
            return code;
        }

        /** The outcome of a code; empty for a code this version does not know (a journal written by a newer one). */
        public static Optional<FollowUpOutcome> fromCode(String code) {
            for (FollowUpOutcome o : values()) {
                if (o.code.equals(code)) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }
    }

    /** How an acknowledgement was given. */
    enum AcknowledgementMethod {
        /** Through the engine (CLI, webhook, an integration). */
        EXPLICIT,
        /** The receiver completed the acknowledgement task in the CRM. */
        TASK,
        /** The receiver commented on the ticket. */
        COMMENT
    }

    /**
     * The receiver acknowledged a handover.
     *
     * @param at when the engine recorded it
     * @param ticket the ticket
     * @param handover the handover
     * @param by who acknowledged
     * @param method how
     * @param acknowledgedAt when the acknowledgement happened
     * @param latency from the handover to the acknowledgement
     */
    record Acknowledged(
            Instant at,
            TicketId ticket,
            HandoverId handover,
            AgentId by,
            AcknowledgementMethod method,
            Instant acknowledgedAt,
            java.time.Duration latency)
            implements HandoverEvent {
        /** Validates. */
        public Acknowledged {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(handover, "handover");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(acknowledgedAt, "acknowledged at");
            Objects.requireNonNull(latency, "latency");
        }

        @Override
        public String type() {
            return "acknowledged";
        }
    }

    /**
     * Someone was reminded: a check-in before a deadline, a reminder after it, a reminder to acknowledge or to contact
     * the customer.
     *
     * @param at when
     * @param ticket the ticket
     * @param handover the handover
     * @param item what it is about ({@code ack}, {@code action-1}, {@code contact}; see {@link ItemKind})
     * @param to who was reminded
     * @param kind {@code check-in}, {@code overdue}, {@code acknowledgement} or {@code contact} (see {@link
     *     ReminderKind})
     * @param count the reminder's number for this item
     * @param why why it is not done, as far as the engine can tell
     * @param impact what it means for the customer
     */
    record Reminded(
            Instant at,
            TicketId ticket,
            HandoverId handover,
            String item,
            AgentId to,
            String kind,
            int count,
            String why,
            String impact)
            implements HandoverEvent {
        /** Validates. */
        public Reminded {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(handover, "handover");
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(why, "why");
            Objects.requireNonNull(impact, "impact");
        }

        @Override
        public String type() {
            return "reminded";
        }
    }

    /**
     * A handed-over action was done (its task completed, or the ticket solved).
     *
     * @param at when the engine recorded it
     * @param ticket the ticket
     * @param handover the handover
     * @param item the action's key ({@code action-1})
     * @param onTime true when done by its deadline
     * @param how {@code task} or {@code ticket-solved}
     */
    record ActionCompleted(Instant at, TicketId ticket, HandoverId handover, String item, boolean onTime, String how)
            implements HandoverEvent {
        /** Validates. */
        public ActionCompleted {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(handover, "handover");
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(how, "how");
        }

        @Override
        public String type() {
            return "action-completed";
        }
    }

    /**
     * Something not done was escalated, with why it is not done and what it means for the customer.
     *
     * @param at when
     * @param ticket the ticket
     * @param handover the handover
     * @param item what was not done ({@code ack}, {@code action-1}, {@code contact}; see {@link ItemKind})
     * @param level the rung of the ladder (1 = first)
     * @param to who it went to (an agent or group id, or {@code nobody} when the ladder found no one)
     * @param why why it was not done
     * @param impact what it means for the customer
     */
    record Escalated(
            Instant at,
            TicketId ticket,
            HandoverId handover,
            String item,
            int level,
            String to,
            String why,
            String impact)
            implements HandoverEvent {
        /** Validates. */
        public Escalated {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(handover, "handover");
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(why, "why");
            Objects.requireNonNull(impact, "impact");
        }

        @Override
        public String type() {
            return "escalated";
        }
    }

    /**
     * An unacknowledged handover went to the next qualified colleague.
     *
     * @param at when
     * @param ticket the ticket
     * @param handover the unacknowledged handover
     * @param replacement the new handover
     * @param from the receiver who did not acknowledge
     * @param to the new receiver (agent or group id)
     */
    record Retargeted(Instant at, TicketId ticket, HandoverId handover, HandoverId replacement, AgentId from, String to)
            implements HandoverEvent {
        /** Validates. */
        public Retargeted {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(handover, "handover");
            Objects.requireNonNull(replacement, "replacement");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        @Override
        public String type() {
            return "retargeted";
        }
    }

    /**
     * The follow-up of a handover ended.
     *
     * @param at when
     * @param ticket the ticket
     * @param handover the handover
     * @param outcome {@code completed} (everything done), {@code ticket-solved}, {@code superseded} (a later handover
     *     took over), {@code retargeted}, {@code exhausted} (escalated to the end, still not done) or {@code
     *     record-missing} (see {@link FollowUpOutcome})
     */
    record FollowUpClosed(Instant at, TicketId ticket, HandoverId handover, String outcome) implements HandoverEvent {
        /** Validates. */
        public FollowUpClosed {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(handover, "handover");
            Objects.requireNonNull(outcome, "outcome");
        }

        @Override
        public String type() {
            return "follow-up-closed";
        }
    }

    /**
     * A handover whose tasks were missing (a crash or outage between its note and its tasks) got them.
     *
     * @param at when
     * @param ticket the ticket
     * @param handover the handover
     * @param tasksCreated how many tasks were created
     */
    record Reconciled(Instant at, TicketId ticket, HandoverId handover, int tasksCreated) implements HandoverEvent {
        /** Validates. */
        public Reconciled {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(handover, "handover");
        }

        @Override
        public String type() {
            return "reconciled";
        }
    }

    /**
     * A receiver's feedback on a handover, for the review that improves the team's handovers. The comment is staff
     * text about the handover, written by the receiver.
     *
     * @param at when
     * @param ticket the ticket
     * @param handover the handover
     * @param from who gave it
     * @param missing note sections the receiver found missing or unclear
     * @param comment the receiver's comment (may be empty)
     */
    record FeedbackGiven(
            Instant at, TicketId ticket, HandoverId handover, AgentId from, List<NoteSection> missing, String comment)
            implements HandoverEvent {
        /** Validates. */
        public FeedbackGiven {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(handover, "handover");
            Objects.requireNonNull(from, "from");
            missing = List.copyOf(missing);
            Objects.requireNonNull(comment, "comment");
        }

        @Override
        public String type() {
            return "feedback";
        }
    }
}
