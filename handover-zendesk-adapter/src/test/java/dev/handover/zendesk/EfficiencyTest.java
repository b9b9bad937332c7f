package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.spi.Assignment;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.zendesk.fake.FakeZendesk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The efficiency harness: counts the HTTP requests the fake Zendesk receives for a handover done the way the engine
 * does it (read the ticket, then write note, reassignment, tags and an acknowledgement task with the version read). The
 * directory is read once beforehand (it is cached for minutes) and the OAuth token request is counted apart (one per
 * token lifetime). The numbers are printed and recorded in docs/zendesk.md.
 */
final class EfficiencyTest {
    private static final Predicate<FakeZendesk.RecordedRequest> API =
            r -> r.path().startsWith("/api/v2/");
    private static final Predicate<FakeZendesk.RecordedRequest> POLL =
            r -> r.path().startsWith("/api/v2/job_statuses");

    @Test
    void singleHandoverTakesThreeCalls() {
        try (FakeAccount account = FakeAccount.withTickets(10);
                ZendeskConnector crm = account.build()) {
            crm.directory();
            account.zendesk.clearRequests();

            Ticket read = crm.ticket(FakeAccount.ticket(1)).orElseThrow();
            UpdateResult result = crm.apply(handover(read, "ho-single-1"));

            assertThat(result.status()).isEqualTo(UpdateResult.Status.APPLIED);
            assertThat(result.createdTasks()).hasSize(1);
            List<FakeZendesk.RecordedRequest> calls = account.zendesk.requests(API);
            report("single handover", calls);
            assertThat(calls)
                    .extracting(r -> r.method() + " " + r.path())
                    .containsExactly("GET /api/v2/tickets/10001", "PUT /api/v2/tickets/10001", "POST /api/v2/tickets");
        }
    }

    @Test
    void shiftChangeOfHundredTicketsTakesThreeCallsPlusPolls() {
        try (FakeAccount account = FakeAccount.withTickets(120);
                ZendeskConnector crm = account.build()) {
            crm.directory();
            account.zendesk.clearRequests();

            List<TicketId> ids =
                    IntStream.rangeClosed(1, 100).mapToObj(FakeAccount::ticket).toList();
            Map<TicketId, Ticket> read = crm.tickets(ids);
            List<TicketUpdate> updates = new ArrayList<>();
            read.values().forEach(t -> updates.add(handover(t, "ho-shift-" + t.id())));
            List<UpdateResult> results = crm.applyAll(updates);

            assertThat(results).allMatch(r -> r.status() == UpdateResult.Status.APPLIED);
            assertThat(results).allMatch(r -> r.createdTasks().size() == 1);
            assertThat(account.zendesk.taskTickets()).hasSize(100);
            List<FakeZendesk.RecordedRequest> calls = account.zendesk.requests(API);
            long polls = calls.stream().filter(POLL).count();
            report("shift change of 100 tickets", calls);
            // show_many, update_many, create_many: the created task tickets are not read back (the job names their ids,
            // the rest is what was sent)
            assertThat(calls.size() - polls).isEqualTo(3);
            assertThat(polls).isEqualTo(2); // one per job with the fake's default job speed
        }
    }

    @Test
    void handoverWithCustomerNoticeTakesOneMoreCall() {
        try (FakeAccount account = FakeAccount.withTickets(10);
                ZendeskConnector crm = account.build()) {
            crm.directory();
            account.zendesk.clearRequests();

            Ticket read = crm.ticket(FakeAccount.ticket(2)).orElseThrow();
            TicketUpdate u = TicketUpdate.builder(read.id())
                    .note(NoteDraft.customerReply("Bruno from our technical team takes over your case."))
                    .note(NoteDraft.internal("Handover note"))
                    .assign(Assignment.toAgentInGroup(FakeAccount.BRUNO, FakeAccount.TECHNICAL))
                    .expectedVersion(read.version())
                    .idempotencyKey("ho-notice-1")
                    .build();
            crm.apply(u);

            List<FakeZendesk.RecordedRequest> calls = account.zendesk.requests(API);
            report("single handover with a customer notice (no task)", calls);
            assertThat(calls)
                    .extracting(r -> r.method() + " " + r.path())
                    .containsExactly(
                            "GET /api/v2/tickets/10002", "PUT /api/v2/tickets/10002", "PUT /api/v2/tickets/10002");
            List<FakeZendesk.CommentView> comments = account.zendesk.comments(10002);
            assertThat(comments).extracting(FakeZendesk.CommentView::isPublic).containsExactly(false, true);
        }
    }

    @Test
    void retryingAShiftChangeWithTheSameKeysCostsNoCall() {
        try (FakeAccount account = FakeAccount.withTickets(120);
                ZendeskConnector crm = account.build()) {
            crm.directory();
            List<TicketUpdate> updates = new ArrayList<>();
            crm.tickets(IntStream.rangeClosed(1, 100)
                            .mapToObj(FakeAccount::ticket)
                            .toList())
                    .values()
                    .forEach(t -> updates.add(handover(t, "ho-again-" + t.id())));
            crm.applyAll(updates);
            account.zendesk.clearRequests();

            List<UpdateResult> again = crm.applyAll(updates);

            assertThat(again).allMatch(r -> r.status() == UpdateResult.Status.REPLAYED);
            assertThat(account.zendesk.requests(API)).isEmpty();
        }
    }

    private static TicketUpdate handover(Ticket read, String handoverId) {
        return TicketUpdate.builder(read.id())
                .note(NoteDraft.internal("Handover: customer waits for a refund; call back before 17:00"))
                .assign(Assignment.toAgentInGroup(FakeAccount.BRUNO, FakeAccount.TECHNICAL))
                .addTag("handover", "shift-change")
                .createTask(TaskDraft.builder(HandoverId.of(handoverId), "ack", TaskKind.ACKNOWLEDGEMENT)
                        .owner(FakeAccount.BRUNO)
                        .subject("Acknowledge the handover of ticket " + read.id())
                        .due(FakeAccount.START.plus(Duration.ofHours(1)))
                        .build())
                .expectedVersion(read.version())
                .idempotencyKey(handoverId)
                .build();
    }

    private static void report(String what, List<FakeZendesk.RecordedRequest> calls) {
        long polls = calls.stream().filter(POLL).count();
        System.out.println("EFFICIENCY " + what + ": " + (calls.size() - polls) + " calls + " + polls + " job polls = "
                + calls.size() + " requests: "
                + calls.stream().map(r -> r.method() + " " + r.path()).toList());
    }
}
