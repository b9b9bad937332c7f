package dev.handover.memory;

import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmRateLimitedException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.helpers.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

/**
 * Failures an {@link InMemoryCrm} produces on purpose, so the engine can be tested and measured against a CRM that
 * lets it down: fail the next N calls, fail a seeded fraction of calls (optionally only within a time window of the
 * injected clock), lose the response of a write that did land, add latency, and refuse calls beyond a rate limit per
 * minute. A failed call changes nothing, except with {@link #loseResponses}. Thread-safe; configuration methods
 * chain.
 */
public final class Faults {
    private final Clock clock;
    private final List<Rule> rules = new ArrayList<>();
    private int lostResponses;
    private Duration latency = Duration.ZERO;
    private int rateLimitPerMinute;
    private long windowMinute = Long.MIN_VALUE;
    private int windowCalls;

    Faults(Clock clock) {
        this.clock = clock;
    }

    /** A transient failure as a 503 would produce. Use as {@code Faults::unavailable}. */
    public static CrmException unavailable(Operation op) {
        return new CrmUnavailableException(
                InMemoryCrm.VENDOR, 503, "injected", "injected failure of " + op + " (service unavailable)", null);
    }

    /** A rate-limit refusal asking to retry after 30 seconds. Use as {@code Faults::rateLimited}. */
    public static CrmException rateLimited(Operation op) {
        return new CrmRateLimitedException(
                InMemoryCrm.VENDOR, 429, "injected", "injected rate limit on " + op, Duration.ofSeconds(30), null);
    }

    /** Fails the next {@code calls} calls of any operation with this error. */
    public Faults failNext(int calls, Function<Operation, ? extends CrmException> error) {
        return add(new Rule(null, calls, 0, null, null, null, error));
    }

    /** Fails the next {@code calls} calls of one operation with this error. */
    public Faults failNext(int calls, Operation only, Function<Operation, ? extends CrmException> error) {
        Objects.requireNonNull(only, "operation");
        return add(new Rule(only, calls, 0, null, null, null, error));
    }

    /** Fails this fraction of all calls, chosen by a generator with this seed, until {@link #clear()}. */
    public Faults failRandomly(double fraction, long seed, Function<Operation, ? extends CrmException> error) {
        return failRandomly(fraction, seed, Instant.MIN, Instant.MAX, error);
    }

    /**
     * Fails this fraction of the calls made while the clock is in {@code [from, until)}, chosen by a generator with this
     * seed: "the CRM fails 30% of calls for 20 minutes".
     */
    public Faults failRandomly(
            double fraction,
            long seed,
            Instant from,
            Instant until,
            Function<Operation, ? extends CrmException> error) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1], was " + fraction);
        }
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("window must end after it starts: " + from + " – " + until);
        }
        return add(new Rule(null, -1, fraction, new Random(seed), from, until, error));
    }

    /**
     * The next {@code writes} write calls land in the CRM but the caller gets {@link CrmUnavailableException}, as when a
     * connection drops after the server committed: the case idempotency keys exist for.
     */
    public synchronized Faults loseResponses(int writes) {
        if (writes < 1) {
            throw new IllegalArgumentException("writes must be positive, was " + writes);
        }
        lostResponses += writes;
        return this;
    }

    /** Every call takes this long, spent with the CRM's {@link Sleeper}. */
    public synchronized Faults latency(Duration perCall) {
        if (perCall.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + perCall);
        }
        this.latency = perCall;
        return this;
    }

    /**
     * Refuses calls beyond this many per clock minute with {@link CrmRateLimitedException} whose retry-after points at
     * the next minute, as Zendesk does. Zero turns the limit off.
     */
    public synchronized Faults rateLimit(int callsPerMinute) {
        if (callsPerMinute < 0) {
            throw new IllegalArgumentException("calls per minute must not be negative, was " + callsPerMinute);
        }
        this.rateLimitPerMinute = callsPerMinute;
        return this;
    }

    /** Removes every fault, latency and rate limit. */
    public synchronized void clear() {
        rules.clear();
        lostResponses = 0;
        latency = Duration.ZERO;
        rateLimitPerMinute = 0;
        windowCalls = 0;
    }

    /** How many counted faults are still armed: failures of the next calls and lost responses (random ones aside). */
    public synchronized int pending() {
        return lostResponses
                + rules.stream().mapToInt(r -> Math.max(0, r.remaining)).sum();
    }

    private synchronized Faults add(Rule rule) {
        rules.add(rule);
        return this;
    }

    synchronized Duration latency() {
        return latency;
    }

    /** Throws the failure this call suffers, if any. */
    synchronized void before(Operation op) {
        Instant now = clock.instant();
        if (rateLimitPerMinute > 0) {
            long minute = Math.floorDiv(now.getEpochSecond(), 60);
            if (minute != windowMinute) {
                windowMinute = minute;
                windowCalls = 0;
            }
            if (windowCalls >= rateLimitPerMinute) {
                long wait = (minute + 1) * 60 - now.getEpochSecond();
                throw new CrmRateLimitedException(
                        InMemoryCrm.VENDOR,
                        429,
                        "RateLimited",
                        "more than " + rateLimitPerMinute + " calls this minute (" + op + ")",
                        Duration.ofSeconds(Math.max(1, wait)),
                        null);
            }
            windowCalls++;
        }
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (rule.only != null && rule.only != op) {
                continue;
            }
            if (rule.remaining > 0) {
                rule.remaining--;
                if (rule.remaining == 0) {
                    it.remove();
                }
                throw rule.error.apply(op);
            }
            if (rule.random != null
                    && !now.isBefore(rule.from)
                    && now.isBefore(rule.until)
                    && rule.random.nextDouble() < rule.fraction) {
                throw rule.error.apply(op);
            }
        }
    }

    /** True when this write's response is to be lost. */
    synchronized boolean loseResponse(Operation op) {
        if (op.isWrite() && lostResponses > 0) {
            lostResponses--;
            return true;
        }
        return false;
    }

    private static final class Rule {
        final Operation only;
        int remaining;
        final double fraction;
        final Random random;
        final Instant from;
        final Instant until;
        final Function<Operation, ? extends CrmException> error;

        Rule(
                Operation only,
                int remaining,
                double fraction,
                Random random,
                Instant from,
                Instant until,
                Function<Operation, ? extends CrmException> error) {
            if (remaining == 0 || remaining < -1) {
                throw new IllegalArgumentException("calls must be positive, was " + remaining);
            }
            this.only = only;
            this.remaining = remaining;
            this.fraction = fraction;
            this.random = random;
            this.from = from;
            this.until = until;
            this.error = Objects.requireNonNull(error, "error");
        }
    }
}
