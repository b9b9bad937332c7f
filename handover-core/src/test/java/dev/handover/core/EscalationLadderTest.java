package dev.handover.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.policy.EscalationStep;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.policy.ReminderPolicy;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.Condition;
import dev.handover.spi.model.Absence;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Shift;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.TaskStatus;
import dev.handover.spi.model.Ticket;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The escalation ladder when people are missing (seed 3.4; B8 2.3–2.4), on a Berlin billing desk made for the test:
 * Nadia works 08:00–16:00, her line manager Petra and their head of team Viktor 09:00–17:00, Ines stands in for
 * Petra. Berlin is UTC+1 in March.
 */
final class EscalationLadderTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final AgentId NADIA = AgentId.of("nadia");
    private static final AgentId PETRA = AgentId.of("petra");
    private static final AgentId VIKTOR = AgentId.of("viktor");
    private static final AgentId INES = AgentId.of("ines");
    /** Monday 9 March 14:50 UTC, ten minutes before Nadia's day ends. */
    private static final Instant ACTION_DUE = Instant.parse("2026-03-09T14:50:00Z");
    /** Both rungs, 30 and 45 minutes of Nadia's time after the deadline, move into the managers' Tuesday 09:00. */
    private static final Instant TUESDAY_MANAGERS_START = Instant.parse("2026-03-10T08:00:00Z");

    private final World world = new World();

    private EscalationLadderTest() {
        put(VIKTOR, "Viktor Hahn", "head", null, 9, 17, b -> b);
        put(PETRA, "Petra Lang", "lead", VIKTOR, 9, 17, b -> b);
        put(INES, "Ines Vogel", "lead", VIKTOR, 9, 17, b -> b);
        put(NADIA, "Nadia Berger", "agent", PETRA, 8, 16, b -> b);
    }

    private void put(
            AgentId id, String name, String role, AgentId manager, int from, int to, UnaryOperator<Agent.Builder> b) {
        world.crm.putAgent(b.apply(Agent.builder(id)
                        .name(name)
                        .email(id.value() + "@billing.example.de")
                        .role(role)
                        .timeZone(BERLIN)
                        .manager(manager)
                        .speaks("de", "en")
                        .skill("billing")
                        .shift(Shift.weekdays(LocalTime.of(from, 0), LocalTime.of(to, 0))))
                .build());
    }

    private Handovers engine() {
        return world.engine(HandoverPolicy.builder()
                .reminderPolicy(ReminderPolicy.builder("ladder")
                        .followUpLead(Duration.ZERO)
                        .repeatEvery(Duration.ofHours(1))
                        .maxReminders(1)
                        .ladder(
                                EscalationStep.lineManager(Duration.ofMinutes(30)),
                                EscalationStep.headOfTeam(Duration.ofMinutes(45)))
                        .build())
                .rule(HandoverRule.builder("expertise")
                        .when(Condition.tag("never-automatic"))
                        .reason(HandoverReason.EXPERTISE)
                        .to(Target.nextShift())
                        .reminders("ladder")
                        .build())
                .build());
    }

    /** Nadia takes a ticket with one action due at {@link #ACTION_DUE}, and acknowledges it at once. */
    private HandoverId handOverToNadia(Handovers e, Ticket t) {
        HandoverResult r = e.handOver(HandoverRequest.builder(t.id())
                .rule("expertise")
                .reason(HandoverReason.EXPERTISE)
                .toAgent(NADIA)
                .action("Send the corrected invoice", ACTION_DUE)
                .build());
        assertThat(r.isHandedOver()).as(r.message()).isTrue();
        HandoverId h = r.plan().orElseThrow().id();
        e.acknowledge(h, NADIA);
        return h;
    }

    /** Sweeps at each moment the follow-up is next due until it closes (or twenty sweeps). */
    private void followUntilClosed(Handovers e, HandoverId h) {
        for (int i = 0; i < 20; i++) {
            Task watcher = task(h, "follow-up");
            if (!watcher.isOpen()) {
                return;
            }
            if (watcher.due().isAfter(world.clock.instant())) {
                world.clock.set(watcher.due());
            }
            e.sweep();
        }
    }

    private Task task(HandoverId h, String key) {
        return world.crm.tasksSnapshot().stream()
                .filter(t -> t.handover().equals(h) && t.key().equals(key))
                .findFirst()
                .orElseThrow();
    }

    /** "level to" of each escalation of the action, in the order they were made. */
    private List<String> actionEscalations() {
        return world.events(HandoverEvent.Escalated.class).stream()
                .filter(x -> x.item().equals("action-1"))
                .map(x -> x.level() + " " + x.to())
                .toList();
    }

    private List<Task> escalationTasks(HandoverId h) {
        return world.crm.tasksSnapshot().stream()
                .filter(t -> t.handover().equals(h) && t.kind() == TaskKind.ESCALATION)
                .filter(t -> t.key().contains("action-1"))
                .toList();
    }

    private String notes(Ticket t) {
        return world.crm.commentsSnapshot(t.id()).stream()
                .filter(Comment::isInternal)
                .map(Comment::body)
                .collect(Collectors.joining("\n"));
    }

    private void petraAway(UnaryOperator<Absence> deputy) {
        world.crm.editAgent(
                PETRA,
                b -> b.absence(deputy.apply(new Absence(
                        Instant.parse("2026-03-08T23:00:00Z"),
                        Instant.parse("2026-03-21T23:00:00Z"),
                        "annual leave"))));
    }

    @Test
    void aLineManagerOnLeaveIsPassedOverToTheHeadOfTeamAndTheNoteSaysUntilWhen() {
        petraAway(a -> a);
        Handovers e = engine();
        Ticket t = world.ticket(b -> b.assignee(World.AMELIA));
        HandoverId h = handOverToNadia(e, t);

        followUntilClosed(e, h);

        // Viktor is told once: the head-of-team rung, taken early for Petra, is not taken again
        assertThat(actionEscalations()).containsExactly("2 agent " + VIKTOR);
        assertThat(escalationTasks(h)).extracting(Task::owner).containsExactly(VIKTOR);
        assertThat(notes(t))
                .contains("Line manager Petra Lang is absent (annual leave) until Sun 22 Mar 00:00 Europe/Berlin;"
                        + " escalated to Viktor Hahn.");
    }

    @Test
    void aLineManagerOnLeaveWithADeputyIsStoodInForByTheDeputyAndTheHeadOfTeamStillFollows() {
        petraAway(a -> a.withDeputy(INES));
        Handovers e = engine();
        Ticket t = world.ticket(b -> b.assignee(World.AMELIA));
        HandoverId h = handOverToNadia(e, t);

        followUntilClosed(e, h);

        assertThat(actionEscalations()).containsExactly("1 agent " + INES, "2 agent " + VIKTOR);
        assertThat(notes(t))
                .contains("Line manager Petra Lang is absent (annual leave) until Sun 22 Mar 00:00 Europe/Berlin;"
                        + " escalated to their deputy Ines Vogel.");
    }

    @Test
    void anInactiveLineManagerIsPassedOverAndNobodyInactiveGetsATask() {
        world.crm.editAgent(PETRA, b -> b.active(false));
        Handovers e = engine();
        Ticket t = world.ticket(b -> b.assignee(World.AMELIA));
        HandoverId h = handOverToNadia(e, t);

        followUntilClosed(e, h);

        assertThat(actionEscalations()).containsExactly("2 agent " + VIKTOR);
        assertThat(escalationTasks(h)).extracting(Task::owner).doesNotContain(PETRA);
        assertThat(notes(t)).contains("Line manager Petra Lang is inactive in the CRM; escalated to Viktor Hahn.");
    }

    @Test
    void aLineManagerWhoMayNotTakeTicketsIsPassedOverAndGetsNoTask() {
        world.crm.editAgent(PETRA, b -> b.cannotTakeTickets("a light agent in Zendesk: cannot be assigned tickets"));
        Handovers e = engine();
        Ticket t = world.ticket(b -> b.assignee(World.AMELIA));
        HandoverId h = handOverToNadia(e, t);

        followUntilClosed(e, h);

        assertThat(actionEscalations()).containsExactly("2 agent " + VIKTOR);
        assertThat(escalationTasks(h)).extracting(Task::owner).doesNotContain(PETRA);
        assertThat(notes(t))
                .contains(
                        "Line manager Petra Lang is a light agent in Zendesk: cannot be assigned tickets; escalated to"
                                + " Viktor Hahn.");
    }

    @Test
    void aPartTimeLineManagerWhoDoesNotWorkInTheEscalationsWindowIsPassedOverNotWaitedFor() {
        // Petra works Thursdays and Fridays only: Tuesday's escalation does not wait two days for her
        world.crm.editAgent(
                PETRA,
                b -> b.shifts(List.of(Shift.of(
                        EnumSet.of(DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0)))));
        Handovers e = engine();
        Ticket t = world.ticket(b -> b.assignee(World.AMELIA));
        HandoverId h = handOverToNadia(e, t);

        followUntilClosed(e, h);

        assertThat(actionEscalations()).containsExactly("2 agent " + VIKTOR);
        HandoverEvent.Escalated first = world.events(HandoverEvent.Escalated.class).stream()
                .filter(x -> x.item().equals("action-1"))
                .findFirst()
                .orElseThrow();
        assertThat(first.at()).isBefore(Instant.parse("2026-03-11T00:00:00Z"));
        assertThat(notes(t)).contains("Line manager Petra Lang is off shift until Thu 12 Mar 09:00 Europe/Berlin");
    }

    @Test
    void rungsThatFallDueTogetherAreEachTakenTheLineManagerFirst() {
        Handovers e = engine();
        Ticket t = world.ticket(b -> b.assignee(World.AMELIA));
        HandoverId h = handOverToNadia(e, t);

        followUntilClosed(e, h);

        assertThat(actionEscalations()).containsExactly("1 agent " + PETRA, "2 agent " + VIKTOR);
        List<HandoverEvent.Escalated> both = world.events(HandoverEvent.Escalated.class).stream()
                .filter(x -> x.item().equals("action-1"))
                .toList();
        assertThat(both).allSatisfy(x -> assertThat(x.at()).isEqualTo(TUESDAY_MANAGERS_START));
        String note = notes(t);
        assertThat(note.indexOf("Escalation (level 1) to Petra Lang"))
                .isNotNegative()
                .isLessThan(note.indexOf("Escalation (level 2) to Viktor Hahn"));
        assertThat(escalationTasks(h)).extracting(Task::owner).containsExactlyInAnyOrder(PETRA, VIKTOR);
    }

    @Test
    void whenNobodyOnTheLadderCanActTheOneBackSoonestGetsItAndTheNoteNamesEveryonePassedOver() {
        petraAway(a -> a);
        world.crm.editAgent(
                VIKTOR,
                b -> b.absence(new Absence(
                        Instant.parse("2026-03-08T23:00:00Z"), Instant.parse("2026-03-16T07:00:00Z"), "conference")));
        Handovers e = engine();
        Ticket t = world.ticket(b -> b.assignee(World.AMELIA));
        HandoverId h = handOverToNadia(e, t);

        followUntilClosed(e, h);

        assertThat(actionEscalations()).startsWith("2 agent " + VIKTOR);
        assertThat(notes(t))
                .contains("Line manager Petra Lang is absent (annual leave) until")
                .contains("head of team Viktor Hahn is absent (conference) until Mon 16 Mar 08:00 Europe/Berlin");
    }

    @Test
    void aSpentLadderLeavesTheUndoneActionOpenWithItsOwnerAndNamesWhoIsAccountable() {
        Handovers e = engine();
        Ticket t = world.ticket(b -> b.assignee(World.AMELIA));
        HandoverId h = handOverToNadia(e, t);

        followUntilClosed(e, h);

        assertThat(task(h, "follow-up").status()).isEqualTo(TaskStatus.COMPLETED);
        Task action = task(h, "action-1");
        assertThat(action.status()).isEqualTo(TaskStatus.OPEN);
        assertThat(action.owner()).isEqualTo(NADIA);
        assertThat(escalationTasks(h)).allSatisfy(x -> assertThat(x.isOpen()).isTrue());
        assertThat(notes(t))
                .contains("Viktor Hahn (the last escalation) is accountable for \"Send the corrected invoice\"")
                .contains("Their tasks stay open.");
        assertThat(world.events(HandoverEvent.FollowUpClosed.class))
                .extracting(HandoverEvent.FollowUpClosed::outcome)
                .containsExactly("exhausted");
    }
}
