package dev.handover.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.salesforce.fake.FakeSalesforce.RecordedRequest;
import dev.handover.spi.Assignment;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A busy org's own triggers and flows share every transaction with the adapter. "Total number of records processed as a
 * result of DML statements: 10,000" per transaction (Apex Developer Guide, Execution Governors and Limits): a 200-Case
 * write whose automation adds rows per record can exceed it although halves would pass. The fake org enforces that
 * limit, refuses records by "validation rule", and can answer a failed collection with one error array instead of a
 * result per record (Salesforce's docs show per-record results; inside an allOrNone composite the other shape is not
 * ruled out).
 */
final class BusyOrgTest {
    private static final String NOTICE = "Your case is now with our billing team.";

    private static TicketUpdate handover(Ticket t, String key) {
        HandoverId id = HandoverId.of(("ho-" + key).toLowerCase(java.util.Locale.ROOT));
        return TicketUpdate.builder(t.id())
                .note(NoteDraft.internal("Handover: refund promised by Friday."))
                .note(NoteDraft.customerReply(NOTICE))
                .assign(Assignment.toAgentInGroup(SalesforceKitIdsAccess.agent(5), SalesforceKitIdsAccess.group(1)))
                .addTag("handover")
                .createTask(TaskDraft.builder(id, "ack", TaskKind.ACKNOWLEDGEMENT)
                        .owner(SalesforceKitIdsAccess.agent(5))
                        .subject("Acknowledge the handover")
                        .due(Orgs.START.plus(Duration.ofHours(2)))
                        .build())
                .expectedVersion(t.version())
                .idempotencyKey(key)
                .build();
    }

    private static List<TicketUpdate> shiftChange(SalesforceConnector crm, Orgs orgs, int from, int to, String key) {
        List<TicketId> ids =
                IntStream.rangeClosed(from, to).mapToObj(orgs.fixture::ticket).toList();
        Map<TicketId, Ticket> tickets = crm.tickets(ids);
        List<TicketUpdate> updates = new ArrayList<>();
        tickets.values().forEach(t -> updates.add(handover(t, key + "-" + t.id().value())));
        return updates;
    }

    private static long notices(Orgs orgs) {
        return orgs.org.records("CaseComment").stream()
                .filter(c -> NOTICE.equals(c.get("CommentBody")))
                .count();
    }

    private static long writes(Orgs orgs) {
        return orgs.org.requests(RecordedRequest::isApiCall).stream()
                .filter(r -> r.path().endsWith("/composite") && r.body().contains("\"PATCH\""))
                .count();
    }

    @Test
    void aShiftChangeOverTheOrgsRowLimitIsHalvedUntilItPassesAndLaterWritesUseTheSizeThatPassed() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            crm.directory();
            // each record the API writes makes the org's automation write 24 more rows: a call of 133 Cases (532
            // records,
            // 13,300 rows) exceeds 10,000; 67 Cases (6,700 rows) pass
            orgs.org.orgAutomation(24);
            List<TicketUpdate> updates = shiftChange(crm, orgs, 1, 200, "busy");
            orgs.org.clearRequests();

            List<UpdateResult> results = crm.applyAll(updates);

            assertThat(results)
                    .allSatisfy(r -> assertThat(r.status())
                            .as(r.error().map(Throwable::getMessage).orElse(""))
                            .isEqualTo(UpdateResult.Status.APPLIED));
            assertThat(notices(orgs)).as("each notice written once").isEqualTo(200);
            assertThat(orgs.org.records("Task")).hasSize(200);
            long first = writes(orgs);
            System.out.println("200 Cases over a 10,000-row limit: " + first + " write calls");
            assertThat(first).isEqualTo(4); // 133 refused, halves of 67 and 66 pass, the last 67 at the size learnt

            // the next shift change starts at the size that passed: no refused call
            orgs.org.clearRequests();
            List<UpdateResult> again = crm.applyAll(shiftChange(crm, orgs, 1, 120, "busy-2"));
            assertThat(again).allMatch(r -> r.status() == UpdateResult.Status.APPLIED);
            assertThat(writes(orgs)).isEqualTo(2); // 120 Cases at 67 per call
        }
    }

    @Test
    void theOneCaseAValidationRuleRefusesIsNamedAndTheOthersLandWhicheverShapeTheAnswerHas() {
        for (boolean oneArray : List.of(false, true)) {
            try (Orgs orgs = new Orgs()) {
                SalesforceConnector crm = orgs.connector();
                crm.directory();
                String bad = orgs.fixture.ticket(37).value();
                orgs.org.refuseWritesTo(bad, "Closed Cases cannot change owner");
                orgs.org.collectionErrorsAsOneArray(oneArray);
                List<TicketUpdate> updates = shiftChange(crm, orgs, 1, 60, "rule-" + oneArray);
                orgs.org.clearRequests();

                List<UpdateResult> results = crm.applyAll(updates);

                List<UpdateResult> failed =
                        results.stream().filter(r -> !r.isSuccess()).toList();
                assertThat(failed)
                        .as("answer shape one array: %s", oneArray)
                        .singleElement()
                        .satisfies(r -> {
                            assertThat(r.ticket().value()).isEqualTo(bad);
                            assertThat(r.error()).containsInstanceOf(CrmInvalidRequestException.class);
                            assertThat(r.error().orElseThrow().vendorCode())
                                    .hasValue("FIELD_CUSTOM_VALIDATION_EXCEPTION");
                        });
                assertThat(notices(orgs)).isEqualTo(59);
                System.out.println("one refused Case among 60, " + (oneArray ? "one error array" : "per-record results")
                        + ": " + orgs.org.requests(RecordedRequest::isApiCall).size() + " calls");
            }
        }
    }

    @Test
    void aSweepClosingSixHundredTasksKeepsEveryGuardUrlUnderTheLimit() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            crm.directory();
            List<TicketUpdate> creating = new ArrayList<>();
            for (Ticket t : crm.tickets(IntStream.rangeClosed(1, 200)
                            .mapToObj(orgs.fixture::ticket)
                            .toList())
                    .values()) {
                HandoverId id = HandoverId.of("ho-sweep-" + t.id().value().toLowerCase(java.util.Locale.ROOT));
                TicketUpdate.Builder b = TicketUpdate.builder(t.id()).idempotencyKey("tasks-" + t.id().value());
                for (String key : List.of("ack", "action-1", "follow-up")) {
                    b.createTask(TaskDraft.builder(id, key, TaskKind.ACTION)
                            .owner(SalesforceKitIdsAccess.agent(5))
                            .subject("Task " + key)
                            .due(Orgs.START.plus(Duration.ofHours(2)))
                            .build());
                }
                creating.add(b.build());
            }
            List<UpdateResult> created = crm.applyAll(creating);
            assertThat(created).allMatch(UpdateResult::isSuccess);
            List<TicketUpdate> closing = new ArrayList<>();
            for (UpdateResult r : created) {
                TicketUpdate.Builder b = TicketUpdate.builder(r.ticket())
                        .idempotencyKey("close-" + r.ticket().value());
                r.createdTasks().forEach(t -> b.changeTask(dev.handover.spi.TaskChange.complete(t.id())));
                closing.add(b.build());
            }

            List<UpdateResult> closed = crm.applyAll(closing);

            assertThat(closed)
                    .allSatisfy(r -> assertThat(r.isSuccess())
                            .as(r.error().map(Throwable::getMessage).orElse(""))
                            .isTrue());
            assertThat(orgs.org.records("Task"))
                    .allSatisfy(t -> assertThat(t.get("Status")).isEqualTo("Completed"));
            assertThat(orgs.org.longestSubrequestUrl()).isLessThanOrEqualTo(16_000);
        }
    }

    @Test
    void aRefusalOfTheSetupItselfIsNotBisectedCaseByCase() {
        try (Orgs orgs = new Orgs()) {
            // field-level security leaves the tags field read-only: every half would be refused alike
            SalesforceConnector crm = orgs.connector();
            crm.directory();
            orgs.org.readOnlyField("Handover_Tags__c");
            orgs.org.collectionErrorsAsOneArray(true);
            List<TicketUpdate> updates = shiftChange(crm, orgs, 1, 60, "setup");
            orgs.org.clearRequests();

            List<UpdateResult> results = crm.applyAll(updates);

            assertThat(results).allSatisfy(r -> assertThat(r.isSuccess()).isFalse());
            assertThat(orgs.org.requests(RecordedRequest::isApiCall))
                    .as("one refused write and the re-read that rules out changed Cases")
                    .hasSizeLessThanOrEqualTo(2);
        }
    }

    @Test
    void aCaseWhoseAutomationExceedsTheLimitEvenAloneFailsSayingSoAndNothingIsWritten() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            crm.directory();
            orgs.org.orgAutomation(20_000); // even one record is past the limit
            List<TicketUpdate> updates = shiftChange(crm, orgs, 1, 3, "alone");

            List<UpdateResult> results = crm.applyAll(updates);

            assertThat(results).allSatisfy(r -> {
                assertThat(r.isSuccess()).isFalse();
                assertThat(r.error().orElseThrow().getMessage())
                        .contains("the org's own automation (triggers, flows) exceeds too many DML rows when this Case"
                                + " alone is written")
                        .contains("retrying will not help");
                assertThat(r.error().orElseThrow().isRetryable()).isFalse();
            });
            assertThat(notices(orgs)).isZero();
        }
    }
}
