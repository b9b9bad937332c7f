package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.spi.Assignment;
import dev.handover.spi.PageRequest;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Search trails writes (the fake's index lag is 30 seconds): what a connector wrote itself it finds at once; what
 * another process wrote appears once indexed. Paging by key goes past Zendesk's 1,000-result cap without gaps.
 */
final class SearchIndexLagTest {

    private static TicketUpdate task(int ticket, String handover) {
        return TicketUpdate.builder(FakeAccount.ticket(ticket))
                .createTask(TaskDraft.builder(HandoverId.of(handover), "ack", TaskKind.ACKNOWLEDGEMENT)
                        .owner(FakeAccount.ADA)
                        .subject("Acknowledge")
                        .due(FakeAccount.START.plus(Duration.ofHours(1)))
                        .build())
                .build();
    }

    @Test
    void ownTasksAreFoundAtOnceAndOthersOnceIndexed() {
        try (FakeAccount account = FakeAccount.withTickets(5);
                ZendeskConnector writer = account.build();
                ZendeskConnector other = account.build()) {
            writer.apply(task(1, "ho-lag"));
            TaskQuery query =
                    TaskQuery.builder().handover(HandoverId.of("ho-lag")).build();

            assertThat(writer.allTasks(query).toList()).hasSize(1);
            assertThat(other.allTasks(query).toList()).isEmpty();

            account.clock.advance(Duration.ofSeconds(31));

            assertThat(other.allTasks(query).toList()).hasSize(1);
        }
    }

    @Test
    void aCompletedTaskIsNoLongerOpenForItsWriterAtOnce() {
        try (FakeAccount account = FakeAccount.withTickets(5);
                ZendeskConnector crm = account.build()) {
            var created = crm.apply(task(2, "ho-done")).createdTasks().get(0);
            account.clock.advance(Duration.ofMinutes(1)); // indexed as open
            crm.apply(TicketUpdate.builder(FakeAccount.ticket(2))
                    .changeTask(dev.handover.spi.TaskChange.complete(created.id()))
                    .build());

            assertThat(crm.allTasks(TaskQuery.builder().open().build()).toList())
                    .isEmpty();
            assertThat(crm.allTasks(TaskQuery.builder()
                                    .status(dev.handover.spi.model.TaskStatus.COMPLETED)
                                    .build())
                            .toList())
                    .singleElement()
                    .satisfies(t -> assertThat(t.completedAt()).isPresent());
        }
    }

    @Test
    void ownReassignmentsShowInSearchesAndCountsAtOnce() {
        try (FakeAccount account = FakeAccount.withTickets(9);
                ZendeskConnector writer = account.build();
                ZendeskConnector other = account.build()) {
            TicketQuery adas = TicketQuery.builder().assignee(FakeAccount.ADA).build();
            int before = writer.openTicketCounts(List.of(FakeAccount.ADA)).get(FakeAccount.ADA);

            writer.apply(TicketUpdate.builder(FakeAccount.ticket(2)) // Bruno's
                    .assign(Assignment.toAgentInGroup(FakeAccount.ADA, FakeAccount.BILLING))
                    .build());

            assertThat(writer.searchAll(adas).map(Ticket::id)).contains(FakeAccount.ticket(2));
            assertThat(writer.openTicketCounts(List.of(FakeAccount.ADA))).containsEntry(FakeAccount.ADA, before + 1);
            assertThat(other.searchAll(adas).map(Ticket::id)).doesNotContain(FakeAccount.ticket(2));

            account.clock.advance(Duration.ofSeconds(31));

            assertThat(other.searchAll(adas).map(Ticket::id)).contains(FakeAccount.ticket(2));
        }
    }

    @Test
    void pagesPastTheThousandResultCapWithoutGapsOrDuplicates() {
        try (FakeAccount account = FakeAccount.withTickets(1_150);
                ZendeskConnector crm = account.build()) {
            List<TicketId> seen = crm.searchAll(TicketQuery.builder().open().build())
                    .map(Ticket::id)
                    .toList();

            assertThat(seen).hasSize(1_150);
            assertThat(new HashSet<>(seen)).hasSize(1_150);
            assertThat(seen.get(0)).isEqualTo(FakeAccount.ticket(1));
            assertThat(seen.get(1_149)).isEqualTo(FakeAccount.ticket(1_150));
            long searches = account.zendesk
                    .requests(r -> r.path().equals("/api/v2/search"))
                    .size();
            assertThat(searches).isLessThanOrEqualTo(13); // one per page of 100, plus one where a page ends
            assertThat(account.zendesk.requests(r -> r.status() == 422)).isEmpty();
        }
    }

    @Test
    void aPollOfChangedTicketsLosesNoChangeBeyondTheThousandResultCap() {
        // 1,150 tickets changed since the last poll, as after an outage: Zendesk's search stops at 1,000 results
        try (FakeAccount account = FakeAccount.withTickets(1_150);
                ZendeskConnector crm = account.build()) {
            java.time.Instant since = FakeAccount.START.minus(java.time.Duration.ofDays(2));
            List<TicketId> changed = crm.searchAll(
                            TicketQuery.builder().updatedSince(since).build())
                    .map(Ticket::id)
                    .toList();

            assertThat(changed).hasSize(1_150).doesNotHaveDuplicates();
            assertThat(account.zendesk.requests(r -> r.status() == 422)).isEmpty();
        }
    }

    @Test
    void aPageOfTenAsksSearchOnceAndItsCursorContinuesWhereItStopped() {
        try (FakeAccount account = FakeAccount.withTickets(30);
                ZendeskConnector crm = account.build()) {
            var first = crm.searchTickets(TicketQuery.builder().build(), PageRequest.first(10));
            var second = crm.searchTickets(
                    TicketQuery.builder().build(), first.next(10).orElseThrow());

            assertThat(first.items()).extracting(Ticket::id).first().isEqualTo(FakeAccount.ticket(1));
            assertThat(second.items()).extracting(Ticket::id).first().isEqualTo(FakeAccount.ticket(11));
            assertThat(account.zendesk.requests(r -> r.path().equals("/api/v2/search")))
                    .hasSize(2);
        }
    }
}
