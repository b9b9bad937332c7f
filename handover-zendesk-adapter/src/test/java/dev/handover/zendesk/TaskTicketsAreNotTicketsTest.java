package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.spi.TicketUpdate;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TicketId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A handover task is a Zendesk ticket of {@code type: "task"}, with an id like any ticket's. Read by id it is still a
 * task, never a ticket: otherwise an engine reading the ticket of a webhook event about a task would hand the task over
 * (and give it tasks of its own).
 */
final class TaskTicketsAreNotTicketsTest {

    private static Task createTask(ZendeskConnector crm) {
        return FakeAccount.createAckTask(crm, "ho-1");
    }

    @Test
    void aTaskTicketReadByIdIsNoTicket() {
        try (FakeAccount account = FakeAccount.withTickets(3);
                ZendeskConnector crm = account.build()) {
            TicketId task = TicketId.of(createTask(crm).id().value());

            assertThat(crm.ticket(task)).isEmpty();
            assertThat(crm.ticket(FakeAccount.ticket(1))).isPresent();
        }
    }

    @Test
    void aRefusedTaskChangeSaysNothingWasWrittenAndThatRetryingWillNotHelp() {
        try (FakeAccount account = FakeAccount.withTickets(3);
                ZendeskConnector crm = account.build()) {
            Task task = createTask(crm);
            // an account that requires fields on solve refuses to solve the task ticket (422)
            account.zendesk.inject(dev.handover.zendesk.fake.FaultRule.of(dev.handover.zendesk.fake.Fault.UNPROCESSABLE)
                    .on("PUT", "/api/v2/tickets/")
                    .times(3));

            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> crm.apply(TicketUpdate.builder(FakeAccount.ticket(1))
                                    .changeTask(dev.handover.spi.TaskChange.complete(task.id()))
                                    .idempotencyKey("complete-ack")
                                    .build()))
                    .isInstanceOf(dev.handover.spi.error.CrmInvalidRequestException.class)
                    .hasMessageContaining("nothing was written to ticket 10001")
                    .hasMessageContaining("retrying will not help")
                    .hasMessageNotContaining("completes it");
        }
    }

    @Test
    void aTaskTicketReadInABatchIsLeftOut() {
        try (FakeAccount account = FakeAccount.withTickets(3);
                ZendeskConnector crm = account.build()) {
            TicketId task = TicketId.of(createTask(crm).id().value());

            assertThat(crm.tickets(List.of(FakeAccount.ticket(2), task, FakeAccount.ticket(1)))
                            .keySet())
                    .containsExactly(FakeAccount.ticket(2), FakeAccount.ticket(1));
        }
    }
}
