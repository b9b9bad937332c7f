package dev.handover.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.spi.Assignment;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How Salesforce's ownership rules and the batch path shape writes, beyond what the kit asks. */
final class WritePathTest {

    private static TaskDraft task(String handover, String key, int owner, Orgs orgs) {
        return TaskDraft.builder(HandoverId.of(handover), key, TaskKind.ACTION)
                .owner(orgs.fixture.agent(owner))
                .subject("Do " + key)
                .due(Orgs.START.plus(Duration.ofHours(1)))
                .build();
    }

    @Test
    void aCaseWaitsOnlyInAQueueNeverInAPublicGroup() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            TicketId ticket = orgs.fixture.ticket(41);

            assertThatThrownBy(() -> crm.apply(TicketUpdate.builder(ticket)
                            .assign(Assignment.toGroup(orgs.fixture.group(1))) // "Kit Billing" is a team
                            .build()))
                    .isInstanceOfSatisfying(
                            CrmInvalidRequestException.class,
                            e -> assertThat(e.vendorCode()).hasValue("NOT_A_QUEUE"));
            assertThatThrownBy(() -> crm.apply(TicketUpdate.builder(ticket)
                            .assign(Assignment.toAgentInGroup(orgs.fixture.agent(2), orgs.fixture.group(1)))
                            .build()))
                    .isInstanceOfSatisfying(
                            CrmInvalidRequestException.class,
                            e -> assertThat(e.vendorCode()).hasValue("ASSIGNEE_NOT_IN_GROUP"));
            assertThat(crm.ticket(ticket).orElseThrow().assignee())
                    .isEqualTo(orgs.fixture.seed(41).assignee());
        }
    }

    @Test
    void anAgentTakingACaseFromItsQueueKeepsTheQueueAsGroup() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            TicketId queued = orgs.fixture.ticket(44); // 44 % 4 == 0: in the queue, no assignee

            crm.apply(TicketUpdate.builder(queued)
                    .assign(Assignment.toAgent(orgs.fixture.agent(3)))
                    .build());

            Ticket t = crm.ticket(queued).orElseThrow();
            assertThat(t.assignee()).contains(orgs.fixture.agent(3));
            assertThat(t.group()).contains(orgs.fixture.group(3));
        }
    }

    @Test
    void aTaskOfAnotherCaseIsNotChangedAndNothingIsWritten() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            Task other = crm.apply(TicketUpdate.builder(orgs.fixture.ticket(45))
                            .createTask(task("ho-other", "a", 1, orgs))
                            .build())
                    .createdTasks()
                    .get(0);
            TicketId ticket = orgs.fixture.ticket(46);

            assertThatThrownBy(() -> crm.apply(TicketUpdate.builder(ticket)
                            .note(NoteDraft.internal("must not land"))
                            .changeTask(TaskChange.complete(other.id()))
                            .build()))
                    .isInstanceOfSatisfying(
                            CrmInvalidRequestException.class,
                            e -> assertThat(e.vendorCode()).hasValue("TASK_OF_OTHER_CASE"));
            assertThat(orgs.org.comments(ticket.value())).isEmpty();
            assertThat(orgs.org.record(other.id().value()).orElseThrow().get("Status"))
                    .isEqualTo("Not Started");
        }
    }

    @Test
    void twoUpdatesOfOneCaseInABatchApplyInOrder() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            TicketId ticket = orgs.fixture.ticket(47);
            Ticket read = crm.ticket(ticket).orElseThrow();

            List<UpdateResult> results = crm.applyAll(List.of(
                    TicketUpdate.builder(ticket)
                            .addTag("first")
                            .expectedVersion(read.version())
                            .build(),
                    TicketUpdate.builder(orgs.fixture.ticket(48))
                            .addTag("other")
                            .build(),
                    TicketUpdate.builder(ticket)
                            .addTag("second")
                            .removeTag("first")
                            .build(),
                    TicketUpdate.builder(ticket)
                            .addTag("late")
                            .expectedVersion(read.version())
                            .build()));

            assertThat(results)
                    .extracting(UpdateResult::status)
                    .containsExactly(
                            UpdateResult.Status.APPLIED,
                            UpdateResult.Status.APPLIED,
                            UpdateResult.Status.APPLIED,
                            UpdateResult.Status.FAILED);
            assertThat(results.get(3).error()).containsInstanceOf(CrmConflictException.class);
            assertThat(crm.ticket(ticket).orElseThrow().tags())
                    .contains("second")
                    .doesNotContain("first", "late");
        }
    }

    @Test
    void aReplayIsRecognisedEvenWhenItsAssigneeHasBeenDeactivatedSince() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            TicketUpdate u = TicketUpdate.builder(orgs.fixture.ticket(49))
                    .assign(Assignment.toAgentInGroup(orgs.fixture.agent(2), orgs.fixture.group(2)))
                    .idempotencyKey("deactivated-later")
                    .build();
            crm.apply(u);
            orgs.org.editCase(orgs.fixture.ticket(49).value(), Map.of("Subject", "edited in the UI"));
            orgs.org.putUser(orgs.fixture.seedAgent(2).toBuilder().active(false).build());
            orgs.clock.advance(Duration.ofMinutes(6));

            assertThat(crm.apply(u).status()).isEqualTo(UpdateResult.Status.REPLAYED);
        }
    }

    @Test
    void aMultiSelectTagsFieldKeepsValuesThatAreNotTags() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm =
                    orgs.connector(orgs.org.settings(v -> v.put("fields.case.tags-format", "multipicklist")));
            TicketId ticket = orgs.fixture.ticket(50);
            orgs.org.editCase(ticket.value(), Map.of("Handover_Tags__c", "VIP Customer;Billing;kit"));

            assertThat(crm.ticket(ticket).orElseThrow().tags()).containsExactly("billing", "kit");
            crm.apply(TicketUpdate.builder(ticket)
                    .addTag("handover")
                    .removeTag("kit")
                    .build());

            assertThat(orgs.org.record(ticket.value()).orElseThrow().get("Handover_Tags__c"))
                    .isEqualTo("VIP Customer;Billing;handover");
            assertThatThrownBy(() ->
                            crm.apply(TicketUpdate.builder(ticket).addTag("a;b").build()))
                    .isInstanceOfSatisfying(
                            CrmInvalidRequestException.class,
                            e -> assertThat(e.vendorCode()).hasValue("INVALID_TAG"));
        }
    }

    @Test
    void aGuardThatDoesNotHoldIsDetectedAndEveryLaterWriteReadsFirst() {
        try (Orgs orgs =
                new Orgs(dev.handover.salesforce.fake.FakeSalesforce.builder().strictReferences(false))) {
            SalesforceConnector crm = orgs.connector();
            crm.directory();
            TicketId ticket = orgs.fixture.ticket(51);
            crm.ticket(ticket);
            orgs.org.editCase(ticket.value(), Map.of("Subject", "changed by a person"));

            String logs = Logs.of(
                    () -> crm.apply(TicketUpdate.builder(ticket).addTag("one").build()));

            assertThat(logs).contains("in-write version guard did not stop a write");
            crm.ticket(ticket);
            orgs.org.clearRequests();
            crm.apply(TicketUpdate.builder(ticket).addTag("two").build());
            assertThat(orgs.org.requests(r -> r.isApiCall()))
                    .extracting(r -> r.method())
                    .containsExactly("GET", "POST"); // the cached read is no longer trusted
            assertThat(crm.ticket(ticket).orElseThrow().tags()).contains("one", "two");
        }
    }
}
