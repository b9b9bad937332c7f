package dev.handover.core;

import static dev.handover.core.World.AMELIA;
import static dev.handover.core.World.LUKAS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.note.HandoverRecord;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.Condition;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Ticket;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the customer is told stays true, and what was promised without a date is not left hanging (seed 3.2, 3.3; B8
 * 2.2): the customer hears who has the ticket after a re-target, and an undated promise is flagged and followed up.
 */
final class CustomerContinuityTest {
    private final World world = new World();

    private Handovers engine() {
        return world.engine(HandoverPolicy.builder()
                .rule(HandoverRule.builder("expertise")
                        .when(Condition.tag("never-automatic"))
                        .reason(HandoverReason.EXPERTISE)
                        .to(Target.nextShift())
                        .notifyCustomer(true)
                        .build())
                .build());
    }

    private List<String> publicComments(Ticket t) {
        return world.crm.commentsSnapshot(t.id()).stream()
                .filter(c -> !c.isInternal())
                .map(Comment::body)
                .toList();
    }

    /** Amelia's ticket to Lukas by the expertise rule, with more of the request as given. */
    private HandoverResult toLukas(
            Handovers e, Ticket t, java.util.function.UnaryOperator<HandoverRequest.Builder> more) {
        HandoverResult r = e.handOver(more.apply(HandoverRequest.builder(t.id())
                        .rule("expertise")
                        .reason(HandoverReason.EXPERTISE)
                        .toAgent(LUKAS))
                .build());
        assertThat(r.isHandedOver()).as(r.message()).isTrue();
        return r;
    }

    @Test
    void aReTargetedTicketTellsTheCustomerWhoHasItNow() {
        Handovers e = engine();
        Ticket t = world.ticket(b -> b.assignee(AMELIA));
        toLukas(e, t, b -> b);
        assertThat(publicComments(t)).singleElement().asString().contains("Lukas");

        // Lukas never acknowledges: reminded at 14:15, re-targeted at 15:15
        world.clock.set(Instant.parse("2026-03-09T14:15:00Z"));
        e.sweep();
        world.clock.set(Instant.parse("2026-03-09T15:15:00Z"));
        SweepResult s = e.sweep();

        assertThat(s.retargets()).isEqualTo(1);
        String now = world.reread(t).assignee().orElseThrow().value();
        String newName = world.crm
                .directory()
                .agent(world.reread(t).assignee().get())
                .orElseThrow()
                .name();
        assertThat(now).isNotEqualTo(LUKAS.value());
        List<String> told = publicComments(t);
        assertThat(told).hasSize(2);
        // the latest word to the customer names who has it now, not the silent receiver
        assertThat(told.get(1)).contains(newName.split(" ")[0]).doesNotContain("Lukas");
        assertThat(world.events(HandoverEvent.Executed.class))
                .filteredOn(x -> x.to().map(a -> a.value().equals(now)).orElse(false))
                .singleElement()
                .satisfies(x -> assertThat(x.customerNotified()).isTrue());
    }

    @Test
    void aPromiseWithoutADateIsFlaggedAndTheCustomerContactIsFollowedUp() {
        Handovers e = engine();
        Ticket t = world.ticket(b -> b.assignee(AMELIA));
        HandoverResult r =
                toLukas(e, t, b -> b.promise("A call back about the refund").notifyCustomer(false));
        HandoverPlan plan = r.plan().orElseThrow();

        assertThat(plan.warnings())
                .contains("the promise 'A call back about the refund' has no date: agree a date with the customer");
        String note = world.crm.commentsSnapshot(t.id()).stream()
                .filter(Comment::isInternal)
                .map(Comment::body)
                .findFirst()
                .orElseThrow();
        assertThat(note).contains("A call back about the refund — no date yet: agree a date with the customer");
        // the next contact is due four of Lukas's working hours on, and the follow-up watches it
        HandoverRecord record = HandoverRecord.find(note).orElseThrow();
        Instant contact = Instant.parse("2026-03-10T09:45:00Z"); // 13:45 + 2 h 15 min left Monday + 1 h 45 Tuesday
        assertThat(record.contactBy()).contains(contact);
        e.acknowledge(plan.id(), LUKAS);
        world.clock.set(contact);
        e.sweep();
        assertThat(world.events(HandoverEvent.Reminded.class))
                .anySatisfy(x -> assertThat(x.item()).isEqualTo("contact"));
        assertThat(world.events(HandoverEvent.Warned.class))
                .extracting(HandoverEvent.Warned::message)
                .anySatisfy(w -> assertThat(w).contains("has no date"));
        assertThat(record.promises().get(0).due()).isEmpty();
    }
}
