package dev.handover.rt.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.rt.RtConnector;
import dev.handover.spi.Assignment;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.PageRequest;
import dev.handover.spi.Secret;
import dev.handover.spi.SortOrder;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What RT would do quietly and the connector refuses before writing anything, against the real RT of the sandbox: a
 * reminder for someone on no queue's team (RT gives it to Nobody without an error).
 */
class RtRefusalsTest {
    @Test
    void aTaskForSomeoneOnNoTeamIsRefusedBeforeAnythingIsWritten() {
        RealRt rt = RealRt.get();
        rt.reset();
        try (RtConnector crm = RtConnector.builder()
                .url(rt.base())
                .token(Secret.of(rt.token()))
                .queues("Billing", "Technical")
                .build()) {
            TicketId id = TicketId.of("2");
            Ticket before = crm.ticket(id).orElseThrow();
            int comments = crm.comments(id, SortOrder.NEWEST_FIRST, PageRequest.first(100))
                    .items()
                    .size();

            assertThatThrownBy(() -> crm.apply(TicketUpdate.builder(id)
                            .assign(Assignment.toAgent(AgentId.of("eve")))
                            .note(NoteDraft.internal("must not land"))
                            .createTask(TaskDraft.builder(HandoverId.of("ho-refused"), "ack", TaskKind.ACKNOWLEDGEMENT)
                                    .owner(AgentId.of("root"))
                                    .subject("Acknowledge")
                                    .due(Instant.now().plus(Duration.ofMinutes(30)))
                                    .build())
                            .expectedVersion(before.version())
                            .idempotencyKey("refused-1")
                            .build()))
                    .isInstanceOf(CrmInvalidRequestException.class)
                    .hasMessageContaining("task ack is for root")
                    .hasMessageContaining("Nobody");

            Ticket after = crm.ticket(id).orElseThrow();
            assertThat(after.assignee()).isEqualTo(before.assignee());
            assertThat(after.version()).isEqualTo(before.version());
            assertThat(crm.comments(id, SortOrder.NEWEST_FIRST, PageRequest.first(100))
                            .items())
                    .hasSize(comments);
        }
    }
}
