package dev.handover.core.followup;

import dev.handover.core.event.HandoverEvent.ReminderKind;
import dev.handover.core.policy.EscalationStep;
import dev.handover.spi.model.AgentId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing the follow-up of a handover does at a moment, unless the item it concerns is done by then.
 *
 * @param item what it is about: the acknowledgement, an action, the customer contact
 * @param kind what is done
 * @param index the reminder's number (1, 2, …) or the escalation level (1, 2, …); 0 otherwise
 * @param at when, already moved into the recipient's working hours and out of quiet hours
 * @param owner who owes the item
 * @param escalation for escalations, the ladder's rung
 */
record FollowUpStep(Item item, Kind kind, int index, Instant at, AgentId owner, Optional<EscalationStep> escalation)
        implements Comparable<FollowUpStep> {

    /** What a step does, weakest first. */
    enum Kind {
        /** A tactful word before an action's deadline. */
        CHECK_IN,
        /** Reminds the receiver to acknowledge. */
        ACKNOWLEDGEMENT_REMINDER,
        /** Reminds the owner that the customer is due to hear from us. */
        CONTACT_REMINDER,
        /** Reminds the owner of an overdue action. */
        OVERDUE_REMINDER,
        /** Hands an unacknowledged ticket to the next qualified colleague. */
        RETARGET,
        /** Escalates to the next rung of the ladder. */
        ESCALATION;

        /** The reminder this step sends, if it is one; a re-target or an escalation acts instead of reminding. */
        Optional<ReminderKind> reminder() {
            return switch (this) {
                case CHECK_IN -> Optional.of(ReminderKind.CHECK_IN);
                case ACKNOWLEDGEMENT_REMINDER -> Optional.of(ReminderKind.ACKNOWLEDGEMENT);
                case CONTACT_REMINDER -> Optional.of(ReminderKind.CONTACT);
                case OVERDUE_REMINDER -> Optional.of(ReminderKind.OVERDUE);
                case RETARGET, ESCALATION -> Optional.empty();
            };
        }

        /**
         * True when a recorded step of this kind counts among the reminders an item has had: reminders and the
         * re-target that follows them, not check-ins before the deadline nor escalations to someone else.
         */
        boolean countsAsReminder() {
            return switch (this) {
                case ACKNOWLEDGEMENT_REMINDER, CONTACT_REMINDER, OVERDUE_REMINDER, RETARGET -> true;
                case CHECK_IN, ESCALATION -> false;
            };
        }
    }

    FollowUpStep {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(escalation, "escalation");
        if ((kind == Kind.ESCALATION) != escalation.isPresent()) {
            throw new IllegalArgumentException("an escalation step names its rung, and only an escalation step");
        }
    }

    /** The step's stable name within its handover: {@code action-1:overdue-2}, {@code ack:retarget}. */
    String key() {
        return Keys.step(item, kind, index);
    }

    /** By time, then the stronger step last. */
    @Override
    public int compareTo(FollowUpStep o) {
        int byTime = at.compareTo(o.at);
        return byTime != 0 ? byTime : kind.compareTo(o.kind);
    }
}
