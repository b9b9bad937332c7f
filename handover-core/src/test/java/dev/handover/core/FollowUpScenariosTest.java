package dev.handover.core;

import static dev.handover.core.World.AMELIA;
import static dev.handover.core.World.GRACE;
import static dev.handover.core.World.JONAS;
import static dev.handover.core.World.LUKAS;
import static dev.handover.core.World.OLIVER;
import static dev.handover.core.World.SOPHIE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.marker.StepRecord;
import dev.handover.core.policy.EscalationStep;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.policy.ReminderPolicy;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.Condition;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.model.Absence;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.TaskStatus;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Acknowledgement, reminders, completion checks and escalation (seed 1.3, 3.3, 3.4; B8 1.5, 2.1–2.4, 3.4, 3.5). */
final class FollowUpScenariosTest {
    private final World world = new World();

    /** No actions of its own; the request's actions and promises decide. */
    private static HandoverRule expertise(String reminders) {
        return HandoverRule.builder("expertise")
                .when(Condition.tag("never-automatic"))
                .reason(HandoverReason.EXPERTISE)
                .to(Target.nextShift())
                .reminders(reminders)
                .build();
    }

    private static final ReminderPolicy FOLLOW = ReminderPolicy.builder("follow")
            .followUpLead(Duration.ofMinutes(30))
            .repeatEvery(Duration.ofHours(1))
            .maxReminders(2)
            .ladder(EscalationStep.lineManager(Duration.ofHours(2)), EscalationStep.headOfTeam(Duration.ofHours(4)))
            .build();

    private Handovers engine(ReminderPolicy... extra) {
        HandoverPolicy.Builder p = HandoverPolicy.builder().reminderPolicy(FOLLOW);
        for (ReminderPolicy r : extra) {
            p.reminderPolicy(r);
        }
        return world.engine(p.rule(expertise("follow")).build());
    }

    private HandoverPlan handOver(Handovers e, Ticket t, HandoverRequest.Builder b) {
        HandoverResult r =
                e.handOver(b.rule("expertise").reason(HandoverReason.EXPERTISE).build());
        assertThat(r.isHandedOver()).as(r.message()).isTrue();
        return r.plan().orElseThrow();
    }

    private Optional<Task> task(HandoverId h, String key) {
        return world.crm.tasksSnapshot().stream()
                .filter(t -> t.handover().equals(h) && t.key().equals(key))
                .findFirst();
    }

    private Instant watcherDue(HandoverId h) {
        return task(h, "follow-up").orElseThrow().due();
    }

    private SweepResult sweepAt(Handovers e, Instant at) {
        world.clock.set(at);
        return e.sweep();
    }

    /** A handover of the ticket to Sophie with one action, due within {@code within}. */
    private HandoverPlan toSophieWithAction(Handovers e, Ticket t, String action, Duration within) {
        return handOver(e, t, HandoverRequest.builder(t.id()).toAgent(SOPHIE).action(action, within));
    }

    /** An engine whose one rule, {@code expertise}, follows its handovers up by this reminder policy only. */
    private Handovers engineRemindingBy(ReminderPolicy reminders) {
        return world.engine(HandoverPolicy.builder()
                .reminderPolicy(reminders)
                .rule(expertise(reminders.name()))
                .build());
    }

    /** Amelia's absence from Monday 13:45 until {@code back}: the plan of the handover of her one ticket. */
    private HandoverPlan ameliaAwayUntil(Handovers e, Instant back) {
        return e.absence(AMELIA, World.MONDAY_1345, back).get(0).plan().orElseThrow();
    }

    /** The sweep at Amelia's return hands her ticket back to her, and only that one. */
    private void assertTheSweepAtHandsBack(Handovers e, Instant back, Ticket t) {
        SweepResult s = sweepAt(e, back);

        assertThat(s.handedBack()).isEqualTo(1);
        assertThat(world.reread(t).assignee()).contains(AMELIA);
    }

    private List<String> followUpNotes(Ticket t) {
        return world.crm.commentsSnapshot(t.id()).stream()
                .filter(Comment::isInternal)
                .map(Comment::body)
                .filter(b -> b.startsWith("Follow-up of handover"))
                .toList();
    }

    private String lastFollowUpNote(Ticket t) {
        List<String> notes = followUpNotes(t);
        return notes.get(notes.size() - 1);
    }

    // ---------------------------------------------------------------------------------------------- acknowledgement

    @Test
    void aCancelledAcknowledgementTaskIsNoAcknowledgement() {
        // another worker's close (or re-target) cancelled the task; this sweep has not seen its note
        Handovers e = engine();
        Ticket t = world.ticket(b -> b);
        HandoverPlan plan = handOver(e, t, HandoverRequest.builder(t.id()).toAgent(LUKAS));
        Task ack = task(plan.id(), "ack").orElseThrow();
        world.crm.apply(TicketUpdate.builder(t.id())
                .changeTask(TaskChange.cancel(ack.id()))
                .build());

        SweepResult sweep = sweepAt(e, Instant.parse("2026-03-09T14:15:00Z"));

        assertThat(sweep.acknowledgements()).isZero();
        assertThat(world.events(HandoverEvent.Acknowledged.class))
                .as("nobody acknowledged")
                .isEmpty();
        assertThat(followUpNotes(t)).noneMatch(n -> n.contains("acknowledged"));
        assertThat(world.events(HandoverEvent.Reminded.class))
                .as("nor is anyone chased for a withdrawn acknowledgement")
                .isEmpty();
    }

    @Test
    void aReceiverWhoNeverAcknowledgesIsRemindedThenTheTicketGoesToTheNextQualifiedColleague() {
        Handovers e = engine();
        Ticket t = world.ticket(b -> b);
        HandoverPlan plan = handOver(e, t, HandoverRequest.builder(t.id()).toAgent(LUKAS));
        Task ack = task(plan.id(), "ack").orElseThrow();
        assertThat(ack.owner()).isEqualTo(LUKAS);
        assertThat(ack.due()).isEqualTo(Instant.parse("2026-03-09T14:15:00Z"));
        assertThat(watcherDue(plan.id())).isEqualTo(ack.due());

        SweepResult first = sweepAt(e, Instant.parse("2026-03-09T14:15:00Z"));

        assertThat(first.reminders()).isEqualTo(1);
        assertThat(lastFollowUpNote(t))
                .contains(
                        "Hi Lukas, please acknowledge handover " + plan.id() + " of ticket " + t.id() + " from Amelia")
                .contains("(reminder 1)");
        assertThat(world.events(HandoverEvent.Reminded.class))
                .singleElement()
                .satisfies(r -> assertThat(r.kind()).isEqualTo("acknowledgement"));
        assertThat(watcherDue(plan.id())).isEqualTo(Instant.parse("2026-03-09T15:15:00Z"));

        SweepResult second = sweepAt(e, Instant.parse("2026-03-09T15:15:00Z"));

        assertThat(second.retargets()).isEqualTo(1);
        Ticket after = world.reread(t);
        assertThat(after.assignee()).isPresent().isNotEqualTo(Optional.of(LUKAS));
        assertThat(world.events(HandoverEvent.Retargeted.class)).singleElement().satisfies(r -> {
            assertThat(r.from()).isEqualTo(LUKAS);
            assertThat(r.handover()).isEqualTo(plan.id());
        });
        String note = world.crm.commentsSnapshot(t.id()).stream()
                .filter(Comment::isInternal)
                .map(Comment::body)
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(note)
                .contains("Lukas Becker did not acknowledge handover " + plan.id() + " by Mon 9 Mar 14:15 UTC"
                        + " after 1 reminder, so it goes to the next qualified colleague");
        assertThat(task(plan.id(), "ack").orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(task(plan.id(), "follow-up").orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void anExplicitAcknowledgementIsRecordedOnTheTicketOnce() {
        Handovers e = engine();
        Ticket t = world.ticket(b -> b);
        HandoverPlan plan = handOver(e, t, HandoverRequest.builder(t.id()).toAgent(LUKAS));
        world.clock.advance(Duration.ofMinutes(7));

        Acknowledgement a = e.acknowledge(plan.id(), LUKAS);

        assertThat(a.already()).isFalse();
        assertThat(a.latency()).isEqualTo(Duration.ofMinutes(7));
        assertThat(task(plan.id(), "ack").orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(world.events(HandoverEvent.Acknowledged.class))
                .singleElement()
                .satisfies(ev -> assertThat(ev.method()).isEqualTo(HandoverEvent.AcknowledgementMethod.EXPLICIT));
        assertThat(e.acknowledge(plan.id(), LUKAS).already()).isTrue();
        assertThatThrownBy(() -> e.acknowledge(plan.id(), SOPHIE)).hasMessageContaining("is for lukas to acknowledge");
        // at the deadline nothing is due for the acknowledgement any more: no reminder, no second event
        SweepResult s = sweepAt(e, Instant.parse("2026-03-09T14:15:00Z"));
        assertThat(s.reminders()).isZero();
        assertThat(world.events(HandoverEvent.Acknowledged.class)).hasSize(1);
    }

    @Test
    void completingTheTaskOrReplyingOnTheTicketCountsAsAcknowledgement() {
        Handovers e = engine();
        Ticket byTask = world.ticket(b -> b);
        Ticket byComment = world.ticket(b -> b);
        HandoverPlan p1 =
                handOver(e, byTask, HandoverRequest.builder(byTask.id()).toAgent(LUKAS));
        HandoverPlan p2 =
                handOver(e, byComment, HandoverRequest.builder(byComment.id()).toAgent(LUKAS));
        world.clock.advance(Duration.ofMinutes(10));
        world.crm.completeTask(task(p1.id(), "ack").orElseThrow().id());
        world.crm.addComment(byComment.id(), LUKAS.value(), "On it — calling the customer now.", Visibility.PUBLIC);

        SweepResult s = sweepAt(e, Instant.parse("2026-03-09T14:15:00Z"));

        assertThat(s.acknowledgements()).isEqualTo(2);
        assertThat(s.reminders()).isZero();
        assertThat(world.events(HandoverEvent.Acknowledged.class))
                .extracting(HandoverEvent.Acknowledged::method)
                .containsExactlyInAnyOrder(
                        HandoverEvent.AcknowledgementMethod.TASK, HandoverEvent.AcknowledgementMethod.COMMENT);
        assertThat(world.events(HandoverEvent.Acknowledged.class))
                .allSatisfy(a -> assertThat(a.latency()).isEqualTo(Duration.ofMinutes(10)));
        assertThat(task(p2.id(), "ack").orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(lastFollowUpNote(byComment)).contains("Lukas Becker acknowledged handover " + p2.id());
    }

    // ---------------------------------------------------------------------------------------------- actions

    @Test
    void anActionLeftUndoneGetsACheckInRemindersThenEscalationWithWhyAndImpact() {
        Handovers e = engine();
        Ticket t = world.ticket(b -> b);
        HandoverPlan plan = handOver(
                e,
                t,
                HandoverRequest.builder(t.id())
                        .toAgent(SOPHIE)
                        .action("Call the customer back", Duration.ofHours(1))
                        .promise("A call back this afternoon", Instant.parse("2026-03-09T16:00:00Z")));
        e.acknowledge(plan.id(), SOPHIE);
        Task action = task(plan.id(), "action-1").orElseThrow();
        assertThat(action.due()).isEqualTo(Instant.parse("2026-03-09T14:45:00Z"));

        // 14:15, half an hour before the deadline: a tactful check-in
        SweepResult checkIn = sweepAt(e, watcherDue(plan.id()));
        assertThat(world.clock.instant()).isEqualTo(Instant.parse("2026-03-09T14:15:00Z"));
        assertThat(checkIn.checkIns()).isEqualTo(1);
        assertThat(lastFollowUpNote(t))
                .contains("Hi Sophie, just checking in on ticket " + t.id())
                .contains(
                        "\"Call the customer back\" is due at Mon 9 Mar 14:45 Europe/London. Is anything in the way?");

        // 14:45: overdue, with what we can see and what it means for the customer
        SweepResult overdue = sweepAt(e, watcherDue(plan.id()));
        assertThat(overdue.reminders()).isEqualTo(1);
        assertThat(lastFollowUpNote(t))
                .contains("\"Call the customer back\" on ticket " + t.id())
                .contains("What we can see: overdue: nothing on the ticket shows it done")
                .contains("For the customer: a gold customer with a normal-priority ticket: the promise \"A call back"
                        + " this afternoon\" is due Mon 9 Mar 16:00 Europe/London and at risk")
                .contains("(reminder 1)");

        // 15:30, half an hour before the promise falls due: a check-in on it, in its own words
        SweepResult promiseCheckIn = sweepAt(e, watcherDue(plan.id()));
        assertThat(world.clock.instant()).isEqualTo(Instant.parse("2026-03-09T15:30:00Z"));
        assertThat(promiseCheckIn.checkIns()).isEqualTo(1);
        assertThat(lastFollowUpNote(t))
                .contains("Hi Sophie, just checking in on ticket " + t.id())
                .contains("keep the promise to the customer: “A call back this afternoon”");

        // 15:45, Sophie is on sick leave from 15:30: reminding her helps nobody, so the line manager steps in now
        world.crm.editAgent(
                SOPHIE,
                a -> a.absence(new Absence(
                        Instant.parse("2026-03-09T15:30:00Z"), Instant.parse("2026-03-12T00:00:00Z"), "sick leave")));
        SweepResult absent = sweepAt(e, watcherDue(plan.id()));
        assertThat(world.clock.instant()).isEqualTo(Instant.parse("2026-03-09T15:45:00Z"));
        assertThat(absent.escalations()).isEqualTo(1);
        assertThat(lastFollowUpNote(t))
                .contains("Escalation (level 1) to Oliver Bennett: \"Call the customer back\" on ticket " + t.id())
                .contains("owner Sophie Martin, 1 reminders sent")
                .contains(
                        "Why it is not done: Sophie Martin is absent (sick leave) until Thu 12 Mar 00:00 Europe/London")
                .contains(
                        "the promise \"A call back this afternoon\" is due Mon 9 Mar 16:00 Europe/London and at risk");
        assertThat(world.crm.tasksSnapshot().stream().filter(x -> x.kind() == TaskKind.ESCALATION))
                .singleElement()
                .satisfies(x -> assertThat(x.owner()).isEqualTo(OLIVER));

        // 16:00: the promised call-back was the next customer contact; with Sophie away that escalates too — and
        // Oliver's day ended at 16:00, so the head of team, who is there until 17:00, hears of it now
        sweepAt(e, watcherDue(plan.id()));
        assertThat(world.clock.instant()).isEqualTo(Instant.parse("2026-03-09T16:00:00Z"));
        assertThat(lastFollowUpNote(t))
                .contains("Escalation (level 2) to Grace Okafor: \"contact the customer\"")
                .contains("Line manager Oliver Bennett is off shift until Tue 10 Mar 08:00 Europe/London; escalated to"
                        + " Grace Okafor.")
                .contains(
                        "the promise \"A call back this afternoon\" was due Mon 9 Mar 16:00 Europe/London and has passed");

        // then the head of team, then the follow-up ends
        while (task(plan.id(), "follow-up").orElseThrow().isOpen()) {
            sweepAt(e, watcherDue(plan.id()));
        }
        assertThat(String.join("\n", followUpNotes(t)))
                .contains("Escalation (level 2) to Grace Okafor: \"Call the customer back\"");
        assertThat(world.events(HandoverEvent.Escalated.class))
                .extracting(x -> x.item() + " " + x.level() + " " + x.to())
                .containsExactlyInAnyOrder(
                        "action-1 1 agent " + OLIVER, "action-1 2 agent " + GRACE, "contact 2 agent " + GRACE);
        assertThat(world.events(HandoverEvent.FollowUpClosed.class))
                .singleElement()
                .satisfies(c -> assertThat(c.outcome()).isEqualTo("exhausted"));
        // the ladder is spent, the work is not: the action's task stays open with Sophie, Grace answers for it
        assertThat(lastFollowUpNote(t))
                .contains(
                        "ends after the last escalation with \"Call the customer back\", \"contact the customer\" still"
                                + " not done")
                .contains("Grace Okafor (the last escalation) is accountable for \"Call the customer back\"")
                .contains("Their tasks stay open.");
        assertThat(world.crm.tasksSnapshot())
                .filteredOn(x -> x.kind() == TaskKind.ACTION)
                .singleElement()
                .satisfies(x -> {
                    assertThat(x.status()).isEqualTo(TaskStatus.OPEN);
                    assertThat(x.owner()).isEqualTo(SOPHIE);
                });
    }

    @Test
    void aCompletedActionClosesTheFollowUpOnTime() {
        Handovers e = engine();
        Ticket t = world.ticket(b -> b);
        HandoverPlan plan = toSophieWithAction(e, t, "Call the customer back", Duration.ofHours(1));
        e.acknowledge(plan.id(), SOPHIE);
        world.clock.advance(Duration.ofMinutes(20));
        world.crm.completeTask(task(plan.id(), "action-1").orElseThrow().id());

        SweepResult s = sweepAt(e, watcherDue(plan.id()));

        assertThat(s.completions()).isEqualTo(1);
        assertThat(s.checkIns()).isZero();
        assertThat(world.events(HandoverEvent.ActionCompleted.class))
                .singleElement()
                .satisfies(c -> assertThat(c.onTime()).isTrue());
        assertThat(task(plan.id(), "follow-up").orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(lastFollowUpNote(t))
                .contains("Done: \"Call the customer back\" (Sophie Martin, on time")
                .contains("Follow-up of handover " + plan.id() + " complete.");
    }

    @Test
    void aSolvedTicketClosesTheFollowUpAndItsOpenTasks() {
        Handovers e = engine();
        Ticket t = world.ticket(b -> b);
        HandoverPlan plan = toSophieWithAction(e, t, "Call the customer back", Duration.ofHours(1));
        world.crm.editTicket(t.id(), b -> b.status(TicketStatus.SOLVED));

        SweepResult s = sweepAt(e, watcherDue(plan.id()));

        assertThat(s.closed()).isEqualTo(1);
        assertThat(s.reminders()).isZero();
        assertThat(world.crm
                        .allTasks(TaskQuery.builder().open().handover(plan.id()).build())
                        .toList())
                .isEmpty();
        assertThat(world.events(HandoverEvent.ActionCompleted.class))
                .singleElement()
                .satisfies(c -> assertThat(c.how()).isEqualTo("ticket-solved"));
        assertThat(world.events(HandoverEvent.FollowUpClosed.class))
                .singleElement()
                .satisfies(c -> assertThat(c.outcome()).isEqualTo("ticket-solved"));
    }

    @Test
    void waitingOnTheCustomerIsNotEscalated() {
        Handovers e = engine();
        Ticket t = world.ticket(b -> b);
        HandoverPlan plan = toSophieWithAction(e, t, "Confirm the address", Duration.ofMinutes(30));
        e.acknowledge(plan.id(), SOPHIE);
        world.crm.editTicket(t.id(), b -> b.status(TicketStatus.PENDING));

        for (int i = 0; i < 6 && task(plan.id(), "follow-up").orElseThrow().isOpen(); i++) {
            sweepAt(e, watcherDue(plan.id()));
        }

        assertThat(world.events(HandoverEvent.Escalated.class)).isEmpty();
        assertThat(world.events(HandoverEvent.Reminded.class))
                .allSatisfy(r -> assertThat(r.why()).isEqualTo("blocked: the ticket is waiting on the customer"));
        assertThat(String.join("\n", followUpNotes(t)))
                .contains("(Not escalated: blocked: the ticket is waiting on the" + " customer.)");
    }

    @Test
    void aComplaintEscalatesFasterAndUrgentTicketsFourTimesFaster() {
        ReminderPolicy complaint = ReminderPolicy.builder("complaint")
                .maxReminders(1)
                .ladder(EscalationStep.lineManager(Duration.ofMinutes(30)))
                .faster(TicketPriority.URGENT, 4)
                .build();
        Handovers e = engine(complaint);
        Ticket normal = world.ticket(b -> b);
        Ticket urgent = world.ticket(b -> b.priority(TicketPriority.URGENT));
        HandoverPlan pn = handOver(
                e,
                normal,
                HandoverRequest.builder(normal.id())
                        .toAgent(SOPHIE)
                        .action("Apologise and refund", Duration.ofHours(1)));
        // the complaint rule's reminder policy, through a rule with that reminder policy
        Handovers fast = engineRemindingBy(complaint);
        HandoverPlan pu = fast.handOver(HandoverRequest.builder(urgent.id())
                        .toAgent(SOPHIE)
                        .rule("expertise")
                        .reason(HandoverReason.COMPLAINT)
                        .action("Apologise and refund", Duration.ofHours(1))
                        .build())
                .plan()
                .orElseThrow();
        e.acknowledge(pn.id(), SOPHIE);
        fast.acknowledge(pu.id(), SOPHIE);

        // standard-ish policy: escalation 2 h past 14:45; complaint, urgent: 30 min / 4 = 7.5 min past 14:45
        Task un = task(pu.id(), "action-1").orElseThrow();
        assertThat(un.due()).isEqualTo(Instant.parse("2026-03-09T14:45:00Z"));
        sweepAt(fast, Instant.parse("2026-03-09T14:45:00Z"));
        sweepAt(fast, Instant.parse("2026-03-09T14:52:30Z"));
        assertThat(world.events(HandoverEvent.Escalated.class))
                .singleElement()
                .satisfies(x -> assertThat(x.handover()).isEqualTo(pu.id()));
        // the normal ticket (standard ladder, 2 h) was only reminded by those sweeps: next comes its second reminder
        assertThat(watcherDue(pn.id())).isEqualTo(Instant.parse("2026-03-09T15:45:00Z"));
    }

    // ---------------------------------------------------------------------------------------------- idempotency

    @Test
    void sweepingTwiceAtTheSameInstantChangesNothing() {
        Handovers e = engine();
        Ticket t = world.ticket(b -> b);
        HandoverPlan plan = handOver(e, t, HandoverRequest.builder(t.id()).toAgent(LUKAS));
        sweepAt(e, Instant.parse("2026-03-09T14:15:00Z"));
        int comments = world.crm.commentsSnapshot(t.id()).size();
        var version = world.reread(t).version();
        world.crm.calls().reset();

        SweepResult again = e.sweep();

        assertThat(again.due()).isZero();
        assertThat(world.crm.commentsSnapshot(t.id())).hasSize(comments);
        assertThat(world.reread(t).version()).isEqualTo(version);
        assertThat(world.crm.calls().writes()).isZero();
        assertThat(world.events(HandoverEvent.Reminded.class)).hasSize(1);
        assertThat(plan.id()).isNotNull();
    }

    @Test
    void aColdWorkerContinuesEveryOpenHandoverFromTheCrmAlone() {
        Handovers first = engine();
        Ticket t = world.ticket(b -> b);
        HandoverPlan plan = handOver(first, t, HandoverRequest.builder(t.id()).toAgent(LUKAS));
        sweepAt(first, Instant.parse("2026-03-09T14:15:00Z"));

        Handovers cold = engine(); // a new process: nothing in memory but the CRM
        SweepResult s = sweepAt(cold, Instant.parse("2026-03-09T15:15:00Z"));

        assertThat(s.retargets()).isEqualTo(1);
        assertThat(world.events(HandoverEvent.Reminded.class)).hasSize(1);
        assertThat(plan.id()).isNotNull();
    }

    @Test
    void partitionedWorkersShareTheDueWorkWithoutOverlap() {
        world.crm.editAgent(LUKAS, a -> a.capacity(100));
        Handovers e = engine();
        for (int i = 0; i < 20; i++) {
            Ticket t = world.ticket(b -> b);
            handOver(e, t, HandoverRequest.builder(t.id()).toAgent(LUKAS));
        }
        world.clock.set(Instant.parse("2026-03-09T14:15:00Z"));
        SweepResult w0 = e.sweep(new Partition(0, 2));
        SweepResult w1 = e.sweep(new Partition(1, 2));
        assertThat(w0.due() + w1.due()).isEqualTo(20);
        assertThat(w0.due()).isPositive();
        assertThat(w1.due()).isPositive();
        assertThat(w0.otherPartitions()).isEqualTo(20 - w0.due());
        assertThat(w0.reminders() + w1.reminders()).isEqualTo(20);
    }

    @Test
    void quietHoursAndWeekendsHoldRemindersUntilWorkingHours() {
        ReminderPolicy quiet = ReminderPolicy.builder("quiet")
                .quietHours(LocalTime.of(18, 0), LocalTime.of(8, 0))
                .build();
        Handovers e = engineRemindingBy(quiet);
        // Friday 20:30 to Jonas (14–22): acknowledgement due 21:00, inside his shift but inside quiet hours
        world.clock.set(Instant.parse("2026-03-13T20:30:00Z"));
        Ticket t = world.ticket(b -> b);
        HandoverPlan plan = e.handOver(HandoverRequest.builder(t.id())
                        .toAgent(JONAS)
                        .rule("expertise")
                        .reason(HandoverReason.EXPERTISE)
                        .build())
                .plan()
                .orElseThrow();

        // Friday night, Saturday, Sunday: nothing fires
        for (String at : List.of("2026-03-13T21:00:00Z", "2026-03-14T10:00:00Z", "2026-03-15T20:00:00Z")) {
            assertThat(sweepAt(e, Instant.parse(at)).due()).as(at).isZero();
        }
        // Monday 14:00, the start of his next shift
        assertThat(watcherDue(plan.id())).isEqualTo(Instant.parse("2026-03-16T14:00:00Z"));
        assertThat(sweepAt(e, Instant.parse("2026-03-16T14:00:00Z")).reminders())
                .isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------- reconcile, absence

    @Test
    void reconcileGivesAHandoverItsMissingTasksOnce() {
        Handovers e = engine();
        Ticket t = world.ticket(b -> b);
        // the note and reassignment landed, the tasks did not (a crash between the two writes)
        HandoverPlan plan = e.plan(HandoverRequest.builder(t.id())
                        .toAgent(SOPHIE)
                        .rule("expertise")
                        .reason(HandoverReason.EXPERTISE)
                        .action("Call back", Duration.ofHours(1))
                        .build())
                .plan()
                .orElseThrow();
        TicketUpdate full = plan.update();
        TicketUpdate.Builder noteOnly = TicketUpdate.builder(t.id());
        full.notes().forEach(noteOnly::note);
        noteOnly.assign(full.assignment().get());
        full.addTags().forEach(noteOnly::addTag);
        world.crm.apply(noteOnly.build());
        assertThat(world.crm.tasksSnapshot()).isEmpty();

        ReconcileResult r = e.reconcile(World.MONDAY_1345.minusSeconds(60));

        assertThat(r.tasksCreated()).isEqualTo(3);
        assertThat(world.crm.tasksSnapshot())
                .extracting(Task::key)
                .containsExactlyInAnyOrder("ack", "action-1", "follow-up");
        assertThat(e.reconcile(World.MONDAY_1345.minusSeconds(60)).tasksCreated())
                .isZero();
        assertThat(world.events(HandoverEvent.Reconciled.class)).hasSize(1);
    }

    @Test
    void theSweepHandsTicketsBackWhenTheAbsenceEnds() {
        Handovers e = engine();
        Ticket t = world.ticket(b -> b);
        e.absence(AMELIA, World.MONDAY_1345, Instant.parse("2026-03-10T06:00:00Z"));
        assertThat(world.reread(t).assignee()).isNotEqualTo(Optional.of(AMELIA));

        assertTheSweepAtHandsBack(e, Instant.parse("2026-03-10T06:00:00Z"), t);
    }

    @Test
    void anAbsenceHandoverWhoseFollowUpIsDoneStillGoesBackToTheOwnerOnReturn() {
        Handovers e = engine();
        Ticket t = world.ticket(b -> b);
        Instant back = Instant.parse("2026-03-10T09:00:00Z");
        HandoverPlan away = ameliaAwayUntil(e, back);
        AgentId colleague = world.reread(t).assignee().orElseThrow();

        // the colleague acknowledges and does what was asked: the follow-up has nothing left to watch
        e.acknowledge(away.id(), colleague);
        world.crm.completeTask(task(away.id(), "action-1").orElseThrow().id());
        sweepAt(e, watcherDue(away.id()));
        assertThat(world.events(HandoverEvent.FollowUpClosed.class))
                .singleElement()
                .satisfies(c -> assertThat(c.outcome()).isEqualTo("completed"));
        assertThat(task(away.id(), "hand-back").orElseThrow().isOpen()).isTrue();

        assertTheSweepAtHandsBack(e, back, t);
    }

    @Test
    void aReTargetedAbsenceHandoverStillGoesBackToTheAbsentOwnerOnReturn() {
        Handovers e = engine();
        Ticket t = world.ticket(b -> b);
        Instant back = Instant.parse("2026-03-10T09:00:00Z");
        HandoverPlan away = ameliaAwayUntil(e, back);
        AgentId silent = world.reread(t).assignee().orElseThrow();

        // the colleague never acknowledges: reminded, then the ticket goes to the next qualified colleague
        while (world.events(HandoverEvent.Retargeted.class).isEmpty()) {
            sweepAt(e, watcherDue(away.id()));
        }
        assertThat(world.reread(t).assignee()).isPresent().isNotIn(Optional.of(silent), Optional.of(AMELIA));
        assertThat(world.crm.tasksSnapshot())
                .filteredOn(x -> x.key().equals("hand-back") && x.isOpen())
                .singleElement()
                .satisfies(x -> assertThat(x.owner()).isEqualTo(AMELIA));

        assertTheSweepAtHandsBack(e, back, t);
    }

    @Test
    void aSecondReTargetNeverSendsTheTicketBackToTheReceiverWhoLetTheFirstLapse() {
        Handovers e = engine();
        Ticket t = world.ticket(b -> b);
        HandoverPlan plan = handOver(e, t, HandoverRequest.builder(t.id()).toAgent(LUKAS));

        // Lukas never acknowledges: the ticket goes to a colleague
        for (int sweeps = 0;
                sweeps < 6 && world.events(HandoverEvent.Retargeted.class).isEmpty();
                sweeps++) {
            sweepAt(e, watcherDue(plan.id()));
        }
        HandoverEvent.Retargeted first =
                world.events(HandoverEvent.Retargeted.class).get(0);
        AgentId colleague = world.reread(t).assignee().orElseThrow();
        // nor does the colleague; their re-target comes the next morning, long after the ping-pong guard's 4 hours
        sweepAt(e, watcherDue(first.replacement()));
        sweepAt(e, Instant.parse("2026-03-10T09:00:00Z"));

        assertThat(world.reread(t).assignee())
                .as("Lukas let the first handover lapse; the ticket must not come back to him")
                .isPresent()
                .isNotIn(Optional.of(LUKAS), Optional.of(colleague));
        assertThat(world.events(HandoverEvent.ReceiverChosen.class))
                .last()
                .satisfies(c -> assertThat(c.explanation()).contains("Lukas Becker"));
    }

    @Test
    void stepRecordsRoundTrip() {
        StepRecord rec = new StepRecord(HandoverId.of("ho-1"), java.util.Set.of("ack:reminder-1"), World.MONDAY_1345);
        assertThat(StepRecord.find("Follow-up …\n\n" + rec.format())).contains(rec);
        assertThat(StepRecord.find(rec.format().replace("reminder-1", "reminder-2")))
                .isEmpty();
    }
}
