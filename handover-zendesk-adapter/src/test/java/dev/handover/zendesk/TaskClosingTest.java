package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskStatus;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Accounts that refuse to solve a ticket without a field their agents fill in refuse to solve a task ticket too (422
 * "…: needed"). Completing and cancelling tasks works there: with the field's value as a setting, or by tag.
 */
final class TaskClosingTest {
    private static final long REASON_FIELD = 360777L;

    private static Task createTask(ZendeskConnector crm) {
        return FakeAccount.createAckTask(crm, "ho-close");
    }

    private static void change(ZendeskConnector crm, TaskChange c, String key) {
        crm.apply(TicketUpdate.builder(FakeAccount.ticket(1))
                .changeTask(c)
                .idempotencyKey(key)
                .build());
    }

    private static TaskStatus statusOf(ZendeskConnector crm, Task t) {
        return crm.allTasks(TaskQuery.builder().handover(t.handover()).build())
                .filter(x -> x.id().equals(t.id()))
                .findFirst()
                .orElseThrow()
                .status();
    }

    private static void inAccountRequiringAFieldOnSolve(
            UnaryOperator<ZendeskConnector.Builder> settings,
            java.util.function.BiConsumer<FakeAccount, ZendeskConnector> then) {
        try (FakeAccount account = FakeAccount.withTickets(1)) {
            account.zendesk.requireOnSolve(REASON_FIELD, "Contact reason");
            try (ZendeskConnector crm = settings.apply(account.connector()).build()) {
                then.accept(account, crm);
            }
        }
    }

    @Test
    void checkConnectSaysBeforehandThatTaskTicketsCouldNotBeClosedAndHow() {
        inAccountRequiringAFieldOnSolve(
                b -> b,
                (account, crm) -> assertThat(crm.checkSettings())
                        .singleElement()
                        .satisfies(p -> assertThat(p)
                                .startsWith(
                                        "tasks.solve-fields: ticket field 360777 'Contact reason' is required to solve")
                                .contains("set tasks.solve-fields: 360777=<value> or tasks.close-by: tag")));
        inAccountRequiringAFieldOnSolve(
                b -> b.taskSolveField(REASON_FIELD, "internal"),
                (account, crm) -> assertThat(crm.checkSettings()).isEmpty());
        inAccountRequiringAFieldOnSolve(
                b -> b.closeTasksByTag(true),
                (account, crm) -> assertThat(crm.checkSettings()).isEmpty());
        inAccountRequiringAFieldOnSolve(
                b -> b.closeTasksByTag(true).taskSolveField(99L, "x"),
                (account, crm) -> assertThat(crm.checkSettings())
                        .containsExactly("tasks.solve-fields: no ticket field 99 in this Zendesk account"));
    }

    @Test
    void byDefaultSuchAnAccountRefusesAndTheErrorSaysWhyAndThatRetryingWillNotHelp() {
        inAccountRequiringAFieldOnSolve(b -> b, (account, crm) -> {
            Task t = createTask(crm);
            assertThatThrownBy(() -> change(crm, TaskChange.complete(t.id()), "done"))
                    .isInstanceOf(CrmInvalidRequestException.class)
                    .hasMessageContaining("Contact reason: needed")
                    .hasMessageContaining("retrying will not help");
            assertThat(statusOf(crm, t)).isEqualTo(TaskStatus.OPEN);
        });
    }

    @Test
    void withTheFieldsValueAsASettingTheTaskIsSolved() {
        inAccountRequiringAFieldOnSolve(b -> b.taskSolveField(REASON_FIELD, "internal"), (account, crm) -> {
            Task t = createTask(crm);
            change(crm, TaskChange.complete(t.id()), "done");
            assertThat(statusOf(crm, t)).isEqualTo(TaskStatus.COMPLETED);
            assertThat(account.zendesk.taskTickets())
                    .singleElement()
                    .satisfies(x -> assertThat(x.status()).isEqualTo("solved"));
        });
    }

    @Test
    void closedByTagTheTaskIsDoneOrCancelledWithoutBeingSolvedAndCanBeReopened() {
        inAccountRequiringAFieldOnSolve(b -> b.closeTasksByTag(true), (account, crm) -> {
            Task t = createTask(crm);
            change(crm, TaskChange.complete(t.id()), "done");
            assertThat(statusOf(crm, t)).isEqualTo(TaskStatus.COMPLETED);
            assertThat(account.zendesk.taskTickets())
                    .singleElement()
                    .satisfies(x -> assertThat(x.status()).isEqualTo("open"));

            change(
                    crm,
                    new TaskChange(
                            t.id(),
                            java.util.Optional.of(TaskStatus.OPEN),
                            java.util.Optional.empty(),
                            java.util.Optional.empty()),
                    "reopen");
            assertThat(statusOf(crm, t)).isEqualTo(TaskStatus.OPEN);
            change(crm, TaskChange.cancel(t.id()), "cancel");
            assertThat(statusOf(crm, t)).isEqualTo(TaskStatus.CANCELLED);
            // an open-task query leaves it out: only its tag closed it
            assertThat(crm.allTasks(
                            TaskQuery.builder().open().handover(t.handover()).build()))
                    .isEmpty();
        });
    }
}
