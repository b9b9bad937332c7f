package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.spi.Assignment;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmRateLimitedException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.zendesk.fake.FakeZendesk;
import dev.handover.zendesk.fake.Fault;
import dev.handover.zendesk.fake.FaultRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults on the wire — resets, empty replies, 5xx, malformed JSON, answers slower than the time-out, 429 storms — before
 * or after Zendesk processed the request: nothing is lost and nothing is written twice, asserted on the fake's state.
 *
 * <p>What every connector must survive is proved by the compatibility kit's fault cases ({@code
 * ZendeskConnectorCompatibilityTest}, through {@code FakeZendesk.kitFaults()}); this class keeps what is Zendesk's own:
 * that a failure of the handover's {@code PUT} is recovered within the one call (the kit also accepts a retryable
 * failure that the caller retries), the other ways an answer is lost, time-outs, storms longer than the retries, {@code create_many} and notice
 * jobs, and job polls.
 */
final class FaultToleranceTest {
    private FakeAccount account;
    private ZendeskConnector crm;

    @BeforeEach
    void start() {
        account = FakeAccount.withTickets(120);
        crm = account.connector().readTimeout(Duration.ofMillis(400)).build();
        crm.directory();
    }

    private void perItem() {
        crm.close();
        crm = account.connector()
                .readTimeout(Duration.ofMillis(400))
                .taskTicketPerItem(true)
                .build();
        crm.directory();
    }

    @AfterEach
    void stop() {
        crm.close();
        account.close();
    }

    private TicketUpdate handover(int n, String key, boolean withVersion) {
        TicketUpdate.Builder b = TicketUpdate.builder(FakeAccount.ticket(n))
                .note(NoteDraft.internal("Handover of ticket " + n))
                .assign(Assignment.toAgentInGroup(FakeAccount.CHEN, FakeAccount.BILLING))
                .addTag("handover");
        if (key != null) {
            b.idempotencyKey(key);
        }
        if (withVersion) {
            b.expectedVersion(crm.ticket(FakeAccount.ticket(n)).orElseThrow().version());
        }
        return b.build();
    }

    private long notes(int n, String text) {
        return account.zendesk.comments(FakeAccount.id(n)).stream()
                .filter(c -> c.body().startsWith(text))
                .count();
    }

    // a reset after the write landed is the compatibility kit's "a write whose answer was lost"; these are Zendesk's
    // other ways of losing the answer, each recovered within the one call (APPLIED, no retry by the caller)
    @ParameterizedTest(name = "{0} after Zendesk wrote the note")
    @EnumSource(
            value = Fault.class,
            names = {"EMPTY_REPLY", "SERVER_ERROR", "MALFORMED_JSON", "SERVICE_UNAVAILABLE"})
    void aLostAnswerToAHandoverWritesItOnce(Fault fault) {
        TicketUpdate u = handover(1, "ho-lost-" + fault.name().toLowerCase(java.util.Locale.ROOT), true);
        account.zendesk.inject(
                FaultRule.of(fault).on("PUT", "/api/v2/tickets/10001").afterProcessing());

        UpdateResult r = crm.apply(u);

        assertThat(r.status()).isEqualTo(UpdateResult.Status.APPLIED);
        assertThat(notes(1, "Handover of ticket 1")).isEqualTo(1);
        assertThat(account.zendesk.ticket(10001).orElseThrow().assigneeId()).isEqualTo(20003L);
    }

    @ParameterizedTest(name = "{0} before Zendesk saw the request")
    @EnumSource(
            value = Fault.class,
            names = {"CONNECTION_RESET", "EMPTY_REPLY", "SERVER_ERROR", "SERVICE_UNAVAILABLE", "RATE_LIMITED"})
    void aFailureBeforeProcessingIsRetriedAndWritesOnce(Fault fault) {
        account.zendesk.inject(FaultRule.of(fault).on("PUT", "/api/v2/tickets/10002"));

        UpdateResult r = crm.apply(handover(2, null, false));

        assertThat(r.status()).isEqualTo(UpdateResult.Status.APPLIED);
        assertThat(notes(2, "Handover of ticket 2")).isEqualTo(1);
    }

    @Test
    void aLostAnswerWithoutKeyOrVersionStillWritesOnce() {
        account.zendesk.inject(FaultRule.of(Fault.CONNECTION_RESET)
                .on("PUT", "/api/v2/tickets/10003")
                .afterProcessing());

        crm.apply(handover(3, null, false));

        assertThat(notes(3, "Handover of ticket 3")).isEqualTo(1);
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsRetriedAndWritesOnce() {
        account.zendesk.inject(
                FaultRule.of(Fault.HANG).on("PUT", "/api/v2/tickets/10004").afterProcessing());
        account.zendesk.inject(FaultRule.of(Fault.HANG).on("GET", "/api/v2/tickets/10005"));
        try {
            UpdateResult r = crm.apply(handover(4, "ho-slow", false));
            Ticket read = crm.ticket(FakeAccount.ticket(5)).orElseThrow();

            assertThat(r.status()).isEqualTo(UpdateResult.Status.APPLIED);
            assertThat(notes(4, "Handover of ticket 4")).isEqualTo(1);
            assertThat(read.id()).isEqualTo(FakeAccount.ticket(5));
        } finally {
            account.zendesk.releaseHangs();
        }
    }

    @Test
    void a429StormIsWaitedOutHonouringRetryAfter() {
        account.zendesk.inject(FaultRule.of(Fault.RATE_LIMITED)
                .on("PUT", "/api/v2/tickets/10006")
                .times(3)
                .retryAfter(Duration.ofSeconds(7)));

        UpdateResult r = crm.apply(handover(6, "ho-storm", true));

        assertThat(r.status()).isEqualTo(UpdateResult.Status.APPLIED);
        assertThat(notes(6, "Handover of ticket 6")).isEqualTo(1);
        assertThat(account.sleeps)
                .filteredOn(d -> d.equals(Duration.ofSeconds(7)))
                .hasSize(3);
    }

    @Test
    void aStormLongerThanTheRetriesIsRateLimitedWithNothingWrittenAndTheRetryLandsOnce() {
        account.zendesk.inject(FaultRule.of(Fault.RATE_LIMITED)
                .on("PUT", "/api/v2/tickets/10007")
                .times(4) // every attempt the policy allows
                .retryAfter(Duration.ofSeconds(5)));
        TicketUpdate u = handover(7, "ho-long-storm", true);

        assertThatThrownBy(() -> crm.apply(u))
                .isInstanceOf(CrmRateLimitedException.class)
                .satisfies(e ->
                        assertThat(((CrmRateLimitedException) e).retryAfter()).contains(Duration.ofSeconds(5)));
        assertThat(notes(7, "Handover of ticket 7")).isZero();

        assertThat(crm.apply(u).status()).isEqualTo(UpdateResult.Status.APPLIED);
        assertThat(crm.apply(u).status()).isEqualTo(UpdateResult.Status.REPLAYED);
        assertThat(notes(7, "Handover of ticket 7")).isEqualTo(1);
    }

    @Test
    void aLostAnswerToABatchWritesEveryTicketOnce() {
        List<TicketUpdate> updates = IntStream.rangeClosed(10, 19)
                .mapToObj(n -> handover(n, "ho-batch-" + n, true))
                .toList();
        // the kit's "a batch whose answer was lost" lets the caller retry; Zendesk's batch recovers within the one call
        account.zendesk.inject(FaultRule.of(Fault.CONNECTION_RESET)
                .on("PUT", "/api/v2/tickets/update_many")
                .afterProcessing());

        List<UpdateResult> results = crm.applyAll(updates);

        assertThat(results).allMatch(r -> r.status() == UpdateResult.Status.APPLIED);
        for (int n = 10; n <= 19; n++) {
            assertThat(notes(n, "Handover of ticket " + n)).as("ticket %d", n).isEqualTo(1);
        }
    }

    private static TicketUpdate.Builder withTasks(TicketUpdate.Builder b, String handover, String... keys) {
        for (String key : keys) {
            b.createTask(TaskDraft.builder(HandoverId.of(handover), key, TaskKind.ACTION)
                    .owner(FakeAccount.ADA)
                    .subject("Task " + key)
                    .due(FakeAccount.START.plus(Duration.ofHours(2)))
                    .build());
        }
        return b;
    }

    /** A note on ticket {@code n} with the tasks a, b and c, keyed {@code ho-tasks-n}. */
    private static TicketUpdate noteWithTasksABC(int n, String note) {
        String key = "ho-tasks-" + n;
        return withTasks(TicketUpdate.builder(FakeAccount.ticket(n)).note(NoteDraft.internal(note)), key, "a", "b", "c")
                .idempotencyKey(key)
                .build();
    }

    private List<FakeZendesk.RecordedRequest> creations() {
        return account.zendesk.requests(
                q -> q.method().equals("POST") && q.path().startsWith("/api/v2/tickets"));
    }

    @ParameterizedTest(name = "{0} after create_many was queued")
    @EnumSource(
            value = Fault.class,
            names = {"CONNECTION_RESET", "SERVER_ERROR", "SERVICE_UNAVAILABLE"})
    void aLostAnswerToCreateManyIsRetryableAndTheRetryAdoptsWhatTheLateJobCreated(Fault fault) {
        perItem(); // three tasks of one handover are one create_many only with a task ticket per task
        TicketUpdate u = withTasks(
                        TicketUpdate.builder(FakeAccount.ticket(20)).note(NoteDraft.internal("With tasks")),
                        "ho-tasks-20",
                        "ack",
                        "action-1",
                        "follow-up")
                .idempotencyKey("ho-tasks-20")
                .build();
        // Zendesk queued the job, the answer was lost (a 5xx is as uncertain as a reset), and the job runs late:
        // creating the tasks again before it ran would leave each task twice
        account.zendesk.holdNextJob();
        account.zendesk.inject(
                FaultRule.of(fault).on("POST", "/api/v2/tickets/create_many").afterProcessing());

        assertThatThrownBy(() -> crm.apply(u))
                .isInstanceOf(CrmUnavailableException.class)
                .hasMessageContaining("ticket 10020 was updated but task ho-tasks-20/ack was not created");
        account.zendesk.runHeldJobs();
        UpdateResult retry = crm.apply(u);

        assertThat(retry.status()).isEqualTo(UpdateResult.Status.REPLAYED);
        assertThat(retry.createdTasks()).extracting(t -> t.key()).containsExactly("ack", "action-1", "follow-up");
        assertThat(account.zendesk.taskTickets()).hasSize(3);
        assertThat(creations()).hasSize(1); // the one create_many: nothing created one by one, nothing repeated
        assertThat(notes(20, "With tasks")).isEqualTo(1);
    }

    @Test
    void aLostAnswerToCreateManyOfATasksOnlyUpdateIsNotRepeatedByItsRetry() {
        perItem(); // three tasks of one handover are one create_many only with a task ticket per task
        // nothing on the ticket marks a tasks-only update as applied: its retry looks its tasks up all the same
        TicketUpdate u = withTasks(TicketUpdate.builder(FakeAccount.ticket(23)), "ho-tasks-23", "a", "b", "c")
                .idempotencyKey("ho-tasks-23")
                .build();
        account.zendesk.holdNextJob();
        account.zendesk.inject(FaultRule.of(Fault.SERVER_ERROR)
                .on("POST", "/api/v2/tickets/create_many")
                .afterProcessing());

        assertThatThrownBy(() -> crm.apply(u)).isInstanceOf(CrmUnavailableException.class);
        account.zendesk.runHeldJobs();
        UpdateResult retry = crm.apply(u);

        assertThat(retry.createdTasks()).extracting(t -> t.key()).containsExactly("a", "b", "c");
        assertThat(account.zendesk.taskTickets()).hasSize(3);
        assertThat(creations()).hasSize(1);
    }

    @Test
    void aCreateManyJobStillQueuedWhenPollingGivesUpIsNotRepeatedByItsRetry() {
        perItem(); // three tasks of one handover are one create_many only with a task ticket per task
        TicketUpdate u = noteWithTasksABC(25, "Slow job");
        account.zendesk.holdNextJob(); // polls report it queued until the job timeout has passed

        assertThatThrownBy(() -> crm.apply(u))
                .isInstanceOf(CrmUnavailableException.class)
                .hasMessageContaining("retrying with the same idempotency key completes it");
        assertThat(account.zendesk.taskTickets()).isEmpty();
        account.zendesk.runHeldJobs(); // Zendesk's workers get to it after all
        UpdateResult retry = crm.apply(u);

        assertThat(retry.createdTasks()).extracting(t -> t.key()).containsExactly("a", "b", "c");
        assertThat(account.zendesk.taskTickets()).hasSize(3);
        assertThat(creations()).hasSize(1);
        assertThat(notes(25, "Slow job")).isEqualTo(1);
    }

    @Test
    void aSecondWriterOfTheSameHandoverWaitsForTheFirstWritersTasksInsteadOfCreatingThemAgain() {
        perItem(); // three tasks of one handover are one create_many only with a task ticket per task
        // two workers on one partition: the first wrote the note, its create_many job is still queued; the second
        // plans the same handover, finds the note (a replay of a key it never sent) and must not create the tasks too
        TicketUpdate u = noteWithTasksABC(26, "Two writers");
        account.zendesk.holdNextJob();
        assertThatThrownBy(() -> crm.apply(u)).isInstanceOf(CrmUnavailableException.class);
        assertThat(account.zendesk.taskTickets()).isEmpty();

        // the first writer's job runs once the second has waited a moment
        Instant later = account.clock.instant().plusSeconds(1);
        account.zendesk.onEveryRequest(r -> {
            if (account.clock.instant().isAfter(later)) {
                account.zendesk.runHeldJobs();
            }
        });
        int slept = account.sleeps.size();
        try (ZendeskConnector second =
                account.connector().taskTicketPerItem(true).build()) {
            UpdateResult r = second.apply(u);

            assertThat(r.status()).isEqualTo(UpdateResult.Status.REPLAYED);
            assertThat(r.createdTasks()).extracting(t -> t.key()).containsExactly("a", "b", "c");
        }
        assertThat(account.sleeps.subList(slept, account.sleeps.size())).first().isEqualTo(Duration.ofSeconds(2));
        assertThat(account.zendesk.taskTickets()).hasSize(3);
        assertThat(creations()).hasSize(1); // the first writer's create_many only
        assertThat(notes(26, "Two writers")).isEqualTo(1);
    }

    @Test
    void aCreateManyWhoseJobResultsAreMissingIsReconciledByExternalIdWithoutDuplicates() {
        perItem(); // three tasks of one handover are one create_many only with a task ticket per task
        // the job is known and ended: it can create nothing later, so the missing tasks are created at once
        TicketUpdate u = noteWithTasksABC(24, "Job stopped");
        account.zendesk.failNextJobAfter(1);

        UpdateResult r = crm.apply(u);

        assertThat(r.createdTasks()).extracting(t -> t.key()).containsExactly("a", "b", "c");
        assertThat(account.zendesk.taskTickets()).hasSize(3);
        assertThat(account.sleeps).contains(Duration.ofSeconds(2)); // waited for the job to settle before looking
    }

    @Test
    void aServerErrorAfterTheNoticeJobRanIsNotRepeatedSoEachCustomerHearsOnce() {
        List<TicketUpdate> updates = IntStream.rangeClosed(30, 34)
                .mapToObj(n -> TicketUpdate.builder(FakeAccount.ticket(n))
                        .note(NoteDraft.internal("Handover of ticket " + n))
                        .note(NoteDraft.customerReply("Chen now looks after your case " + n + "."))
                        .assign(Assignment.toAgentInGroup(FakeAccount.CHEN, FakeAccount.BILLING))
                        .idempotencyKey("ho-notice-" + n)
                        .build())
                .toList();
        // the first update_many is the handovers' job, the second the notices' job: its answer is lost after it ran
        account.zendesk.beforeNext("PUT", "/api/v2/tickets/update_many", () -> {});
        account.zendesk.beforeNext(
                "PUT",
                "/api/v2/tickets/update_many",
                () -> account.zendesk.inject(FaultRule.of(Fault.SERVER_ERROR)
                        .on("PUT", "/api/v2/tickets/update_many")
                        .afterProcessing()));

        List<UpdateResult> first = crm.applyAll(updates);
        List<UpdateResult> retried = crm.applyAll(updates);

        assertThat(first).noneMatch(UpdateResult::isSuccess); // the notices' outcome was unknown
        assertThat(retried).allMatch(r -> r.status() == UpdateResult.Status.REPLAYED);
        for (int n = 30; n <= 34; n++) {
            assertThat(notes(n, "Handover of ticket " + n))
                    .as("note of ticket %d", n)
                    .isEqualTo(1);
            assertThat(notes(n, "Chen now looks after your case " + n))
                    .as("notice of ticket %d", n)
                    .isEqualTo(1);
        }
    }

    @Test
    void aCreateManyThatNeverRanIsCompletedByTheRetry() {
        perItem(); // three tasks of one handover are one create_many only with a task ticket per task
        TicketUpdate u = noteWithTasksABC(21, "Never ran");
        account.zendesk.inject(FaultRule.of(Fault.EMPTY_REPLY).on("POST", "/api/v2/tickets/create_many"));

        assertThatThrownBy(() -> crm.apply(u)).isInstanceOf(CrmUnavailableException.class);
        assertThat(account.zendesk.taskTickets()).isEmpty();
        UpdateResult retry = crm.apply(u);

        assertThat(retry.createdTasks()).hasSize(3);
        assertThat(account.zendesk.taskTickets()).hasSize(3);
    }

    @Test
    void aCrashBetweenTheTicketWriteAndItsTaskIsCompletedByTheRetryOfAnotherProcess() {
        Ticket read = crm.ticket(FakeAccount.ticket(22)).orElseThrow();
        TicketUpdate u = TicketUpdate.builder(read.id())
                .note(NoteDraft.internal("Handover with an acknowledgement"))
                .assign(Assignment.toAgentInGroup(FakeAccount.BRUNO, FakeAccount.TECHNICAL))
                .createTask(TaskDraft.builder(HandoverId.of("ho-crash"), "ack", TaskKind.ACKNOWLEDGEMENT)
                        .owner(FakeAccount.BRUNO)
                        .subject("Acknowledge")
                        .due(FakeAccount.START.plus(Duration.ofHours(1)))
                        .build())
                .expectedVersion(read.version())
                .idempotencyKey("ho-crash")
                .build();
        account.zendesk.inject(
                FaultRule.of(Fault.SERVER_ERROR).on("POST", "/api/v2/tickets").times(4));

        assertThatThrownBy(() -> crm.apply(u))
                .isInstanceOf(CrmUnavailableException.class)
                .hasMessageContaining("ticket 10022 was updated but task ho-crash/ack was not created");
        assertThat(account.zendesk.taskTickets()).isEmpty();

        try (ZendeskConnector restarted = account.build()) {
            UpdateResult retry = restarted.apply(u);

            assertThat(retry.status()).isEqualTo(UpdateResult.Status.REPLAYED);
            assertThat(retry.createdTasks())
                    .singleElement()
                    .satisfies(t -> assertThat(t.key()).isEqualTo("ack"));
        }
        assertThat(notes(22, "Handover with an acknowledgement")).isEqualTo(1);
        assertThat(account.zendesk.taskTickets()).hasSize(1);
    }

    @Test
    void jobPollsSurviveServerErrors() {
        account.zendesk.jobPolls(3);
        account.zendesk.inject(FaultRule.of(Fault.SERVER_ERROR)
                .on("GET", "/api/v2/job_statuses/")
                .times(2));
        List<TicketUpdate> updates = new ArrayList<>();
        IntStream.rangeClosed(30, 34).forEach(n -> updates.add(handover(n, null, false)));

        List<UpdateResult> results = crm.applyAll(updates);

        assertThat(results).allMatch(UpdateResult::isSuccess);
        IntStream.rangeClosed(30, 34)
                .forEach(n -> assertThat(notes(n, "Handover of ticket " + n)).isEqualTo(1));
    }

    @Test
    void aJobWhoseStatusIsGoneIsAnUnknownOutcomeNotAMissingTicketAndTheRetryWritesOnce() {
        account.zendesk.jobPolls(2); // the first poll is needed: by then Zendesk has forgotten the job
        account.zendesk.beforeNext("GET", "/api/v2/job_statuses/", account.zendesk::expireJobStatuses);
        List<TicketUpdate> updates = new ArrayList<>();
        IntStream.rangeClosed(35, 37).forEach(n -> updates.add(handover(n, "gone-" + n, false)));

        List<UpdateResult> results = crm.applyAll(updates);

        assertThat(results).allSatisfy(r -> {
            assertThat(r.isSuccess()).isFalse();
            assertThat(r.error().orElseThrow())
                    .isInstanceOf(dev.handover.spi.error.CrmUnavailableException.class)
                    .hasMessageContaining("the outcome is unknown");
            assertThat(r.error().orElseThrow().isRetryable()).isTrue();
        });
        // the job had run: a retry with the same keys finds each write and adds nothing
        List<UpdateResult> again = crm.applyAll(updates);
        assertThat(again).allMatch(UpdateResult::isSuccess);
        IntStream.rangeClosed(35, 37)
                .forEach(n -> assertThat(notes(n, "Handover of ticket " + n)).isEqualTo(1));
    }

    @Test
    void readsAreRetriedAfterMalformedAnswers() {
        account.zendesk.inject(FaultRule.of(Fault.MALFORMED_JSON)
                .on("GET", "/api/v2/tickets/show_many")
                .times(2));

        var found = crm.tickets(List.of(FakeAccount.ticket(40), FakeAccount.ticket(41), TicketId.of("99999")));

        assertThat(found).containsOnlyKeys(FakeAccount.ticket(40), FakeAccount.ticket(41));
    }
}
