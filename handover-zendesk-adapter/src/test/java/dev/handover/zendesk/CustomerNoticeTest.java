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

    private static TicketUpdate.Builder handoverOf(Ticket t) {
        return TicketUpdate.builder(t.id())
                .note(NoteDraft.customerReply("Chen from billing now looks after your case."))
                .note(NoteDraft.internal("Handover to Chen"))
                .assign(Assignment.toAgentInGroup(FakeAccount.CHEN, FakeAccount.BILLING))
                .expectedVersion(t.version());
    }

    private static TicketUpdate handover(Ticket t, String key) {
        return handoverOf(t).idempotencyKey(key).build();
    }

    /** A handover of each of the tickets 1 to {@code last}, as read after the directory, keyed by prefix and id. */
    private static List<TicketUpdate> handoversOfTickets(ZendeskConnector crm, int last, String keyPrefix) {
        crm.directory();
        return crm
                .tickets(IntStream.rangeClosed(1, last)
                        .mapToObj(FakeAccount::ticket)
                        .toList())
                .values()
                .stream()
                .map(t -> handover(t, keyPrefix + t.id()))
                .toList();
    }

    /** Runs {@code action} just before the second request to {@code path}: the first is the handover's own write. */
    private static void beforeSecond(FakeAccount account, String method, String path, Runnable action) {
        account.zendesk.beforeNext(method, path, () -> {});
        account.zendesk.beforeNext(method, path, action);
    }

    /** Between the handover's write and the one after it, a person gives ticket {@code n} to Eve. */
    private static void eveTakesTheTicketBeforeTheSecondWrite(FakeAccount account, int n) {
        long id = FakeAccount.id(n);
        beforeSecond(account, "PUT", "/api/v2/tickets/" + id, () -> account.zendesk.personAssigns(id, 20005L, 30001L));
    }

    /** The first attempt writes the note and the reassignment, then its notice fails; then Eve takes ticket 2. */
    private static void failTheNoticeThenGiveTicket2ToEve(FakeAccount account, ZendeskConnector crm, TicketUpdate u) {
        beforeSecond(
                account,
                "PUT",
                "/api/v2/tickets/10002",
                () -> account.zendesk.inject(FaultRule.of(Fault.SERVER_ERROR).times(4)));
        assertThat(crm.applyAll(List.of(u)))
                .singleElement()
                .satisfies(r -> assertThat(r.isSuccess()).isFalse());
        account.zendesk.personAssigns(10002, 20005L, 30001L);

        try (ZendeskConnector restarted = account.build()) {
            assertThat(restarted.apply(u).status()).isEqualTo(UpdateResult.Status.REPLAYED);
        }
    }

    private static List<Boolean> visibility(FakeAccount account, int n) {
        return account.zendesk.comments(FakeAccount.id(n)).stream()
                .map(FakeZendesk.CommentView::isPublic)
                .toList();
    }

    @Test
    void readsTheSalutationAndTierFromTheEndUserFieldsTheSettingsName() {
        try (FakeAccount account = FakeAccount.withTickets(0)) {
            account.zendesk.addTicket(dev.handover.spi.model.Ticket.builder(FakeAccount.ticket(1))
                    .subject("Rechnung")
                    .requester(dev.handover.spi.model.Customer.builder()
                            .id("41001")
                            .name("Anna Müller")
                            .salutation("Frau")
                            .tier("gold")
                            .build())
                    .createdAt(Instant.parse("2026-03-01T08:00:00Z"))
                    .updatedAt(Instant.parse("2026-03-01T08:00:00Z"))
                    .version(dev.handover.spi.model.Version.of("seed"))
                    .build());
            try (ZendeskConnector plain = account.build();
                    ZendeskConnector mapped = account.connector()
                            .customerSalutationField("salutation")
                            .customerTierField("customer_tier")
                            .build()) {
                assertThat(plain.ticket(FakeAccount.ticket(1))
                                .orElseThrow()
                                .requester()
                                .salutation())
                        .isEmpty();
                dev.handover.spi.model.Customer c =
                        mapped.ticket(FakeAccount.ticket(1)).orElseThrow().requester();
                assertThat(c.salutation()).isEqualTo("Frau");
                assertThat(c.tier()).isEqualTo("gold");
            }
        }
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
            beforeSecond(
                    account,
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
            eveTakesTheTicketBeforeTheSecondWrite(account, 3);

            assertThat(crm.apply(handover(t, "n-3")).status()).isEqualTo(UpdateResult.Status.APPLIED);

            assertThat(visibility(account, 3)).containsExactly(false); // the note only: no notice naming Chen
            assertThat(account.zendesk.ticket(10003).orElseThrow().assigneeId()).isEqualTo(20005L);
        }
    }

    @Test
    void aShiftChangeSendsItsNoticesInOneMoreJob() {
        try (FakeAccount account = FakeAccount.withTickets(12);
                ZendeskConnector crm = account.build()) {
            List<TicketUpdate> updates = handoversOfTickets(crm, 10, "n-shift-");
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
            List<TicketUpdate> updates = handoversOfTickets(crm, 5, "n-stamp-");
            // the versions the notices must be checked against: the tickets as they are when the notices' job arrives
            Map<Long, Instant> before = new HashMap<>();
            beforeSecond(
                    account,
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
            List<TicketUpdate> updates = handoversOfTickets(crm, 5, "n-moved-");
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
            List<TicketUpdate> updates = handoversOfTickets(crm, 3, "n-failed-job-");
            // the first update_many is the handovers' job; the notices' job writes one notice, then fails
            beforeSecond(account, "PUT", "/api/v2/tickets/update_many", () -> account.zendesk.failNextJobAfter(1));

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
            failTheNoticeThenGiveTicket2ToEve(account, crm, u);

            assertThat(visibility(account, 2)).containsExactly(false); // the note only: Eve has the ticket now
        }
    }

    @Test
    void aRetriedHandoverThatAddsATagWithholdsItsNoticeWhenTheTicketChangedHandsSince() {
        try (FakeAccount account = FakeAccount.withTickets(3);
                ZendeskConnector crm = account.build()) {
            Ticket t = crm.ticket(FakeAccount.ticket(2)).orElseThrow();
            // a tag change makes the retry read the ticket first and find the handover applied there
            TicketUpdate u = handoverOf(t)
                    .addTag("handed_over")
                    .idempotencyKey("n-retry-tagged")
                    .build();
            failTheNoticeThenGiveTicket2ToEve(account, crm, u);

            assertThat(visibility(account, 2)).containsExactly(false); // the note only: Eve has the ticket now
            assertThat(account.zendesk.ticket(10002).orElseThrow().tags()).contains("handed_over");
        }
    }

    @Test
    void aSecondInternalNoteIsWrittenEvenWhenTheTicketChangedHandsInBetween() {
        try (FakeAccount account = FakeAccount.withTickets(3);
                ZendeskConnector crm = account.build()) {
            Ticket t = crm.ticket(FakeAccount.ticket(1)).orElseThrow();
            eveTakesTheTicketBeforeTheSecondWrite(account, 1);

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
