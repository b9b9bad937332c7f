package dev.handover.core;

import dev.handover.core.note.HandoverRecord;
import dev.handover.core.policy.ActionOwner;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.policy.ReminderPolicy;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.Condition;
import java.time.Duration;
import java.util.Locale;

/**
 * The settings of handovers no rule of the policy made: the policy's first rule for their reason, else a built-in
 * one; and the built-in hand-back after an absence.
 */
final class BuiltInRules {
    // the id is part of the journal: the review report tells planned returns from bounces by it
    static final HandoverRule HAND_BACK = HandoverRule.builder(HandoverRule.HAND_BACK)
            .description("After an absence, tickets go back to their owner")
            .when(Condition.open())
            .reason(HandoverReason.ABSENCE)
            .to(Target.originalOwner())
            .requireLanguage(false)
            .requireCapacity(false)
            .availableWithin(Duration.ofHours(16))
            .noAcknowledgement()
            .allowHandBack()
            .repeatable()
            .build();

    private final HandoverPolicy policy;

    BuiltInRules(HandoverPolicy policy) {
        this.policy = policy;
    }

    /** The policy's first rule for a reason, else the built-in one. */
    HandoverRule settingsFor(HandoverReason reason) {
        return policy.ruleFor(reason)
                .orElseGet(() -> HandoverRule.builder(reason.code())
                        .description("Built-in " + reason.label().toLowerCase(Locale.ROOT) + " handover")
                        .when(Condition.open())
                        .reason(reason)
                        .to(Target.nextShift())
                        .action(
                                "Review the handover and update the customer",
                                ActionOwner.RECEIVER,
                                Duration.ofHours(2))
                        .acknowledgeWithin(Duration.ofMinutes(30))
                        .reminders(ReminderPolicy.STANDARD.name())
                        .repeatable()
                        .build());
    }

    /** The settings a recorded handover was made with: its rule, else those of its reason. */
    HandoverRule settingsOf(HandoverRecord r) {
        HandoverReason reason = policy.reason(r.reason()).orElse(HandoverReason.ESCALATION);
        return r.rule().equals(HandoverRule.MANUAL)
                ? settingsFor(reason)
                : policy.rule(r.rule()).orElseGet(() -> settingsFor(reason));
    }
}
