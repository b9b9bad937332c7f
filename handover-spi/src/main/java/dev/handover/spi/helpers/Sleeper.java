package dev.handover.spi.helpers;

import java.time.Duration;

/**
 * How a connector, or the engine, waits: between retries, for a rate limiter, between polls of a batch job. The one
 * wait seam of the SPI. Production code uses {@link #SYSTEM}; tests pass one that advances a simulated clock, so
 * nothing sleeps on the wall clock:
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at(start);
 * CrmConnector crm = ZendeskConnector.builder()…clock(clock).sleeper(clock::advance).build();
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps on the wall clock, to the nanosecond the platform allows. */
    Sleeper SYSTEM = d -> {
        if (!d.isNegative() && !d.isZero()) {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        }
    };

    /**
     * Waits this long; zero or negative returns at once.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void sleep(Duration duration) throws InterruptedException;
}
