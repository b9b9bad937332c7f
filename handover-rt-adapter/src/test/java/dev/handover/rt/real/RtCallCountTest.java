package dev.handover.rt.real;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.rt.RtConnector;
import dev.handover.spi.Assignment;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.PageRequest;
import dev.handover.spi.Secret;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The counting harness for RT: how many HTTP requests a handover costs against a real RT 5, and a shift change of a
 * hundred tickets. Counts, not times: they do not depend on the machine. The figures go to docs/performance.md.
 */
class RtCallCountTest {
    private RtConnector connector(RealRt rt, String... queues) {
        return RtConnector.builder()
                .url(rt.base())
                .token(Secret.of(rt.token()))
                .queues(queues)
                .build();
    }

    @Test
    void aWholeHandoverCostsNineRequests() {
        RealRt rt = RealRt.get();
        rt.reset();
        try (RtConnector crm = connector(rt, "Billing", "Technical")) {
            crm.directory(); // loaded once per five minutes, counted apart
            long directory = crm.requestCount();
            Ticket t = crm.ticket(TicketId.of("5")).orElseThrow();
            long read = crm.requestCount() - directory;
            HandoverId h = HandoverId.of("ho-count-1");
            Instant now = Instant.now();
            UpdateResult r = crm.apply(TicketUpdate.builder(t.id())
                    .assign(Assignment.toAgentInGroup(AgentId.of("ada"), GroupId.of("3")))
                    .note(NoteDraft.internal("Handover note: customer, summary, actions"))
                    .note(NoteDraft.customerReply("Hello, Ada takes over your request."))
                    .createTask(TaskDraft.builder(h, "ack", TaskKind.ACKNOWLEDGEMENT)
                            .owner(AgentId.of("ada"))
                            .subject("Acknowledge handover ho-count-1")
                            .due(now.plus(Duration.ofMinutes(30)))
                            .build())
                    .createTask(TaskDraft.builder(h, "action-1", TaskKind.ACTION)
                            .owner(AgentId.of("ada"))
                            .subject("Call the customer back")
                            .due(now.plus(Duration.ofHours(2)))
                            .build())
                    .expectedVersion(t.version())
                    .idempotencyKey("count-1")
                    .build());
            long write = crm.requestCount() - directory - read;
            assertThat(r.status()).isEqualTo(UpdateResult.Status.APPLIED);
            assertThat(crm.ticket(t.id()).orElseThrow().assignee()).contains(AgentId.of("ada"));

            System.out.printf(
                    "[handover] RT calls: directory %d (cached 5 min), read %d, handover with move, 2 notes, 2 tasks %d%n",
                    directory, read, write);
            // the write: GET (fresh ETag) + PUT queue/key/tags + PUT owner + comment + correspond + 2 × (POST + GET)
            assertThat(write).isEqualTo(9);
            // the ticket, its requestor's user record (kept afterwards), its Create transaction and that one's text
            assertThat(read).isEqualTo(4);
        }
    }

    @Test
    void aShiftChangeOfAHundredTicketsIsThreeRequestsATicket() {
        RealRt rt = RealRt.get();
        rt.reset();
        try (RtConnector crm = connector(rt, "Kit Billing", "Kit Technical", "Kit Queue")) {
            crm.directory();
            long start = crm.requestCount();
            // kit5 is on the teams of Kit Billing (queue 5) and Kit Technical (6): their open tickets go to kit5
            List<Ticket> tickets = new ArrayList<>();
            PageRequest page = PageRequest.first(100);
            while (page != null && tickets.size() < 100) {
                var found = crm.searchTickets(TicketQuery.builder().build(), page);
                found.items().stream()
                        .filter(t -> t.group().map(g -> !g.value().equals("7")).orElse(false))
                        .filter(t ->
                                !t.assignee().map(a -> a.value().equals("kit5")).orElse(false))
                        .forEach(tickets::add);
                page = found.next(100).orElse(null);
            }
            long search = crm.requestCount() - start;
            List<TicketUpdate> updates = tickets.stream()
                    .limit(100)
                    .map(t -> TicketUpdate.builder(t.id())
                            .assign(Assignment.toAgent(AgentId.of("kit5")))
                            .note(NoteDraft.internal("Shift change: kit5 takes over " + t.id()))
                            .expectedVersion(t.version())
                            .idempotencyKey("shift-" + t.id().value())
                            .build())
                    .toList();
            long before = crm.requestCount();
            List<UpdateResult> results = crm.applyAll(updates);
            long writes = crm.requestCount() - before;
            assertThat(results).allSatisfy(r -> assertThat(r.status()).isEqualTo(UpdateResult.Status.APPLIED));
            System.out.printf(
                    "[handover] RT shift change of %d tickets: search %d requests, writes %d requests (%.1f a ticket)%n",
                    updates.size(), search, writes, writes / (double) updates.size());
            assertThat(updates).hasSize(100);
            // per ticket: GET (fresh ETag) + PUT owner/key + comment
            assertThat(writes).isEqualTo(3L * updates.size());
        }
    }
}
