package dev.handover.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.spi.Assignment;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.NoteFormat;
import dev.handover.spi.model.TaskId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writes kept for CRMs that write a handover in several requests: every part of an update comes back as it was
 * kept, a line a kill cut in half is skipped, unkeyed writes are not kept (they cannot be sent again safely), and the
 * end of a pass empties the file.
 */
class WriteAheadPendingTest {
    @TempDir
    Path dir;

    private static TicketUpdate whole(String ticket, String key) {
        HandoverId h = HandoverId.of("ho-" + ticket);
        return TicketUpdate.builder(TicketId.of(ticket))
                .note(NoteDraft.internal("Handover note\nwith lines, \"quotes\" and ümlauts"))
                .note(NoteDraft.customerReply("<p>Eve takes over</p>", NoteFormat.HTML))
                .assign(Assignment.toAgentInGroup(AgentId.of("eve"), GroupId.of("3")))
                .addTag("handover", "complaint")
                .removeTag("waiting")
                .createTask(TaskDraft.builder(h, "ack", TaskKind.ACKNOWLEDGEMENT)
                        .owner(AgentId.of("eve"))
                        .subject("Acknowledge")
                        .body("Please acknowledge")
                        .due(Instant.parse("2026-03-02T09:30:00Z"))
                        .remindAt(Instant.parse("2026-03-02T09:20:00Z"))
                        .build())
                .changeTask(TaskChange.complete(TaskId.of("77")))
                .changeTask(TaskChange.reschedule(TaskId.of("78"), Instant.parse("2026-03-03T10:00:00Z")))
                .expectedVersion(Version.of("1772442000.0a1b2c3d"))
                .idempotencyKey(key)
                .build();
    }

    @Test
    void everyPartOfAKeptWriteComesBack() {
        WriteAhead w = new WriteAhead(dir.resolve("worker.state"));
        TicketUpdate a = whole("1", "ho-1");
        TicketUpdate b = whole("5", "ho-5");

        w.pending(List.of(a));
        w.pending(List.of(b, TicketUpdate.builder(TicketId.of("9")).addTag("x").build()));

        assertThat(w.pendingUpdates()).containsExactly(a, b);
    }

    @Test
    void aWriteThatReturnedIsNotSentAgainOneInFlightIs() {
        WriteAhead w = new WriteAhead(dir.resolve("worker.state"));
        TicketUpdate done = whole("1", "ho-1");
        TicketUpdate inFlight = whole("5", "ho-5");
        w.pending(List.of(done));
        w.returned(List.of(done));
        w.pending(List.of(inFlight));

        assertThat(w.pendingUpdates()).containsExactly(inFlight);

        // the same write sent again in the process (a retry) and returned once: one sending is still out
        w.pending(List.of(done));
        w.pending(List.of(done));
        w.returned(List.of(done));
        assertThat(w.pendingUpdates()).containsExactly(inFlight, done);
    }

    @Test
    void aLineCutInHalfIsSkippedAndTheEndOfAPassEmptiesTheFile() throws IOException {
        WriteAhead w = new WriteAhead(dir.resolve("worker.state"));
        TicketUpdate a = whole("1", "ho-1");
        w.pending(List.of(a));
        Path file = dir.resolve("worker.state.pending");
        Files.writeString(
                file, "{\"ticket\":\"5\",\"notes\":[{\"bo", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertThat(w.pendingUpdates()).containsExactly(a);

        w.clear();
        assertThat(file).doesNotExist();
        assertThat(w.pendingUpdates()).isEmpty();
    }
}
