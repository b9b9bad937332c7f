package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.spi.Assignment;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An idempotency key is honoured by another process too (a restarted worker, a second worker): Zendesk keeps no key for
 * ticket updates, so the adapter finds its write marker in the note, the text of a public notice, or the tags and
 * assignment already on the ticket — before it looks at the version.
 */
final class ReplayAcrossProcessesTest {
    private FakeAccount account;
    private ZendeskConnector first;
    private ZendeskConnector second;

    @BeforeEach
    void start() {
        account = FakeAccount.withTickets(60);
        first = account.build();
        second = account.build();
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
        account.close();
    }

    private long comments(int n, String text) {
        return account.zendesk.comments(FakeAccount.id(n)).stream()
                .filter(c -> c.body().startsWith(text))
                .count();
    }

    private TicketUpdate.Builder withVersion(int n) {
        Ticket t = first.ticket(FakeAccount.ticket(n)).orElseThrow();
        return TicketUpdate.builder(t.id()).expectedVersion(t.version());
    }

    @Test
    void aNoteWithAVersionIsReplayedByAnotherProcess() {
        TicketUpdate u = withVersion(1)
                .note(NoteDraft.internal("Once only"))
                .idempotencyKey("k-1")
                .build();
        first.apply(u);

        assertThat(second.apply(u).status()).isEqualTo(UpdateResult.Status.REPLAYED);
        assertThat(comments(1, "Once only")).isEqualTo(1);
    }

    @Test
    void aNoteWithoutAVersionIsReplayedByAnotherProcess() {
        TicketUpdate u = TicketUpdate.builder(FakeAccount.ticket(2))
                .note(NoteDraft.internal("Once, no version"))
                .idempotencyKey("k-2")
                .build();
        first.apply(u);

        assertThat(second.apply(u).status()).isEqualTo(UpdateResult.Status.REPLAYED);
        assertThat(comments(2, "Once, no version")).isEqualTo(1);
    }

    @Test
    void aCustomerNoticeIsRecognisedByItsText() {
        TicketUpdate u = withVersion(3)
                .note(NoteDraft.customerReply("Your case is with Bruno now."))
                .idempotencyKey("k-3")
                .build();
        first.apply(u);

        assertThat(second.apply(u).status()).isEqualTo(UpdateResult.Status.REPLAYED);
        assertThat(comments(3, "Your case is with Bruno now.")).isEqualTo(1);
    }

    @Test
    void tagsAndAssignmentAreRecognisedOnTheTicket() {
        TicketUpdate u = withVersion(4)
                .assign(Assignment.toAgentInGroup(FakeAccount.CHEN, FakeAccount.BILLING))
                .addTag("moved")
                .idempotencyKey("k-4")
                .build();
        first.apply(u);

        assertThat(second.apply(u).status()).isEqualTo(UpdateResult.Status.REPLAYED);
    }

    @Test
    void aReplayAfterSomeoneElseChangedTheTicketIsStillAReplay() {
        TicketUpdate u = withVersion(5)
                .note(NoteDraft.internal("Then a customer replied"))
                .idempotencyKey("k-5")
                .build();
        first.apply(u);
        first.apply(TicketUpdate.builder(FakeAccount.ticket(5))
                .note(NoteDraft.customerReply("Thanks!"))
                .build());

        assertThat(second.apply(u).status()).isEqualTo(UpdateResult.Status.REPLAYED);
        assertThat(comments(5, "Then a customer replied")).isEqualTo(1);
    }

    @Test
    void aReplayedBatchWritesNothingTwiceAndKeepsItsTasks() {
        List<TicketUpdate> updates = IntStream.rangeClosed(10, 19)
                .mapToObj(n -> withVersion(n)
                        .note(NoteDraft.internal("Batch " + n))
                        .createTask(TaskDraft.builder(HandoverId.of("ho-b-" + n), "ack", TaskKind.ACKNOWLEDGEMENT)
                                .owner(FakeAccount.ADA)
                                .subject("Ack " + n)
                                .due(FakeAccount.START.plus(Duration.ofHours(1)))
                                .build())
                        .idempotencyKey("kb-" + n)
                        .build())
                .toList();
        first.applyAll(updates);

        List<UpdateResult> again = second.applyAll(updates);

        assertThat(again).allMatch(r -> r.status() == UpdateResult.Status.REPLAYED);
        assertThat(again).allMatch(r -> r.createdTasks().size() == 1);
        IntStream.rangeClosed(10, 19)
                .forEach(n -> assertThat(comments(n, "Batch " + n)).isEqualTo(1));
        assertThat(account.zendesk.taskTickets()).hasSize(10);
    }

    @Test
    void aKeyUsedForAnotherTicketIsRefused() {
        first.apply(TicketUpdate.builder(FakeAccount.ticket(20))
                .addTag("x")
                .idempotencyKey("k-shared")
                .build());

        assertThatThrownBy(() -> first.apply(TicketUpdate.builder(FakeAccount.ticket(21))
                        .addTag("x")
                        .idempotencyKey("k-shared")
                        .build()))
                .isInstanceOf(CrmInvalidRequestException.class)
                .hasMessageContaining("was used for ticket 10020");
    }
}
