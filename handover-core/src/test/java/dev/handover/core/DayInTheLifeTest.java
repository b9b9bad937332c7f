package dev.handover.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.policy.ActionOwner;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.Condition;
import dev.handover.memory.Faults;
import dev.handover.memory.Operation;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.Visibility;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The evidence the seed units ask for (B8 evidence 4a–d): handovers kept going during routine work, a busy time, a quiet
 * time, and when systems let people down — and every handover acknowledged, reminded, completed or escalated exactly
 * once. Simulated people act at random (seeded) while the worker sweeps on a fake clock.
 */
final class DayInTheLifeTest {
    private static final HandoverPolicy POLICY = HandoverPolicy.builder()
            .name("day in the life")
            .rule(HandoverRule.builder("language")
                    .when(Condition.languageNotSpokenByAssignee())
                    .reason(HandoverReason.LANGUAGE)
                    .to(Target.bestAvailable(World.EMEA))
                    .orElse(Target.group(World.TRIAGE))
                    .notifyCustomer(true)
                    .build())
            .rule(HandoverRule.builder("complaint")
                    .when(Condition.complaint().and(Condition.priorityAtLeast(TicketPriority.HIGH)))
                    .reason(HandoverReason.COMPLAINT)
                    .to(Target.lineManager())
                    .orElse(Target.group(World.RELATIONS))
                    .action("Call the customer back", ActionOwner.RECEIVER, Duration.ofHours(2))
                    .notifyCustomer(true)
                    .build())
            .rule(HandoverRule.builder("shift-change")
                    .when(Condition.assigneeShiftEndsWithin(Duration.ofMinutes(15))
                            .and(Condition.open()))
                    .reason(HandoverReason.SHIFT_CHANGE)
                    .to(Target.nextShift())
                    .action("Review the handover and update the customer", ActionOwner.RECEIVER, Duration.ofHours(2))
                    .repeatable()
                    .build())
            .build();

    /** People in the CRM: receivers acknowledge and do their actions now and then, while on shift. */
    private static final class People {
        final World world;
        final Handovers engine;
        final Random random;
        final double ack;
        final double work;

        People(World world, Handovers engine, long seed, double ack, double work) {
            this.world = world;
            this.engine = engine;
            this.random = new Random(seed);
            this.ack = ack;
            this.work = work;
        }

        void act() {
            Instant now = world.clock.instant();
            List<Task> open;
            try {
                open = world.crm.allTasks(TaskQuery.builder().open().build()).toList();
            } catch (CrmException down) {
                return; // they cannot see their tasks either
            }
            for (Task t : open) {
                Agent owner = world.crm.directorySnapshot().agent(t.owner()).orElseThrow();
                if (!engine.availability().isAvailable(owner, now)) {
                    continue;
                }
                try {
                    if (t.kind() == TaskKind.ACKNOWLEDGEMENT && random.nextDouble() < ack) {
                        if (random.nextBoolean()) {
                            engine.acknowledge(t.handover(), t.owner());
                        } else {
                            world.crm.completeTask(t.id());
                        }
                    } else if (t.kind() == TaskKind.ACTION && random.nextDouble() < work) {
                        world.crm.completeTask(t.id());
                        world.crm.addComment(
                                t.ticket(),
                                t.owner().value(),
                                "Done, and I have updated the customer.",
                                Visibility.PUBLIC);
                    }
                } catch (CrmException e) {
                    // the CRM is down for them too: they try again later
                }
            }
        }
    }

    /** The worker: every step, people act, the rules are evaluated, and the follow-up is swept. */
    private static void run(World w, Handovers e, People people, Instant until, Duration step, boolean evaluate) {
        while (w.clock.instant().isBefore(until)) {
            w.clock.advance(step);
            people.act();
            try {
                if (evaluate) {
                    e.evaluate(w.crm.searchAll(TicketQuery.builder().open().build())
                            .toList());
                }
                e.sweep();
            } catch (CrmException down) {
                // a whole call failed: the next tick picks the work up again
            }
        }
    }

    private static World world(int capacity) {
        World w = new World();
        for (AgentId a :
                List.of(World.LUKAS, World.JONAS, World.SOPHIE, World.OLIVER, World.AMELIA, World.TOM, World.GRACE)) {
            w.crm.editAgent(a, b -> b.capacity(capacity));
        }
        return w;
    }

    /** Everything happened exactly once, in the CRM and to the listeners. */
    private static void assertHappenedOnce(World w) {
        Audit.crmHoldsEverythingOnce(w.crm);
        Audit.eventsHappenedOnce(w.events);
    }

    /** The day's end: everything happened exactly once, and nothing is left overdue. */
    private static void assertSettledOnce(World w) {
        assertHappenedOnce(w);
        Audit.nothingOverdue(w.crm, w.clock.instant());
    }

    private static long count(World w, Class<? extends HandoverEvent> type) {
        return w.events.stream().filter(type::isInstance).count();
    }

    @Test
    void aRoutineDay() {
        World w = world(50);
        w.clock.set(Instant.parse("2026-03-09T08:00:00Z"));
        for (int i = 0; i < 12; i++) {
            w.ticket(b -> b.assignee(World.AMELIA));
        }
        for (int i = 0; i < 4; i++) {
            w.germanTicket(b -> b.assignee(World.AMELIA));
        }
        for (int i = 0; i < 4; i++) {
            w.ticket(b -> b.subject("Formal complaint: nobody called me back")
                    .priority(TicketPriority.HIGH)
                    .assignee(World.LUKAS));
        }
        Handovers e = w.engine(POLICY);
        People people = new People(w, e, 1, 0.5, 0.3);

        run(w, e, people, Instant.parse("2026-03-10T18:00:00Z"), Duration.ofMinutes(15), true);

        assertThat(count(w, HandoverEvent.Executed.class)).isGreaterThanOrEqualTo(20);
        assertThat(count(w, HandoverEvent.Acknowledged.class)).isPositive();
        assertThat(count(w, HandoverEvent.ActionCompleted.class)).isPositive();
        assertThat(w.events(HandoverEvent.Executed.class))
                .extracting(HandoverEvent.Executed::rule)
                .contains("language", "complaint", "shift-change");
        assertSettledOnce(w);
    }

    @Test
    void aBusyTime300HandoversAtAShiftChange() {
        World w = world(1000);
        for (int i = 0; i < 300; i++) {
            w.ticket(b -> b.assignee(World.AMELIA));
        }
        Handovers e = w.engine(HandoverPolicy.builder().historyComments(0).build());
        People people = new People(w, e, 2, 0.3, 0.2);
        w.crm.calls().reset();

        List<HandoverResult> results = e.shiftChange(World.AMELIA, Instant.parse("2026-03-09T14:00:00Z"));

        assertThat(results)
                .hasSize(300)
                .allSatisfy(r -> assertThat(r.isHandedOver()).isTrue());
        assertThat(w.crm.calls().writes()).isLessThanOrEqualTo(6); // ceil(300 / 50)
        run(w, e, people, Instant.parse("2026-03-10T18:00:00Z"), Duration.ofMinutes(15), false);
        assertThat(count(w, HandoverEvent.Acknowledged.class)
                        + count(w, HandoverEvent.Retargeted.class)
                        + w.events(HandoverEvent.Escalated.class).stream()
                                .filter(x -> x.item().equals("ack"))
                                .count())
                .as("every acknowledgement settled")
                .isGreaterThanOrEqualTo(300);
        assertSettledOnce(w);
    }

    @Test
    void aQuietTimeOvernightAndAtTheWeekendRemindsNobodyUntilWorkingHours() {
        World w = world(50);
        w.clock.set(Instant.parse("2026-03-13T17:30:00Z")); // Friday
        Handovers e = w.engine(HandoverPolicy.builder().build());
        for (int i = 0; i < 10; i++) {
            Ticket t = w.ticket(b -> b.assignee(World.SOPHIE));
            e.handOver(HandoverRequest.builder(t.id())
                    .toAgent(World.JONAS)
                    .reason(HandoverReason.SHIFT_CHANGE)
                    .build());
        }
        People nobody = new People(w, e, 3, 0, 0); // nobody answers all weekend

        run(w, e, nobody, Instant.parse("2026-03-16T18:00:00Z"), Duration.ofMinutes(15), false);

        List<HandoverEvent> nudges = w.events.stream()
                .filter(x -> x instanceof HandoverEvent.Reminded
                        || x instanceof HandoverEvent.Escalated
                        || x instanceof HandoverEvent.Retargeted)
                .toList();
        assertThat(nudges).isNotEmpty();
        for (HandoverEvent x : nudges) {
            DayOfWeek day = x.at().atZone(ZoneOffset.UTC).getDayOfWeek();
            assertThat(day).as(x.toString()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        }
        for (HandoverEvent.Reminded r : w.events(HandoverEvent.Reminded.class)) {
            Agent to = w.crm.directorySnapshot().agent(r.to()).orElseThrow();
            assertThat(e.availability().calendarOf(to).isOpen(r.at()))
                    .as(r.toString())
                    .isTrue();
        }
        // Friday's first reminder at 18:00 in Jonas's shift, then Monday from 14:00 when he is back
        assertThat(w.events(HandoverEvent.Reminded.class))
                .extracting(r -> r.at().toString())
                .contains("2026-03-13T18:00:00Z")
                .noneMatch(at -> at.startsWith("2026-03-14") || at.startsWith("2026-03-15"));
        assertHappenedOnce(w);
    }

    @Test
    void whenTheCrmLetsUsDownNothingIsLostOrDoneTwice() {
        World w = world(1000);
        for (int i = 0; i < 40; i++) {
            w.ticket(b -> b.assignee(World.AMELIA));
        }
        Handovers e = w.engine(HandoverPolicy.builder().build());
        People people = new People(w, e, 4, 0.4, 0.3);
        Instant from = Instant.parse("2026-03-09T13:55:00Z");
        w.crm.faults().failRandomly(0.3, 2026, from, from.plus(Duration.ofMinutes(20)), Faults::unavailable);
        w.clock.set(from);

        // the shift change runs inside the outage; what fails is tried again each minute until done
        Instant end = Instant.parse("2026-03-09T18:00:00Z");
        while (w.clock.instant().isBefore(end)) {
            try {
                if (!w.crm.ticketsSnapshot().stream()
                        .filter(t -> t.assignee().filter(World.AMELIA::equals).isPresent())
                        .toList()
                        .isEmpty()) {
                    e.shiftChange(World.AMELIA, Instant.parse("2026-03-09T14:00:00Z"));
                }
                e.sweep();
            } catch (CrmException down) {
                // next minute
            }
            people.act();
            w.clock.advance(Duration.ofMinutes(1));
        }

        assertThat(w.crm.calls().failures()).as("the outage did bite").isPositive();
        assertThat(w.crm.ticketsSnapshot())
                .noneMatch(t -> t.assignee().filter(World.AMELIA::equals).isPresent());
        assertThat(w.events(HandoverEvent.Executed.class).stream()
                        .filter(x -> !x.replayed())
                        .count())
                .isEqualTo(40);
        assertSettledOnce(w);
        assertThat(w.crm.calls().count(Operation.APPLY) + w.crm.calls().count(Operation.APPLY_BATCH))
                .isPositive();
    }

    @Test
    void germanSpeakersWereChosenForGermanCustomers() {
        World w = world(50);
        w.clock.set(Instant.parse("2026-03-09T10:00:00Z"));
        Ticket t = w.germanTicket(b -> b.assignee(World.AMELIA));
        w.engine(POLICY).evaluate(List.of(t));
        Agent receiver = w.crm.directorySnapshot()
                .agent(w.reread(t).assignee().orElseThrow())
                .orElseThrow();
        assertThat(receiver.speaks(Locale.GERMAN)).isTrue();
    }
}
