package dev.handover.zendesk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tickets and task tickets this connector wrote within the search index's lag. Zendesk's search index trails writes
 * by a few minutes, so every search merges these in, re-read fresh by id ({@code show_many}, which is not indexed):
 * what this process just wrote is found at once, without waiting for the index.
 */
final class RecentWrites {
    private final Cache<Long, Boolean> writes;

    RecentWrites(Duration lag, Clock clock) {
        this.writes = Caffeine.newBuilder()
                .expireAfterWrite(lag)
                .ticker(ticker(clock))
                .maximumSize(100_000)
                .build();
    }

    /** Records a write of a ticket ({@code task=false}) or a task ticket ({@code task=true}). */
    void record(long id, boolean task) {
        writes.put(id, task);
    }

    /** Ticket ids written recently, task tickets excluded. */
    Set<Long> tickets() {
        Set<Long> out = new TreeSet<>();
        writes.asMap().forEach((id, task) -> {
            if (!task) {
                out.add(id);
            }
        });
        return out;
    }

    /** Task ticket ids written recently. */
    Set<Long> tasks() {
        Set<Long> out = new TreeSet<>();
        writes.asMap().forEach((id, task) -> {
            if (task) {
                out.add(id);
            }
        });
        return out;
    }

    static Ticker ticker(Clock clock) {
        // Caffeine measures time in nanoseconds from an arbitrary origin; the injected clock keeps tests off the wall
        return () -> {
            java.time.Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }
}
