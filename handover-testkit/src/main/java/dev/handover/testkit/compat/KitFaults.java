package dev.handover.testkit.compat;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The fault hook of the compatibility kit: how an adapter's test makes its backend (a stateful fake server on
 * loopback, or the in-memory CRM) fail the next request in the vendor's own way, so that "a lost answer writes once"
 * and "a rate limit is waited out" are proved once, in the kit, for every connector.
 *
 * <p>Each method arms one fault for the next matching request to the backend's API (authentication requests are not
 * counted) and is used up by it. {@link CrmConnectorCompatibilityKit#faults()} returns the hook of the backend the last
 * {@link CrmConnectorCompatibilityKit#createConnector} made. A backend usually extends {@link OnClock}, which answers
 * {@link #clock()}, and writes only how it arms each fault.
 */
public interface KitFaults {

    /** The clock the connector waits on (its sleeper advances it), so the kit can measure how long a retry waited. */
    Clock clock();

    /**
     * The next write lands in the backend, then its answer is lost: the connection is reset after the request was
     * processed. The case idempotency keys exist for.
     */
    void loseNextWriteAnswer();

    /**
     * The next write request is answered with a server error (5xx) before it is processed: nothing is written. Reads a
     * connector makes before its write (a directory, the ticket's version) are not hit.
     */
    void serverErrorOnNextWrite();

    /** The next write request's connection is reset before it is processed: nothing is written. */
    void resetNextWriteConnection();

    /** The next read request is answered with a server error (5xx). */
    void serverErrorOnNextRead();

    /**
     * The next request is refused as over the vendor's rate limit, as the vendor answers it: Zendesk with 429 and this
     * {@code Retry-After}, Salesforce with 403 {@code REQUEST_LIMIT_EXCEEDED} (which carries no wait), the in-memory CRM
     * with a {@code CrmRateLimitedException} carrying this wait. Nothing is written.
     */
    void rateLimitNext(Duration retryAfter);

    /** How many armed faults no request has met yet: the kit checks each case met its fault. */
    int pending();

    /** A hook on a fixed clock, the backend's own: its subclass says only how the backend arms each fault. */
    abstract class OnClock implements KitFaults {
        private final Clock clock;

        /** A hook whose {@link #clock()} is this clock, the one the connector's sleeper advances. */
        protected OnClock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        @Override
        public final Clock clock() {
            return clock;
        }
    }
}
