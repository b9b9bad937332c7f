package dev.handover.zendesk.fake;

import java.time.Duration;
import java.util.Objects;

/**
 * Which requests fail how: the next {@code times} requests matching the method and path prefix get the fault, before the
 * fake processes them (nothing changes) or after (the change is made, the answer is lost — the case idempotency exists
 * for).
 *
 * <pre>{@code
 * zendesk.inject(FaultRule.of(Fault.CONNECTION_RESET).on("PUT", "/api/v2/tickets/10001").afterProcessing());
 * }</pre>
 *
 * @param fault what happens
 * @param method the HTTP method to match, or null for any
 * @param pathPrefix the path prefix to match, or null for any
 * @param times how many matching requests fail
 * @param processedFirst true to process the request before failing its answer
 * @param retryAfter the {@code Retry-After} of {@link Fault#RATE_LIMITED} and {@link Fault#SERVICE_UNAVAILABLE}
 */
public record FaultRule(
        Fault fault, String method, String pathPrefix, int times, boolean processedFirst, Duration retryAfter) {

    /** Validates. */
    public FaultRule {
        Objects.requireNonNull(fault, "fault");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        Objects.requireNonNull(retryAfter, "retry after");
    }

    /** The fault, once, for any request, before processing, with a one-second {@code Retry-After}. */
    public static FaultRule of(Fault fault) {
        return new FaultRule(fault, null, null, 1, false, Duration.ofSeconds(1));
    }

    /** Only requests with this method and path prefix. */
    public FaultRule on(String method, String pathPrefix) {
        return new FaultRule(fault, method, pathPrefix, times, processedFirst, retryAfter);
    }

    /** For this many matching requests. */
    public FaultRule times(int n) {
        return new FaultRule(fault, method, pathPrefix, n, processedFirst, retryAfter);
    }

    /** After the request was processed: the change lands, the answer is lost or garbled. */
    public FaultRule afterProcessing() {
        return new FaultRule(fault, method, pathPrefix, times, true, retryAfter);
    }

    /** With this {@code Retry-After}. */
    public FaultRule retryAfter(Duration d) {
        return new FaultRule(fault, method, pathPrefix, times, processedFirst, d);
    }

    boolean matches(String m, String path) {
        return (method == null || method.equalsIgnoreCase(m)) && (pathPrefix == null || path.startsWith(pathPrefix));
    }
}
