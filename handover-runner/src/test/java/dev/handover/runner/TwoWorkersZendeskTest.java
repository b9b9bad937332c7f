package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.HandoverResult;
import dev.handover.core.Handovers;
import dev.handover.core.event.HandoverEvent;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.Condition;
import dev.handover.memory.time.MutableClock;
import dev.handover.spi.Secret;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.zendesk.ZendeskConnector;
import dev.handover.zendesk.fake.FakeZendesk;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two engines on one partition (a doubled deployment): separate connectors, listeners and state, one fake Zendesk on
 * loopback. Both read the same tickets and hand them over; the version checks must settle the overlap for the customer
 * notice too: one notice per handover, whoever sends it.
 */
class TwoWorkersZendeskTest {
    static final Instant T0 = BulkCloseZendeskTest.T0;
    static final AgentId JONAS = BulkCloseZendeskTest.JONAS;
    static final Duration BOUND = Duration.ofSeconds(20);

    final MutableClock clock = MutableClock.at(T0);
    final FakeZendesk zendesk = FakeZendesk.start(clock);
    final List<HandoverEvent> eventsA = new CopyOnWriteArrayList<>();
    final List<HandoverEvent> eventsB = new CopyOnWriteArrayList<>();
    final List<ZendeskConnector> connectors = new ArrayList<>();

    @AfterEach
    void stop() {
        connectors.forEach(ZendeskConnector::close);
        zendesk.close();
    }

    @Test
    void theSecondWorkerDoesNotSendTheNoticeAgainWhenTheFirstSentItAfterItLookedForIt() throws Exception {
        seed(1);
        ZendeskConnector crmA = connector();
        ZendeskConnector crmB = connector();
        Handovers a = engine(crmA, eventsA);
        Handovers b = engine(crmB, eventsB);
        TicketId id = TicketId.of("10001");
        Ticket readByA = crmA.ticket(id).orElseThrow();
        Ticket readByB = crmB.ticket(id).orElseThrow();

        // A writes the note and the reassignment, then stops just before its notice …
        CountDownLatch aAtNotice = new CountDownLatch(1);
        CountDownLatch goA = new CountDownLatch(1);
        zendesk.beforeNext("PUT", "/api/v2/tickets/10001", () -> {});
        zendesk.beforeNext("PUT", "/api/v2/tickets/10001", () -> {
            aAtNotice.countDown();
            await(goA);
        });
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<List<HandoverResult>> first = pool.submit(() -> a.evaluate(List.of(readByA)));
            await(aAtNotice);
            // … B, on the version it read before A wrote, finds A's note (a replay) and completes the handover: just
            // before B reads the ticket for its notice's version, A's notice lands
            zendesk.beforeNext("GET", "/api/v2/tickets/show_many", () -> {
                goA.countDown();
                long deadline = System.nanoTime() + BOUND.toNanos();
                while (notices(10001) == 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            });
            List<HandoverResult> second = b.evaluate(List.of(readByB));

            assertThat(first.get(BOUND.toSeconds(), TimeUnit.SECONDS))
                    .singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(HandoverResult.Status.HANDED_OVER));
            assertThat(second)
                    .singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(HandoverResult.Status.REPLAYED));
        } finally {
            goA.countDown();
            pool.shutdownNow();
        }
        assertThat(notes(10001)).isEqualTo(1);
        assertThat(notices(10001)).as("customer notices on ticket 10001").isEqualTo(1);
        assertSameHandoverInBothJournals();
    }

    @Test
    void twoWorkersHandingOverTheSameTicketsAtOnceWriteOneNoteAndOneNoticeEach() throws Exception {
        int n = 12;
        seed(n);
        ZendeskConnector crmA = connector();
        ZendeskConnector crmB = connector();
        Handovers a = engine(crmA, eventsA);
        Handovers b = engine(crmB, eventsB);
        List<TicketId> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add(TicketId.of(Integer.toString(10_000 + i)));
        }
        List<Ticket> readByA = List.copyOf(crmA.tickets(ids).values());
        List<Ticket> readByB = List.copyOf(crmB.tickets(ids).values());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<List<HandoverResult>> fa = pool.submit(() -> {
                await(start);
                return a.evaluate(readByA);
            });
            Future<List<HandoverResult>> fb = pool.submit(() -> {
                await(start);
                return b.evaluate(readByB);
            });
            start.countDown();
            fa.get(60, TimeUnit.SECONDS);
            fb.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        for (int i = 1; i <= n; i++) {
            assertThat(notes(10_000 + i)).as("notes on ticket %d", 10_000 + i).isEqualTo(1);
            assertThat(notices(10_000 + i))
                    .as("notices on ticket %d", 10_000 + i)
                    .isEqualTo(1);
        }
        List<HandoverId> all = new ArrayList<>(executed(eventsA));
        executed(eventsB).stream().filter(h -> !all.contains(h)).forEach(all::add);
        assertThat(all)
                .as("every handover journaled by at least one worker, under one id")
                .hasSize(n);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void assertSameHandoverInBothJournals() {
        assertThat(executed(eventsA)).hasSize(1);
        assertThat(executed(eventsB)).isEqualTo(executed(eventsA));
    }

    private static List<HandoverId> executed(List<HandoverEvent> events) {
        return events.stream()
                .filter(HandoverEvent.Executed.class::isInstance)
                .map(e -> ((HandoverEvent.Executed) e).handover())
                .toList();
    }

    private long notes(long ticket) {
        return zendesk.comments(ticket).stream()
                .filter(c -> !c.isPublic() && c.body().contains("[handover v2"))
                .count();
    }

    private long notices(long ticket) {
        return zendesk.comments(ticket).stream()
                .filter(c -> c.isPublic() && !c.body().contains("The parcel was crushed"))
                .count();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other worker did not get there within " + BOUND);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void seed(int n) {
        zendesk.addGroup(Group.team(BulkCloseZendeskTest.SUPPORT, "Support"));
        zendesk.addAgent(agent(BulkCloseZendeskTest.ADA, "Ada Lovelace"));
        zendesk.addAgent(agent(JONAS, "Jonas Weber"));
        BulkCloseZendeskTest.tickets(n).forEach(zendesk::addTicket);
    }

    private ZendeskConnector connector() {
        ZendeskConnector c = ZendeskConnector.builder()
                .baseUrl(zendesk.url())
                .oauthClientCredentials(FakeZendesk.CLIENT_ID, Secret.of(FakeZendesk.CLIENT_SECRET))
                .clock(clock)
                .sleeper(d -> {})
                .random(new SplittableRandom(connectors.size() + 1))
                .build();
        connectors.add(c);
        return c;
    }

    private Handovers engine(ZendeskConnector crm, List<HandoverEvent> events) {
        return Handovers.builder()
                .connector(crm)
                .policy(HandoverPolicy.builder()
                        .name("Two workers")
                        .rule(HandoverRule.builder("move")
                                .when(Condition.tag("move"))
                                .reason(HandoverReason.EXPERTISE)
                                .to(Target.agent(JONAS))
                                .requireCapacity(false)
                                .acknowledgeWithin(Duration.ofMinutes(30))
                                .notifyCustomer(true)
                                .build())
                        .build())
                .clock(clock)
                .sleeper(d -> {})
                .listener(events::add)
                .build();
    }

    private static Agent agent(AgentId id, String name) {
        return Agent.builder(id)
                .name(name)
                .email(name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.com")
                .role("agent")
                .timeZone(ZoneOffset.UTC)
                .group(BulkCloseZendeskTest.SUPPORT)
                .speaks("en")
                .capacity(1000)
                .build();
    }
}
