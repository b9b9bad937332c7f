package dev.handover.spi.helpers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class BackoffTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

    @Test
    void doublesFromTheBaseDelayUpToTheCapWithoutJitter() {
        Backoff b = Backoff.builder()
                .baseDelay(Duration.ofMillis(500))
                .maxDelay(Duration.ofSeconds(3))
                .withoutJitter()
                .build();
        assertThat(List.of(b.delay(1), b.delay(2), b.delay(3), b.delay(4), b.delay(40)))
                .containsExactly(
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(3));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 10, 31, 64})
    void equalJitterStaysBetweenHalfAndAllOfTheCappedDelay(int attempt) {
        Backoff b = Backoff.builder()
                .baseDelay(Duration.ofMillis(250))
                .maxDelay(Duration.ofSeconds(8))
                .random(new SplittableRandom(attempt))
                .build();
        long full = Math.min(8000, 250L << Math.min(30, attempt - 1));
        for (int i = 0; i < 200; i++) {
            long d = b.delay(attempt).toMillis();
            assertThat(d).isBetween(full - full / 2, full);
        }
    }

    @Test
    void theSameSeedGivesTheSameDelays() {
        Backoff a = Backoff.builder().random(new SplittableRandom(11)).build();
        Backoff b = Backoff.builder().random(new SplittableRandom(11)).build();
        for (int attempt = 1; attempt <= 8; attempt++) {
            assertThat(a.delay(attempt)).isEqualTo(b.delay(attempt));
        }
    }

    @Test
    void jitterSpreadsWorkersThatFailedTogether() {
        Backoff b = Backoff.builder()
                .baseDelay(Duration.ofSeconds(1))
                .random(new SplittableRandom(3))
                .build();
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waits.add(b.delay(3));
        }
        assertThat(waits.stream().distinct().count()).isGreaterThan(10);
    }

    @Test
    void aRetryAfterIsWaitedExactlyAndNoLonger() {
        Backoff b = Backoff.builder().baseDelay(Duration.ofSeconds(5)).build();
        assertThat(b.delay(3, Optional.of(Duration.ofSeconds(2)))).contains(Duration.ofSeconds(2));
        assertThat(b.delay(1, Optional.of(Duration.ZERO))).contains(Duration.ZERO);
    }

    @Test
    void aRetryAfterBeyondTheCeilingIsLeftToTheCaller() {
        Backoff b = Backoff.builder().maxRetryAfter(Duration.ofSeconds(60)).build();
        assertThat(b.delay(1, Optional.of(Duration.ofSeconds(61)))).isEmpty();
        assertThat(b.delay(1, Optional.of(Duration.ofSeconds(60)))).contains(Duration.ofSeconds(60));
    }

    @Test
    void withoutRetryAfterTheBackoffApplies() {
        Backoff b = Backoff.builder().withoutJitter().build();
        assertThat(b.delay(2, Optional.empty())).contains(Duration.ofSeconds(1));
    }

    @Test
    void countsAttemptsFirstIncluded() {
        Backoff b = Backoff.builder().maxAttempts(3).build();
        assertThat(b.canRetry(1)).isTrue();
        assertThat(b.canRetry(2)).isTrue();
        assertThat(b.canRetry(3)).isFalse();
        assertThat(Backoff.builder().maxAttempts(1).build().canRetry(1)).isFalse();
    }

    @Test
    void parsesRetryAfterAsSecondsOrAnHttpDate() {
        assertThat(Backoff.parseRetryAfter("120", CLOCK)).contains(Duration.ofSeconds(120));
        assertThat(Backoff.parseRetryAfter(" 7 ", CLOCK)).contains(Duration.ofSeconds(7));
        assertThat(Backoff.parseRetryAfter("Mon, 02 Mar 2026 09:00:30 GMT", CLOCK))
                .contains(Duration.ofSeconds(30));
        assertThat(Backoff.parseRetryAfter("Mon, 02 Mar 2026 08:00:00 GMT", CLOCK))
                .as("a date in the past means now")
                .contains(Duration.ZERO);
        assertThat(Backoff.parseRetryAfter("-5", CLOCK)).isEmpty();
        assertThat(Backoff.parseRetryAfter("soon", CLOCK)).isEmpty();
        assertThat(Backoff.parseRetryAfter(null, CLOCK)).isEmpty();
        assertThat(Backoff.builder().clock(CLOCK).build().retryAfter("Mon, 02 Mar 2026 09:01:00 GMT"))
                .contains(Duration.ofMinutes(1));
    }

    @Test
    void sleepsOnTheInjectedSleeper() throws InterruptedException {
        List<Duration> slept = new ArrayList<>();
        Backoff b = Backoff.builder().sleeper(slept::add).build();
        b.sleep(Duration.ofSeconds(4));
        assertThat(slept).containsExactly(Duration.ofSeconds(4));
        assertThat(b.sleeper()).isNotSameAs(Sleeper.SYSTEM);
    }

    @Test
    void refusesOptionsSetTwiceAndImpossibleCombinations() {
        assertThatThrownBy(() -> Backoff.builder().maxAttempts(2).maxAttempts(3))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("backoff: max attempts is already set");
        assertThatThrownBy(() -> Backoff.builder().maxAttempts(0)).hasMessageContaining("1–100, was 0");
        assertThatThrownBy(() -> Backoff.builder().baseDelay(Duration.ZERO)).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> Backoff.builder()
                        .baseDelay(Duration.ofSeconds(10))
                        .maxDelay(Duration.ofSeconds(1))
                        .build())
                .hasMessageContaining("below the base delay");
        assertThat(Backoff.builder().withoutJitter().build().toString()).contains("no jitter", "maxAttempts=4");
    }
}
