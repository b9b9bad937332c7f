package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.HandoverResult;
import dev.handover.runner.worker.Worker;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import dev.handover.zendesk.fake.FakeZendesk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a worker pass costs in Zendesk API requests, counted by the fake: a pass over changed tickets is a few reads
 * per ticket and one batched write, and an idle pass reads one search page and nothing else.
 */
class WorkerCostTest {
    static final int ORDINARY = 40;
    static final int COMPLAINTS = 10;

    @TempDir
    Path dir;

    @Test
    void requestsPerPass() {
        try (FakeZendesk zendesk = FakeZendesk.start()) {
            Scenario s = Scenario.zendesk(zendesk, dir);
            for (int i = 0; i < ORDINARY + COMPLAINTS; i++) {
                boolean complaint = i < COMPLAINTS;
                zendesk.addTicket(Ticket.builder(TicketId.of(Integer.toString(11_000 + i)))
                        .subject(complaint ? "I want to complain about order " + i : "Question about order " + i)
                        .status(TicketStatus.OPEN)
                        .priority(TicketPriority.NORMAL)
                        .requester(Customer.builder()
                                .id(Integer.toString(42_000 + i))
                                .build())
                        .assignee(i % 2 == 0 ? s.ids.ada() : s.ids.chen())
                        .group(s.ids.support())
                        .createdAt(Scenario.T0.minus(Duration.ofHours(1)))
                        .version(Version.of("1"))
                        .build());
            }
            try (Engine engine = s.engine()) {
                Worker worker = s.worker(engine);
                zendesk.clearRequests();
                s.clock.advance(Duration.ofMinutes(1));
                Worker.Pass busy = worker.pass();
                Map<String, Integer> busyCalls = calls(zendesk);
                System.out.printf(
                        "busy pass: %d tickets read, %d handed over, %d requests %s%n",
                        busy.polled(), busy.count(HandoverResult.Status.HANDED_OVER), total(busyCalls), busyCalls);

                zendesk.clearRequests();
                s.clock.advance(Duration.ofMinutes(2));
                Worker.Pass after = worker.pass(); // re-reads what the first pass changed
                Map<String, Integer> afterCalls = calls(zendesk);
                System.out.printf(
                        "pass after: %d tickets read, %d handed-over tickets' notes read for commands, %d requests"
                                + " %s%n",
                        after.polled(), after.inbox().ticketsRead(), total(afterCalls), afterCalls);
                zendesk.clearRequests();
                s.clock.advance(Duration.ofMinutes(2));
                Worker.Pass idle = worker.pass();
                Map<String, Integer> idleCalls = calls(zendesk);
                System.out.printf(
                        "idle pass: %d tickets read, %d requests %s%n", idle.polled(), total(idleCalls), idleCalls);

                int handedOver = busy.count(HandoverResult.Status.HANDED_OVER);
                assertThat(handedOver).isEqualTo(COMPLAINTS + 2);
                // every handover of the pass goes in one batched write (plus one for the customer notices)
                assertThat(busyCalls.getOrDefault("PUT /api/v2/tickets/update_many", 0))
                        .isEqualTo(2);
                assertThat(busyCalls.keySet()).noneMatch(k -> k.startsWith("PUT /api/v2/tickets/1"));
                // the tickets it handed over changed, so the next pass reads them again and their newest notes for
                // #handover commands: one comment page per handed-over ticket, nothing for the others
                assertThat(after.inbox().ticketsRead()).isEqualTo(handedOver);
                assertThat(after.inbox().commands()).isZero();
                assertThat(afterCalls.getOrDefault("GET /api/v2/tickets/{id}/comments", 0)
                                + afterCalls.getOrDefault("GET /api/v2/tickets/1/comments", 0))
                        .isEqualTo(handedOver);
                assertThat(idle.polled()).isZero();
                assertThat(idleCalls.keySet()).allMatch(k -> k.startsWith("GET "));
                assertThat(total(idleCalls)).isLessThanOrEqualTo(2);
            }
        }
    }

    private static Map<String, Integer> calls(FakeZendesk zendesk) {
        Map<String, Integer> out = new TreeMap<>();
        zendesk.requests()
                .forEach(r -> out.merge(
                        r.method() + " "
                                + r.path()
                                        .replaceAll("/\\d+", "/1")
                                        .replaceAll("/1/", "/{id}/")
                                        .replaceAll("(update_many|job-\\d+)", "$1"),
                        1,
                        Integer::sum));
        return out;
    }

    private static int total(Map<String, Integer> calls) {
        return calls.values().stream().mapToInt(Integer::intValue).sum();
    }
}
