package dev.handover.core.reminder;

import dev.handover.core.policy.EscalationStep;
import dev.handover.spi.model.AgentId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing the follow-up of a handover does at a moment, unless the item it concerns is done by then.
 *
 * @param item what it is about: {@code ack}, {@code action-1}, {@code contact}
 * @param kind what is done
 * @param index the reminder's number (1, 2, …) or the escalation level (1, 2, …); 0 otherwise
 * @param at when, already moved into the recipient's working hours and out of quiet hours
 * @param owner who owes the item
 * @param escalation for escalations, the ladder's rung
 */
public record FollowUpStep(
        String item, Kind kind, int index, Instant at, AgentId owner, Optional<EscalationStep> escalation)
        implements Comparable<FollowUpStep> {

    /** What a step does, weakest first. */
    public enum Kind {
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
        ESCALATION
    }

    /** Validates. */
    public FollowUpStep {
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
    public String key() {
        String k = switch (kind) {
            case CHECK_IN -> "check-in";
            case ACKNOWLEDGEMENT_REMINDER, CONTACT_REMINDER -> "reminder-" + index;
            case OVERDUE_REMINDER -> "overdue-" + index;
            case RETARGET -> "retarget";
            case ESCALATION -> "escalation-" + index;
        };
        return item + ":" + k;
    }

    /** By time, then the stronger step last. */
    @Override
    public int compareTo(FollowUpStep o) {
        int byTime = at.compareTo(o.at);
        return byTime != 0 ? byTime : kind.compareTo(o.kind);
    }
}
