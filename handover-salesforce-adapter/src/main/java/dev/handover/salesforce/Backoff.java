package dev.handover.salesforce;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with jitter: the n-th retry waits between half and all of {@code min(max, initial ·
 * 2^(n-1))}, so concurrent workers that failed together do not retry together. A {@code Retry-After} the server sent
 * wins when it is longer, up to the cap.
 */
final class Backoff {
    private final Config.Retry retry;
    private final RandomGenerator random;

    Backoff(Config.Retry retry, RandomGenerator random) {
        this.retry = retry;
        this.random = random;
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    Duration delay(int retryNumber, Duration retryAfter) {
        long initial = retry.initialBackoff().toMillis();
        long max = retry.maxBackoff().toMillis();
        int shift = Math.min(Math.max(retryNumber - 1, 0), 30);
        long cap = Math.min(max, initial << shift);
        long half = cap / 2;
        long wait = half + (long) (random.nextDouble() * (cap - half + 1));
        if (retryAfter != null) {
            wait = Math.max(wait, Math.min(retryAfter.toMillis(), max));
        }
        return Duration.ofMillis(Math.min(wait, max));
    }

    /** Attempts in all, first included. */
    int maxAttempts() {
        return retry.maxAttempts();
    }
}
