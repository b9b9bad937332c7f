package dev.handover.zendesk.http;

import dev.handover.spi.helpers.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
    private final Map<String, Scope> scopes = new java.util.HashMap<>();

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
        acquire("");
    }

    /**
     * Waits until the next request of this scope may be sent, then counts it: the account's allowance holds back every
     * request, an endpoint's exhausted allowance only the requests of the scope it was reported for.
     *
     * @param scope what the request is ({@link #scopeOf}); empty for none in particular
     */
    public void acquire(String scope) throws InterruptedException {
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
            // the account's bucket is charged at the account's slot: a request waiting for its endpoint must not
            // hold back requests to other endpoints
            Instant base = tat.isAfter(slot) ? tat : slot;
            theoreticalArrival = base.plusNanos(intervalNanos);
            lastGrant = slot;
            Scope sc = scope.isEmpty() ? null : scopes.get(scope);
            if (sc != null && sc.spacing.isZero() && !sc.notBefore.isAfter(now)) {
                scopes.remove(scope); // its hold is over
                sc = null;
            }
            if (sc != null) {
                if (slot.isBefore(sc.notBefore)) {
                    slot = sc.notBefore;
                }
                if (!sc.spacing.isZero()
                        && sc.lastGrant != Instant.MIN
                        && slot.isBefore(sc.lastGrant.plus(sc.spacing))) {
                    slot = sc.lastGrant.plus(sc.spacing);
                }
                sc.lastGrant = slot;
            }
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
        observe(headers, "");
    }

    /**
     * Reads the vendor's rate-limit headers (names in lower case) of a response to a request of this scope.
     *
     * <p>The account's headers ({@code X-Rate-Limit}/{@code X-Rate-Limit-Remaining}, {@code ratelimit-*}) govern every
     * request. At zero remaining the wait is {@code ratelimit-reset}, else the response's {@code Retry-After}; a real
     * Zendesk 429 carries {@code X-Rate-Limit-Remaining: 0} with a {@code Retry-After} and no reset header, and is waited
     * out for that {@code Retry-After} and no longer — never an assumed minute. An endpoint's header ({@code
     * Zendesk-RateLimit-tickets-update: total=30; remaining=0; resets=600}) governs only requests of the same scope: the
     * updates of that ticket, not the next read.
     */
    public void observe(Map<String, List<String>> headers, String scope) {
        OptionalLong limit = number(first(headers, "x-rate-limit"));
        OptionalLong remaining = number(first(headers, "x-rate-limit-remaining"));
        OptionalLong limit2 = number(first(headers, "ratelimit-limit"));
        OptionalLong remaining2 = number(first(headers, "ratelimit-remaining"));
        OptionalLong reset2 = number(first(headers, "ratelimit-reset"));
        OptionalLong retryAfter = number(first(headers, "retry-after"));
        double fraction = 1.0;
        long lowest = Long.MAX_VALUE;
        Optional<Duration> reset = Optional.empty();
        if (remaining.isPresent()) {
            fraction = share(remaining.getAsLong(), limit);
            lowest = remaining.getAsLong();
        }
        if (remaining2.isPresent()) {
            double f = share(remaining2.getAsLong(), limit2);
            if (f <= fraction) {
                fraction = f;
                lowest = remaining2.getAsLong();
            }
        }
        if (reset2.isPresent()) {
            reset = Optional.of(Duration.ofSeconds(Math.max(1, reset2.getAsLong())));
        } else if (retryAfter.isPresent()) {
            reset = Optional.of(Duration.ofSeconds(Math.max(0, retryAfter.getAsLong())));
        }
        synchronized (this) {
            Instant now = clock.instant();
            if (lowest != Long.MAX_VALUE) {
                if (lowest <= 0) {
                    // without a reset or a Retry-After the wait is unknown: the next answer (a 429) will say it
                    reset.map(now::plus).filter(t -> t.isAfter(notBefore)).ifPresent(t -> notBefore = t);
                    adaptiveSpacing = Duration.ZERO;
                } else if (fraction < LOW_WATER) {
                    adaptiveSpacing = reset.orElse(WINDOW).dividedBy(lowest);
                } else {
                    adaptiveSpacing = Duration.ZERO;
                }
            }
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                // Zendesk-RateLimit-tickets-update: total=30; remaining=29; resets=600
                if (!h.getKey().startsWith("zendesk-ratelimit-") || h.getValue().isEmpty()) {
                    continue;
                }
                Map<String, Long> parts = parameters(h.getValue().get(0));
                Long rem = parts.get("remaining");
                if (rem == null) {
                    continue;
                }
                Long total = parts.get("total");
                Long resets = parts.get("resets");
                Duration window = resets == null ? WINDOW : Duration.ofSeconds(Math.max(1, resets));
                boolean low = share(rem, total == null ? OptionalLong.empty() : OptionalLong.of(total)) < LOW_WATER;
                if (rem > 0 && !low) {
                    // a scope with allowance to spare is not remembered: a daemon updates many tickets
                    Scope sc = scopes.get(scope);
                    if (sc != null && !sc.notBefore.isAfter(now)) {
                        scopes.remove(scope);
                    }
                    continue;
                }
                Scope sc = scopes.computeIfAbsent(scope, k -> new Scope());
                if (rem <= 0) {
                    Instant until = now.plus(window);
                    if (until.isAfter(sc.notBefore)) {
                        sc.notBefore = until;
                    }
                    sc.spacing = Duration.ZERO;
                } else {
                    sc.spacing = window.dividedBy(rem);
                }
            }
        }
    }

    /**
     * The scope an endpoint limit applies to, for a request: an update of one ticket ({@code PUT /api/v2/tickets/42},
     * Zendesk's "30 updates per 10 minutes per user and ticket"), else the endpoint with its ids left out.
     */
    public static String scopeOf(String method, String path) {
        String p = path.replaceFirst("\\.json$", "");
        if (method.equals("PUT") && p.matches("/api/v2/tickets/\\d+")) {
            return "PUT " + p;
        }
        return method + " " + p.replaceAll("/\\d+", "/{id}");
    }

    /** How many scopes are held back or spaced now (a daemon must not remember every ticket it ever updated). */
    public synchronized int constrainedScopes() {
        return scopes.size();
    }

    /** The spacing an endpoint's falling allowance imposes on a scope (zero when none). */
    public synchronized Duration adaptiveSpacing(String scope) {
        Scope sc = scopes.get(scope);
        return sc == null ? Duration.ZERO : sc.spacing;
    }

    /** Until when a scope is held back by an endpoint's exhausted allowance (the past when it is not). */
    public synchronized Instant heldUntil(String scope) {
        Scope sc = scopes.get(scope);
        return sc == null ? Instant.MIN : sc.notBefore;
    }

    /** One endpoint's (or one ticket's) allowance as the vendor last reported it. */
    private static final class Scope {
        Instant notBefore = Instant.MIN;
        Duration spacing = Duration.ZERO;
        Instant lastGrant = Instant.MIN;
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
