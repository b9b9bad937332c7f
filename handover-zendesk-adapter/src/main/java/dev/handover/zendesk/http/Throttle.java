package dev.handover.zendesk.http;

import dev.handover.spi.helpers.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Keeps this client under its share of the account's requests per minute, and slows down further as the vendor reports
 * its remaining allowance falling.
 *
 * <p>The steady part is a GCRA token bucket (a reservation-style token bucket): a burst of a tenth of the plan, the rest
 * spread evenly, so that no window of a minute ever holds more than the plan's requests. The adaptive part reads
 * {@code X-Rate-Limit}/{@code X-Rate-Limit-Remaining}, {@code ratelimit-limit}/{@code ratelimit-remaining}/{@code
 * ratelimit-reset} and the endpoint-specific {@code Zendesk-RateLimit-*} headers: once less than a fifth of an
 * allowance remains, requests are spaced so the remainder lasts until the window resets; at zero, nothing is sent until
 * the reset. Time and waiting are injected, so the behaviour is measured in tests, not timed on the wall clock.
 */
public final class Throttle {
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final double LOW_WATER = 0.2;

    private final int requestsPerMinute;
    private final Clock clock;
    private final Sleeper sleeper;
    private final long intervalNanos;
    private final long toleranceNanos;

    // guarded by this
    private Instant theoreticalArrival;
    private Instant notBefore;
    private Duration adaptiveSpacing = Duration.ZERO;
    private Instant lastGrant;
    private long granted;
    private Duration waited = Duration.ZERO;

    /**
     * A limiter for this share of the account's plan.
     *
     * @param requestsPerMinute the requests per minute this client may use (Team 200, Growth/Professional 400, Enterprise
     *     700, High Volume 2,500 — less when other integrations share the account)
     */
    public Throttle(int requestsPerMinute, Clock clock, Sleeper sleeper) {
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requests per minute must be at least 1, was " + requestsPerMinute);
        }
        this.requestsPerMinute = requestsPerMinute;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        int burst = Math.max(1, requestsPerMinute / 10);
        int sustained = Math.max(1, requestsPerMinute - burst);
        this.intervalNanos = WINDOW.toNanos() / sustained;
        this.toleranceNanos = (burst - 1) * intervalNanos;
        Instant now = clock.instant();
        this.theoreticalArrival = now;
        this.notBefore = now;
        this.lastGrant = Instant.MIN;
    }

    /** Waits until the next request may be sent, then counts it. */
    public void acquire() throws InterruptedException {
        Duration wait;
        synchronized (this) {
            Instant now = clock.instant();
            Instant tat = theoreticalArrival.isAfter(now) ? theoreticalArrival : now;
            Instant slot = tat.minusNanos(toleranceNanos);
            if (slot.isBefore(now)) {
                slot = now;
            }
            if (slot.isBefore(notBefore)) {
                slot = notBefore;
            }
            if (!adaptiveSpacing.isZero() && lastGrant != Instant.MIN) {
                Instant spaced = lastGrant.plus(adaptiveSpacing);
                if (slot.isBefore(spaced)) {
                    slot = spaced;
                }
            }
            Instant base = tat.isAfter(slot) ? tat : slot;
            theoreticalArrival = base.plusNanos(intervalNanos);
            lastGrant = slot;
            granted++;
            wait = Duration.between(now, slot);
            if (!wait.isNegative() && !wait.isZero()) {
                waited = waited.plus(wait);
            }
        }
        if (!wait.isNegative() && !wait.isZero()) {
            sleeper.sleep(wait);
        }
    }

    /** Reads the vendor's rate-limit headers (names in lower case) of a response. */
    public void observe(Map<String, List<String>> headers) {
        double fraction = 1.0;
        long remainingAtLowest = Long.MAX_VALUE;
        Duration reset = WINDOW;
        OptionalLong limit = number(first(headers, "x-rate-limit"));
        OptionalLong remaining = number(first(headers, "x-rate-limit-remaining"));
        OptionalLong limit2 = number(first(headers, "ratelimit-limit"));
        OptionalLong remaining2 = number(first(headers, "ratelimit-remaining"));
        OptionalLong reset2 = number(first(headers, "ratelimit-reset"));
        if (remaining.isPresent()) {
            fraction = Math.min(fraction, share(remaining.getAsLong(), limit));
            remainingAtLowest = Math.min(remainingAtLowest, remaining.getAsLong());
        }
        if (remaining2.isPresent()) {
            double f = share(remaining2.getAsLong(), limit2);
            if (f <= fraction) {
                fraction = f;
                remainingAtLowest = remaining2.getAsLong();
                if (reset2.isPresent()) {
                    reset = Duration.ofSeconds(Math.max(1, reset2.getAsLong()));
                }
            }
        }
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            // Zendesk-RateLimit-tickets-update: total=100; remaining=99; resets=30
            if (h.getKey().startsWith("zendesk-ratelimit-") && !h.getValue().isEmpty()) {
                Map<String, Long> parts = parameters(h.getValue().get(0));
                Long total = parts.get("total");
                Long rem = parts.get("remaining");
                if (rem != null) {
                    double f = share(rem, total == null ? OptionalLong.empty() : OptionalLong.of(total));
                    if (f <= fraction) {
                        fraction = f;
                        remainingAtLowest = rem;
                        Long resets = parts.get("resets");
                        reset = resets == null ? WINDOW : Duration.ofSeconds(Math.max(1, resets));
                    }
                }
            }
        }
        synchronized (this) {
            Instant now = clock.instant();
            if (remainingAtLowest == Long.MAX_VALUE) {
                return;
            }
            if (remainingAtLowest <= 0) {
                Instant until = now.plus(reset);
                if (until.isAfter(notBefore)) {
                    notBefore = until;
                }
                adaptiveSpacing = Duration.ZERO;
            } else if (fraction < LOW_WATER) {
                adaptiveSpacing = reset.dividedBy(remainingAtLowest);
            } else {
                adaptiveSpacing = Duration.ZERO;
            }
        }
    }

    /** Requests granted so far. */
    public synchronized long granted() {
        return granted;
    }

    /** The total time requests were held back so far. */
    public synchronized Duration waited() {
        return waited;
    }

    /** The current spacing imposed by falling allowances (zero when none). */
    public synchronized Duration adaptiveSpacing() {
        return adaptiveSpacing;
    }

    private static double share(long remaining, OptionalLong limit) {
        if (limit.isEmpty() || limit.getAsLong() <= 0) {
            return remaining <= 0 ? 0.0 : 1.0;
        }
        return (double) remaining / limit.getAsLong();
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static OptionalLong number(String s) {
        if (s == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(s.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Map<String, Long> parameters(String value) {
        Map<String, Long> out = new java.util.HashMap<>();
        for (String part : value.split("[;,]")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                OptionalLong n = number(part.substring(eq + 1));
                if (n.isPresent()) {
                    out.put(part.substring(0, eq).strip().toLowerCase(Locale.ROOT), n.getAsLong());
                }
            }
        }
        return out;
    }

    @Override
    public synchronized String toString() {
        return "Throttle[" + requestsPerMinute + "/min, granted=" + granted + ", waited=" + waited + "]";
    }
}
