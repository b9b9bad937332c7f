package dev.handover.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.policy.EscalationStep;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.policy.OffHoursDeadlines;
import dev.handover.core.policy.ReminderPolicy;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.Condition;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Deadlines given as moments outside the owner's working hours (seed 1.3; B8 1.5): the result and the note say so, the
 * policy moves or keeps them, and the check-in comes in the owner's last working period before the deadline.
 */
final class AfterHoursDeadlinesTest {
    private static final Instant SATURDAY_10 = Instant.parse("2026-03-14T10:00:00Z");
    private static final Instant FRIDAY_CLOSE = Instant.parse("2026-03-13T17:00:00Z");
    private final World world = new World();

    private Handovers engine(OffHoursDeadlines what) {
        return world.engine(HandoverPolicy.builder()
                .offHoursDeadlines(what)
                .reminderPolicy(ReminderPolicy.builder("follow")
                        .followUpLead(Duration.ofHours(2))
                        .repeatEvery(Duration.ofHours(1))
                        .maxReminders(1)
                        .ladder(EscalationStep.lineManager(Duration.ofHours(2)))
                        .build())
                .rule(HandoverRule.builder("expertise")
                        .when(Condition.tag("never-automatic"))
                        .reason(HandoverReason.EXPERTISE)
                        .to(Target.nextShift())
                        .reminders("follow")
                        .build())
                .build());
    }

    private HandoverResult handOverWithSaturdayAction(Handovers e, Ticket t) {
        // Sophie works 09:00–17:00 London on weekdays; the sender typed Saturday 10:00
        HandoverResult r = e.handOver(HandoverRequest.builder(t.id())
                .rule("expertise")
                .reason(HandoverReason.EXPERTISE)
                .toAgent(World.SOPHIE)
                .action("Confirm the refund with the bank", SATURDAY_10)
                .build());
        assertThat(r.isHandedOver()).as(r.message()).isTrue();
        return r;
    }

    private String notes(Ticket t) {
        return world.crm.commentsSnapshot(t.id()).stream().map(Comment::body).collect(Collectors.joining("\n"));
    }

    private Task task(HandoverResult r, String key) {
        return world.crm.tasksSnapshot().stream()
                .filter(x -> x.handover().equals(r.plan().orElseThrow().id())
                        && x.key().equals(key))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aDeadlineOnTheReceiversDayOffIsKeptAndWarnedOfByDefault() {
        Ticket t = world.ticket(b -> b);
        HandoverResult r = handOverWithSaturdayAction(engine(OffHoursDeadlines.WARN), t);

        assertThat(r.plan().orElseThrow().warnings())
                .contains("action 'Confirm the refund with the bank' is due Sat 14 Mar 10:00 Europe/London, outside"
                        + " Sophie Martin's working hours; their last working moment before it is Fri 13 Mar 17:00"
                        + " Europe/London");
        assertThat(notes(t)).contains("(outside Sophie Martin's working hours; their last working moment before it is");
        assertThat(task(r, "action-1").due()).isEqualTo(SATURDAY_10);
        assertThat(world.events(HandoverEvent.Warned.class))
                .anySatisfy(w -> assertThat(w.message()).contains("outside Sophie Martin's working hours"));
    }

    @Test
    void aPromiseDatedOnAHolidayKeepsItsDateAndTheNoteWarnsTheReceiverEvenWithMove() {
        // Friday 13 March is a holiday for everyone here: Sophie's last working moment before it is Thursday 17:00
        Handovers e = world.engine(HandoverPolicy.builder()
                .offHoursDeadlines(OffHoursDeadlines.MOVE)
                .holidays(java.util.List.of(
                        new dev.handover.core.calendar.Holiday(LocalDate.of(2026, 3, 13), "Company day")))
                .rule(HandoverRule.builder("expertise")
                        .when(Condition.tag("never-automatic"))
                        .reason(HandoverReason.EXPERTISE)
                        .to(Target.nextShift())
                        .build())
                .build());
        Ticket t = world.ticket(b -> b);
        Instant fridayNoon = Instant.parse("2026-03-13T12:00:00Z");
        HandoverResult r = e.handOver(HandoverRequest.builder(t.id())
                .rule("expertise")
                .reason(HandoverReason.EXPERTISE)
                .toAgent(World.SOPHIE)
                .promise("A call back on Friday", fridayNoon)
                .build());
        assertThat(r.isHandedOver()).as(r.message()).isTrue();

        assertThat(r.plan().orElseThrow().warnings())
                .contains("the promise 'A call back on Friday' is due Fri 13 Mar 12:00 Europe/London, outside Sophie"
                        + " Martin's working hours; their last working moment before it is Thu 12 Mar 17:00"
                        + " Europe/London");
        assertThat(notes(t)).contains("A call back on Friday").contains("outside Sophie Martin's working hours");
        assertThat(r.plan().orElseThrow().note().nextContactDue()).contains(fridayNoon);
    }

    @Test
    void withMoveTheDeadlineMovesToTheReceiversLastWorkingMomentAndTheNoteSaysFromWhen() {
        Ticket t = world.ticket(b -> b);
        HandoverResult r = handOverWithSaturdayAction(engine(OffHoursDeadlines.MOVE), t);

        assertThat(task(r, "action-1").due()).isEqualTo(FRIDAY_CLOSE);
        assertThat(r.plan().orElseThrow().warnings())
                .anySatisfy(w -> assertThat(w)
                        .contains("moved to their last working moment before it, Fri 13 Mar 17:00 Europe/London"));
        assertThat(notes(t)).contains("(moved from Sat 14 Mar 2026 10:00 UTC").contains("outside Sophie Martin's");
    }

    @Test
    void theCheckInBeforeADeadlineOnTheDayOffComesInTheLastWorkingPeriodBeforeIt() {
        Ticket t = world.ticket(b -> b);
        Handovers e = engine(OffHoursDeadlines.WARN);
        HandoverResult r = handOverWithSaturdayAction(e, t);
        e.acknowledge(r.plan().orElseThrow().id(), World.SOPHIE);

        // two working hours before Saturday 10:00, counted back through the night: Friday 15:00, not Saturday 08:00
        SweepResult s = null;
        for (int k = 0; k < 10 && (s == null || s.checkIns() == 0); k++) {
            world.clock.set(task(r, "follow-up").due());
            s = e.sweep();
        }
        assertThat(s.checkIns()).isEqualTo(1);
        assertThat(world.clock.instant()).isEqualTo(Instant.parse("2026-03-13T15:00:00Z"));
        assertThat(notes(t))
                .contains("Hi Sophie, just checking in on ticket " + t.id())
                .contains("is due at Sat 14 Mar 10:00 Europe/London");
        assertThat(task(r, "action-1").isOpen()).isTrue();
    }
}
