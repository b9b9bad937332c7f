package dev.handover.zendesk.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Backoff grows exponentially up to its cap, jittered within the upper half; Retry-After is read in both forms. */
final class RetryPolicyTest {
    private static final Duration BASE = Duration.ofMillis(500);
    private static final Duration CAP = Duration.ofSeconds(8);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 4711})
    void backoffStaysBetweenHalfAndAllOfTheCappedExponentialDelay(long seed) {
        RetryPolicy p = new RetryPolicy(10, BASE, CAP, Duration.ofMinutes(1), new SplittableRandom(seed));
        for (int attempt = 1; attempt <= 9; attempt++) {
            long exp = Math.min(CAP.toMillis(), BASE.toMillis() << (attempt - 1));
            Duration d = p.backoff(attempt);
            assertThat(d.toMillis()).as("attempt %d", attempt).isBetween(exp - exp / 2, exp);
        }
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        RetryPolicy a = new RetryPolicy(5, BASE, CAP, Duration.ofMinutes(1), new SplittableRandom(9));
        RetryPolicy b = new RetryPolicy(5, BASE, CAP, Duration.ofMinutes(1), new SplittableRandom(9));
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(a.backoff(attempt)).isEqualTo(b.backoff(attempt));
        }
    }

    @Test
    void countsAttempts() {
        RetryPolicy p = new RetryPolicy(3, BASE, CAP, Duration.ofMinutes(1), new SplittableRandom(1));
        assertThat(p.canRetry(1)).isTrue();
        assertThat(p.canRetry(2)).isTrue();
        assertThat(p.canRetry(3)).isFalse();
    }

    @Test
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
        assertThat(RetryPolicy.parseRetryAfter("17", clock)).contains(Duration.ofSeconds(17));
        assertThat(RetryPolicy.parseRetryAfter("Mon, 02 Mar 2026 09:01:30 GMT", clock))
                .contains(Duration.ofSeconds(90));
        assertThat(RetryPolicy.parseRetryAfter("Mon, 02 Mar 2026 08:00:00 GMT", clock))
                .contains(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("soon", clock)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter("-3", clock)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter(null, clock)).isEmpty();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, BASE, CAP, Duration.ZERO, new SplittableRandom()))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new RetryPolicy(3, CAP, BASE, Duration.ZERO, new SplittableRandom()))
                .hasMessageContaining("below the base delay");
    }
}
