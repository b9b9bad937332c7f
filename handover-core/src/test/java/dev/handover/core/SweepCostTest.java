package dev.handover.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.policy.HandoverPolicy;
import dev.handover.memory.Operation;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.model.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sweep reads what is due: its CRM calls follow the number of due follow-ups, not the number of open handovers. */
final class SweepCostTest {
    private static final Instant SHIFT_END = Instant.parse("2026-03-09T14:00:00Z");
    private static final Instant DUE = Instant.parse("2026-03-09T14:30:00Z");

    /** {@code open} handovers, of which 100 have their follow-up due at 14:30 and the rest next week. */
    private static World worldWith(int open) {
        World w = new World();
        for (var a : List.of(World.LUKAS, World.JONAS, World.SOPHIE, World.OLIVER, World.AMELIA)) {
            w.crm.editAgent(a, b -> b.capacity(1_000_000));
        }
        for (int i = 0; i < open; i++) {
            w.ticket(b -> b);
        }
        Handovers e = w.engine(HandoverPolicy.builder().historyComments(0).build());
        e.shiftChange(World.AMELIA, SHIFT_END);
        List<Task> followUps = w.crm.allTasks(TaskQuery.builder()
                        .open()
                        .kind(dev.handover.spi.model.TaskKind.FOLLOW_UP)
                        .build())
                .toList();
        List<TicketUpdate> later = new ArrayList<>();
        for (int i = 100; i < followUps.size(); i++) {
            Task t = followUps.get(i);
            later.add(TicketUpdate.builder(t.ticket())
                    .changeTask(TaskChange.reschedule(t.id(), Instant.parse("2026-03-16T14:30:00Z")))
                    .build());
        }
        w.crm.applyAll(later);
        return w;
    }

    static Map<Operation, Long> sweepCalls(int open) {
        World w = worldWith(open);
        Handovers e = w.engine(HandoverPolicy.builder().historyComments(0).build());
        w.clock.set(DUE);
        w.crm.calls().reset();
        SweepResult r = e.sweep();
        assertThat(r.due()).isEqualTo(100);
        assertThat(r.reminders()).isEqualTo(100);
        return w.crm.calls().snapshot();
    }

    @Test
    void aSweepAskedToStopLeavesTheRestDueAndTheNextSweepSendsEachReminderOnce() {
        World w = worldWith(150);
        Handovers e = w.engine(HandoverPolicy.builder().historyComments(0).build());
        w.clock.set(DUE);
        long notesBefore = notes(w);
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        SweepResult cut = e.sweep(Partition.ALL, () -> asked.incrementAndGet() > 30);
        assertThat(cut.reminders()).isEqualTo(30);
        assertThat(cut.failures()).isEmpty();

        SweepResult rest = e.sweep();
        assertThat(rest.reminders()).isEqualTo(70);
        assertThat(e.sweep().reminders()).isZero();
        // one follow-up note on each of the 100 due tickets, none twice
        assertThat(notes(w) - notesBefore).isEqualTo(100);
        assertThat(w.crm.ticketsSnapshot().stream()
                        .filter(t -> w.crm.commentsSnapshot(t.id()).size() > 2))
                .isEmpty();
    }

    private static long notes(World w) {
        return w.crm.ticketsSnapshot().stream()
                .mapToLong(t -> w.crm.commentsSnapshot(t.id()).size())
                .sum();
    }

    @Test
    void aSweepOf100DueCostsTheSameWith200Or5000OpenHandovers() {
        Map<Operation, Long> small = sweepCalls(200);
        Map<Operation, Long> large = sweepCalls(5000);
        assertThat(large).isEqualTo(small);
        // 1 query of due follow-ups, the directory (its 5-minute cache expired), 1 batch read of the tickets, 1
        // workload
        // read, per due item its conversation and its tasks, and the writes in batches of 50
        assertThat(large)
                .containsEntry(Operation.READ_DIRECTORY, 1L)
                .containsEntry(Operation.QUERY_TASKS, 101L)
                .containsEntry(Operation.READ_TICKETS, 1L)
                .containsEntry(Operation.COUNT_OPEN_TICKETS, 1L)
                .containsEntry(Operation.READ_COMMENTS, 100L)
                .containsEntry(Operation.APPLY_BATCH, 2L)
                .containsEntry(Operation.SEARCH_TICKETS, 0L);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void aSweepWithNothingDueIsOneQuery(int dummy) {
        World w = worldWith(50);
        Handovers e = w.engine(HandoverPolicy.builder().build());
        w.clock.set(DUE.minus(Duration.ofMinutes(1 + dummy)));
        w.crm.calls().reset();
        assertThat(e.sweep().due()).isZero();
        assertThat(w.crm.calls().total())
                .as("the query of due follow-ups, nothing else")
                .isEqualTo(1);
    }
}
