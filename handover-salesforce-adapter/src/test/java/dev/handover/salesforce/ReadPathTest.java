package dev.handover.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.salesforce.fake.FakeSalesforce;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.TaskStatus;
import dev.handover.spi.model.TicketId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Reads across Salesforce's paging and caching, and what tasks and notes look like inside Salesforce: native
 * reminders, the due day in the owner's zone, picklist values checked against the org, notes split at 4,000 bytes.
 */
final class ReadPathTest {

    @Test
    void followsNextRecordsUrlWhenSalesforceAnswersInSmallBatches() {
        try (Orgs orgs = new Orgs(FakeSalesforce.builder().queryBatchSize(7))) {
            SalesforceConnector crm = orgs.connector();
            List<TicketId> all =
                    IntStream.rangeClosed(1, 250).mapToObj(orgs.fixture::ticket).toList();

            assertThat(crm.tickets(all)).hasSize(250);
            assertThat(crm.searchAll(TicketQuery.builder().build()).count()).isEqualTo(250);
            assertThat(crm.directory().agents()).hasSizeGreaterThanOrEqualTo(5);
            assertThat(crm.directory().members(orgs.fixture.group(1))).hasSize(4);
            assertThat(orgs.org.requests(r -> r.path().contains("/query/01gFAKE")))
                    .isNotEmpty();
        }
    }

    @Test
    void readsTheContactsSalutationForFormalNotices() {
        // Salutation is a standard Contact field (a picklist: Mr., Ms., Mrs., Dr., Prof. in a new org)
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            TicketId ticket = orgs.fixture.ticket(30);
            String contact = orgs.fixture.seed(30).requester().id();
            orgs.org.putRawValue(contact, "Salutation", "Dr.");

            assertThat(crm.ticket(ticket).orElseThrow().requester().salutation())
                    .isEqualTo("Dr.");
            assertThat(crm.ticket(orgs.fixture.ticket(31))
                            .orElseThrow()
                            .requester()
                            .salutation())
                    .isEmpty();
        }
    }

    @Test
    void cachesTheDirectoryForItsTimeToLive() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            crm.directory();
            crm.directory();
            assertThat(orgs.apiRequests()).isEqualTo(1);

            orgs.clock.advance(Duration.ofMinutes(6));
            crm.directory();
            assertThat(orgs.apiRequests()).isEqualTo(2);
        }
    }

    @Test
    void taskCarriesANativeReminderAndTheDueDayOfItsOwner() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            TicketId ticket = orgs.fixture.ticket(30);
            Instant due = Instant.parse("2026-03-02T23:30:00Z"); // already the 3rd in Paris
            crm.apply(TicketUpdate.builder(ticket)
                    .createTask(TaskDraft.builder(HandoverId.of("ho-due"), "ack", TaskKind.ACKNOWLEDGEMENT)
                            .owner(orgs.fixture.agent(2)) // Bruno, Europe/Paris
                            .subject("Acknowledge")
                            .due(due)
                            .remindAt(due.minus(Duration.ofMinutes(30)))
                            .build())
                    .build());

            Map<String, Object> task = orgs.org.tasks(ticket.value()).get(0);
            assertThat(task.get("ActivityDate")).isEqualTo(LocalDate.parse("2026-03-03"));
            assertThat(task.get("Handover_Due__c")).isEqualTo(due);
            assertThat(task.get("IsReminderSet")).isEqualTo(true);
            assertThat(task.get("ReminderDateTime")).isEqualTo(due.minus(Duration.ofMinutes(30)));
            assertThat(task.get("WhoId"))
                    .isEqualTo(orgs.fixture.seed(30).requester().id());
            assertThat(task.get("OwnerId")).isEqualTo(orgs.fixture.agent(2).value());
        }
    }

    @Test
    void cancelledTasksUseTheConfiguredStatusAfterTheOrgsPicklistIsChecked() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm =
                    orgs.connector(orgs.org.settings(v -> v.put("task.status.cancelled", "Cancelled")));
            TicketId ticket = orgs.fixture.ticket(31);
            TaskDraft draft = TaskDraft.builder(HandoverId.of("ho-cancel"), "action-1", TaskKind.ACTION)
                    .owner(orgs.fixture.agent(1))
                    .subject("Call back")
                    .due(Orgs.START.plus(Duration.ofHours(1)))
                    .build();

            assertThatThrownBy(() -> crm.apply(
                            TicketUpdate.builder(ticket).createTask(draft).build()))
                    .isInstanceOfSatisfying(
                            CrmInvalidRequestException.class,
                            e -> assertThat(e.getMessage())
                                    .contains("task.status.cancelled", "Cancelled", "not a Task Status of this org"));
            assertThat(orgs.org.tasks(ticket.value())).isEmpty();

            orgs.org.addTaskStatus("Cancelled", true);
            orgs.clock.advance(Duration.ofMinutes(6)); // the directory, with the picklists, is read again
            Task task = crm.apply(TicketUpdate.builder(ticket).createTask(draft).build())
                    .createdTasks()
                    .get(0);
            crm.apply(TicketUpdate.builder(ticket)
                    .changeTask(TaskChange.cancel(task.id()))
                    .build());

            assertThat(orgs.org.record(task.id().value()).orElseThrow().get("Status"))
                    .isEqualTo("Cancelled");
            assertThat(crm.allTasks(TaskQuery.builder().ticket(ticket).build()).toList())
                    .singleElement()
                    .satisfies(t -> {
                        assertThat(t.status()).isEqualTo(TaskStatus.CANCELLED);
                        assertThat(t.completedAt()).isPresent();
                    });
            assertThat(crm.allTasks(TaskQuery.builder().open().ticket(ticket).build())
                            .toList())
                    .isEmpty();
        }
    }

    @Test
    void longNoteBecomesConsecutiveCaseCommentsOfAtMost4000Bytes() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            TicketId ticket = orgs.fixture.ticket(32);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; sb.length() < 9000; i++) {
                sb.append("Zeile ").append(i).append(": Rückruf zugesagt — 请回电 🚀\n");
            }
            String body = sb.toString();

            crm.apply(
                    TicketUpdate.builder(ticket).note(NoteDraft.internal(body)).build());

            List<Map<String, Object>> stored = orgs.org.comments(ticket.value());
            assertThat(stored).hasSizeGreaterThanOrEqualTo(3);
            StringBuilder joined = new StringBuilder();
            for (Map<String, Object> c : stored) {
                String part = (String) c.get("CommentBody");
                assertThat(part.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4000);
                assertThat(c.get("IsPublished")).isEqualTo(false);
                joined.append(part);
            }
            assertThat(joined.toString()).isEqualTo(body);
            List<Comment> read = crm.comments(ticket, SortOrder.OLDEST_FIRST, PageRequest.first())
                    .items();
            assertThat(String.join("", read.stream().map(Comment::body).toList()))
                    .isEqualTo(body);
        }
    }

    @Test
    void htmlNoteTooLongForOneFeedItemIsRefusedWhole() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector(orgs.org.settings(v -> {
                v.put("notes.object", "FeedItem");
                v.put("notes.read", "both");
            }));
            String html = "<p>" + "handover ".repeat(1200) + "</p>";

            assertThatThrownBy(() -> crm.apply(TicketUpdate.builder(orgs.fixture.ticket(33))
                            .note(NoteDraft.internal(html, dev.handover.spi.model.NoteFormat.HTML))
                            .addTag("x")
                            .build()))
                    .isInstanceOf(CrmInvalidRequestException.class);
            assertThat(orgs.org.records("FeedItem")).isEmpty();
        }
    }
}
