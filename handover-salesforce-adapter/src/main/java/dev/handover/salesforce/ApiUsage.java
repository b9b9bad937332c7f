package dev.handover.salesforce;

import dev.handover.salesforce.http.Throttle;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The org's API usage as Salesforce last reported it in the {@code Sforce-Limit-Info} response header ({@code
 * api-usage=18/15000}): requests used in the rolling 24 hours and the daily allocation.
 *
 * @param used requests counted so far
 * @param max the org's daily allocation
 * @param observedAt when the response that reported it arrived
 */
public record ApiUsage(long used, long max, Instant observedAt) {
    /** Validates the numbers. */
    public ApiUsage {
        if (used < 0 || max <= 0) {
            throw new IllegalArgumentException("api usage must be used >= 0 of max > 0, was " + used + "/" + max);
        }
        Objects.requireNonNull(observedAt, "observed at");
    }

    /** The share of the allocation used, 0 or more (above 1 when the org went over). */
    public double fraction() {
        return (double) used / max;
    }

    /** Requests left before the allocation is reached, never negative. */
    public long remaining() {
        return Math.max(0, max - used);
    }

    /**
     * Parses a {@code Sforce-Limit-Info} header value ({@code api-usage=18/15000; per-app-api-usage=17/250(...)}).
     *
     * @return the usage, or empty when the header carries no {@code api-usage} entry
     */
    public static Optional<ApiUsage> parse(String header, Instant observedAt) {
        return Throttle.Usage.parse(header, observedAt).map(ApiUsage::of);
    }

    /** The usage the transport observed, as the connector hands it out. */
    static ApiUsage of(Throttle.Usage u) {
        return new ApiUsage(u.used(), u.max(), u.observedAt());
    }

    @Override
    public String toString() {
        return "api-usage=" + used + "/" + max + " at " + observedAt;
    }
}
