package dev.handover.memory;

import static dev.handover.memory.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.memory.time.MutableClock;
import dev.handover.spi.Assignment;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.Visibility;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class CallAccountingTest {
    private final MutableClock clock = MutableClock.at(Fixtures.T0);
    private final InMemoryCrm crm = Fixtures.crm(clock, 250);

    @Test
    void countsEveryOperation() {
        crm.ticket(id(1));
        crm.searchTickets(TicketQuery.builder().build(), PageRequest.first());
        crm.comments(id(1), SortOrder.OLDEST_FIRST, PageRequest.first());
        crm.tasks(TaskQuery.builder().build(), PageRequest.first());
        crm.directory();
        crm.openTicketCounts(List.of(Fixtures.ADA));
        crm.apply(TicketUpdate.builder(id(1)).addTag("x").build());
        assertThat(crm.calls().snapshot())
                .containsEntry(Operation.READ_TICKET, 1L)
                .containsEntry(Operation.SEARCH_TICKETS, 1L)
                .containsEntry(Operation.READ_COMMENTS, 1L)
                .containsEntry(Operation.QUERY_TASKS, 1L)
                .containsEntry(Operation.READ_DIRECTORY, 1L)
                .containsEntry(Operation.COUNT_OPEN_TICKETS, 1L)
                .containsEntry(Operation.APPLY, 1L);
        assertThat(crm.calls().writes()).isEqualTo(1);
        assertThat(crm.calls().reads()).isEqualTo(6);
        crm.calls().reset();
        assertThat(crm.calls().total()).isZero();
    }

    @Test
    void batchesCountOncePerUnderlyingCall() {
        List<TicketId> ids =
                IntStream.rangeClosed(1, 250).mapToObj(Fixtures::id).toList();
        crm.tickets(ids);
        assertThat(crm.calls().count(Operation.READ_TICKETS)).isEqualTo(3);
        crm.applyAll(ids.stream()
                .map(t -> TicketUpdate.builder(t)
                        .assign(Assignment.toAgent(Fixtures.BOB))
                        .build())
                .toList());
        assertThat(crm.calls().count(Operation.APPLY_BATCH)).isEqualTo(3);
        assertThat(crm.openTicketCounts(List.of(Fixtures.BOB))).containsEntry(Fixtures.BOB, 250);
    }

    @Test
    void peopleActingInTheCrmAreNotApiCalls() {
        crm.addComment(id(1), "customer-1", "Any news?", Visibility.PUBLIC);
        crm.editTicket(id(1), b -> b.subject("changed"));
        crm.ticketsSnapshot();
        assertThat(crm.calls().total()).isZero();
    }
}
