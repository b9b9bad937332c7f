package dev.handover.zendesk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.handover.spi.UpdateResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The results of updates this connector applied, by idempotency key, so a repeat within the process is answered
 * without a call. Across processes the write marker in the note does the same job (see {@link Markers}).
 *
 * <p>It also remembers which keys this connector has tried to write, answered or not: a replay of a key it never sent
 * is another writer's handover (a second worker on the same tickets), whose tasks that writer is still creating.
 */
final class ReplayLedger {
    private final Cache<String, UpdateResult> results;
    private final Cache<String, Boolean> attempts;

    ReplayLedger(Clock clock) {
        this.results = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofDays(1))
                .maximumSize(50_000)
                .ticker(RecentWrites.ticker(clock))
                .build();
        this.attempts = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofDays(1))
                .maximumSize(50_000)
                .ticker(RecentWrites.ticker(clock))
                .build();
    }

    /** Records an attempt with {@code key}; true when this connector had tried that key before. */
    boolean attemptedBefore(String key) {
        return attempts.asMap().put(key, Boolean.TRUE) != null;
    }

    Optional<UpdateResult> find(String key) {
        return Optional.ofNullable(results.getIfPresent(key));
    }

    void record(String key, UpdateResult result) {
        results.put(key, result);
    }
}
