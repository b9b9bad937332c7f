package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.spi.NoteDraft;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.TaskStatus;
import dev.handover.zendesk.fake.FakeZendesk;
import dev.handover.zendesk.fake.Fault;
import dev.handover.zendesk.fake.FaultRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One task ticket per handover (the default). Every Zendesk task ticket is a real ticket — it shows in views, counts in
 * reports and SLAs, may trigger satisfaction surveys and is closed 28 days after it is solved
 * (https://support.zendesk.com/hc/en-us/articles/4408887617050, "About ticket fields": the Task type and its due date;
 * https://support.zendesk.com/hc/en-us/articles/4408886165402, closed tickets) — so a handover's acknowledgement, actions,
 * follow-up and escalations are items of one task ticket, assigned to whoever must act next and due when the next item
 * is.
 */
final class TaskChecklistTest {
    private static final Instant START = FakeAccount.START;

    /** A handover of ticket {@code n} as the engine writes it: its note, an acknowledgement, two actions, a follow-up. */
    private static TicketUpdate handover(int n, String id) {
        HandoverId h = HandoverId.of(id);
        return TicketUpdate.builder(FakeAccount.ticket(n))
                .note(NoteDraft.internal("Handover " + id))
                .createTask(draft(h, "ack", TaskKind.ACKNOWLEDGEMENT, FakeAccount.BRUNO, 1, "Acknowledge the handover"))
                .createTask(draft(h, "action-1", TaskKind.ACTION, FakeAccount.BRUNO, 4, "Refund the duplicate charge"))
                .createTask(draft(h, "action-2", TaskKind.ACTION, FakeAccount.BRUNO, 6, "Call the customer back"))
                .createTask(
                        draft(h, "follow-up", TaskKind.FOLLOW_UP, FakeAccount.ADA, 8, "Check the actions were done"))
                .idempotencyKey("ho-" + id)
                .build();
    }

    private static TaskDraft draft(HandoverId h, String key, TaskKind kind, AgentId owner, int hours, String subject) {
        return TaskDraft.builder(h, key, kind)
                .owner(owner)
                .subject(subject)
                .body("Details of " + key + "\nsecond line")
                .due(START.plus(Duration.ofHours(hours)))
                .build();
    }

    private static void change(ZendeskConnector crm, int n, TaskChange c, String key) {
        UpdateResult r = crm.apply(TicketUpdate.builder(FakeAccount.ticket(n))
                .changeTask(c)
                .idempotencyKey(key)
                .build());
        assertThat(r.status()).isEqualTo(UpdateResult.Status.APPLIED);
    }

    private static Map<String, Task> byKey(ZendeskConnector crm, String handover) {
        return crm.allTasks(
                        TaskQuery.builder().handover(HandoverId.of(handover)).build())
                .collect(Collectors.toMap(Task::key, Function.identity()));
    }

    private static long taskCreations(FakeAccount account) {
        return account.zendesk
                .requests(q -> q.method().equals("POST") && q.path().startsWith("/api/v2/tickets"))
                .size();
    }

    @Test
    void aHandoverMakesOneTaskTicketAssignedAndDueAsItsNextItemAgainstFourPerItem() {
        int checklist;
        int perItem;
        try (FakeAccount account = FakeAccount.withTickets(3);
                ZendeskConnector crm = account.build()) {
            UpdateResult r = crm.apply(handover(1, "ho-c1"));

            assertThat(r.createdTasks())
                    .extracting(Task::key)
                    .containsExactly("ack", "action-1", "action-2", "follow-up");
            checklist = account.zendesk.taskTickets().size();
            FakeZendesk.TicketView t = account.zendesk.taskTickets().get(0);
            assertThat(t.type()).isEqualTo("task");
            assertThat(t.assigneeId()).isEqualTo(Long.parseLong(FakeAccount.BRUNO.value())); // the ack's owner
            assertThat(t.dueAt()).isEqualTo(START.plus(Duration.ofHours(1))); // the ack's due time
            assertThat(t.tags())
                    .contains("handover_task", "handover_checklist", "handover_ticket_10001", "handover_id_ho-c1");
            assertThat(t.externalId()).isEqualTo("handover:ho-c1");
            assertThat(taskCreations(account)).isEqualTo(1); // one POST, no create_many job

            Map<String, Task> tasks = byKey(crm, "ho-c1");
            assertThat(tasks.get("action-1").subject()).isEqualTo("Refund the duplicate charge");
            assertThat(tasks.get("action-1").body()).isEqualTo("Details of action-1\nsecond line");
            assertThat(tasks.get("follow-up").owner()).isEqualTo(FakeAccount.ADA);
            assertThat(tasks.get("action-2").due()).isEqualTo(START.plus(Duration.ofHours(6)));
            assertThat(tasks.values()).allMatch(Task::isOpen);
            assertThat(tasks.get("ack").id().value()).isEqualTo(t.id() + "#ack");
        }
        try (FakeAccount account = FakeAccount.withTickets(3);
                ZendeskConnector crm =
                        account.connector().taskTicketPerItem(true).build()) {
            crm.apply(handover(1, "ho-p1"));
            perItem = account.zendesk.taskTickets().size();
        }
        System.out.printf("task tickets per handover: %d (per handover), %d (per item)%n", checklist, perItem);
        assertThat(checklist).isEqualTo(1);
        assertThat(perItem).isEqualTo(4);
    }

    @Test
    void completingItemsMovesTheTicketToTheNextOneAndTheLastSolvesIt() {
        try (FakeAccount account = FakeAccount.withTickets(3);
                ZendeskConnector crm = account.build()) {
            Map<String, Task> t = byKey(crm, "none");
            List<Task> created = crm.apply(handover(1, "ho-c2")).createdTasks();
            t = created.stream().collect(Collectors.toMap(Task::key, Function.identity()));
            long ticket = account.zendesk.taskTickets().get(0).id();

            account.clock.advance(Duration.ofMinutes(20));
            change(crm, 1, TaskChange.complete(t.get("ack").id()), "ack-done");
            FakeZendesk.TicketView v = account.zendesk.ticket(ticket).orElseThrow();
            assertThat(v.dueAt()).isEqualTo(START.plus(Duration.ofHours(4))); // action-1 is next
            assertThat(v.status()).isEqualTo("open");
            Task ack = byKey(crm, "ho-c2").get("ack");
            assertThat(ack.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(ack.completedAt()).contains(START.plus(Duration.ofMinutes(20)));

            // several changes of one checklist in one update are one write
            account.zendesk.clearRequests();
            crm.apply(TicketUpdate.builder(FakeAccount.ticket(1))
                    .changeTask(TaskChange.complete(t.get("action-1").id()))
                    .changeTask(TaskChange.complete(t.get("action-2").id()))
                    .idempotencyKey("actions-done")
                    .build());
            assertThat(account.zendesk.requests(q -> q.method().equals("PUT"))).hasSize(1);
            v = account.zendesk.ticket(ticket).orElseThrow();
            assertThat(v.assigneeId()).isEqualTo(Long.parseLong(FakeAccount.ADA.value())); // the follow-up's owner
            assertThat(v.dueAt()).isEqualTo(START.plus(Duration.ofHours(8)));

            change(crm, 1, TaskChange.complete(t.get("follow-up").id()), "follow-up-done");
            v = account.zendesk.ticket(ticket).orElseThrow();
            assertThat(v.status()).isEqualTo("solved");
            assertThat(v.tags()).contains("handover_done");
            assertThat(byKey(crm, "ho-c2").values()).allMatch(x -> x.status() == TaskStatus.COMPLETED);

            // reopening an item opens the ticket again, assigned to its owner
            change(
                    crm,
                    1,
                    new TaskChange(
                            t.get("action-2").id(),
                            java.util.Optional.of(TaskStatus.OPEN),
                            java.util.Optional.empty(),
                            java.util.Optional.empty()),
                    "reopen");
            v = account.zendesk.ticket(ticket).orElseThrow();
            assertThat(v.status()).isEqualTo("open");
            assertThat(v.assigneeId()).isEqualTo(Long.parseLong(FakeAccount.BRUNO.value()));
            assertThat(v.tags()).doesNotContain("handover_done");
            assertThat(byKey(crm, "ho-c2").get("action-2").isOpen()).isTrue();
        }
    }

    @Test
    void aLaterEscalationIsAddedToTheSameTicketAndQueriesFindEveryItemsOwner() {
        try (FakeAccount account = FakeAccount.withTickets(3);
                ZendeskConnector crm = account.build()) {
            crm.apply(handover(1, "ho-c3"));
            account.zendesk.clearRequests();

            UpdateResult esc = crm.apply(TicketUpdate.builder(FakeAccount.ticket(1))
                    .createTask(draft(
                            HandoverId.of("ho-c3"),
                            "escalation-ack-1",
                            TaskKind.ESCALATION,
                            FakeAccount.EVE,
                            2,
                            "Ask Bruno about the handover"))
                    .idempotencyKey("esc-1")
                    .build());

            assertThat(esc.createdTasks()).singleElement().satisfies(x -> {
                assertThat(x.kind()).isEqualTo(TaskKind.ESCALATION);
                assertThat(x.owner()).isEqualTo(FakeAccount.EVE);
            });
            assertThat(account.zendesk.taskTickets()).hasSize(1);
            // the ticket read, one look-up of the handover's task ticket by external id, one write to it
            assertThat(account.zendesk.requests())
                    .extracting(q -> q.method() + " " + q.path())
                    .containsExactly(
                            "GET /api/v2/tickets/show_many",
                            "GET /api/v2/tickets",
                            "PUT /api/v2/tickets/"
                                    + account.zendesk.taskTickets().get(0).id());
            assertThat(account.zendesk.taskTickets().get(0).tags()).contains("handover_kind_escalation");

            // the ticket is Bruno's (his ack is due first), yet Ada's and Eve's items are found by owner
            assertThat(crm.allTasks(
                            TaskQuery.builder().open().owner(FakeAccount.ADA).build()))
                    .extracting(Task::key)
                    .containsExactly("follow-up");
            assertThat(crm.allTasks(
                            TaskQuery.builder().open().owner(FakeAccount.EVE).build()))
                    .extracting(Task::key)
                    .containsExactly("escalation-ack-1");
            assertThat(crm.allTasks(TaskQuery.builder()
                            .open()
                            .dueAtOrBefore(START.plus(Duration.ofHours(2)))
                            .build()))
                    .extracting(Task::key)
                    .containsExactly("ack", "escalation-ack-1");
            // a completed item of a ticket that stays open is found by a query for completed tasks
            Task ack = byKey(crm, "ho-c3").get("ack");
            change(crm, 1, TaskChange.complete(ack.id()), "ack");
            assertThat(crm.allTasks(
                            TaskQuery.builder().status(TaskStatus.COMPLETED).build()))
                    .extracting(Task::key)
                    .containsExactly("ack");
        }
    }

    @Test
    void peopleCompleteItemsInZendeskByTagOrByTheWholeTicket() {
        try (FakeAccount account = FakeAccount.withTickets(3);
                ZendeskConnector crm = account.build()) {
            crm.apply(handover(1, "ho-c4"));
            long ticket = account.zendesk.taskTickets().get(0).id();

            account.clock.advance(Duration.ofMinutes(5));
            account.zendesk.personTags(ticket, "handover_done_ack"); // a macro "Handover: acknowledged"
            Map<String, Task> t = byKey(crm, "ho-c4");
            assertThat(t.get("ack").status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(t.get("action-1").isOpen()).isTrue();

            // the next write folds the person's tag into the item and keeps it completed
            change(crm, 1, TaskChange.reschedule(t.get("action-1").id(), START.plus(Duration.ofHours(5))), "move");
            FakeZendesk.TicketView v = account.zendesk.ticket(ticket).orElseThrow();
            assertThat(v.tags()).doesNotContain("handover_done_ack");
            assertThat(byKey(crm, "ho-c4").get("ack").status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(v.dueAt()).isEqualTo(START.plus(Duration.ofHours(5)));

            account.zendesk.personSolves(ticket);
            assertThat(byKey(crm, "ho-c4").values()).allMatch(x -> x.status() == TaskStatus.COMPLETED);
        }
    }

    @Test
    void aChangeThatCollidesWithAPersonsEditIsReappliedOnTheTicketAsItIsNow() {
        try (FakeAccount account = FakeAccount.withTickets(3);
                ZendeskConnector crm = account.build()) {
            Map<String, Task> t = crm.apply(handover(1, "ho-c5")).createdTasks().stream()
                    .collect(Collectors.toMap(Task::key, Function.identity()));
            long ticket = account.zendesk.taskTickets().get(0).id();
            // between the connector's read and its write, a person ticks the first action by macro
            account.zendesk.beforeNext(
                    "PUT",
                    "/api/v2/tickets/" + ticket,
                    () -> account.zendesk.personTags(ticket, "handover_done_action-1"));

            change(crm, 1, TaskChange.complete(t.get("ack").id()), "ack");

            Map<String, Task> now = byKey(crm, "ho-c5");
            assertThat(now.get("ack").status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(now.get("action-1").status()).isEqualTo(TaskStatus.COMPLETED); // the person's tick kept
            assertThat(account.zendesk.ticket(ticket).orElseThrow().dueAt())
                    .isEqualTo(START.plus(Duration.ofHours(6))); // action-2 is next
        }
    }

    @Test
    void manyHandoversShareOneCreateManyJobAndALostAnswerIsNotRepeated() {
        try (FakeAccount account = FakeAccount.withTickets(5);
                ZendeskConnector crm = account.build()) {
            crm.directory();
            List<TicketUpdate> updates = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                updates.add(handover(n, "ho-m" + n));
            }
            // the notes go in an update_many job; the create_many job of the three task tickets is the one held
            account.zendesk.beforeNext("POST", "/api/v2/tickets/create_many", account.zendesk::holdNextJob);
            account.zendesk.inject(FaultRule.of(Fault.SERVER_ERROR)
                    .on("POST", "/api/v2/tickets/create_many")
                    .afterProcessing());

            List<UpdateResult> first = crm.applyAll(updates);
            assertThat(first).allSatisfy(r -> assertThat(r.error()).containsInstanceOf(CrmUnavailableException.class));
            account.zendesk.runHeldJobs();
            List<UpdateResult> retry = crm.applyAll(updates);

            assertThat(retry).allSatisfy(r -> assertThat(r.createdTasks()).hasSize(4));
            assertThat(account.zendesk.taskTickets()).hasSize(3); // one per handover, none twice
            assertThat(taskCreations(account)).isEqualTo(1); // the one create_many
        }
    }
}
