package dev.handover.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.memory.time.MutableClock;
import dev.handover.runner.config.WorkerConfig;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.error.CrmUnauthorizedException;
import dev.handover.spi.error.CrmUnreachableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The start-up retry: jittered exponential waits on the injected clock, bounded in total, refusals not retried. */
class StartupRetryTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private final MutableClock clock = MutableClock.at(T0);
    private final List<Duration> waits = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();

    private StartupRetry retry(Duration retryFor) {
        return new StartupRetry(
                new WorkerConfig.Startup(retryFor, Duration.ofSeconds(1), Duration.ofSeconds(30)),
                clock,
                d -> {
                    waits.add(d);
                    clock.advance(d);
                },
                new SplittableRandom(7),
                stop::get);
    }

    private static CrmUnreachableException unreachable() {
        return new CrmUnreachableException(
                "zendesk", "acme.invalid", "the name does not resolve", "reading the directory failed", null);
    }

    @Test
    void aCrmThatComesBackIsConnectedAfterGrowingJitteredWaits() {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> attempts = new ArrayList<>();
        String connected = retry(Duration.ofMinutes(10))
                .connect(
                        () -> {
                            if (calls.incrementAndGet() < 6) {
                                throw unreachable();
                            }
                            return "engine";
                        },
                        attempts::add);

        assertThat(connected).isEqualTo("engine");
        assertThat(attempts).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(waits).hasSize(5);
        long[] nominal = {1000, 2000, 4000, 8000, 16000};
        for (int i = 0; i < waits.size(); i++) {
            // between half the nominal wait and the whole of it
            assertThat(waits.get(i).toMillis()).isBetween(nominal[i] / 2, nominal[i]);
        }
        assertThat(waits).doesNotHaveDuplicates();
        assertThat(Duration.between(T0, clock.instant()))
                .isEqualTo(waits.stream().reduce(Duration.ZERO, Duration::plus));
    }

    @Test
    void theWaitsStopGrowingAtMaxDelayAndTheRetryGivesUpWithinRetryFor() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry(Duration.ofMinutes(5))
                        .connect(
                                () -> {
                                    calls.incrementAndGet();
                                    throw unreachable();
                                },
                                n -> {}))
                .isInstanceOfSatisfying(StartupRetry.Failed.class, f -> {
                    assertThat(f.kind()).isEqualTo(StartupRetry.Kind.GAVE_UP);
                    assertThat(f.attempts()).isEqualTo(calls.get());
                    assertThat(f.getMessage())
                            .startsWith("could not reach the CRM for ")
                            .contains(calls.get() + " attempts, worker.startup.retryFor: 5 min")
                            .contains("cannot reach acme.invalid: the name does not resolve");
                    assertThat(f.last()).isInstanceOf(CrmUnreachableException.class);
                });
        assertThat(Duration.between(T0, clock.instant())).isLessThanOrEqualTo(Duration.ofMinutes(5));
        // 1, 2, 4, 8, 16 s, then at most 30 s each: more than ten attempts in five minutes, none waiting beyond 30 s
        assertThat(calls.get()).isGreaterThan(10);
        assertThat(waits).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofSeconds(30)));
        assertThat(waits.subList(6, waits.size()))
                .allSatisfy(w -> assertThat(w).isGreaterThanOrEqualTo(Duration.ofSeconds(15)));
    }

    @Test
    void refusedCredentialsAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry(Duration.ofMinutes(10))
                        .connect(
                                () -> {
                                    calls.incrementAndGet();
                                    throw new CrmUnauthorizedException(
                                            "zendesk", 401, null, "reading the directory failed", null);
                                },
                                n -> {}))
                .isInstanceOfSatisfying(StartupRetry.Failed.class, f -> {
                    assertThat(f.kind()).isEqualTo(StartupRetry.Kind.CREDENTIALS);
                    assertThat(f.getMessage())
                            .contains("refused the credentials")
                            .contains("HTTP 401");
                });
        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aRequestTheCrmCallsInvalidIsNotRetried() {
        assertThatThrownBy(() -> retry(Duration.ofMinutes(10))
                        .connect(
                                () -> {
                                    throw new CrmInvalidRequestException(
                                            "zendesk", 400, null, "reading the directory failed", null);
                                },
                                n -> {}))
                .isInstanceOfSatisfying(
                        StartupRetry.Failed.class, f -> assertThat(f.kind()).isEqualTo(StartupRetry.Kind.REFUSED));
        assertThat(waits).isEmpty();
    }

    @Test
    void zeroRetryForEndsAtTheFirstFailure() {
        assertThatThrownBy(() -> retry(Duration.ZERO)
                        .connect(
                                () -> {
                                    throw unreachable();
                                },
                                n -> {}))
                .isInstanceOfSatisfying(StartupRetry.Failed.class, f -> {
                    assertThat(f.kind()).isEqualTo(StartupRetry.Kind.GAVE_UP);
                    assertThat(f.attempts()).isEqualTo(1);
                });
        assertThat(waits).isEmpty();
    }

    @Test
    void aStopDuringTheWaitsEndsTheStartWithoutAnotherAttempt() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retry(Duration.ofMinutes(10))
                        .connect(
                                () -> {
                                    if (calls.incrementAndGet() == 3) {
                                        stop.set(true); // SIGTERM while the third attempt runs
                                    }
                                    throw unreachable();
                                },
                                n -> {}))
                .isInstanceOfSatisfying(
                        StartupRetry.Failed.class, f -> assertThat(f.kind()).isEqualTo(StartupRetry.Kind.STOPPED));
        assertThat(calls).hasValue(3);
    }
}
