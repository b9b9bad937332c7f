package dev.handover.core;

import static dev.handover.core.World.AMELIA;
import static dev.handover.core.World.BILLING;
import static dev.handover.core.World.CARLOS;
import static dev.handover.core.World.EMEA;
import static dev.handover.core.World.JONAS;
import static dev.handover.core.World.MONDAY_1345;
import static dev.handover.core.World.OLIVER;
import static dev.handover.core.World.SOPHIE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.note.HandoverRecord;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.Condition;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a team lead reading a handover checks first: the group the rule named, and one promised time everywhere. */
final class DemoStoryTest {
    private final World world = new World();

    @Test
    void aRuleThatNamesAGroupPutsTheTicketInThatGroupEvenWhenTheReceiverIsAlsoInTheCurrentOne() {
        // Sophie and Jonas are in EMEA Support and Billing L2; the ticket sits in EMEA Support
        Ticket t = world.ticket(b -> b.assignee(AMELIA).group(EMEA).tag("billing"));
        HandoverRule rule = HandoverRule.builder("billing")
                .when(Condition.tag("billing"))
                .reason(HandoverReason.EXPERTISE)
                .to(Target.bestAvailable(BILLING, "billing"))
                .build();

        world.engine(HandoverPolicy.builder().name("t").rule(rule).build()).evaluate(List.of(t));

        Ticket after = world.reread(t);
        assertThat(after.assignee()).get().isIn(SOPHIE, JONAS, CARLOS);
        assertThat(after.group()).contains(BILLING);
        HandoverRecord r = lastRecord(t);
        assertThat(r.group()).contains(BILLING);
    }

    @Test
    void aLineManagerTargetKeepsTheTicketInItsGroupWhenTheManagerIsInIt() {
        Ticket t = world.ticket(b -> b.assignee(AMELIA).group(EMEA).tag("complaint"));
        HandoverRule rule = HandoverRule.builder("complaint")
                .when(Condition.tag("complaint"))
                .reason(HandoverReason.COMPLAINT)
                .to(Target.lineManager())
                .build();

        world.engine(HandoverPolicy.builder().name("t").rule(rule).build()).evaluate(List.of(t));

        assertThat(world.reread(t).assignee()).contains(OLIVER);
        assertThat(world.reread(t).group()).contains(EMEA); // Oliver is in EMEA Support and Customer Relations
    }

    @Test
    void theNoticeNeverPromisesALaterTimeThanTheNotesPromise() {
        Ticket t = world.ticket(b -> b.assignee(AMELIA).group(EMEA));
        HandoverRule complaint = HandoverRule.builder("complaint")
                .when(Condition.tag("never"))
                .reason(HandoverReason.COMPLAINT)
                .to(Target.lineManager())
                .notifyCustomer(true)
                .nextContactWithin(Duration.ofHours(2))
                .build();
        Handovers engine =
                world.engine(HandoverPolicy.builder().name("t").rule(complaint).build());
        Instant promised = MONDAY_1345.plus(Duration.ofMinutes(45)); // 14:30, before the rule's 2 hours

        engine.handOver(HandoverRequest.builder(t.id())
                .toAgent(OLIVER)
                .reason(HandoverReason.COMPLAINT)
                .summary("Asks for a manager")
                .promise("A call back from a team lead before 14:30", promised)
                .build());

        HandoverRecord r = lastRecord(t);
        assertThat(r.contactBy()).contains(promised);
        Comment notice = world.crm.commentsSnapshot(t.id()).stream()
                .filter(c -> c.visibility() == Visibility.PUBLIC)
                .reduce((a, b) -> b)
                .orElseThrow();
        String note = world.crm.commentsSnapshot(t.id()).stream()
                .filter(Comment::isInternal)
                .map(Comment::body)
                .filter(b -> b.contains("Next customer contact due"))
                .findFirst()
                .orElseThrow();
        assertThat(note).contains("Next customer contact due: Mon 9 Mar 2026 14:30 UTC");
        assertThat(notice.body()).contains("2:30");
    }

    @Test
    void aTimeAPersonGivesForTheNextContactIsKeptAsGiven() {
        Ticket t = world.ticket(b -> b.assignee(AMELIA).group(EMEA));
        Handovers engine = world.engine(HandoverPolicy.builder().name("t").build());
        Instant contact = MONDAY_1345.plus(Duration.ofHours(3));

        engine.handOver(HandoverRequest.builder(t.id())
                .toAgent(OLIVER)
                .reason(HandoverReason.COMPLAINT)
                .summary("Asks for a manager")
                .promise("A call back", MONDAY_1345.plus(Duration.ofHours(1)))
                .nextContact(contact)
                .build());

        assertThat(lastRecord(t).contactBy()).contains(contact);
    }

    @Test
    void anActionAPersonRepeatsFromTheRuleIsAskedForOnceWithThePersonsDeadline() {
        Ticket t = world.ticket(b -> b.assignee(AMELIA).group(EMEA));
        HandoverRule complaint = HandoverRule.builder("complaint")
                .when(Condition.tag("never"))
                .reason(HandoverReason.COMPLAINT)
                .to(Target.lineManager())
                .action("Call the customer back", dev.handover.core.policy.ActionOwner.RECEIVER, Duration.ofHours(2))
                .action("Log the complaint", dev.handover.core.policy.ActionOwner.RECEIVER, Duration.ofHours(4))
                .build();
        Handovers engine =
                world.engine(HandoverPolicy.builder().name("t").rule(complaint).build());

        engine.handOver(HandoverRequest.builder(t.id())
                .toAgent(OLIVER)
                .reason(HandoverReason.COMPLAINT)
                .summary("Asks for a manager")
                .action("call the customer back", OLIVER, MONDAY_1345.plus(Duration.ofHours(1)))
                .action("Offer a goodwill credit", OLIVER, MONDAY_1345.plus(Duration.ofHours(3)))
                .build());

        List<HandoverRecord.Action> actions = lastRecord(t).actions();
        assertThat(actions)
                .extracting(HandoverRecord.Action::key, HandoverRecord.Action::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("action-1", "call the customer back"),
                        org.assertj.core.groups.Tuple.tuple("action-2", "Log the complaint"),
                        org.assertj.core.groups.Tuple.tuple("action-3", "Offer a goodwill credit"));
        assertThat(actions.get(0).due()).isEqualTo(MONDAY_1345.plus(Duration.ofHours(1)));
    }

    private HandoverRecord lastRecord(Ticket t) {
        return world.crm.commentsSnapshot(t.id()).stream()
                .filter(Comment::isInternal)
                .flatMap(c -> HandoverRecord.find(c.body()).stream())
                .reduce((a, b) -> b)
                .orElseThrow();
    }
}
