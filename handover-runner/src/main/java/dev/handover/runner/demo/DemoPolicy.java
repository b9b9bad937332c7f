package dev.handover.runner.demo;

import dev.handover.core.policy.ActionOwner;
import dev.handover.core.policy.EscalationStep;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.policy.ReminderPolicy;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.AuthorityLimit;
import dev.handover.core.rule.Condition;
import dev.handover.memory.demo.DemoData;
import dev.handover.spi.model.TicketPriority;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/** The demo team's handover procedure, built with the engine's builders as an organisation would build its own. */
final class DemoPolicy {
    static final String COMPLAINT = "complaint";
    static final String LANGUAGE = "language";
    static final String TECHNICAL = "technical";
    static final String BILLING = "billing";
    static final String REFUND = "refund";
    static final String SHIFT_CHANGE = "shift-change";
    static final String ABSENCE = "absence";

    /**
     * Agents approve refunds up to 100, seniors up to 1,000: the refund rule's limit of authority. Without a unit: the
     * demo's customers pay in pounds or euros.
     */
    static final AuthorityLimit REFUND_LIMIT = new AuthorityLimit(
            "refund",
            "refund_amount",
            "",
            Map.of(
                    "agent", new BigDecimal("100"),
                    "senior", new BigDecimal("1000"),
                    "lead", new BigDecimal("2500"),
                    "head", new BigDecimal("10000")));

    private DemoPolicy() {}

    static HandoverPolicy build() {
        ReminderPolicy standard = ReminderPolicy.builder("standard")
                .retargetAfterReminders(2)
                .followUpLead(Duration.ofMinutes(30))
                .repeatEvery(Duration.ofMinutes(30))
                .maxReminders(2)
                .ladder(EscalationStep.lineManager(Duration.ofHours(1)), EscalationStep.headOfTeam(Duration.ofHours(2)))
                .build();
        // a complaint waits less: one reminder, then the ladder at half the standard times
        ReminderPolicy complaint = ReminderPolicy.builder("complaint")
                .retargetAfterReminders(1)
                .followUpLead(Duration.ofMinutes(15))
                .repeatEvery(Duration.ofMinutes(30))
                .maxReminders(1)
                .ladder(
                        EscalationStep.lineManager(Duration.ofMinutes(30)),
                        EscalationStep.headOfTeam(Duration.ofHours(1)))
                .faster(TicketPriority.URGENT, 2)
                .build();
        return HandoverPolicy.builder()
                .name("Demo support, EMEA and Americas")
                .reminderPolicy(standard)
                .reminderPolicy(complaint)
                .authorityLimit(REFUND_LIMIT)
                .rule(HandoverRule.builder(COMPLAINT)
                        .description("A complaint goes to the line manager, who calls the customer back")
                        .when(Condition.complaint().and(Condition.priorityAtLeast(TicketPriority.HIGH)))
                        .reason(HandoverReason.COMPLAINT)
                        .to(Target.lineManager())
                        .orElse(Target.group(DemoData.CUSTOMER_RELATIONS))
                        .action("Call the customer back", ActionOwner.RECEIVER, Duration.ofHours(1))
                        .acknowledgeWithin(Duration.ofMinutes(15))
                        .reminders("complaint")
                        .nextContactWithin(Duration.ofHours(2))
                        .notifyCustomer(true)
                        .build())
                .rule(HandoverRule.builder(LANGUAGE)
                        .description("Customers are served in their own language")
                        .when(Condition.languageNotSpokenByAssignee().and(Condition.open()))
                        .reason(HandoverReason.LANGUAGE)
                        .to(Target.bestAvailable(DemoData.EMEA))
                        .orElse(Target.bestAvailable(DemoData.AMERICAS))
                        .orElse(Target.group(DemoData.TRIAGE))
                        .action("Reply to the customer in their language", ActionOwner.RECEIVER, Duration.ofHours(1))
                        .notifyCustomer(true)
                        .build())
                .rule(HandoverRule.builder(TECHNICAL)
                        .description("Technical problems go to Technical L2")
                        .when(Condition.category("technical")
                                .and(Condition.assigneeLacksSkill("technical"))
                                .and(Condition.open()))
                        .reason(HandoverReason.EXPERTISE)
                        .to(Target.bestAvailable(DemoData.TECHNICAL_L2, "technical"))
                        .orElse(Target.group(DemoData.TECHNICAL_L2))
                        .action(
                                "Diagnose the problem and update the customer",
                                ActionOwner.RECEIVER,
                                Duration.ofHours(2))
                        .build())
                .rule(HandoverRule.builder(BILLING)
                        .description("Billing and refund questions go to Billing L2")
                        .when(Condition.category("billing")
                                .or(Condition.category("refund"))
                                .and(Condition.assigneeLacksSkill("billing"))
                                .and(Condition.open()))
                        .reason(HandoverReason.EXPERTISE)
                        .to(Target.bestAvailable(DemoData.BILLING_L2, "billing"))
                        .orElse(Target.group(DemoData.BILLING_L2))
                        .action("Correct the bill and update the customer", ActionOwner.RECEIVER, Duration.ofHours(2))
                        .build())
                .rule(HandoverRule.builder(REFUND)
                        .description("A refund above the owner's limit goes to Billing L2")
                        .when(Condition.exceedsAuthority(REFUND_LIMIT).and(Condition.open()))
                        .reason(HandoverReason.AUTHORITY_LIMIT)
                        .to(Target.bestAvailable(DemoData.BILLING_L2, "refunds"))
                        .orElse(Target.group(DemoData.BILLING_L2))
                        .action("Issue the refund", ActionOwner.RECEIVER, Duration.ofHours(1))
                        .notifyCustomer(true)
                        .build())
                .rule(HandoverRule.builder(SHIFT_CHANGE)
                        .description("Open tickets go to the next shift when a shift ends")
                        .when(Condition.assigneeShiftEndsWithin(Duration.ofMinutes(15))
                                .and(Condition.open()))
                        .reason(HandoverReason.SHIFT_CHANGE)
                        .to(Target.nextShift())
                        .orElse(Target.group(DemoData.TRIAGE))
                        .action(
                                "Review the handover and update the customer",
                                ActionOwner.RECEIVER,
                                Duration.ofHours(2))
                        .repeatable()
                        .build())
                .rule(HandoverRule.builder(ABSENCE)
                        .description("An absent agent's tickets go to colleagues and come back on return")
                        .when(Condition.assigneeAbsent().and(Condition.open()))
                        .reason(HandoverReason.ABSENCE)
                        .to(Target.nextShift())
                        .orElse(Target.group(DemoData.TRIAGE))
                        // an absence of a few hours is the team's business, not the customer's
                        .notifyCustomer(false)
                        .repeatable()
                        .build())
                .build();
    }
}
