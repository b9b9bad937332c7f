package dev.handover.zendesk.http;

import java.time.Duration;

/** Waits between attempts and for the rate limiter; tests pass one that advances a simulated clock. */
@FunctionalInterface
public interface Pause {
    /** Waits this long. */
    void sleep(Duration duration) throws InterruptedException;
}
