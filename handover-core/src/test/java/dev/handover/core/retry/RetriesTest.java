package dev.handover.core.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.spi.error.CrmRateLimitedException;
import dev.handover.spi.error.CrmUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine waits the CRM's Retry-After when it names one, else 1 s, 2 s, 4 s … up to 32 s, never over a minute. */
final class RetriesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-09T14:00:00Z"), ZoneOffset.UTC);

    private final List<Duration> waits = new ArrayList<>();
    private final Retries retries = new Retries(8, waits::add, CLOCK);

    @Test
    void backsOffByDoublingFromOneSecondUpToThirtyTwo() {
        for (int attempt = 1; attempt <= 7; attempt++) {
            retries.pause(new CrmUnavailableException("memory", "down"), attempt);
        }

        assertThat(waits)
                .containsExactly(seconds(1), seconds(2), seconds(4), seconds(8), seconds(16), seconds(32), seconds(32));
    }

    @Test
    void waitsWhatARateLimitAsksForButNeverMoreThanAMinute() {
        retries.pause(new CrmRateLimitedException("memory", "slow down", seconds(7)), 1);
        retries.pause(new CrmRateLimitedException("memory", "slow down", seconds(60)), 2);
        retries.pause(new CrmRateLimitedException("memory", "slow down", seconds(90)), 3);
        retries.pause(new CrmRateLimitedException("memory", "slow down", null), 4);

        assertThat(waits).containsExactly(seconds(7), seconds(60), seconds(60), seconds(8));
    }

    @Test
    void triesAsOftenAsTheEngineIsToldInAll() {
        Retries three = new Retries(3, waits::add, CLOCK);

        assertThat(three.canRetry(1)).isTrue();
        assertThat(three.canRetry(2)).isTrue();
        assertThat(three.canRetry(3)).isFalse();
    }

    private static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
