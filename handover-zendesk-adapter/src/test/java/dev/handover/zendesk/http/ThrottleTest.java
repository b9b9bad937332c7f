package dev.handover.zendesk.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.memory.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client-side limiter, measured on a simulated clock: how many requests any minute holds, and how the pauses grow as
 * Zendesk reports its allowance falling. Nothing here waits on the wall clock.
 */
final class ThrottleTest {
    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    private final List<Instant> grants = new ArrayList<>();
    private final Throttle limiter = new Throttle(200, clock, clock::advance);

    private void acquire(int n) throws InterruptedException {
        for (int i = 0; i < n; i++) {
            limiter.acquire();
            grants.add(clock.instant());
        }
    }

    private int mostInAnyMinute() {
        int most = 0;
        for (int i = 0; i < grants.size(); i++) {
            Instant end = grants.get(i).plus(Duration.ofMinutes(1));
            int n = 0;
            for (int j = i; j < grants.size() && grants.get(j).isBefore(end); j++) {
                n++;
            }
            most = Math.max(most, n);
        }
        return most;
    }

    @Test
    void neverLetsAnyMinuteHoldMoreThanThePlan() throws InterruptedException {
        acquire(1000);

        assertThat(mostInAnyMinute()).isLessThanOrEqualTo(200);
        assertThat(mostInAnyMinute()).isGreaterThanOrEqualTo(195); // and uses the allowance
        assertThat(limiter.granted()).isEqualTo(1000);
    }

    @Test
    void letsABurstOfATenthOfThePlanThroughAtOnce() throws InterruptedException {
        acquire(20);

        assertThat(limiter.waited()).isEqualTo(Duration.ZERO);
        acquire(1);
        assertThat(limiter.waited()).isEqualTo(Duration.ofMillis(333).plusNanos(333_333));
    }

    @Test
    void spacesRequestsOutAsTheReportedAllowanceFalls() throws InterruptedException {
        acquire(1);
        limiter.observe(Map.of("x-rate-limit", List.of("700"), "x-rate-limit-remaining", List.of("500")));
        assertThat(limiter.adaptiveSpacing()).isZero();

        limiter.observe(Map.of("x-rate-limit", List.of("700"), "x-rate-limit-remaining", List.of("30")));
        assertThat(limiter.adaptiveSpacing()).isEqualTo(Duration.ofSeconds(2)); // 60 s over 30 requests

        Instant before = clock.instant();
        acquire(3);
        assertThat(Duration.between(before, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void waitsForTheResetWhenNothingRemains() throws InterruptedException {
        acquire(1);
        limiter.observe(Map.of(
                "ratelimit-limit",
                List.of("400"),
                "ratelimit-remaining",
                List.of("0"),
                "ratelimit-reset",
                List.of("42")));
        Instant before = clock.instant();

        acquire(1);

        assertThat(Duration.between(before, clock.instant())).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void readsEndpointLimitsSuchAsTicketUpdatesForTheirOwnScopeOnly() throws InterruptedException {
        String ticket = Throttle.scopeOf("PUT", "/api/v2/tickets/42.json");
        acquire(1);
        limiter.observe(
                Map.of("zendesk-ratelimit-tickets-update", List.of("total=100; remaining=5; resets=30")), ticket);

        assertThat(limiter.adaptiveSpacing(ticket)).isEqualTo(Duration.ofSeconds(6)); // 30 s over 5 requests
        assertThat(limiter.adaptiveSpacing()).isZero();
        assertThat(Throttle.scopeOf("GET", "/api/v2/tickets/42/comments"))
                .isEqualTo("GET /api/v2/tickets/{id}/comments");
    }

    @Test
    void anExhaustedEndpointHoldsBackItsScopeNotTheNextRead() throws InterruptedException {
        String ticket = Throttle.scopeOf("PUT", "/api/v2/tickets/42");
        limiter.acquire(ticket);
        limiter.observe(
                Map.of("zendesk-ratelimit-tickets-update", List.of("total=30; remaining=0; resets=600")), ticket);
        Instant before = clock.instant();

        limiter.acquire(Throttle.scopeOf("GET", "/api/v2/tickets/42"));
        limiter.acquire(Throttle.scopeOf("PUT", "/api/v2/tickets/43"));
        assertThat(Duration.between(before, clock.instant())).isLessThan(Duration.ofSeconds(1));

        limiter.acquire(ticket);
        assertThat(Duration.between(before, clock.instant())).isGreaterThanOrEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void scopesWithAllowanceToSpareAreNotRemembered() throws InterruptedException {
        for (int t = 1; t <= 1000; t++) {
            String scope = Throttle.scopeOf("PUT", "/api/v2/tickets/" + t);
            limiter.acquire(scope);
            limiter.observe(
                    Map.of("zendesk-ratelimit-tickets-update", List.of("total=30; remaining=29; resets=600")), scope);
        }
        assertThat(limiter.constrainedScopes()).isZero();
    }

    @Test
    void aRealZendesk429IsWaitedOutForItsRetryAfterNotAnAssumedMinute() throws InterruptedException {
        acquire(1);
        limiter.observe(Map.of(
                "retry-after", List.of("2"), "x-rate-limit", List.of("700"), "x-rate-limit-remaining", List.of("0")));
        Instant before = clock.instant();

        acquire(1);

        assertThat(Duration.between(before, clock.instant())).isEqualTo(Duration.ofSeconds(2));
        // at zero with neither a reset nor a Retry-After the wait is unknown: nothing is assumed
        limiter.observe(Map.of("x-rate-limit", List.of("700"), "x-rate-limit-remaining", List.of("0")));
        Instant then = clock.instant();
        acquire(1);
        assertThat(Duration.between(then, clock.instant())).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void ignoresHeadersItCannotRead() {
        limiter.observe(Map.of("x-rate-limit-remaining", List.of("lots")));
        assertThat(limiter.adaptiveSpacing()).isZero();
    }
}
