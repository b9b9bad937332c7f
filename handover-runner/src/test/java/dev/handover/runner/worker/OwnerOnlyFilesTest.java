package dev.handover.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.runner.journal.Journal;
import dev.handover.spi.model.TicketId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker's files hold customer names, ticket ids and feedback: created {@code 0600} in directories created {@code
 * 0700}, and tightened when an older version left them readable by others. {@code TwoProcessesTest} and {@code
 * OwnerOnlyCommandsTest} check the same through the commands.
 */
class OwnerOnlyFilesTest {
    @TempDir
    Path dir;

    static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void stateWriteAheadAndJournalAreCreatedOwnerOnlyInOwnerOnlyDirectories() throws Exception {
        Path existing = Files.createDirectory(dir.resolve("var"));
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path state = dir.resolve("var/lib/handover/worker.state");
        Path journalFile = dir.resolve("var/log/handover/journal.jsonl");

        WorkerState.fresh(Instant.EPOCH, Instant.EPOCH).write(state);
        WriteAhead writeAhead = new WriteAhead(state);
        writeAhead.record(List.of(TicketId.of("10001")));
        try (Journal j = Journal.open(journalFile, 1 << 20, 3)) {
            assertThat(perms(journalFile)).isEqualTo("rw-------");
        }

        assertThat(perms(state)).isEqualTo("rw-------");
        assertThat(perms(dir.resolve("var/lib/handover/worker.state.writes"))).isEqualTo("rw-------");
        for (String d : List.of("var/lib", "var/lib/handover", "var/log", "var/log/handover")) {
            assertThat(perms(dir.resolve(d))).as(d).isEqualTo("rwx------");
        }
        assertThat(perms(existing))
                .as("a directory that was there is the operator's")
                .isEqualTo("rwxr-xr-x");
    }

    @Test
    void filesAnOlderVersionLeftReadableByOthersAreTightened() throws Exception {
        Path state = dir.resolve("worker.state");
        Path journalFile = dir.resolve("journal.jsonl");
        Path rotated = dir.resolve("journal.jsonl.1");
        Path writes = dir.resolve("worker.state.writes");
        for (Path p : List.of(state, journalFile, rotated, writes)) {
            Files.writeString(p, "");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        }
        WorkerState.fresh(Instant.EPOCH, Instant.EPOCH).write(state);
        new WriteAhead(state).record(List.of(TicketId.of("10001")));
        Journal.open(journalFile, 1 << 20, 3).close();

        for (Path p : List.of(state, journalFile, rotated, writes)) {
            assertThat(perms(p)).as(p.getFileName().toString()).isEqualTo("rw-------");
        }
    }
}
