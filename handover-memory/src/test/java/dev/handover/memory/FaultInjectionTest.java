package dev.handover.memory;

import static dev.handover.memory.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.memory.time.MutableClock;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmRateLimitedException;
import dev.handover.spi.error.CrmUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class FaultInjectionTest {
    private final MutableClock clock = MutableClock.at(Fixtures.T0);
    private final InMemoryCrm crm = Fixtures.crm(clock, 250);

    @Test
    void failsTheNextCallsThenRecovers() {
        crm.faults().failNext(2, Faults::unavailable);
        assertThatThrownBy(() -> crm.ticket(id(1)))
                .isInstanceOf(CrmUnavailableException.class)
                .hasMessageContaining("READ_TICKET");
        assertThatThrownBy(() -> crm.directory()).isInstanceOf(CrmUnavailableException.class);
        assertThat(crm.ticket(id(1))).isPresent();
        assertThat(crm.calls().failures()).isEqualTo(2);
        assertThat(crm.calls().total()).isEqualTo(3);
    }

    @Test
    void failsOnlyTheChosenOperation() {
        crm.faults().failNext(1, Operation.APPLY, Faults::rateLimited);
        assertThat(crm.ticket(id(1))).isPresent();
        assertThatThrownBy(() -> crm.apply(note(1, null)))
                .isInstanceOf(CrmRateLimitedException.class)
                .satisfies(e ->
                        assertThat(((CrmRateLimitedException) e).retryAfter()).hasValue(Duration.ofSeconds(30)));
        assertThat(crm.commentsSnapshot(id(1))).isEmpty();
        assertThat(crm.apply(note(1, null)).status()).isEqualTo(UpdateResult.Status.APPLIED);
    }

    @Test
    void failsASeededFractionOnlyInsideTheWindow() {
        Instant from = Fixtures.T0.plus(Duration.ofMinutes(10));
        Instant until = from.plus(Duration.ofMinutes(20));
        crm.faults().failRandomly(0.3, 7, from, until, Faults::unavailable);
        assertThat(failuresOver(100)).isZero();
        clock.set(from);
        int inside = failuresOver(1000);
        assertThat(inside).isBetween(240, 360);
        clock.set(until);
        assertThat(failuresOver(100)).isZero();

        // the same seed fails the same calls
        InMemoryCrm again = Fixtures.crm(MutableClock.at(from), 1);
        again.faults().failRandomly(0.3, 7, from, until, Faults::unavailable);
        List<Boolean> a = pattern(again, 50);
        InMemoryCrm third = Fixtures.crm(MutableClock.at(from), 1);
        third.faults().failRandomly(0.3, 7, from, until, Faults::unavailable);
        assertThat(pattern(third, 50)).isEqualTo(a);
    }

    private int failuresOver(int calls) {
        int failed = 0;
        for (int i = 0; i < calls; i++) {
            try {
                crm.ticket(id(1));
            } catch (CrmException e) {
                failed++;
            }
        }
        return failed;
    }

    private static List<Boolean> pattern(InMemoryCrm crm, int calls) {
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            try {
                crm.ticket(id(1));
                out.add(true);
            } catch (CrmException e) {
                out.add(false);
            }
        }
        return out;
    }

    @Test
    void aLostResponseLandsTheWriteAndTheRetryIsAReplay() {
        crm.faults().loseResponses(1);
        TicketUpdate u = note(1, "ho-1:note");
        assertThatThrownBy(() -> crm.apply(u))
                .isInstanceOf(CrmUnavailableException.class)
                .hasMessageContaining("the write did land");
        assertThat(crm.commentsSnapshot(id(1))).hasSize(1);
        assertThat(crm.apply(u).status()).isEqualTo(UpdateResult.Status.REPLAYED);
        assertThat(crm.commentsSnapshot(id(1))).hasSize(1);
    }

    @Test
    void latencyIsSpentWithTheSleeper() {
        crm.faults().latency(Duration.ofMillis(250));
        Instant before = clock.instant();
        crm.ticket(id(1));
        crm.ticket(id(2));
        assertThat(Duration.between(before, clock.instant())).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void rateLimitRefusesCallsBeyondTheMinuteAndResetsNextMinute() {
        clock.set(Instant.parse("2026-03-02T09:00:45Z"));
        crm.faults().rateLimit(3);
        for (int i = 0; i < 3; i++) {
            crm.ticket(id(1));
        }
        assertThatThrownBy(() -> crm.ticket(id(1)))
                .isInstanceOfSatisfying(
                        CrmRateLimitedException.class,
                        e -> assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(15)));
        clock.advance(Duration.ofSeconds(15));
        assertThat(crm.ticket(id(1))).isPresent();
    }

    @Test
    void aFailedBatchCallFailsItsItemsAndTheOthersGoOn() {
        List<TicketUpdate> updates =
                IntStream.rangeClosed(1, 250).mapToObj(i -> note(i, "k" + i)).toList();
        crm.faults().failNext(1, Operation.APPLY_BATCH, Faults::unavailable);
        List<UpdateResult> results = crm.applyAll(updates);
        assertThat(results.subList(0, 100))
                .allSatisfy(r -> assertThat(r.isSuccess()).isFalse());
        assertThat(results.subList(100, 250))
                .allSatisfy(r -> assertThat(r.isSuccess()).isTrue());
        assertThat(crm.commentsSnapshot(id(1))).isEmpty();
        // retrying everything with the same keys writes the missing ones and replays the rest
        List<UpdateResult> retry = crm.applyAll(updates);
        assertThat(retry.stream().filter(r -> r.status() == UpdateResult.Status.APPLIED))
                .hasSize(100);
        assertThat(retry.stream().filter(r -> r.status() == UpdateResult.Status.REPLAYED))
                .hasSize(150);
        assertThat(IntStream.rangeClosed(1, 250)
                        .map(i -> crm.commentsSnapshot(id(i)).size())
                        .sum())
                .isEqualTo(250);
    }

    @Test
    void clearRemovesEveryFault() {
        crm.faults()
                .failRandomly(1.0, 1, Faults::unavailable)
                .latency(Duration.ofSeconds(1))
                .rateLimit(1);
        crm.faults().clear();
        Instant before = clock.instant();
        for (int i = 0; i < 5; i++) {
            crm.ticket(id(1));
        }
        assertThat(clock.instant()).isEqualTo(before);
    }

    @Test
    void refusesNonsenseConfiguration() {
        assertThatThrownBy(() -> crm.faults().failRandomly(1.5, 1, Faults::unavailable))
                .hasMessageContaining("fraction must be in (0, 1]");
        assertThatThrownBy(() -> crm.faults().failNext(0, Faults::unavailable)).hasMessageContaining("positive");
        assertThatThrownBy(() -> crm.faults().rateLimit(-1)).hasMessageContaining("must not be negative");
    }

    private static TicketUpdate note(int ticket, String key) {
        TicketUpdate.Builder b = TicketUpdate.builder(id(ticket)).note(NoteDraft.internal("note " + ticket));
        if (key != null) {
            b.idempotencyKey(key);
        }
        return b.build();
    }
}
