package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handover.spi.Assignment;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.model.Ticket;
import dev.handover.zendesk.fake.FakeZendesk;
import dev.handover.zendesk.fake.Fault;
import dev.handover.zendesk.fake.FaultRule;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Zendesk keeps one comment per audit, so a handover's customer notice is a second write after the note: sent only
 * once the handover landed, chained on its version, sent anyway when a person merely commented in between, withheld
 * when the ticket changed hands in between — also in a batch and in a retry.
 */
final class CustomerNoticeTest {

    private static TicketUpdate handover(Ticket t, String key) {
        return TicketUpdate.builder(t.id())
                .note(NoteDraft.customerReply("Chen from billing now looks after your case."))
                .note(NoteDraft.internal("Handover to Chen"))
                .assign(Assignment.toAgentInGroup(FakeAccount.CHEN, FakeAccount.BILLING))
                .expectedVersion(t.version())
                .idempotencyKey(key)
                .build();
    }

    private static List<Boolean> visibility(FakeAccount account, int n) {
        return account.zendesk.comments(FakeAccount.id(n)).stream()
                .map(FakeZendesk.CommentView::isPublic)
                .toList();
    }

    @Test
    void followsTheNoteAndTheReassignment() {
        try (FakeAccount account = FakeAccount.withTickets(3);
                ZendeskConnector crm = account.build()) {
            crm.apply(handover(crm.ticket(FakeAccount.ticket(1)).orElseThrow(), "n-1"));

            assertThat(visibility(account, 1)).containsExactly(false, true);
        }
    }

    @Test
    void isSentWhenAPersonOnlyCommentedInBetween() {
        try (FakeAccount account = FakeAccount.withTickets(3);
                ZendeskConnector crm = account.build()) {
            Ticket t = crm.ticket(FakeAccount.ticket(2)).orElseThrow();
            // the second PUT is the notice: just before it, the customer writes
            account.zendesk.beforeNext("PUT", "/api/v2/tickets/10002", () -> {});
            account.zendesk.beforeNext(
                    "PUT",
                    "/api/v2/tickets/10002",
                    () -> account.zendesk.personComments(10002, 40002, "Any news?", true));

            assertThat(crm.apply(handover(t, "n-2")).status()).isEqualTo(UpdateResult.Status.APPLIED);

            assertThat(account.zendesk.comments(10002))
                    .extracting(FakeZendesk.CommentView::body)
                    .containsExactly(
                            "Handover to Chen\n\n[handover write: n-2]",
                            "Any news?",
                            "Chen from billing now looks after your case.");
        }
    }

    @Test
    void isWithheldWhenTheTicketChangedHandsInBetween() {
        try (FakeAccount account = FakeAccount.withTickets(3);
                ZendeskConnector crm = account.build()) {
            Ticket t = crm.ticket(FakeAccount.ticket(3)).orElseThrow();
            account.zendesk.beforeNext("PUT", "/api/v2/tickets/10003", () -> {});
            account.zendesk.beforeNext(
                    "PUT", "/api/v2/tickets/10003", () -> account.zendesk.personAssigns(10003, 20005L, 30001L));

            assertThat(crm.apply(handover(t, "n-3")).status()).isEqualTo(UpdateResult.Status.APPLIED);

            assertThat(visibility(account, 3)).containsExactly(false); // the note only: no notice naming Chen
            assertThat(account.zendesk.ticket(10003).orElseThrow().assigneeId()).isEqualTo(20005L);
        }
    }

    @Test
    void aShiftChangeSendsItsNoticesInOneMoreJob() {
        try (FakeAccount account = FakeAccount.withTickets(12);
                ZendeskConnector crm = account.build()) {
            crm.directory();
            List<TicketUpdate> updates =
                    crm
                            .tickets(IntStream.rangeClosed(1, 10)
                                    .mapToObj(FakeAccount::ticket)
                                    .toList())
                            .values()
                            .stream()
                            .map(t -> handover(t, "n-shift-" + t.id()))
                            .toList();
            account.zendesk.clearRequests();

            assertThat(crm.applyAll(updates)).allMatch(r -> r.status() == UpdateResult.Status.APPLIED);

            IntStream.rangeClosed(1, 10)
                    .forEach(n -> assertThat(visibility(account, n)).containsExactly(false, true));
            assertThat(account.zendesk.requests(r -> r.path().equals("/api/v2/tickets/update_many")))
                    .hasSize(2);
        }
    }

    @Test
    void theNoticesJobWritesEachTicketWithSafeUpdateOnItsVersionAsRead() throws Exception {
        try (FakeAccount account = FakeAccount.withTickets(6);
                ZendeskConnector crm = account.build()) {
            crm.directory();
            List<TicketUpdate> updates =
                    crm
                            .tickets(IntStream.rangeClosed(1, 5)
                                    .mapToObj(FakeAccount::ticket)
                                    .toList())
                            .values()
                            .stream()
                            .map(t -> handover(t, "n-stamp-" + t.id()))
                            .toList();
            // the versions the notices must be checked against: the tickets as they are when the notices' job arrives
            Map<Long, Instant> before = new HashMap<>();
            account.zendesk.beforeNext("PUT", "/api/v2/tickets/update_many", () -> {});
            account.zendesk.beforeNext(
                    "PUT",
                    "/api/v2/tickets/update_many",
                    () -> IntStream.rangeClosed(1, 5)
                            .forEach(n -> before.put(
                                    FakeAccount.id(n),
                                    account.zendesk
                                            .ticket(FakeAccount.id(n))
                                            .orElseThrow()
                                            .updatedAt())));

            assertThat(crm.applyAll(updates)).allMatch(r -> r.status() == UpdateResult.Status.APPLIED);

            List<FakeZendesk.RecordedRequest> jobs =
                    account.zendesk.requests(r -> r.path().equals("/api/v2/tickets/update_many"));
            assertThat(jobs).hasSize(2);
            JsonNode notices = new ObjectMapper().readTree(jobs.get(1).body()).path("tickets");
            assertThat(notices).hasSize(5);
            for (JsonNode t : notices) {
                long id = t.path("id").asLong();
                assertThat(t.path("comment").path("public").asBoolean(false))
                        .as("ticket %d", id)
                        .isTrue();
                assertThat(t.path("safe_update").asBoolean(false))
                        .as("ticket %d", id)
                        .isTrue();
                assertThat(Instant.parse(t.path("updated_stamp").asText()))
                        .as("ticket %d", id)
                        .isEqualTo(before.get(id));
            }
        }
    }

    @Test
    void aShiftChangeWithholdsTheNoticeOfATicketThatChangedHandsMeanwhile() {
        try (FakeAccount account = FakeAccount.withTickets(6);
                ZendeskConnector crm = account.build()) {
            crm.directory();
            List<TicketUpdate> updates =
                    crm
                            .tickets(IntStream.rangeClosed(1, 5)
                                    .mapToObj(FakeAccount::ticket)
                                    .toList())
                            .values()
                            .stream()
                            .map(t -> handover(t, "n-moved-" + t.id()))
                            .toList();
            // after the handovers' job ran and before the notices go out, a person gives ticket 3 to Eve
            account.zendesk.beforeNext(
                    "GET", "/api/v2/job_statuses/", () -> account.zendesk.personAssigns(10003, 20005L, 30001L));

            assertThat(crm.applyAll(updates)).allMatch(r -> r.status() == UpdateResult.Status.APPLIED);

            assertThat(visibility(account, 3)).containsExactly(false); // no notice naming Chen
            assertThat(account.zendesk.ticket(10003).orElseThrow().assigneeId()).isEqualTo(20005L);
            for (int n : new int[] {1, 2, 4, 5}) {
                assertThat(visibility(account, n)).as("ticket %d", n).containsExactly(false, true);
            }
        }
    }

    @Test
    void aNoticeJobThatFailsAfterWritingANoticeLeavesEachCustomerOneNotice() {
        try (FakeAccount account = FakeAccount.withTickets(4);
                ZendeskConnector crm = account.build()) {
            crm.directory();
            List<TicketUpdate> updates =
                    crm
                            .tickets(IntStream.rangeClosed(1, 3)
                                    .mapToObj(FakeAccount::ticket)
                                    .toList())
                            .values()
                            .stream()
                            .map(t -> handover(t, "n-failed-job-" + t.id()))
                            .toList();
            // the first update_many is the handovers' job; the notices' job writes one notice, then fails
            account.zendesk.beforeNext("PUT", "/api/v2/tickets/update_many", () -> {});
            account.zendesk.beforeNext("PUT", "/api/v2/tickets/update_many", () -> account.zendesk.failNextJobAfter(1));

            assertThat(crm.applyAll(updates)).allMatch(r -> r.status() == UpdateResult.Status.APPLIED);

            for (int n = 1; n <= 3; n++) {
                assertThat(visibility(account, n)).as("ticket %d", n).containsExactly(false, true);
            }
        }
    }

    @Test
    void aRetriedHandoverWithholdsItsNoticeWhenTheTicketChangedHandsSince() {
        try (FakeAccount account = FakeAccount.withTickets(3);
                ZendeskConnector crm = account.build()) {
            Ticket t = crm.ticket(FakeAccount.ticket(2)).orElseThrow();
            TicketUpdate u = handover(t, "n-retry");
            // the first attempt wrote the note and the reassignment, then its notice failed
            account.zendesk.beforeNext("PUT", "/api/v2/tickets/10002", () -> {});
            account.zendesk.beforeNext(
                    "PUT",
                    "/api/v2/tickets/10002",
                    () -> account.zendesk.inject(
                            dev.handover.zendesk.fake.FaultRule.of(dev.handover.zendesk.fake.Fault.SERVER_ERROR)
                                    .times(4)));
            assertThat(crm.applyAll(List.of(u)))
                    .singleElement()
                    .satisfies(r -> assertThat(r.isSuccess()).isFalse());
            account.zendesk.personAssigns(10002, 20005L, 30001L);

            try (ZendeskConnector restarted = account.build()) {
                assertThat(restarted.apply(u).status()).isEqualTo(UpdateResult.Status.REPLAYED);
            }

            assertThat(visibility(account, 2)).containsExactly(false); // the note only: Eve has the ticket now
        }
    }

    @Test
    void aRetriedHandoverThatAddsATagWithholdsItsNoticeWhenTheTicketChangedHandsSince() {
        try (FakeAccount account = FakeAccount.withTickets(3);
                ZendeskConnector crm = account.build()) {
            Ticket t = crm.ticket(FakeAccount.ticket(2)).orElseThrow();
            // a tag change makes the retry read the ticket first and find the handover applied there
            TicketUpdate u = TicketUpdate.builder(t.id())
                    .note(NoteDraft.customerReply("Chen from billing now looks after your case."))
                    .note(NoteDraft.internal("Handover to Chen"))
                    .assign(Assignment.toAgentInGroup(FakeAccount.CHEN, FakeAccount.BILLING))
                    .addTag("handed_over")
                    .expectedVersion(t.version())
                    .idempotencyKey("n-retry-tagged")
                    .build();
            account.zendesk.beforeNext("PUT", "/api/v2/tickets/10002", () -> {});
            account.zendesk.beforeNext(
                    "PUT",
                    "/api/v2/tickets/10002",
                    () -> account.zendesk.inject(
                            FaultRule.of(Fault.SERVER_ERROR).times(4)));
            assertThat(crm.applyAll(List.of(u)))
                    .singleElement()
                    .satisfies(r -> assertThat(r.isSuccess()).isFalse());
            account.zendesk.personAssigns(10002, 20005L, 30001L);

            try (ZendeskConnector restarted = account.build()) {
                assertThat(restarted.apply(u).status()).isEqualTo(UpdateResult.Status.REPLAYED);
            }

            assertThat(visibility(account, 2)).containsExactly(false); // the note only: Eve has the ticket now
            assertThat(account.zendesk.ticket(10002).orElseThrow().tags()).contains("handed_over");
        }
    }

    @Test
    void aSecondInternalNoteIsWrittenEvenWhenTheTicketChangedHandsInBetween() {
        try (FakeAccount account = FakeAccount.withTickets(3);
                ZendeskConnector crm = account.build()) {
            Ticket t = crm.ticket(FakeAccount.ticket(1)).orElseThrow();
            account.zendesk.beforeNext("PUT", "/api/v2/tickets/10001", () -> {});
            account.zendesk.beforeNext(
                    "PUT", "/api/v2/tickets/10001", () -> account.zendesk.personAssigns(10001, 20005L, 30001L));

            crm.apply(TicketUpdate.builder(t.id())
                    .note(NoteDraft.internal("Handover to Chen"))
                    .note(NoteDraft.internal("Also: the refund is approved"))
                    .assign(Assignment.toAgentInGroup(FakeAccount.CHEN, FakeAccount.BILLING))
                    .expectedVersion(t.version())
                    .build());

            // only a customer notice names the receiver; an internal note is the handover's record and is kept
            assertThat(account.zendesk.comments(10001))
                    .extracting(c -> c.body().lines().findFirst().orElseThrow())
                    .containsExactly("Handover to Chen", "Also: the refund is approved");
        }
    }

    @Test
    void twoUpdatesOfOneTicketInABatchLandInOrder() {
        try (FakeAccount account = FakeAccount.withTickets(5);
                ZendeskConnector crm = account.build()) {
            List<UpdateResult> results = crm.applyAll(List.of(
                    TicketUpdate.builder(FakeAccount.ticket(1))
                            .note(NoteDraft.internal("first"))
                            .build(),
                    TicketUpdate.builder(FakeAccount.ticket(2))
                            .note(NoteDraft.internal("other"))
                            .build(),
                    TicketUpdate.builder(FakeAccount.ticket(1))
                            .note(NoteDraft.internal("second"))
                            .addTag("x")
                            .build()));

            assertThat(results).allMatch(UpdateResult::isSuccess);
            assertThat(account.zendesk.comments(10001))
                    .extracting(c -> c.body().lines().findFirst().orElseThrow())
                    .containsExactly("first", "second");
            assertThat(account.zendesk.ticket(10001).orElseThrow().tags()).contains("vip", "x");
        }
    }
}
