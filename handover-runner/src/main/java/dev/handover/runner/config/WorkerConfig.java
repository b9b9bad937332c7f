package dev.handover.runner.config;

import dev.handover.core.Partition;
import dev.handover.spi.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code worker:} section.
 *
 * @param pollInterval how often changed tickets are read
 * @param lookback how far back the first poll reads when the worker has no saved position
 * @param sweepEvery how often due follow-ups are swept
 * @param reconcileEvery how often missing follow-up tasks are repaired
 * @param partition this worker's share of the tickets ({@code index/count}, 0-based)
 * @param journal the journal file
 * @param journalMaxBytes the size at which the journal is rotated
 * @param journalKeep how many rotated journal files are kept
 * @param state the file keeping the poll position between runs
 * @param lockWait how long {@code transfer}, {@code ack} and {@code feedback} wait for another process to let go of
 *     the state and journal ({@code run} never waits)
 * @param webhook the webhook listener, when configured
 * @param startup how long {@code run} keeps trying to reach the CRM at start ({@code worker.startup})
 * @param health the liveness and readiness endpoint and file ({@code worker.health}), when configured
 */
public record WorkerConfig(
        Duration pollInterval,
        Duration lookback,
        Duration sweepEvery,
        Duration reconcileEvery,
        Partition partition,
        Path journal,
        long journalMaxBytes,
        int journalKeep,
        Path state,
        Duration lockWait,
        Optional<Webhook> webhook,
        Startup startup,
        Optional<Health> health) {

    /** Validates. */
    public WorkerConfig {
        Objects.requireNonNull(pollInterval, "poll interval");
        Objects.requireNonNull(lookback, "lookback");
        Objects.requireNonNull(sweepEvery, "sweep interval");
        Objects.requireNonNull(reconcileEvery, "reconcile interval");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lockWait, "lock wait");
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(startup, "startup");
        Objects.requireNonNull(health, "health");
        if (lockWait.isNegative()) {
            throw new IllegalArgumentException("lock wait must not be negative, was " + lockWait);
        }
    }

    /** The defaults, with files relative to a directory. */
    public static WorkerConfig defaults(Path dir) {
        return new WorkerConfig(
                Duration.ofMinutes(1),
                Duration.ofMinutes(15),
                Duration.ofMinutes(5),
                Duration.ofHours(1),
                Partition.ALL,
                dir.resolve("handover-journal.jsonl"),
                64L << 20,
                5,
                dir.resolve("handover-worker.state"),
                Duration.ofSeconds(30),
                Optional.empty());
    }

    /** Without {@code worker.startup} and {@code worker.health}: their defaults. */
    public WorkerConfig(
            Duration pollInterval,
            Duration lookback,
            Duration sweepEvery,
            Duration reconcileEvery,
            Partition partition,
            Path journal,
            long journalMaxBytes,
            int journalKeep,
            Path state,
            Duration lockWait,
            Optional<Webhook> webhook) {
        this(
                pollInterval,
                lookback,
                sweepEvery,
                reconcileEvery,
                partition,
                journal,
                journalMaxBytes,
                journalKeep,
                state,
                lockWait,
                webhook,
                Startup.DEFAULT,
                Optional.empty());
    }

    /** This configuration with another partition (the one the environment names, for Kubernetes). */
    public WorkerConfig withPartition(Partition p) {
        return new WorkerConfig(
                pollInterval,
                lookback,
                sweepEvery,
                reconcileEvery,
                p,
                journal,
                journalMaxBytes,
                journalKeep,
                state,
                lockWait,
                webhook,
                startup,
                health);
    }

    /** This configuration with these start-up and health settings. */
    public WorkerConfig with(Startup s, Optional<Health> h) {
        return new WorkerConfig(
                pollInterval,
                lookback,
                sweepEvery,
                reconcileEvery,
                partition,
                journal,
                journalMaxBytes,
                journalKeep,
                state,
                lockWait,
                webhook,
                s,
                h);
    }

    /**
     * How {@code run} reaches the CRM at start ({@code worker.startup}): an unreachable or failing CRM is tried again
     * with jittered exponential backoff, as a failure mid-run is tried at the next pass, until {@code retryFor} has
     * passed since the first attempt.
     *
     * @param retryFor the bound on the whole start (zero: the first failure ends the worker)
     * @param firstDelay the wait after the first failed attempt; each further wait doubles, up to {@code maxDelay}
     * @param maxDelay the longest wait between two attempts
     */
    public record Startup(Duration retryFor, Duration firstDelay, Duration maxDelay) {
        /** Ten minutes: longer than a CRM's usual maintenance blip or a DNS or proxy restart, short enough to page. */
        public static final Startup DEFAULT =
                new Startup(Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofMinutes(1));

        /** Validates. */
        public Startup {
            Objects.requireNonNull(retryFor, "retryFor");
            Objects.requireNonNull(firstDelay, "firstDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
            if (retryFor.isNegative()
                    || firstDelay.isNegative()
                    || firstDelay.isZero()
                    || maxDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException(
                        "worker.startup: retryFor must not be negative, firstDelay above zero"
                                + " and maxDelay at least firstDelay, were " + retryFor + ", " + firstDelay + ", "
                                + maxDelay);
            }
        }
    }

    /**
     * The worker's health ({@code worker.health}): an HTTP endpoint serving {@code /healthz} (liveness) and {@code
     * /readyz} (readiness), a file touched after each successful pass, or both.
     *
     * @param host the address the endpoint listens on, when there is one
     * @param port its port (0: any free port), when there is one
     * @param file the file whose modification time says when the last successful pass ended
     * @param staleAfter {@code /healthz} fails when the worker loop has shown no sign of life for this many poll
     *     intervals
     */
    public record Health(Optional<String> host, int port, Optional<Path> file, int staleAfter) {
        /** Validates. */
        public Health {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(file, "file");
            if (host.isEmpty() && file.isEmpty()) {
                throw new IllegalArgumentException("worker.health needs listen, file or both");
            }
            if (port < 0 || port > 65535 || staleAfter < 1) {
                throw new IllegalArgumentException(
                        "worker.health: port must be 0–65535 and staleAfter at least 1, were " + port + ", "
                                + staleAfter);
            }
        }
    }

    /**
     * The webhook listener.
     *
     * @param host the address to listen on ({@code 0.0.0.0} for all)
     * @param port the port (0: any free port)
     * @param path the path deliveries are posted under
     * @param secret the webhook's signing secret
     * @param maxAge older signed timestamps are refused (replays)
     * @param threads how many deliveries are read and answered at once
     * @param queue how many more wait for a thread; beyond that a delivery gets 503
     * @param maxBodyBytes a larger body is refused with 413, unread
     * @param readTimeout a request not read whole within this time (headers and body) is cut off
     */
    public record Webhook(
            String host,
            int port,
            String path,
            Secret secret,
            Duration maxAge,
            int threads,
            int queue,
            long maxBodyBytes,
            Duration readTimeout) {
        /** Validates. */
        public Webhook {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(maxAge, "max age");
            Objects.requireNonNull(readTimeout, "read timeout");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("webhook port must be 0–65535, was " + port);
            }
            if (threads < 1 || queue < 0 || maxBodyBytes < 1) {
                throw new IllegalArgumentException("webhook threads must be at least 1, queue at least 0 and the body"
                        + " limit at least 1 byte, were " + threads + ", " + queue + ", " + maxBodyBytes);
            }
            if (readTimeout.isNegative() || readTimeout.isZero()) {
                throw new IllegalArgumentException("webhook read timeout must be above zero, was " + readTimeout);
            }
        }

        /** With the defaults for the pool, the body limit and the read deadline. */
        public Webhook(String host, int port, String path, Secret secret, Duration maxAge) {
            this(host, port, path, secret, maxAge, 8, 64, 1L << 20, Duration.ofSeconds(10));
        }
    }
}
