package dev.handover.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock on a configuration's files, within one JVM; {@code TwoProcessesTest} takes it from two processes. */
class ProcessLockTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    List<Path> files() {
        return List.of(dir.resolve("worker.state"), dir.resolve("journal.jsonl"));
    }

    @Test
    void aSecondHolderIsRefusedWithTheLockFileAndTheHolderNamed() {
        try (ProcessLock first = ProcessLock.acquire(files(), Duration.ZERO, "worker", CLOCK)) {
            assertThatThrownBy(() -> ProcessLock.acquire(files(), Duration.ZERO, "one-shot command", CLOCK))
                    .isInstanceOf(ProcessLock.HeldException.class)
                    .hasMessageStartingWith("another handover process holds " + dir.resolve("worker.state.lock")
                            + " (pid=" + ProcessHandle.current().pid() + " command=worker"
                            + " since=2026-03-02T09:00:00Z)")
                    .hasMessageContaining("two processes on one configuration would tear the journal");
        }
        // let go: the next one gets it, though the lock files stay
        assertThat(dir.resolve("worker.state.lock")).exists();
        try (ProcessLock again = ProcessLock.acquire(files(), Duration.ZERO, "worker", CLOCK)) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void eachGuardedFileIsLockedSoASharedJournalIsRefusedToo() {
        try (ProcessLock first = ProcessLock.acquire(files(), Duration.ZERO, "worker", CLOCK)) {
            List<Path> otherStateSameJournal = List.of(dir.resolve("other.state"), dir.resolve("journal.jsonl"));
            assertThatThrownBy(() -> ProcessLock.acquire(otherStateSameJournal, Duration.ZERO, "worker", CLOCK))
                    .isInstanceOf(ProcessLock.HeldException.class)
                    .hasMessageContaining(dir.resolve("journal.jsonl.lock").toString());
            // what it took before the refusal is let go again
            try (ProcessLock other =
                    ProcessLock.acquire(List.of(dir.resolve("other.state")), Duration.ZERO, "worker", CLOCK)) {
                assertThat(other).isNotNull();
            }
        }
    }

    @Test
    void aWaitingCommandGetsTheLockWhenTheHolderLetsGo() throws Exception {
        ProcessLock first = ProcessLock.acquire(files(), Duration.ZERO, "worker", CLOCK);
        CompletableFuture<ProcessLock> waiting = CompletableFuture.supplyAsync(
                () -> ProcessLock.acquire(files(), Duration.ofSeconds(60), "one-shot command", CLOCK));
        first.close();
        try (ProcessLock second = waiting.get(30, TimeUnit.SECONDS)) {
            assertThat(second).isNotNull();
        }
    }

    @Test
    void aBoundedWaitEndsInARefusal() {
        try (ProcessLock first = ProcessLock.acquire(files(), Duration.ZERO, "worker", CLOCK)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> ProcessLock.acquire(files(), Duration.ofSeconds(1), "one-shot command", CLOCK))
                    .isInstanceOf(ProcessLock.HeldException.class)
                    .hasMessageContaining("did not let go within 1s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
    }

    @Test
    void theLockFileIsOwnerOnlyAndNamesItsHolder() throws Exception {
        try (ProcessLock first = ProcessLock.acquire(files(), Duration.ZERO, "worker", CLOCK)) {
            Path lock = dir.resolve("worker.state.lock");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lock)))
                    .isEqualTo("rw-------");
        }
        // read after letting go: reading a held lock file from the holder's own process would drop its lock
        assertThat(Files.readString(dir.resolve("worker.state.lock")))
                .isEqualTo("pid=" + ProcessHandle.current().pid() + " command=worker since=2026-03-02T09:00:00Z\n");
    }
}
