package dev.handover.memory;

import static dev.handover.memory.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.memory.time.MutableClock;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.Version;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many threads against one InMemoryCrm: versions and idempotency keys arbitrate, nothing is written twice. */
final class ConcurrencyTest {
    private static final int THREADS = 8;
    private final MutableClock clock = MutableClock.at(Fixtures.T0);
    private final InMemoryCrm crm = Fixtures.crm(clock, 50);
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private <T> List<T> race(int tasks, java.util.function.IntFunction<Callable<T>> task) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            Callable<T> c = task.apply(i);
            futures.add(pool.submit(() -> {
                go.await();
                return c.call();
            }));
        }
        go.countDown();
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            out.add(f.get(30, TimeUnit.SECONDS));
        }
        return out;
    }

    @Test
    void onlyOneWriterWinsAVersion() throws Exception {
        Version read = crm.ticket(id(1)).orElseThrow().version();
        List<String> outcomes = race(THREADS * 4, i -> () -> {
            try {
                crm.apply(TicketUpdate.builder(id(1))
                        .note(NoteDraft.internal("writer " + i))
                        .expectedVersion(read)
                        .build());
                return "won";
            } catch (CrmConflictException e) {
                return "conflict";
            }
        });
        assertThat(outcomes).containsOnlyOnce("won");
        assertThat(crm.commentsSnapshot(id(1))).hasSize(1);
    }

    @Test
    void oneIdempotencyKeyWritesOnceUnderContention() throws Exception {
        TicketUpdate u = TicketUpdate.builder(id(2))
                .note(NoteDraft.internal("exactly once"))
                .idempotencyKey("race-key")
                .build();
        List<UpdateResult.Status> statuses =
                race(THREADS * 4, i -> () -> crm.apply(u).status());
        assertThat(statuses).containsOnlyOnce(UpdateResult.Status.APPLIED);
        assertThat(statuses).filteredOn(s -> s == UpdateResult.Status.REPLAYED).hasSize(THREADS * 4 - 1);
        assertThat(crm.commentsSnapshot(id(2))).hasSize(1);
    }

    @Test
    void concurrentWritesKeepSearchConsistent() throws Exception {
        race(400, i -> () -> {
            Random r = new Random(i);
            clock.advance(Duration.ofSeconds(1));
            int ticket = 1 + r.nextInt(50);
            return crm.apply(
                    TicketUpdate.builder(id(ticket)).addTag("t" + r.nextInt(5)).build());
        });
        List<Ticket> all = crm.searchAll(TicketQuery.builder().build()).toList();
        assertThat(all).hasSize(50);
        assertThat(all)
                .isSortedAccordingTo(
                        java.util.Comparator.comparing(Ticket::updatedAt).thenComparing(Ticket::id));
        assertThat(all.stream().map(Ticket::version).distinct()).hasSize(50);
    }
}
