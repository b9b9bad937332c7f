package dev.handover.core;

import static dev.handover.core.World.AMELIA;
import static dev.handover.core.World.JONAS;
import static dev.handover.core.World.LUKAS;
import static dev.handover.core.World.SOPHIE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.Condition;
import dev.handover.memory.Operation;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Ticket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A shift change of 200 tickets is written in batches of the connector's size and spreads the work. */
final class BulkHandoverTest {
    private static final Instant SHIFT_END = Instant.parse("2026-03-09T14:00:00Z");

    private World world(int receiverCapacity) {
        World w = new World();
        for (AgentId a : List.of(LUKAS, JONAS, SOPHIE)) {
            w.crm.editAgent(a, b -> b.capacity(receiverCapacity));
        }
        w.crm.editAgent(AMELIA, b -> b.capacity(1000));
        w.crm.editAgent(World.OLIVER, b -> b.capacity(0)); // the team lead takes no shift work
        for (int i = 0; i < 200; i++) {
            w.ticket(b -> b);
        }
        return w;
    }

    @Test
    void aShiftChangeOf200TicketsTakesAtMostOneWritePerBatch() {
        World w = world(1000);
        Handovers engine = w.engine(HandoverPolicy.builder().historyComments(0).build());
        w.crm.calls().reset();

        List<HandoverResult> results = engine.shiftChange(AMELIA, SHIFT_END);

        assertThat(results)
                .hasSize(200)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(HandoverResult.Status.HANDED_OVER));
        int batch = w.crm.capabilities().maxWriteBatchSize();
        long writes = w.crm.calls().writes();
        assertThat(writes).isLessThanOrEqualTo((200 + batch - 1) / batch);
        assertThat(w.crm.calls().count(Operation.APPLY)).isZero();
        // reads: no directory (cached since the engine was built), the departing agent's open tickets (2 pages of 100),
        // the receivers' workload once
        assertThat(w.crm.calls().snapshot())
                .containsEntry(Operation.READ_DIRECTORY, 0L) // read when the engine was built, cached since
                .containsEntry(Operation.SEARCH_TICKETS, 2L)
                .containsEntry(Operation.COUNT_OPEN_TICKETS, 1L)
                .containsEntry(Operation.READ_COMMENTS, 0L);
        Map<AgentId, Long> perReceiver = results.stream()
                .map(r ->
                        r.plan().orElseThrow().receiver().agent().orElseThrow().id())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perReceiver.keySet()).containsExactlyInAnyOrder(LUKAS, JONAS, SOPHIE);
        assertThat(perReceiver.values()).allSatisfy(n -> assertThat(n).isBetween(66L, 67L));
    }

    @Test
    void withTheDefaultHistoryTheConversationsOfABatchAreReadInOneCall() {
        World w = world(1000);
        Handovers engine = w.engine(HandoverPolicy.builder().build());
        w.crm.calls().reset();
        engine.shiftChange(AMELIA, SHIFT_END);
        // the 200 handovers' recent conversations in one recentComments call, not one read each
        assertThat(w.crm.calls().count(Operation.READ_COMMENTS)).isEqualTo(1);
        assertThat(w.crm.calls().writes()).isLessThanOrEqualTo(4);
    }

    @Test
    void aDryRunReadsTheConversationsOfTheMatchedTicketsInOneCallAndPredictsTheRun() {
        World w = world(1000);
        List<Ticket> urgent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            urgent.add(w.ticket(b -> b.tag("needs-expert")));
        }
        Handovers engine = w.engine(HandoverPolicy.builder()
                .rule(HandoverRule.builder("expertise")
                        .when(Condition.tag("needs-expert"))
                        .reason(HandoverReason.EXPERTISE)
                        .to(Target.agent(LUKAS))
                        .build())
                .build());
        List<Ticket> all = w.crm.ticketsSnapshot();
        w.crm.calls().reset();

        List<HandoverResult> preview = engine.dryRun(all);

        assertThat(preview).hasSize(all.size());
        assertThat(preview.stream().filter(r -> r.status() == HandoverResult.Status.PLANNED))
                .hasSize(urgent.size());
        // the 30 matched tickets' conversations in one call; the 200 others are not read; nothing written
        assertThat(w.crm.calls().count(Operation.READ_COMMENTS)).isEqualTo(1);
        assertThat(w.crm.calls().writes()).isZero();

        List<HandoverResult> run = engine.evaluate(all);
        assertThat(run.stream().filter(HandoverResult::isHandedOver).map(HandoverResult::ticket))
                .containsExactlyElementsOf(preview.stream()
                        .filter(r -> r.status() == HandoverResult.Status.PLANNED)
                        .map(HandoverResult::ticket)
                        .toList());
    }

    @Test
    void whenTheNextShiftIsFullTheRestIsRefusedWithTheReasonNotPiledOn() {
        World w = world(10);
        Handovers engine = w.engine(HandoverPolicy.builder().historyComments(0).build());

        List<HandoverResult> results = engine.shiftChange(AMELIA, SHIFT_END);

        assertThat(results.stream().filter(HandoverResult::isHandedOver)).hasSize(30);
        assertThat(results.stream().filter(r -> r.status() == HandoverResult.Status.REFUSED))
                .hasSize(170)
                .allSatisfy(r -> assertThat(r.message())
                        .contains("no agent in EMEA Support")
                        .contains("has capacity left"));
        assertThat(w.crm.openTicketCounts(List.of(LUKAS, JONAS, SOPHIE)).values())
                .containsOnly(10);
    }
}
