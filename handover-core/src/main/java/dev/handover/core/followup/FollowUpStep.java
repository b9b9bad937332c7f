package dev.handover.core.followup;

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
record FollowUpStep(Item item, StepKind kind, int index, Instant at, AgentId owner, Optional<EscalationStep> escalation)
        implements Comparable<FollowUpStep> {

    FollowUpStep {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(escalation, "escalation");
        if ((kind == StepKind.ESCALATION) != escalation.isPresent()) {
            throw new IllegalArgumentException("an escalation step names its rung, and only an escalation step");
        }
    }

    /** The step's stable name within its handover: {@code action-1:overdue-2}, {@code ack:retarget}. */
    String key() {
        return Keys.step(item, kind, index);
    }

    /** By time, then the stronger step last, then the lower rung first. */
    @Override
    public int compareTo(FollowUpStep o) {
        int byTime = at.compareTo(o.at);
        if (byTime != 0) {
            return byTime;
        }
        int byKind = kind.compareTo(o.kind);
        return byKind != 0 ? byKind : Integer.compare(index, o.index);
    }
}
