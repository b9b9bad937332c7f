package dev.handover.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.spi.model.Ticket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two workers sweep the same CRM at the same instant: nobody is reminded or escalated twice. */
final class ConcurrentSweepTest {
    /** One worker's engine over the shared CRM and clock; both workers tell the same listener. */
    private static Handovers sweeper(World world, List<HandoverEvent> heard) {
        return Handovers.builder()
                .connector(world.crm)
                .policy(HandoverPolicy.builder().build())
                .clock(world.clock)
                .sleeper(d -> {})
                .listener(heard::add)
                .build();
    }

    @Test
    void twoSweepersAtOnceNeverRemindOrEscalateTwice() throws Exception {
        World world = new World();
        for (var agent : List.of(World.LUKAS, World.JONAS, World.SOPHIE, World.OLIVER)) {
            world.crm.editAgent(agent, a -> a.capacity(1000));
        }
        Handovers setup = world.engine(HandoverPolicy.builder().build());
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Ticket t = world.ticket(b -> b);
            tickets.add(t);
            setup.handOver(HandoverRequest.builder(t.id())
                    .toAgent(World.LUKAS)
                    .reason(HandoverReason.EXPERTISE)
                    .build());
        }
        List<HandoverEvent> heard = Collections.synchronizedList(new ArrayList<>());
        Handovers a = sweeper(world, heard);
        Handovers b = sweeper(world, heard);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (String at : List.of("2026-03-09T14:15:00Z", "2026-03-09T15:15:00Z")) {
                world.clock.set(Instant.parse(at));
                CountDownLatch go = new CountDownLatch(1);
                Future<SweepResult> fa = pool.submit(() -> {
                    go.await();
                    return a.sweep();
                });
                Future<SweepResult> fb = pool.submit(() -> {
                    go.await();
                    return b.sweep();
                });
                go.countDown();
                fa.get(60, TimeUnit.SECONDS);
                fb.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        long reminders =
                heard.stream().filter(e -> e instanceof HandoverEvent.Reminded).count();
        long retargets = heard.stream()
                .filter(e -> e instanceof HandoverEvent.Retargeted)
                .count();
        assertThat(reminders).isEqualTo(60);
        assertThat(retargets).isEqualTo(60);
        Audit.eventsHappenedOnce(heard);
        Audit.crmHoldsEverythingOnce(world.crm);
    }
}
