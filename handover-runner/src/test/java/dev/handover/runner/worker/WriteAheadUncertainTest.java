package dev.handover.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.handover.memory.InMemoryCrm;
import dev.handover.memory.time.MutableClock;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which failed writes the worker recovers from the CRM at the end of its pass: only those that may have landed. A
 * write the CRM refused on its version — a second worker on the same partition re-targeted the ticket first — did not
 * land, and recovering "its" handover would journal the other worker's as this worker's (the two-worker soak found one
 * handover with an executed line in both journals).
 */
class WriteAheadUncertainTest {
    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    private final InMemoryCrm crm = InMemoryCrm.builder().clock(clock).build();

    private Ticket ticket(String id) {
        return crm.putTicket(Ticket.builder(TicketId.of(id))
                .subject("Refund")
                .status(TicketStatus.OPEN)
                .createdAt(clock.instant())
                .updatedAt(clock.instant())
                .version(Version.of("seed"))
                .build());
    }

    private static TicketUpdate note(Ticket t, Version expected) {
        return TicketUpdate.builder(t.id())
                .note(NoteDraft.internal("handover note"))
                .expectedVersion(expected)
                .build();
    }

    @Test
    void aWriteRefusedOnItsVersionIsNotUncertainALostAnswerIs() {
        WriteAhead writeAhead = new WriteAhead(dir.resolve("worker.state"));
        CrmConnector through = writeAhead.around(crm);
        Ticket raced = ticket("1");
        Ticket lost = ticket("2");
        Ticket refusedInBatch = ticket("3");
        // another writer got there first: the version the update expects is gone
        crm.apply(note(raced, raced.version()));
        crm.apply(note(refusedInBatch, refusedInBatch.version()));

        assertThat(catchThrowable(() -> through.apply(note(raced, raced.version()))))
                .isInstanceOf(CrmConflictException.class);
        List<UpdateResult> batch = through.applyAll(List.of(note(refusedInBatch, refusedInBatch.version())));
        assertThat(batch)
                .singleElement()
                .satisfies(r -> assertThat(r.isSuccess()).isFalse());
        assertThat(writeAhead.uncertain()).as("refused writes did not land").isEmpty();

        crm.faults().loseResponses(1);
        Throwable thrown = catchThrowable(() -> through.apply(note(lost, lost.version())));
        assertThat(thrown).as("the answer was lost").isNotNull();
        assertThat(crm.commentsSnapshot(lost.id())).as("the write landed").hasSize(1);
        assertThat(writeAhead.uncertain()).containsExactly(lost.id());
    }
}
