package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.selftest.Exchange;
import dev.handover.spi.selftest.Probe;
import dev.handover.spi.selftest.ProbeContext;
import dev.handover.spi.selftest.ProbeResult;
import dev.handover.spi.selftest.SelfTestSupport;
import dev.handover.spi.selftest.TestTeam;
import dev.handover.spi.selftest.TestTicket;
import dev.handover.spi.selftest.Verdict;
import dev.handover.zendesk.fake.FakeZendesk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The connector's self-test support against the fake account on loopback: every probe passes against a well-behaved
 * account, a hostile one (a field required to solve, a trigger that takes the ticket, a trigger that emails the
 * requester on internal notes, due dates without their time, no rate-limit headers) makes the expected probes warn or
 * fail with their fixes, test tickets and their task tickets are created and deleted, and recordings carry no
 * credentials. Time is the account's clock; nothing sleeps.
 */
final class SelfTestSupportTest {
    private static final String REQUESTER = "selftest.requester@example.com";
    private static final TestTeam TEAM = new TestTeam(
            REQUESTER, "Selftest Requester", FakeAccount.ADA, FakeAccount.CHEN, Optional.of(FakeAccount.BILLING));

    private static SelfTestSupport support(ZendeskConnector crm) {
        return crm.selfTest().orElseThrow();
    }

    /** Runs every probe, then discards the test tickets; the results by probe name. */
    private static Map<String, ProbeResult> runAll(FakeAccount account, ZendeskConnector crm, List<String> discarded) {
        SelfTestSupport support = support(crm);
        ProbeContext ctx = new ProbeContext(crm, support, TEAM, account.clock, account.clock::advance);
        Map<String, ProbeResult> out = new LinkedHashMap<>();
        for (Probe p : support.probes()) {
            ProbeResult r = p.run(ctx);
            assertThat(r.probe()).isEqualTo(p.name());
            out.put(p.name(), r);
        }
        for (TicketId id : ctx.created()) {
            discarded.add(support.discard(id));
        }
        return out;
    }

    private static Map<Long, FakeZendesk.TicketView> seeded(FakeAccount account) {
        return account.zendesk.tickets().stream()
                .filter(t -> t.id() < 100_000)
                .collect(Collectors.toMap(FakeZendesk.TicketView::id, t -> t));
    }

    @Test
    void everyProbePassesAgainstAWellBehavedAccountAndLeavesNothingBehind() {
        try (FakeAccount account = FakeAccount.withTickets(6)) {
            ZendeskConnector crm = account.build();
            Map<Long, FakeZendesk.TicketView> before = seeded(account);
            List<String> discarded = new ArrayList<>();

            Map<String, ProbeResult> results = runAll(account, crm, discarded);

            assertThat(results.keySet())
                    .containsExactly(
                            "configured-fields",
                            "task-closing",
                            "task-due-time",
                            "assignment-kept",
                            "internal-note-silent",
                            "rate-limit-headers");
            assertThat(results.values())
                    .allSatisfy(r -> assertThat(r.verdict()).as(r.toString()).isEqualTo(Verdict.PASS));
            assertThat(results.get("task-due-time").answer()).contains("to the second");
            assertThat(results.get("rate-limit-headers").answer()).contains("requests per minute");
            assertThat(discarded).isNotEmpty().allSatisfy(d -> assertThat(d).startsWith("deleted"));
            assertThat(discarded).anySatisfy(d -> assertThat(d).contains("1 of 1 task ticket(s) deleted"));
            // the seeded tickets are untouched, and no test or task ticket is left
            assertThat(seeded(account)).isEqualTo(before);
            assertThat(account.zendesk.tickets()).hasSize(before.size());
        }
    }

    @Test
    void aHostileAccountMakesTheExpectedProbesWarnOrFailWithTheirFixes() {
        try (FakeAccount account = FakeAccount.withTickets(3)) {
            account.zendesk
                    .requireOnSolve(9_001L, "Resolution code")
                    .triggerReassignsTo(Long.parseLong(FakeAccount.EVE.value()))
                    .triggerNotifiesRequesterOnEveryUpdate("Notify requester of every update")
                    .dueDatesWithoutTime()
                    .withoutRateLimitHeaders();
            ZendeskConnector crm = account.connector().taskTicketPerItem(true).build();
            Map<Long, FakeZendesk.TicketView> before = seeded(account);
            List<String> discarded = new ArrayList<>();

            Map<String, ProbeResult> r = runAll(account, crm, discarded);

            assertThat(r.get("configured-fields").verdict()).as(r.toString()).isEqualTo(Verdict.FAIL);
            assertThat(r.get("configured-fields").answer()).contains("Resolution code");
            assertThat(r.get("task-closing").verdict()).isEqualTo(Verdict.FAIL);
            assertThat(r.get("task-closing").answer()).contains("refused to close it");
            assertThat(r.get("task-closing").fix()).get().asString().contains("tasks.solve-fields", "tasks.close-by");
            assertThat(r.get("task-due-time").verdict()).isEqualTo(Verdict.FAIL);
            assertThat(r.get("task-due-time").answer()).contains("keeps the date, not the time of day");
            assertThat(r.get("task-due-time").fix()).get().asString().contains("tasks.tickets: per-handover");
            assertThat(r.get("assignment-kept").verdict()).isEqualTo(Verdict.FAIL);
            assertThat(r.get("assignment-kept").answer())
                    .contains("now assigned to " + FakeAccount.EVE.value(), "'Assign to the on-call agent'");
            assertThat(r.get("assignment-kept").fix()).get().asString().contains("Current user is not");
            assertThat(r.get("internal-note-silent").verdict()).isEqualTo(Verdict.FAIL);
            assertThat(r.get("internal-note-silent").fix())
                    .get()
                    .asString()
                    .contains("'Comment is Public'", "'Notify requester of every update'");
            assertThat(r.get("rate-limit-headers").verdict()).isEqualTo(Verdict.WARN);
            assertThat(r.get("rate-limit-headers").fix()).get().asString().contains("X-Rate-Limit");
            assertThat(discarded).allSatisfy(d -> assertThat(d).startsWith("deleted"));
            assertThat(seeded(account)).isEqualTo(before);
        }
    }

    @Test
    void dueDatesWithoutTimeOnlyWarnWithOneTaskTicketPerHandover() {
        try (FakeAccount account = FakeAccount.withTickets(1)) {
            account.zendesk.dueDatesWithoutTime();
            ZendeskConnector crm = account.build();

            ProbeResult r = runAll(account, crm, new ArrayList<>()).get("task-due-time");

            assertThat(r.verdict()).isEqualTo(Verdict.WARN);
            assertThat(r.answer()).contains("checklist's tags");
        }
    }

    @Test
    void aTestTicketHasTheTestRequesterAndIsDeleted() {
        try (FakeAccount account = FakeAccount.withTickets(1)) {
            SelfTestSupport support = support(account.build());

            Ticket t = support.createTestTicket(
                    new TestTicket("create and discard", "Is this mapped?", Set.of("extra_tag")), TEAM);

            assertThat(t.subject()).isEqualTo("[handover selftest] create and discard");
            assertThat(t.requester().email()).isEqualTo(REQUESTER);
            assertThat(t.requester().name()).isEqualTo("Selftest Requester");
            assertThat(t.assignee()).contains(FakeAccount.ADA);
            assertThat(t.group()).contains(FakeAccount.BILLING);
            assertThat(t.tags()).contains(TestTicket.TAG, "extra_tag");
            long id = Long.parseLong(t.id().value());
            assertThat(account.zendesk.comments(id))
                    .singleElement()
                    .satisfies(c -> assertThat(c.isPublic()).isFalse());

            assertThat(support.discard(t.id())).isEqualTo("deleted");
            assertThat(account.zendesk.ticket(id)).isEmpty();
            assertThat(support.sandbox()).isEmpty(); // Zendesk cannot say: the configuration must
        }
    }

    @Test
    void aTestTicketIsSolvedWhenDeletionIsRefused() {
        try (FakeAccount account = FakeAccount.withTickets(1)) {
            account.zendesk.refuseTicketDeletion();
            SelfTestSupport support = support(account.build());
            Ticket t = support.createTestTicket(new TestTicket("refused deletion", "x", Set.of()), TEAM);

            String done = support.discard(t.id());

            assertThat(done).startsWith("solved: deletion refused with HTTP 403");
            assertThat(account.zendesk
                            .ticket(Long.parseLong(t.id().value()))
                            .orElseThrow()
                            .status())
                    .isEqualTo("solved");
        }
    }

    @Test
    void recordingPassesExchangesWithoutCredentials() {
        try (FakeAccount account = FakeAccount.withTickets(1)) {
            SelfTestSupport support = support(account.build());
            List<Exchange> recorded = Collections.synchronizedList(new ArrayList<>());
            support.record(Optional.of(recorded::add));

            Ticket t = support.createTestTicket(new TestTicket("recorded", "recorded body", Set.of()), TEAM);
            support.discard(t.id());
            support.record(Optional.empty());
            support.createTestTicket(new TestTicket("not recorded", "x", Set.of()), TEAM);

            assertThat(recorded).extracting(Exchange::method).containsExactly("POST", "GET", "GET", "DELETE");
            assertThat(recorded).allSatisfy(e -> {
                assertThat(e.target()).startsWith("/api/v2/").doesNotContain("oauth");
                assertThat(e.requestHeaders()).doesNotContainKey("authorization");
                assertThat(e.requestBody() + e.responseBody() + e.requestHeaders() + e.responseHeaders())
                        .doesNotContain(FakeZendesk.CLIENT_SECRET)
                        .doesNotContain("Bearer");
            });
            Exchange create = recorded.get(0);
            assertThat(create.target()).isEqualTo("/api/v2/tickets");
            assertThat(create.requestHeaders()).containsKey("idempotency-key");
            assertThat(create.requestBody()).contains("[handover selftest] recorded", REQUESTER);
            assertThat(create.status()).isEqualTo(201);
            assertThat(create.responseHeaders()).containsKey("x-rate-limit");
            assertThat(recorded.get(3).status()).isEqualTo(204);
        }
    }

    @Test
    void noProbeWritesToATicketItDidNotCreate() {
        try (FakeAccount account = FakeAccount.withTickets(6)) {
            ZendeskConnector crm = account.build();
            Map<Long, FakeZendesk.TicketView> before = seeded(account);
            SelfTestSupport support = support(crm);
            ProbeContext ctx = new ProbeContext(crm, support, TEAM, account.clock, account.clock::advance);
            support.probes().forEach(p -> p.run(ctx));

            assertThat(seeded(account)).isEqualTo(before);
            Set<String> own = account.zendesk.tickets().stream()
                    .filter(t -> t.id() >= 100_000)
                    .map(t -> Long.toString(t.id()))
                    .collect(Collectors.toSet());
            // every write names a ticket the self-test created (a test, task or probe ticket) or creates one
            assertThat(account.zendesk.requests(
                            q -> (q.method().equals("PUT") || q.method().equals("DELETE"))
                                    && q.path().startsWith("/api/v2/tickets/")))
                    .isNotEmpty()
                    .allSatisfy(q -> assertThat(q.path()).matches("/api/v2/tickets/1\\d{5}(\\.json)?"));
            assertThat(own)
                    .containsAll(ctx.created().stream().map(TicketId::value).toList());
        }
    }
}
