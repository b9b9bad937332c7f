package dev.handover.runner.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handover.runner.files.OwnerOnly;
import dev.handover.runner.journal.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the worker remembers between runs: how far it has read changed tickets, when it last swept, reconciled and
 * looked at the schedule, and whether a pass was cut off (then the next start recovers the journal).
 *
 * @param cursor changed tickets are read from here on
 * @param passStartedAt set while a pass runs; still set at start-up means the last pass did not finish
 * @param lastSweep the last follow-up sweep
 * @param lastReconcile the last reconcile
 * @param lastSchedule the last look at shift ends and absences
 * @param retry tickets whose handover failed, with when it first failed: read again and retried every pass, since the
 *     cursor has moved past them (absent in a state file an earlier version wrote)
 */
record WorkerState(
        Instant cursor,
        Optional<Instant> passStartedAt,
        Instant lastSweep,
        Instant lastReconcile,
        Instant lastSchedule,
        Map<String, Instant> retry) {

    private static final ObjectMapper JSON = EventCodec.mapper();

    WorkerState {
        retry = retry == null ? Map.of() : Map.copyOf(retry);
    }

    static WorkerState fresh(Instant cursor, Instant now) {
        return new WorkerState(cursor, Optional.empty(), Instant.EPOCH, now, now, Map.of());
    }

    WorkerState withRetry(Map<String, Instant> r) {
        return new WorkerState(cursor, passStartedAt, lastSweep, lastReconcile, lastSchedule, r);
    }

    WorkerState withCursor(Instant c) {
        return new WorkerState(c, passStartedAt, lastSweep, lastReconcile, lastSchedule, retry);
    }

    WorkerState started(Instant at) {
        return new WorkerState(cursor, Optional.of(at), lastSweep, lastReconcile, lastSchedule, retry);
    }

    WorkerState finished() {
        return new WorkerState(cursor, Optional.empty(), lastSweep, lastReconcile, lastSchedule, retry);
    }

    WorkerState swept(Instant at) {
        return new WorkerState(cursor, passStartedAt, at, lastReconcile, lastSchedule, retry);
    }

    WorkerState reconciled(Instant at) {
        return new WorkerState(cursor, passStartedAt, lastSweep, at, lastSchedule, retry);
    }

    /**
     * Makes the next pass reconcile, whenever the last reconcile was: handovers were recovered (a cut-off pass, a failed
     * write that landed), and a write cut off between a note and its tasks lacks those tasks until then. Kept in the
     * file, so a {@code --once} pass from cron reconciles as a running worker does.
     */
    WorkerState reconcileDue() {
        return reconciled(Instant.EPOCH);
    }

    WorkerState scheduled(Instant at) {
        return new WorkerState(cursor, passStartedAt, lastSweep, lastReconcile, at, retry);
    }

    /** The saved state, if there is one. */
    static Optional<WorkerState> read(Path file) {
        try {
            return Optional.of(JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), WorkerState.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the worker state " + file + " cannot be read ("
                            + e.getMessage().lines().findFirst().orElse("")
                            + "); remove it to start from the configured lookback",
                    e);
        }
    }

    /** Saves atomically: a crash leaves the old state or the new one, never half of one. Owner-only. */
    void write(Path file) {
        try {
            OwnerOnly.replace(file, JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new UncheckedIOException("the worker state " + file + " cannot be written: " + e.getMessage(), e);
        }
    }
}
