package dev.handover.runner.worker;

import dev.handover.runner.config.WorkerConfig;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmUnauthorizedException;
import dev.handover.spi.helpers.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reaches the CRM at start as a pass reaches it mid-run: a failure that may pass (unreachable, 5xx, rate limited,
 * time-out) is tried again after a jittered exponential wait, until {@code worker.startup.retryFor} has passed since
 * the first attempt; one log line per failed attempt. A refusal that retrying cannot change — credentials refused with
 * 401 or 403, a request the CRM calls invalid — ends the start at once: a wrong secret does not heal by waiting, and
 * hammering the login endpoint may lock the account.
 *
 * <p>The waits go through the injected {@link Sleeper} on the injected {@link Clock} (tests move a simulated clock),
 * and a stop (SIGTERM during the start) ends the waiting at once.
 */
public final class StartupRetry {
    private static final Logger LOG = LoggerFactory.getLogger("handover.worker");

    private final WorkerConfig.Startup config;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final BooleanSupplier stopping;

    /**
     * A start-up retry.
     *
     * @param config the bound and the waits
     * @param clock the clock the bound is measured on
     * @param sleeper how it waits
     * @param random the jitter's source
     * @param stopping true once the process was asked to stop: no further attempt is made
     */
    public StartupRetry(
            WorkerConfig.Startup config,
            Clock clock,
            Sleeper sleeper,
            RandomGenerator random,
            BooleanSupplier stopping) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.stopping = Objects.requireNonNull(stopping, "stopping");
    }

    /** The start ended without a connection: given up after the bound, refused for good, or stopped. */
    public static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Kind kind;
        private final int attempts;

        Failed(Kind kind, int attempts, String message, CrmException cause) {
            super(message, cause);
            this.kind = kind;
            this.attempts = attempts;
        }

        /** Why it ended. */
        public Kind kind() {
            return kind;
        }

        /** How many attempts were made. */
        public int attempts() {
            return attempts;
        }

        /** The last failure; null when stopped before any. */
        public CrmException last() {
            return (CrmException) getCause();
        }
    }

    /** Why a start ended without a connection. */
    public enum Kind {
        /** Still failing when {@code retryFor} ran out. */
        GAVE_UP,
        /** The CRM refused the credentials (401, 403): a configuration problem. */
        CREDENTIALS,
        /** The CRM refused in a way retrying cannot change (an invalid request, a missing record). */
        REFUSED,
        /** The process was asked to stop while it waited. */
        STOPPED
    }

    /**
     * Tries {@code attempt} until it succeeds.
     *
     * @param attempt one attempt to connect
     * @param attempted told the number of each attempt before it is made (the health record)
     * @throws Failed when it gives up, is refused for good, or is stopped
     */
    public <T> T connect(Supplier<T> attempt, IntConsumer attempted) {
        Instant first = clock.instant();
        Instant deadline = first.plus(config.retryFor());
        Duration wait = config.firstDelay();
        for (int n = 1; ; n++) {
            if (stopping.getAsBoolean()) {
                throw new Failed(Kind.STOPPED, n - 1, "stopped while connecting to the CRM", null);
            }
            attempted.accept(n);
            CrmException failure;
            try {
                T connected = attempt.get();
                if (n > 1) {
                    LOG.info("connected to the CRM at attempt {}", n);
                }
                return connected;
            } catch (CrmException e) {
                failure = e;
            }
            if (failure instanceof CrmUnauthorizedException) {
                throw new Failed(
                        Kind.CREDENTIALS,
                        n,
                        "the CRM refused the credentials: " + failure.getMessage()
                                + "; check the crm.settings auth section and the secrets in the environment (not retried: a"
                                + " wrong secret does not heal by waiting)",
                        failure);
            }
            if (!failure.isRetryable()) {
                throw new Failed(Kind.REFUSED, n, failure.getMessage(), failure);
            }
            Duration jittered = jitter(wait);
            Instant now = clock.instant();
            if (now.plus(jittered).isAfter(deadline)) {
                throw new Failed(
                        Kind.GAVE_UP,
                        n,
                        "could not reach the CRM for "
                                + human(Duration.between(first, now)) + " (" + n + (n == 1 ? " attempt" : " attempts")
                                + ", worker.startup.retryFor: " + human(config.retryFor()) + "): "
                                + failure.getMessage(),
                        failure);
            }
            LOG.warn(
                    "start attempt={} failed: {}; retrying in {} (giving up after {}, worker.startup.retryFor)",
                    n,
                    failure.getMessage(),
                    human(jittered),
                    deadline);
            try {
                sleeper.sleep(jittered);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failed(Kind.STOPPED, n, "interrupted while connecting to the CRM", failure);
            }
            wait = wait.multipliedBy(2).compareTo(config.maxDelay()) > 0 ? config.maxDelay() : wait.multipliedBy(2);
        }
    }

    /** Between half the wait and the whole: workers restarted together do not knock at the same instant. */
    Duration jitter(Duration wait) {
        long ms = Math.max(1, wait.toMillis());
        return Duration.ofMillis(ms / 2 + (long) (random.nextDouble() * (ms - ms / 2)));
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 120_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return d.toMinutes() + " min" + (d.toSecondsPart() == 0 ? "" : " " + d.toSecondsPart() + " s");
    }
}
