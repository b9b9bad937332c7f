package dev.handover.core;

import static dev.handover.core.World.AMELIA;
import static dev.handover.core.World.JONAS;
import static dev.handover.core.World.LUKAS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.note.HandoverRecord;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.memory.Faults;
import dev.handover.memory.Operation;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Ticket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * When the CRM's answer is lost (evidence "when systems let you down"): the engine settles a write of unknown outcome
 * by reading the ticket itself, and a reconciliation makes the caller's record whole — every handover that landed has
 * exactly one {@code Executed} event.
 */
final class UnknownOutcomeTest {
    private final World world = new World();
    private final Handovers engine = world.engine(HandoverPolicy.builder().build());

    private HandoverRequest toLukas(Ticket t) {
        return HandoverRequest.builder(t.id())
                .toAgent(LUKAS)
                .reason(HandoverReason.EXPERTISE)
                .build();
    }

    private long notesOf(Ticket t, HandoverId h) {
        return world.crm.commentsSnapshot(t.id()).stream()
                .filter(Comment::isInternal)
                .filter(c ->
                        HandoverRecord.find(c.body()).map(r -> r.id().equals(h)).orElse(false))
                .count();
    }

    private List<HandoverEvent.Executed> executedOf(HandoverId h) {
        return world.events(HandoverEvent.Executed.class).stream()
                .filter(e -> e.handover().equals(h))
                .toList();
    }

    @Test
    void aWriteThatLandedButWhoseEveryAnswerWasLostIsSettledByReadingTheTicketWhereverItIsNow() {
        Ticket t = world.ticket(b -> b.assignee(AMELIA));
        world.crm.faults().loseResponses(3); // the write lands; it and both retries lose their answers

        HandoverResult failed = engine.handOver(toLukas(t));

        assertThat(failed.status()).isEqualTo(HandoverResult.Status.FAILED);
        assertThat(failed.isOutcomeUnknown()).isTrue();
        HandoverId h = failed.plan().orElseThrow().id();
        assertThat(executedOf(h)).isEmpty();
        // meanwhile a person has moved the ticket on: it is no longer with the sender or the receiver
        world.crm.editTicket(t.id(), b -> b.assignee(JONAS));

        List<HandoverResult> settled = engine.settle(List.of(failed));

        assertThat(settled).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(HandoverResult.Status.REPLAYED);
            assertThat(r.isHandedOver()).isTrue();
        });
        assertThat(executedOf(h))
                .singleElement()
                .satisfies(e -> assertThat(e.to()).contains(LUKAS));
        assertThat(notesOf(t, h)).isEqualTo(1);
        // and its follow-up tasks are there
        assertThat(world.crm.tasksSnapshot())
                .anySatisfy(x -> assertThat(x.handover()).isEqualTo(h));
    }

    @Test
    void aWriteThatDidNotLandIsSettledAsSafeToRetryAndTheRetryWritesOnce() {
        Ticket t = world.ticket(b -> b.assignee(AMELIA));
        world.crm.faults().failNext(3, Operation.APPLY, Faults::unavailable);

        HandoverResult failed = engine.handOver(toLukas(t));
        assertThat(failed.isOutcomeUnknown()).isTrue();

        HandoverResult settled = engine.settle(List.of(failed)).get(0);

        assertThat(settled.status()).isEqualTo(HandoverResult.Status.FAILED);
        assertThat(settled.message()).contains("did not land").contains("safe to retry");
        HandoverResult again = engine.handOver(toLukas(t));
        assertThat(again.status()).isEqualTo(HandoverResult.Status.HANDED_OVER);
        HandoverId h = again.plan().orElseThrow().id();
        assertThat(executedOf(h)).hasSize(1);
        assertThat(notesOf(t, h)).isEqualTo(1);
    }

    @Test
    void aRefusedWriteIsNotAnUnknownOutcome() {
        Ticket t = world.ticket(b -> b.assignee(AMELIA));
        world.crm
                .faults()
                .failNext(
                        2,
                        Operation.APPLY,
                        op -> new dev.handover.spi.error.CrmConflictException(
                                "memory", 409, "StaleVersion", "ticket changed", null));

        HandoverResult r = engine.handOver(toLukas(t));

        assertThat(r.status()).isEqualTo(HandoverResult.Status.FAILED);
        assertThat(r.isOutcomeUnknown()).isFalse();
        assertThat(engine.settle(List.of(r))).containsExactly(r);
    }

    @Test
    void reconcileEmitsTheEventsACrashLeftOutOnceAndOnlyThose() {
        // the caller's record: what its listener saw
        Set<HandoverId> journal = new HashSet<>();
        List<HandoverEvent.Executed> recovered = new ArrayList<>();
        Handovers withJournal = world.engine(HandoverPolicy.builder().build());
        withJournal.addListener(e -> {
            if (e instanceof HandoverEvent.Executed x) {
                journal.add(x.handover());
                recovered.add(x);
            }
        });
        Ticket seen = world.ticket(b -> b.assignee(AMELIA));
        HandoverId known =
                withJournal.handOver(toLukas(seen)).plan().orElseThrow().id();
        recovered.clear();
        // a process that crashed before its events were recorded: its engine told nobody
        Handovers crashed = Handovers.builder()
                .connector(world.crm)
                .policy(HandoverPolicy.builder().build())
                .clock(world.clock)
                .sleeper(world.clock::advance)
                .build();
        Ticket lost = world.ticket(b -> b.assignee(AMELIA));
        HandoverId missing =
                crashed.handOver(toLukas(lost)).plan().orElseThrow().id();
        world.clock.advance(Duration.ofMinutes(5));

        ReconcileResult first =
                withJournal.reconcile(world.clock.instant().minus(Duration.ofHours(1)), journal::contains);

        assertThat(first.eventsRecovered()).isEqualTo(1);
        assertThat(recovered).singleElement().satisfies(e -> {
            assertThat(e.handover()).isEqualTo(missing);
            assertThat(e.ticket()).isEqualTo(lost.id());
            assertThat(e.to()).contains(LUKAS);
        });
        assertThat(journal).contains(known, missing);

        ReconcileResult second =
                withJournal.reconcile(world.clock.instant().minus(Duration.ofHours(1)), journal::contains);
        assertThat(second.eventsRecovered()).isZero();
        assertThat(recovered).hasSize(1);
    }
}
