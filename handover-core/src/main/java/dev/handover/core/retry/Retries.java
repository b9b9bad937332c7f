package dev.handover.core.retry;

import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmRateLimitedException;
import dev.handover.spi.helpers.Backoff;
import dev.handover.spi.helpers.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The engine's retries of a write that failed transiently: up to its number of attempts, waiting the CRM's {@code
 * Retry-After} when a rate limit names one, else 1 s, 2 s, 4 s … up to 32 s, and never longer than a minute. Every
 * attempt carries the same idempotency key, so retrying never writes twice.
 */
public final class Retries {
    private static final Duration LONGEST = Duration.ofMinutes(1);

    private final Backoff backoff;

    /**
     * @param attempts attempts in all, the first included
     * @param sleeper how to wait
     * @param clock the engine's clock
     */
    public Retries(int attempts, Sleeper sleeper, Clock clock) {
        this.backoff = Backoff.builder()
                .maxAttempts(attempts)
                .baseDelay(Duration.ofSeconds(1))
                .maxDelay(Duration.ofSeconds(32))
                .maxRetryAfter(LONGEST)
                .withoutJitter()
                .clock(clock)
                .sleeper(sleeper)
                .build();
    }

    /** True when another attempt may follow the {@code attemptsMade} so far. */
    public boolean canRetry(int attemptsMade) {
        return backoff.canRetry(attemptsMade);
    }

    /** Waits before the next attempt after {@code attemptsMade} failed ones; an interrupt ends the wait and is kept. */
    public void pause(CrmException failure, int attemptsMade) {
        Optional<Duration> retryAfter =
                failure instanceof CrmRateLimitedException r ? r.retryAfter() : Optional.empty();
        // a longer Retry-After is not given up on: the engine waits the longest it waits and tries again
        Duration wait = backoff.delay(attemptsMade, retryAfter).orElse(LONGEST);
        try {
            backoff.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
