package dev.handover.core.bench;

import dev.handover.core.policy.ActionOwner;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.AuthorityLimit;
import dev.handover.core.rule.Condition;
import dev.handover.memory.demo.DemoData;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The 50-rule policy the benchmarks plan against: realistic conditions, most of which do not apply to most tickets. */
final class BenchWorld {
    static final AuthorityLimit REFUND = new AuthorityLimit(
            "refund",
            "refund_amount",
            "EUR",
            Map.of(
                    "agent",
                    new BigDecimal(100),
                    "senior",
                    new BigDecimal(500),
                    "lead",
                    new BigDecimal(2000),
                    "head",
                    new BigDecimal(100_000)));

    private BenchWorld() {}

    static HandoverPolicy policy(int rules) {
        HandoverPolicy.Builder p = HandoverPolicy.builder()
                .name("benchmark")
                .authorityLimit(REFUND)
                .historyComments(3);
        List<HandoverRule> all = new ArrayList<>();
        for (int i = 0; all.size() < rules; i++) {
            int k = i % 10;
            Condition c = switch (k) {
                case 0 -> Condition.complaint().and(Condition.priorityAtLeast(TicketPriority.HIGH));
                case 1 -> Condition.compliment();
                case 2 -> Condition.languageNotSpokenByAssignee().and(Condition.open());
                case 3 -> Condition.exceedsAuthority(REFUND);
                case 4 -> Condition.tag("vip-" + i).and(Condition.customerTier("platinum"));
                case 5 -> Condition.keywords("outage " + i, "incident " + i).or(Condition.channel(new Channel("sms")));
                case 6 -> Condition.field("order_number", Condition.Comparison.EQUALS, "ORD-" + i);
                case 7 -> Condition.status(TicketStatus.ON_HOLD).and(Condition.reopenedAtLeast(3));
                case 8 -> Condition.unassigned().and(Condition.inGroup(DemoData.BILLING_L2));
                default -> Condition.assigneeAbsent().and(Condition.priorityAtLeast(TicketPriority.URGENT));
            };
            Target to = switch (k) {
                case 0, 9 -> Target.lineManager();
                case 2 -> Target.bestAvailable(DemoData.EMEA);
                case 3 -> Target.bestAvailable(DemoData.BILLING_L2, "refunds");
                default -> Target.group(DemoData.TRIAGE);
            };
            all.add(HandoverRule.builder("rule-" + i)
                    .when(c)
                    .reason(
                            k == 0
                                    ? HandoverReason.COMPLAINT
                                    : k == 2 ? HandoverReason.LANGUAGE : HandoverReason.ESCALATION)
                    .to(to)
                    .orElse(
                            Target.group(DemoData.TRIAGE).equals(to)
                                    ? Target.group(DemoData.CUSTOMER_RELATIONS)
                                    : Target.group(DemoData.TRIAGE))
                    .action("Reply to the customer", ActionOwner.RECEIVER, Duration.ofHours(4))
                    .requireCapacity(false)
                    .availableWithin(Duration.ofHours(12))
                    .build());
        }
        all.forEach(p::rule);
        return p.build();
    }
}
