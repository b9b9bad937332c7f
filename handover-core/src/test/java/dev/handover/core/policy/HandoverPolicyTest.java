package dev.handover.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.core.routing.Target;
import dev.handover.core.rule.AuthorityLimit;
import dev.handover.core.rule.Condition;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.TicketPriority;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class HandoverPolicyTest {
    private static HandoverRule.Builder rule(String id) {
        return HandoverRule.builder(id)
                .when(Condition.always())
                .reason(HandoverReason.ESCALATION)
                .to(Target.group(GroupId.of("l2")));
    }

    @Test
    void ruleIdsAreUnique() {
        assertThatThrownBy(() -> HandoverPolicy.builder()
                        .rule(rule("a").build())
                        .rule(rule("a").build()))
                .hasMessage("rule id 'a' is used twice");
    }

    @Test
    void rulesNeedKnownReminderPoliciesReasonsAndLimits() {
        assertThatThrownBy(() -> HandoverPolicy.builder()
                        .rule(rule("a").reminders("fast").build())
                        .build())
                .hasMessage("rule a: uses reminder policy 'fast', which is not defined; defined: standard");
        HandoverReason vip = HandoverReason.custom("vip", "VIP", "VIPs get the lead");
        assertThatThrownBy(() -> HandoverPolicy.builder()
                        .rule(rule("a").reason(vip).build())
                        .build())
                .hasMessageContaining("rule a: uses reason 'vip', which the policy does not define");
        AuthorityLimit refund = new AuthorityLimit("refund", "refund_amount", "", Map.of("agent", BigDecimal.TEN));
        assertThatThrownBy(() -> HandoverPolicy.builder()
                        .rule(HandoverRule.builder("a")
                                .when(Condition.not(Condition.exceedsAuthority(refund)))
                                .reason(HandoverReason.AUTHORITY_LIMIT)
                                .to(Target.lineManager())
                                .build())
                        .build())
                .hasMessage("rule a: uses authority limit 'refund', which the policy does not define");
    }

    @Test
    void aCustomReasonToldToCustomersNeedsAPhrase() {
        HandoverReason vip = HandoverReason.custom("vip", "VIP", "VIPs get the lead");
        assertThatThrownBy(() -> HandoverPolicy.builder()
                        .reason(vip)
                        .rule(rule("a").reason(vip).notifyCustomer(true).build())
                        .build())
                .hasMessageContaining("tells the customer about reason 'vip', but the customer notices have no phrase");
        assertThatThrownBy(() -> HandoverReason.custom("complaint", "x", "y")).hasMessageContaining("is built in");
    }

    @Test
    void rulesFailFastWithPreciseMessages() {
        org.assertj.core.api.Assertions.assertThatCode(() -> HandoverRule.builder("Bad Id"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> HandoverRule.builder("Bad Id")
                        .when(Condition.always())
                        .reason(HandoverReason.ABSENCE)
                        .to(Target.lineManager())
                        .build())
                .hasMessageContaining("rule id must be 1–40 lower-case letters");
        assertThatThrownBy(() -> rule("a").acknowledgeWithin(Duration.ofMinutes(-5)))
                .hasMessage("rule a: acknowledgement deadline must be positive, was PT-5M");
        assertThatThrownBy(() -> rule("a").action("Call", ActionOwner.RECEIVER, Duration.ZERO))
                .hasMessage("rule a: deadline of action 'Call' must be positive, was PT0S");
        assertThatThrownBy(() -> rule("a").to(Target.lineManager())).hasMessageContaining("target set twice");
        assertThatThrownBy(
                        () -> HandoverRule.builder("a").when(Condition.always()).build())
                .hasMessage("rule a: needs a reason");
        assertThatThrownBy(
                        () -> rule("a").orElse(Target.group(GroupId.of("l2"))).build())
                .hasMessageContaining("is listed twice");
        assertThatThrownBy(() -> rule("a").exchange(ExchangeMethod.TASK).build())
                .hasMessageContaining("exchanges information by tasks only but requires no action");
    }

    @Test
    void reminderPoliciesFailFast() {
        assertThatThrownBy(() -> ReminderPolicy.builder("r").repeatEvery(Duration.ZERO))
                .hasMessage("repeat every must be positive, was PT0S");
        assertThatThrownBy(() -> ReminderPolicy.builder("r").faster(TicketPriority.URGENT, 0.5))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ReminderPolicy.builder("r")
                        .ladder(
                                EscalationStep.lineManager(Duration.ofHours(4)),
                                EscalationStep.headOfTeam(Duration.ofHours(2)))
                        .build())
                .hasMessageContaining("escalation steps must come later and later: step 2");
        ReminderPolicy quiet = ReminderPolicy.builder("q")
                .quietHours(LocalTime.of(20, 0), LocalTime.of(8, 0))
                .build();
        assertThat(quiet.isQuiet(LocalTime.of(23, 0))).isTrue();
        assertThat(quiet.isQuiet(LocalTime.of(7, 59))).isTrue();
        assertThat(quiet.isQuiet(LocalTime.of(8, 0))).isFalse();
        ReminderPolicy fast =
                ReminderPolicy.builder("f").faster(TicketPriority.URGENT, 4).build();
        assertThat(fast.scaled(Duration.ofHours(2), TicketPriority.URGENT)).isEqualTo(Duration.ofMinutes(30));
        assertThat(fast.scaled(Duration.ofHours(2), TicketPriority.NORMAL)).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> new EscalationStep(
                        Duration.ofHours(1),
                        EscalationStep.Level.AGENT,
                        java.util.Optional.empty(),
                        java.util.Optional.empty()))
                .hasMessageContaining("names the agent");
    }

    @Test
    void rulesAreCheckedInOrderAndDescribed() {
        HandoverPolicy p = HandoverPolicy.builder()
                .rule(rule("second").order(20).build())
                .rule(rule("first").order(10).build())
                .build();
        assertThat(p.rules()).extracting(HandoverRule::id).containsExactly("first", "second");
        assertThat(p.describe()).contains(" 1. first", " 2. second");
        assertThat(p.ruleFor(HandoverReason.ESCALATION)).map(HandoverRule::id).contains("first");
    }
}
