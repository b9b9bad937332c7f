package dev.handover.runner.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the worker tells its health endpoint: whether the loop is alive (it showed a sign of life — a pass began or
 * ended, a batch was evaluated, a start-up attempt was made — within {@code staleAfter} poll intervals) and whether it
 * is ready (connected to the CRM, its state loaded, the last pass could read the CRM, not stopping). Written by the
 * worker's thread, read by the endpoint's; every field is volatile.
 */
public final class WorkerHealth {
    private final Clock clock;
    private final Duration stale;
    private volatile Instant beat;
    private volatile boolean connected;
    private volatile boolean stateLoaded;
    private volatile boolean crmReadable = true;
    private volatile boolean stopping;
    private volatile String phase = "starting";
    private volatile Instant lastOkPass;

    /**
     * A health record.
     *
     * @param clock the worker's clock
     * @param stale liveness fails when the last sign of life is older than this
     */
    public WorkerHealth(Clock clock, Duration stale) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stale = Objects.requireNonNull(stale, "stale");
        this.beat = clock.instant();
    }

    /** The loop is alive. */
    void beat() {
        beat = clock.instant();
    }

    /** A start-up attempt was made; the worker is alive while it retries. */
    public void connecting(int attempt) {
        phase = "connecting to the CRM (attempt " + attempt + ")";
        beat();
    }

    /** The engine is connected: the CRM answered and its directory was read. */
    public void connected() {
        connected = true;
        phase = "running";
        beat();
    }

    /** The worker's state was read (or made fresh). */
    void stateLoaded() {
        stateLoaded = true;
    }

    /** A pass ended; {@code crmRead} says whether it could read the changed tickets. */
    void passEnded(boolean crmRead, boolean ok) {
        crmReadable = crmRead;
        if (ok) {
            lastOkPass = clock.instant();
        }
        beat();
    }

    /** The worker is stopping: not ready any more, still alive. */
    public void stopping() {
        stopping = true;
        phase = "stopping";
        beat();
    }

    /** The end of the last pass that had no failure. */
    public Optional<Instant> lastOkPass() {
        return Optional.ofNullable(lastOkPass);
    }

    /** Liveness, and why not. */
    public Verdict live() {
        Duration since = Duration.between(beat, clock.instant());
        if (since.compareTo(stale) > 0) {
            return new Verdict(
                    false,
                    "no sign of life from the worker loop for " + since.toSeconds() + " s (limit " + stale.toSeconds()
                            + " s)");
        }
        return new Verdict(true, phase + "; last sign of life " + since.toSeconds() + " s ago");
    }

    /** Readiness, and why not. */
    public Verdict ready() {
        if (stopping) {
            return new Verdict(false, "stopping");
        }
        if (!connected) {
            return new Verdict(false, phase);
        }
        if (!stateLoaded) {
            return new Verdict(false, "the worker state is not loaded yet");
        }
        if (!crmReadable) {
            return new Verdict(false, "the last pass could not read the CRM");
        }
        return new Verdict(
                true,
                "connected to the CRM, state loaded"
                        + lastOkPass().map(t -> "; last successful pass " + t).orElse(""));
    }

    /**
     * A health answer.
     *
     * @param ok healthy or ready
     * @param detail why, in words (no ids, no customer data)
     */
    public record Verdict(boolean ok, String detail) {
        /** Validates. */
        public Verdict {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
