package dev.handover.spi.helpers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * How often, and how long to wait before, a failed call is tried again: capped exponential backoff with jitter, and
 * the server's {@code Retry-After} (delta-seconds or an HTTP date) honoured exactly, up to a ceiling. Waits happen on
 * the injected {@link Sleeper} and HTTP dates are measured on the injected {@link Clock}, so tests never wait on the
 * wall clock.
 *
 * <pre>{@code
 * Backoff backoff = Backoff.builder().maxAttempts(4).baseDelay(Duration.ofMillis(500)).build();
 * for (int attempt = 1; ; attempt++) {
 *     Response r = send();
 *     if (!retryable(r) || !backoff.canRetry(attempt)) return r;
 *     Optional<Duration> wait = backoff.delay(attempt, backoff.retryAfter(r.getHeaderString("Retry-After")));
 *     if (wait.isEmpty()) return r;            // the server asked for longer than we wait
 *     backoff.sleep(wait.get());
 * }
 * }</pre>
 *
 * <p>The backoff after the n-th failed attempt is {@code min(maxDelay, baseDelay · 2^(n-1))}; with jitter (the default)
 * it is half of that plus a random share of the other half ("equal jitter"), so workers that failed together do not
 * retry together, yet never retry back to back. Immutable and thread-safe.
 */
public final class Backoff {
    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration maxRetryAfter;
    private final boolean jitter;
    private final RandomGenerator random;
    private final Clock clock;
    private final Sleeper sleeper;

    private Backoff(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.baseDelay = b.baseDelay;
        this.maxDelay = b.maxDelay;
        this.maxRetryAfter = b.maxRetryAfter;
        this.jitter = b.jitter;
        this.random = b.random != null ? b.random : new SplittableRandom();
        this.clock = b.clock;
        this.sleeper = b.sleeper;
    }

    /**
     * A builder. Defaults: 4 attempts, 500 ms base delay, 30 s cap, {@code Retry-After} honoured up to 60 s, equal
     * jitter, the system clock and {@link Sleeper#SYSTEM}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The most attempts one call gets, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The longest {@code Retry-After} this backoff waits; longer ones are the caller's to handle. */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /** The clock HTTP dates are measured against. */
    public Clock clock() {
        return clock;
    }

    /** The sleeper waits happen on. */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** True when another attempt may follow the {@code attemptsMade} made so far. */
    public boolean canRetry(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /** The backoff after {@code attemptsMade} failed attempts (1 after the first), jittered unless jitter is off. */
    public Duration delay(int attemptsMade) {
        long base = baseDelay.toMillis();
        long cap = maxDelay.toMillis();
        int shift = Math.min(30, Math.max(0, attemptsMade - 1));
        long exp = base > (cap >> shift) ? cap : Math.min(cap, base << shift);
        if (!jitter) {
            return Duration.ofMillis(exp);
        }
        long half = exp / 2;
        long share;
        synchronized (random) {
            share = half == 0 ? 0 : random.nextLong(half + 1);
        }
        return Duration.ofMillis(exp - half + share);
    }

    /**
     * The wait before the next attempt: the server's {@code Retry-After} when it sent one — exactly that, no longer —
     * otherwise {@link #delay(int)}. Empty when the server asked for more than {@link #maxRetryAfter()}: the caller then
     * reports the call as rate limited instead of blocking.
     */
    public Optional<Duration> delay(int attemptsMade, Optional<Duration> retryAfter) {
        Objects.requireNonNull(retryAfter, "retry after");
        if (retryAfter.isPresent()) {
            Duration d = retryAfter.get();
            return d.compareTo(maxRetryAfter) > 0 ? Optional.empty() : Optional.of(d);
        }
        return Optional.of(delay(attemptsMade));
    }

    /** A {@code Retry-After} header's value as a duration, measured on this backoff's clock. */
    public Optional<Duration> retryAfter(String headerValue) {
        return parseRetryAfter(headerValue, clock);
    }

    /**
     * Waits on the sleeper.
     *
     * @param duration how long
     * @throws InterruptedException when the thread is interrupted while it waits
     */
    public void sleep(Duration duration) throws InterruptedException {
        sleeper.sleep(Objects.requireNonNull(duration, "duration"));
    }

    /**
     * Parses {@code Retry-After}: delta-seconds ({@code 120}) or an HTTP date ({@code Fri, 31 Dec 1999 23:59:59 GMT}, a
     * past date is zero). A missing, unparseable or negative value is empty.
     *
     * @param value the header value, or null
     * @param clock what an HTTP date is measured against
     */
    public static Optional<Duration> parseRetryAfter(String value, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** The settings, for logs. */
    @Override
    public String toString() {
        return "Backoff[maxAttempts=" + maxAttempts + ", base=" + baseDelay + ", max=" + maxDelay + ", maxRetryAfter="
                + maxRetryAfter + (jitter ? ", equal jitter" : ", no jitter") + "]";
    }

    /** Builds a {@link Backoff}; every option may be set once and is checked at once. */
    public static final class Builder {
        private final Set<String> set = new HashSet<>();
        private int maxAttempts = 4;
        private Duration baseDelay = Duration.ofMillis(500);
        private Duration maxDelay = Duration.ofSeconds(30);
        private Duration maxRetryAfter = Duration.ofSeconds(60);
        private boolean jitter = true;
        private RandomGenerator random;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;

        private Builder() {}

        private void once(String option) {
            if (!set.add(option)) {
                throw new IllegalStateException("backoff: " + option + " is already set");
            }
        }

        /** Attempts in all, the first included: 1 (no retry) to 100. Default 4. */
        public Builder maxAttempts(int attempts) {
            once("max attempts");
            if (attempts < 1 || attempts > 100) {
                throw new IllegalArgumentException("backoff: max attempts must be 1–100, was " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** The backoff after the first failed attempt, before jitter. Default 500 ms. */
        public Builder baseDelay(Duration delay) {
            once("base delay");
            this.baseDelay = positive(delay, "base delay");
            return this;
        }

        /** The cap of the exponential backoff. Default 30 s. */
        public Builder maxDelay(Duration delay) {
            once("max delay");
            this.maxDelay = positive(delay, "max delay");
            return this;
        }

        /** The longest {@code Retry-After} waited for; zero waits for none. Default 60 s. */
        public Builder maxRetryAfter(Duration max) {
            once("max retry after");
            Objects.requireNonNull(max, "max retry after");
            if (max.isNegative()) {
                throw new IllegalArgumentException("backoff: max retry after must not be negative, was " + max);
            }
            this.maxRetryAfter = max;
            return this;
        }

        /** Waits the full exponential delay, without jitter (repeatable timings, for one client alone). */
        public Builder withoutJitter() {
            once("jitter");
            this.jitter = false;
            return this;
        }

        /** The jitter's randomness; seed one for repeatable tests. Default: a fresh {@link SplittableRandom}. */
        public Builder random(RandomGenerator random) {
            once("random");
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** The clock HTTP dates in {@code Retry-After} are measured on. Default: system UTC. */
        public Builder clock(Clock clock) {
            once("clock");
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How to wait. Default {@link Sleeper#SYSTEM}. */
        public Builder sleeper(Sleeper sleeper) {
            once("sleeper");
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * The backoff.
         *
         * @throws IllegalArgumentException when the cap is below the base delay
         */
        public Backoff build() {
            if (maxDelay.compareTo(baseDelay) < 0) {
                throw new IllegalArgumentException(
                        "backoff: max delay " + maxDelay + " is below the base delay " + baseDelay);
            }
            return new Backoff(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("backoff: " + what + " must be positive, was " + d);
            }
            return d;
        }
    }
}
