package dev.handover.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.salesforce.fake.FakeFaults.Fault;
import dev.handover.salesforce.fake.FakeFaults.Target;
import dev.handover.salesforce.fake.FakeSalesforce;
import dev.handover.spi.Assignment;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmRateLimitedException;
import dev.handover.spi.error.CrmUnauthorizedException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * When Salesforce or the network fails — reset connections, empty or cut-off answers, 5xx, timeouts, locked rows, an
 * exhausted allocation, expired sessions — nothing is lost and nothing is written twice. Asserted on the fake org's
 * state, not on what the connector says.
 */
final class FaultToleranceTest {

    private static TicketUpdate.Builder handoverBuilder(TicketId ticket, String key) {
        return TicketUpdate.builder(ticket)
                .note(NoteDraft.internal("Handover note " + key))
                .assign(Assignment.toAgentInGroup(SalesforceKitIdsAccess.agent(2), SalesforceKitIdsAccess.group(2)))
                .addTag("handover")
                .createTask(TaskDraft.builder(HandoverId.of("ho-" + key), "ack", TaskKind.ACKNOWLEDGEMENT)
                        .owner(SalesforceKitIdsAccess.agent(2))
                        .subject("Acknowledge " + key)
                        .due(Orgs.START.plus(Duration.ofHours(1)))
                        .build());
    }

    private static TicketUpdate handover(TicketId ticket, String key) {
        return handoverBuilder(ticket, key).build();
    }

    private static TicketUpdate keyed(TicketId ticket, String key) {
        return handoverBuilder(ticket, key).idempotencyKey(key).build();
    }

    /** The composite calls that carried a write (a guard), as the org received them. */
    private static long writesSent(Orgs orgs) {
        return orgs.org
                .requests(r -> r.path().endsWith("/composite") && r.body().contains("\"referenceId\":\"guard\""))
                .size();
    }

    private static long notesWith(Orgs orgs, TicketId ticket, String key) {
        return orgs.org.comments(ticket.value()).stream()
                .filter(c -> ("Handover note " + key).equals(c.get("CommentBody")))
                .count();
    }

    private static long tasksOf(Orgs orgs, String key) {
        return orgs.org.records("Task").stream()
                .filter(t -> ("ho-" + key).equals(t.get("Handover_Id__c")))
                .count();
    }

    // a plain lost answer (DROP_AFTER) is the kit's "a write whose answer was lost after it landed is written once";
    // these answers arrive, but say nothing usable, and the write is still not sent again
    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = Fault.class,
            names = {"STATUS_500_AFTER", "MALFORMED_JSON_AFTER"})
    void writeWhoseAnswerWasLostLandsOnce(Fault fault) {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            TicketId ticket = orgs.fixture.ticket(5);
            crm.directory(); // warm, so the fault meets the write
            orgs.org.faults().next(Target.COMPOSITE, fault);

            UpdateResult result =
                    crm.apply(keyed(ticket, "lost-" + fault.name().toLowerCase().replace('_', '-')));
            assertThat(writesSent(orgs)).as("the write is not sent again").isEqualTo(1);

            String key = "lost-" + fault.name().toLowerCase().replace('_', '-');
            assertThat(result.status()).isEqualTo(UpdateResult.Status.APPLIED);
            assertThat(notesWith(orgs, ticket, key)).isEqualTo(1);
            assertThat(tasksOf(orgs, key)).isEqualTo(1);
            assertThat(result.createdTasks()).hasSize(1);
            assertThat(orgs.org.record(ticket.value()).orElseThrow().get("OwnerId"))
                    .isEqualTo(SalesforceKitIdsAccess.agent(2).value());
        }
    }

    @Test
    void theKitsLostAnswerMeetsTheWriteNotTheDirectoryReadBeforeIt() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            TicketId ticket = orgs.fixture.ticket(4);
            orgs.org.kitFaults().loseNextWriteAnswer(); // the directory is cold: the write reads it first

            UpdateResult result = crm.apply(keyed(ticket, "kit-lost"));

            assertThat(orgs.org.kitFaults().pending()).isZero();
            assertThat(result.status()).isEqualTo(UpdateResult.Status.APPLIED);
            assertThat(writesSent(orgs)).as("lost, then recovered by a re-read").isEqualTo(1);
            List<FakeSalesforce.RecordedRequest> sent = orgs.org.requests(FakeSalesforce.RecordedRequest::isApiCall);
            int write = sent.indexOf(orgs.org
                    .requests(r -> r.path().endsWith("/composite") && r.body().contains("\"referenceId\":\"guard\""))
                    .get(0));
            assertThat(sent.subList(write + 1, sent.size()))
                    .as("the Case is re-read after the write: its answer was lost")
                    .anyMatch(r -> r.path().endsWith("/query"));
            assertThat(notesWith(orgs, ticket, "kit-lost")).isEqualTo(1);
        }
    }

    @Test
    void writeWithoutAnIdempotencyKeyWhoseAnswerWasLostLandsOnce() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            TicketId ticket = orgs.fixture.ticket(6);
            crm.directory();
            orgs.org.faults().next(Target.COMPOSITE, Fault.DROP_AFTER);

            UpdateResult result = crm.apply(handover(ticket, "nokey"));
            assertThat(writesSent(orgs)).isEqualTo(1);

            assertThat(result.status()).isEqualTo(UpdateResult.Status.APPLIED);
            assertThat(notesWith(orgs, ticket, "nokey")).isEqualTo(1);
            assertThat(tasksOf(orgs, "nokey")).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = Fault.class,
            names = {"DROP_BEFORE", "STATUS_500_BEFORE", "STATUS_503_BEFORE", "UNABLE_TO_LOCK_ROW"})
    void writeThatDidNotLandIsSentAgainAndLandsOnce(Fault fault) {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            TicketId ticket = orgs.fixture.ticket(7);
            crm.directory();
            orgs.org.faults().next(Target.COMPOSITE, fault);

            UpdateResult result = crm.apply(keyed(ticket, "again"));
            assertThat(writesSent(orgs)).as("sent again once").isEqualTo(2);

            assertThat(result.status()).isEqualTo(UpdateResult.Status.APPLIED);
            assertThat(notesWith(orgs, ticket, "again")).isEqualTo(1);
            assertThat(tasksOf(orgs, "again")).isEqualTo(1);
            assertThat(orgs.slept).isNotEmpty(); // it waited before sending again
        }
    }

    @Test
    void writeThatTimedOutAfterLandingIsNotWrittenAgain() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector(orgs.org.settings(v -> v.put("http.read-timeout", "400ms")));
            TicketId ticket = orgs.fixture.ticket(8);
            crm.directory();
            orgs.org.faults().next(Target.COMPOSITE, Fault.HANG_AFTER);

            UpdateResult result = crm.apply(keyed(ticket, "timeout"));
            assertThat(writesSent(orgs)).isEqualTo(1);

            assertThat(result.status()).isEqualTo(UpdateResult.Status.APPLIED);
            assertThat(notesWith(orgs, ticket, "timeout")).isEqualTo(1);
            assertThat(tasksOf(orgs, "timeout")).isEqualTo(1);
        }
    }

    @Test
    void batchWhoseAnswerWasLostIsWrittenExactlyOnce() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            List<TicketUpdate> updates = IntStream.rangeClosed(60, 109)
                    .mapToObj(i -> keyed(orgs.fixture.ticket(i), "batch-" + i))
                    .toList();
            crm.directory();
            orgs.org.faults().next(Target.COMPOSITE, Fault.DROP_AFTER);

            List<UpdateResult> results = crm.applyAll(updates);
            assertThat(writesSent(orgs)).isEqualTo(1);

            assertThat(results).allMatch(r -> r.status() == UpdateResult.Status.APPLIED);
            for (int i = 60; i <= 109; i++) {
                assertThat(notesWith(orgs, orgs.fixture.ticket(i), "batch-" + i))
                        .isEqualTo(1);
                assertThat(tasksOf(orgs, "batch-" + i)).isEqualTo(1);
            }
            assertThat(results).allMatch(r -> r.createdTasks().size() == 1);
        }
    }

    @Test
    void anUnreadableAnswerFailsOnlyTheUpdatesOfItsCallAndLaterCallsAreStillSent() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            List<TicketId> ids =
                    IntStream.rangeClosed(1, 201).mapToObj(orgs.fixture::ticket).toList();
            crm.tickets(ids); // 201 Cases: two write calls of at most 200
            List<TicketUpdate> updates = ids.stream()
                    .map(t -> TicketUpdate.builder(t)
                            .note(NoteDraft.internal("Handover note pack-" + t.value()))
                            .idempotencyKey("pack-" + t.value())
                            .build())
                    .toList();
            // the first call lands but its answer is lost, and the re-read of its Cases cannot be read
            orgs.org
                    .faults()
                    .next(Target.COMPOSITE, Fault.DROP_AFTER)
                    .next(Target.COMPOSITE, Fault.UNREADABLE_DATES_AFTER);

            List<UpdateResult> results = crm.applyAll(updates);

            assertThat(results).hasSize(201);
            assertThat(results.subList(0, 200))
                    .allSatisfy(r -> assertThat(r.error())
                            .hasValueSatisfying(e -> assertThat(e.vendorCode()).hasValue("UNREADABLE_ANSWER")));
            assertThat(results.get(200).status()).isEqualTo(UpdateResult.Status.APPLIED);
            assertThat(writesSent(orgs)).isEqualTo(2);

            // retried with the same keys, the first call's updates are replays: nothing is written twice
            assertThat(crm.applyAll(updates.subList(0, 200))).allMatch(r -> r.status() == UpdateResult.Status.REPLAYED);
            assertThat(writesSent(orgs)).isEqualTo(2);
            for (TicketId t : ids) {
                assertThat(notesWith(orgs, t, "pack-" + t.value()))
                        .as("notes of %s", t)
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void batchWhoseCreatedTasksCannotBeReadBackKeepsEveryResult() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            TicketId first = orgs.fixture.ticket(110);
            TicketId second = orgs.fixture.ticket(111);
            crm.directory();
            HandoverId handover = HandoverId.of("ho-unreadable");
            // an earlier task of the same handover, whose due time the org answers as no date
            UpdateResult earlier = crm.apply(TicketUpdate.builder(first)
                    .createTask(TaskDraft.builder(handover, "action-1", TaskKind.ACTION)
                            .owner(SalesforceKitIdsAccess.agent(2))
                            .subject("Earlier")
                            .due(Orgs.START.plus(Duration.ofHours(2)))
                            .build())
                    .build());
            orgs.org.putRawValue(earlier.createdTasks().get(0).id().value(), "Handover_Due__c", "not a date");
            List<TicketUpdate> updates = List.of(
                    TicketUpdate.builder(first)
                            .note(NoteDraft.internal("Handover note unreadable-1"))
                            .createTask(TaskDraft.builder(handover, "ack", TaskKind.ACKNOWLEDGEMENT)
                                    .owner(SalesforceKitIdsAccess.agent(2))
                                    .subject("Acknowledge")
                                    .due(Orgs.START.plus(Duration.ofHours(1)))
                                    .build())
                            .idempotencyKey("unreadable-1")
                            .build(),
                    keyed(second, "unreadable-2"));
            // the answer is lost: the re-read finds both writes, then their tasks are looked up
            orgs.org.faults().next(Target.COMPOSITE, Fault.DROP_AFTER);

            List<UpdateResult> results = crm.applyAll(updates);

            assertThat(results).hasSize(2).allMatch(r -> r.status() == UpdateResult.Status.APPLIED);
            assertThat(writesSent(orgs)).isEqualTo(2); // the earlier write and the batch, once
            assertThat(notesWith(orgs, first, "unreadable-1")).isEqualTo(1);
            assertThat(notesWith(orgs, second, "unreadable-2")).isEqualTo(1);
            assertThat(tasksOf(orgs, "unreadable-2")).isEqualTo(1);
        }
    }

    @Test
    void exhaustedDailyLimitIsRateLimitedWritesNothingAndPausesCallsLocally() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            TicketId ticket = orgs.fixture.ticket(9);
            crm.directory();
            orgs.org.faults().next(Target.COMPOSITE, Fault.LIMIT_EXCEEDED);

            assertThatThrownBy(() -> crm.apply(keyed(ticket, "limit")))
                    .isInstanceOfSatisfying(CrmRateLimitedException.class, e -> {
                        assertThat(e.vendorCode()).hasValue("REQUEST_LIMIT_EXCEEDED");
                        assertThat(e.httpStatus()).hasValue(403);
                        assertThat(e.retryAfter()).hasValue(Duration.ofMinutes(5));
                    });
            assertThat(notesWith(orgs, ticket, "limit")).isZero();

            long before = orgs.org.requests().size();
            assertThatThrownBy(() -> crm.ticket(ticket)).isInstanceOf(CrmRateLimitedException.class);
            assertThat(orgs.org.requests()).hasSize((int) before); // refused without calling

            orgs.clock.advance(Duration.ofMinutes(6));
            assertThat(crm.ticket(ticket)).isPresent();
        }
    }

    // a 500 before a read is the kit's "a server error on a read is retried or reported as retryable"
    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = Fault.class,
            names = {"DROP_BEFORE", "DROP_AFTER", "STATUS_503_BEFORE", "MALFORMED_JSON_AFTER"})
    void readsAreRetried(Fault fault) {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            orgs.org.faults().next(Target.QUERY, fault);

            Ticket t = crm.ticket(orgs.fixture.ticket(3)).orElseThrow();

            assertThat(t.subject()).isEqualTo("Kit ticket 3");
        }
    }

    @Test
    void readsGiveUpAfterTheConfiguredAttemptsWaitingLongerEachTime() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector(orgs.org.settings(v -> {
                v.put("retry.max-attempts", "5");
                v.put("retry.initial-backoff", "100ms");
                v.put("retry.max-backoff", "1s");
            }));
            orgs.org.faults().next(Target.QUERY, Fault.STATUS_503_BEFORE, 5);

            assertThatThrownBy(() -> crm.ticket(orgs.fixture.ticket(3)))
                    .isInstanceOfSatisfying(CrmUnavailableException.class, e -> {
                        assertThat(e.httpStatus()).hasValue(503);
                        assertThat(e.vendorCode()).hasValue("SERVER_UNAVAILABLE");
                        assertThat(e.isRetryable()).isTrue();
                    });
            assertThat(orgs.slept).hasSize(4);
            // capped exponential backoff with jitter: retry n waits between half and all of min(1s, 100ms * 2^(n-1))
            long[] caps = {100, 200, 400, 800};
            for (int i = 0; i < 4; i++) {
                assertThat(orgs.slept.get(i).toMillis()).isBetween(caps[i] / 2, caps[i]);
            }
        }
    }

    @Test
    void expiredSessionIsRenewedOnceAndTheCallRepeated() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            crm.ticket(orgs.fixture.ticket(1));
            orgs.org.expireTokens();

            assertThat(crm.ticket(orgs.fixture.ticket(2))).isPresent();
            assertThat(crm.tokensFetched()).isEqualTo(2);
            assertThat(orgs.org.tokensIssued()).isEqualTo(2);
        }
    }

    @Test
    void writeRefusedForAnExpiredSessionIsSentOnceMoreWithANewToken() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            TicketId ticket = orgs.fixture.ticket(10);
            crm.ticket(ticket);
            crm.directory();
            orgs.org.faults().next(Target.COMPOSITE, Fault.SESSION_EXPIRED);

            assertThat(crm.apply(keyed(ticket, "session")).status()).isEqualTo(UpdateResult.Status.APPLIED);
            assertThat(notesWith(orgs, ticket, "session")).isEqualTo(1);
        }
    }

    @Test
    void sessionThatStaysInvalidIsUnauthorized() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            orgs.org.faults().next(Target.QUERY, Fault.SESSION_EXPIRED, 2);

            assertThatThrownBy(() -> crm.ticket(orgs.fixture.ticket(1)))
                    .isInstanceOfSatisfying(
                            CrmUnauthorizedException.class,
                            e -> assertThat(e.vendorCode()).hasValue("INVALID_SESSION_ID"));
        }
    }

    @Test
    void changeByAPersonBetweenReadAndWriteIsNotOverwritten() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            TicketId ticket = orgs.fixture.ticket(11);
            Ticket read = crm.ticket(ticket).orElseThrow(); // cached as the base of the next write
            orgs.org.editCase(ticket.value(), Map.of("Handover_Tags__c", "kit n2 vip"));

            crm.apply(TicketUpdate.builder(ticket).addTag("handover").build());

            assertThat(crm.ticket(ticket).orElseThrow().tags()).contains("vip", "handover");
            assertThatThrownBy(() -> crm.apply(TicketUpdate.builder(ticket)
                            .note(NoteDraft.internal("stale"))
                            .expectedVersion(read.version())
                            .build()))
                    .isInstanceOf(CrmConflictException.class);
            assertThat(orgs.org.comments(ticket.value())).noneMatch(c -> "stale".equals(c.get("CommentBody")));
        }
    }

    @Test
    void twoWorkersApplyingTheSameHandoverWriteItOnce() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector a = orgs.connector();
            SalesforceConnector b = orgs.connector();
            TicketId ticket = orgs.fixture.ticket(12);
            a.ticket(ticket);
            b.ticket(ticket);
            TicketUpdate u = keyed(ticket, "twice");

            UpdateResult first = a.apply(u);
            UpdateResult second = b.apply(u); // b's read is stale: its guard fails, the re-read finds the key

            assertThat(first.status()).isEqualTo(UpdateResult.Status.APPLIED);
            assertThat(second.status()).isEqualTo(UpdateResult.Status.REPLAYED);
            assertThat(second.createdTasks())
                    .extracting(t -> t.id())
                    .isEqualTo(first.createdTasks().stream().map(t -> t.id()).toList());
            assertThat(notesWith(orgs, ticket, "twice")).isEqualTo(1);
            assertThat(tasksOf(orgs, "twice")).isEqualTo(1);
        }
    }

    /**
     * A random mix of faults (seeded) before each of many handovers; the caller retries retryable failures with the
     * same idempotency key, as the engine does. Every handover lands exactly once.
     */
    @Test
    void randomFaultsNeitherLoseNorDuplicateHandovers() {
        Random random = new Random(20260302);
        Fault[] faults = {
            Fault.DROP_BEFORE,
            Fault.DROP_AFTER,
            Fault.STATUS_500_BEFORE,
            Fault.STATUS_500_AFTER,
            Fault.STATUS_503_BEFORE,
            Fault.MALFORMED_JSON_AFTER,
            Fault.UNABLE_TO_LOCK_ROW,
            Fault.SESSION_EXPIRED
        };
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            crm.directory();
            for (int n = 120; n < 150; n++) {
                TicketId ticket = orgs.fixture.ticket(n);
                TicketUpdate u = keyed(ticket, "rnd-" + n);
                int faultCount = random.nextInt(4);
                for (int f = 0; f < faultCount; f++) {
                    Target target = random.nextBoolean() ? Target.COMPOSITE : Target.QUERY;
                    orgs.org.faults().next(target, faults[random.nextInt(faults.length)]);
                }
                UpdateResult result = null;
                for (int attempt = 0; attempt < 10 && result == null; attempt++) {
                    try {
                        result = crm.apply(u);
                    } catch (CrmException e) {
                        assertThat(e.isRetryable())
                                .as("only transient failures: %s", e)
                                .isTrue();
                    }
                }
                orgs.org.faults().clear();
                assertThat(result).as("handover %d", n).isNotNull();
                assertThat(notesWith(orgs, ticket, "rnd-" + n))
                        .as("notes of %d", n)
                        .isEqualTo(1);
                assertThat(tasksOf(orgs, "rnd-" + n)).as("tasks of %d", n).isEqualTo(1);
            }
        }
    }

    @Test
    void fakeOrgAppliesItsAssignmentRuleToCasesWrittenWithoutTheHeader() throws Exception {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            String ticket = orgs.fixture.ticket(13).value();
            String agent = SalesforceKitIdsAccess.agent(3).value();
            var http = java.net.http.HttpClient.newHttpClient();
            String token = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(http.send(
                                    java.net.http.HttpRequest.newBuilder(
                                                    orgs.org.url().resolve("/services/oauth2/token"))
                                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                                    "grant_type=client_credentials&client_id="
                                                            + FakeSalesforce.CLIENT_ID + "&client_secret="
                                                            + FakeSalesforce.CLIENT_SECRET))
                                            .build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofString())
                            .body())
                    .path("access_token")
                    .asText();
            String composite = "{\"allOrNone\":true,\"compositeRequest\":[{\"method\":\"PATCH\",\"url\":"
                    + "\"/services/data/v67.0/sobjects/Case/" + ticket
                    + "\",\"referenceId\":\"c\",\"body\":{\"OwnerId\":\""
                    + agent + "\"}}]}";
            http.send(
                    java.net.http.HttpRequest.newBuilder(orgs.org.url().resolve("/services/data/v67.0/composite"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(composite))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());

            Ticket after = crm.ticket(orgs.fixture.ticket(13)).orElseThrow();
            assertThat(after.assignee()).isEmpty(); // the rule moved it to its queue, not to the agent asked for
            assertThat(crm.directory()
                            .group(after.group().orElseThrow())
                            .orElseThrow()
                            .name())
                    .isEqualTo(FakeSalesforce.ASSIGNMENT_RULE_QUEUE_NAME);

            crm.apply(TicketUpdate.builder(after.id())
                    .assign(Assignment.toAgent(SalesforceKitIdsAccess.agent(3)))
                    .build());
            assertThat(crm.ticket(after.id()).orElseThrow().assignee()).contains(SalesforceKitIdsAccess.agent(3));
        }
    }
}
