package dev.handover.core;

import static dev.handover.core.World.AMELIA;
import static dev.handover.core.World.JONAS;
import static dev.handover.core.World.LUKAS;
import static dev.handover.core.World.OLIVER;
import static dev.handover.core.World.SOPHIE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.Condition;
import dev.handover.spi.model.Ticket;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Rules do not play ping-pong with a ticket, and a handover a person asks for is judged by the receiver check alone.
 * The desk: a language rule sends tickets tagged {@code german} to Lukas; a billing rule sends tickets tagged
 * {@code billing} to Jonas (who also speaks German) — a German billing ticket satisfies both.
 */
final class RulePingPongTest {
    private final World world = new World();

    private Handovers engine(UnaryOperator<HandoverRule.Builder> billing) {
        return world.engine(HandoverPolicy.builder()
                .pingPongWindow(Duration.ofHours(4))
                .rule(HandoverRule.builder("german")
                        .order(1)
                        .when(Condition.tag("german"))
                        .reason(HandoverReason.LANGUAGE)
                        .to(Target.agent(LUKAS))
                        .build())
                .rule(billing.apply(HandoverRule.builder("billing")
                                .order(2)
                                .when(Condition.tag("billing"))
                                .reason(HandoverReason.EXPERTISE)
                                .to(Target.agent(JONAS))
                                .requireSkills("refunds"))
                        .build())
                .rule(HandoverRule.builder("refunds-expertise")
                        .when(Condition.tag("never-automatic"))
                        .reason(HandoverReason.EXPERTISE)
                        .to(Target.agent(SOPHIE))
                        .requireSkills("complaints")
                        .build())
                .build());
    }

    @Test
    void aTicketPlacedByOneRuleIsNotMovedByAnotherWithinTheWindowAndTheRefusalIsRecorded() {
        Handovers e = engine(b -> b);
        Ticket t = world.germanTicket(b -> b.assignee(AMELIA).tag("german").tag("billing"));

        HandoverResult first = e.evaluate(List.of(t)).get(0);
        assertThat(first.plan().orElseThrow().rule()).isEqualTo("german");
        assertThat(world.reread(t).assignee()).contains(LUKAS);

        world.clock.advance(Duration.ofHours(1));
        HandoverResult second = e.evaluate(List.of(world.reread(t))).get(0);

        assertThat(second.status()).isEqualTo(HandoverResult.Status.REFUSED);
        assertThat(second.message())
                .contains("rule german placed this ticket at")
                .contains("rule billing may not move it within the ping-pong window of 4 h unless it is marked"
                        + " overriding");
        assertThat(world.reread(t).assignee()).contains(LUKAS);
        assertThat(world.events(HandoverEvent.Refused.class))
                .anySatisfy(r -> assertThat(r.why()).contains("rule german placed this ticket"));

        // after the window the second rule may move it
        world.clock.advance(Duration.ofHours(3).plusMinutes(1));
        assertThat(e.evaluate(List.of(world.reread(t))).get(0).isHandedOver()).isTrue();
        assertThat(world.reread(t).assignee()).contains(JONAS);
    }

    @Test
    void aRuleMarkedOverridingMayMoveTheTicketAtOnce() {
        Handovers e = engine(HandoverRule.Builder::overriding);
        Ticket t = world.germanTicket(b -> b.assignee(AMELIA).tag("german").tag("billing"));
        e.evaluate(List.of(t));
        world.clock.advance(Duration.ofMinutes(10));

        HandoverResult second = e.evaluate(List.of(world.reread(t))).get(0);

        assertThat(second.isHandedOver()).as(second.message()).isTrue();
        assertThat(world.reread(t).assignee()).contains(JONAS);
    }

    @Test
    void aManualHandoverThatNamesNoRuleIsJudgedByTheReceiverCheckAlone() {
        // the policy's expertise rule wants the skill "complaints"; Lukas has not got it, and a person naming no
        // rule did not ask for that rule's requirements
        Handovers e = engine(b -> b);
        Ticket t = world.ticket(b -> b.assignee(AMELIA));

        HandoverResult manual = e.handOver(HandoverRequest.builder(t.id())
                .reason(HandoverReason.EXPERTISE)
                .toAgent(LUKAS)
                .build());

        assertThat(manual.isHandedOver()).as(manual.message()).isTrue();
        assertThat(world.reread(t).assignee()).contains(LUKAS);

        // naming the rule applies its requirements
        Ticket u = world.ticket(b -> b.assignee(AMELIA));
        HandoverResult byRule = e.handOver(HandoverRequest.builder(u.id())
                .rule("refunds-expertise")
                .reason(HandoverReason.EXPERTISE)
                .toAgent(LUKAS)
                .build());
        assertThat(byRule.status()).isEqualTo(HandoverResult.Status.REFUSED);
        assertThat(byRule.message()).contains("lacks the skill complaints");
    }

    @Test
    void aPersonMayMoveATicketARulePlacedAndAShiftEndStillMovesIt() {
        Handovers e = engine(b -> b);
        Ticket t = world.germanTicket(b -> b.assignee(AMELIA).tag("german").tag("billing"));
        e.evaluate(List.of(t));

        HandoverResult byHand = e.handOver(HandoverRequest.builder(t.id())
                .reason(HandoverReason.ESCALATION)
                .toAgent(OLIVER)
                .build());

        assertThat(byHand.isHandedOver()).as(byHand.message()).isTrue();
        assertThat(world.reread(t).assignee()).contains(OLIVER);

        // Lukas's day ends with another rule-placed ticket of his: the shift change moves it all the same
        Ticket u = world.germanTicket(b -> b.assignee(AMELIA).tag("german"));
        e.evaluate(List.of(u));
        assertThat(world.reread(u).assignee()).contains(LUKAS);
        List<HandoverResult> shift = e.shiftChange(LUKAS, world.clock.instant());
        assertThat(shift)
                .singleElement()
                .satisfies(r -> assertThat(r.isHandedOver()).as(r.message()).isTrue());
        assertThat(world.reread(u).assignee()).isNotEqualTo(java.util.Optional.of(LUKAS));
    }
}
