package dev.handover.zendesk.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How often and how long to wait before repeating a failed request: capped exponential backoff with jitter, and the
 * vendor's {@code Retry-After} honoured up to a ceiling. The random source is injected so tests are repeatable.
 */
public final class RetryPolicy {
    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration maxRetryAfter;
    private final RandomGenerator random;

    /**
     * A policy.
     *
     * @param maxAttempts the most times one request is sent, at least 1
     * @param baseDelay the backoff before the second attempt (before jitter)
     * @param maxDelay the cap of the backoff
     * @param maxRetryAfter the longest {@code Retry-After} waited for; longer ones are handed to the caller
     * @param random jitter source
     */
    public RetryPolicy(
            int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter, RandomGenerator random) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.baseDelay = positive(baseDelay, "base delay");
        this.maxDelay = positive(maxDelay, "max delay");
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("max delay " + maxDelay + " is below the base delay " + baseDelay);
        }
        this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter, "max retry after");
        this.random = Objects.requireNonNull(random, "random");
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
        return d;
    }

    /** The most attempts per request. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The longest {@code Retry-After} this policy waits for. */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /** True when another attempt may follow the one just made. */
    public boolean canRetry(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /**
     * The wait after the given failed attempt: half of the capped exponential delay plus a random share of the other
     * half ("equal jitter"), so retries spread out but never fire back-to-back.
     */
    public Duration backoff(int attemptsMade) {
        long base = baseDelay.toMillis();
        long cap = maxDelay.toMillis();
        int shift = Math.min(30, Math.max(0, attemptsMade - 1));
        long exp = base > (cap >> shift) ? cap : Math.min(cap, base << shift);
        long half = exp / 2;
        long jitter;
        synchronized (random) {
            jitter = half == 0 ? 0 : random.nextLong(half + 1);
        }
        return Duration.ofMillis(exp - half + jitter);
    }

    /**
     * Parses {@code Retry-After}: delta-seconds or an HTTP date. Unparseable or negative values are ignored.
     *
     * @param value the header value
     * @param clock the clock an HTTP date is measured against
     */
    public static Optional<Duration> parseRetryAfter(String value, Clock clock) {
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

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", base=" + baseDelay + ", max=" + maxDelay
                + ", maxRetryAfter=" + maxRetryAfter + "]";
    }
}
