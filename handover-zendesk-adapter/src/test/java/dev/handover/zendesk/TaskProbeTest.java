package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@code check --connect --probe-tasks}: one task ticket created as the connector creates them, closed as it closes
 * them, deleted again ("Delete Ticket — Allowed for: Admins, Agents with permission to delete tickets",
 * https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/). An account with a field required to solve
 * ("required: If true, agents must enter a value in the field to change the ticket status to solved", Ticket Fields
 * API) refuses the solve with 422 "…: needed" — the probe says so before any handover meets it.
 */
final class TaskProbeTest {
    private static final long REASON_FIELD = 360777L;

    private static List<String> probe(FakeAccount account, UnaryOperator<ZendeskConnector.Builder> settings) {
        try (ZendeskConnector crm = settings.apply(account.connector()).build()) {
            return crm.probeTasks().orElseThrow();
        }
    }

    @Test
    void inAnOrdinaryAccountTheProbeTicketIsCreatedClosedAndDeletedLeavingNothing() {
        try (FakeAccount account = FakeAccount.withTickets(1)) {
            assertThat(probe(account, b -> b)).isEmpty();
            assertThat(account.zendesk.taskTickets()).isEmpty();
            assertThat(account.zendesk.deletedTickets()).isEqualTo(1);
            assertThat(account.zendesk.requests(q -> q.method().equals("PUT")))
                    .singleElement()
                    .satisfies(q -> assertThat(q.body()).contains("\"status\":\"solved\""));
        }
    }

    @Test
    void anAccountRequiringAFieldToSolveIsNamedWithWhatWasWrittenAndTheWayOut() {
        try (FakeAccount account = FakeAccount.withTickets(1)) {
            account.zendesk.requireOnSolve(REASON_FIELD, "Contact reason");

            assertThat(probe(account, b -> b))
                    .singleElement()
                    .satisfies(p -> assertThat(p)
                            .startsWith("tasks: a task ticket was created (#")
                            .contains("but this account refused to close it by solving it")
                            .contains("Contact reason: needed")
                            .contains("set tasks.solve-fields for the fields it needs, or tasks.close-by: tag"));
            assertThat(account.zendesk.taskTickets())
                    .as("the probe ticket is deleted all the same")
                    .isEmpty();

            assertThat(probe(account, b -> b.taskSolveField(REASON_FIELD, "internal")))
                    .isEmpty();
            assertThat(probe(account, b -> b.closeTasksByTag(true))).isEmpty();
        }
    }

    @Test
    void aProbeTicketThatMayNotBeDeletedIsLeftTaggedAndIsNoProblemOfTheSettings() {
        try (FakeAccount account = FakeAccount.withTickets(1)) {
            account.zendesk.refuseTicketDeletion();

            assertThat(probe(account, b -> b)).isEmpty();
            assertThat(account.zendesk.taskTickets()).singleElement().satisfies(t -> {
                assertThat(t.tags()).contains("handover_task", "handover_probe");
                assertThat(t.status()).isEqualTo("solved");
            });
        }
    }
}
