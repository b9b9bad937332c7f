package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.zendesk.fake.FakeZendesk;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The limiter against the fake's per-minute limit, measured on the simulated clock: under its own share the connector
 * never meets a 429; sharing the account with traffic it cannot see, it slows down as Zendesk reports the allowance
 * falling, and the few 429s it still meets are waited out.
 */
final class RateLimitingTest {

    private static long count429(FakeZendesk zendesk) {
        return zendesk.requests(r -> r.status() == 429).size();
    }

    @Test
    void threeRealZendesk429sWithRetryAfterTwoAreWaitedOutInAboutSixSeconds() {
        // Zendesk's 429: Retry-After: 2 with X-Rate-Limit: 700 and X-Rate-Limit-Remaining: 0, no reset header
        try (FakeAccount account = FakeAccount.withTickets(1)) {
            account.zendesk.inject(dev.handover.zendesk.fake.FaultRule.of(dev.handover.zendesk.fake.Fault.RATE_LIMITED)
                    .on("GET", "/api/v2/tickets/10001")
                    .times(3)
                    .retryAfter(Duration.ofSeconds(2)));
            try (ZendeskConnector crm = account.build()) {
                assertThat(crm.ticket(FakeAccount.ticket(1))).isPresent();
            }
            System.out.println("RATE-LIMIT three 429s with Retry-After: 2 waited "
                    + account.slept().toMillis() + " ms on the simulated clock");
            assertThat(count429(account.zendesk)).isEqualTo(3);
            // 3 × 2 s — not 3 × 60 s for a window the 429 never announced
            assertThat(account.slept())
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(6))
                    .isLessThan(Duration.ofSeconds(7));
        }
    }

    @Test
    void a429ThatOutlastsTheRetriesKeepsZendesksTextAndRequestId() {
        try (FakeAccount account = FakeAccount.withTickets(1)) {
            account.zendesk.inject(dev.handover.zendesk.fake.FaultRule.of(dev.handover.zendesk.fake.Fault.RATE_LIMITED)
                    .on("GET", "/api/v2/tickets/10001")
                    .times(10)
                    .retryAfter(Duration.ofSeconds(1)));
            try (ZendeskConnector crm = account.build()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> crm.ticket(FakeAccount.ticket(1)))
                        .isInstanceOf(dev.handover.spi.error.CrmRateLimitedException.class)
                        .hasMessageContaining("Rate limit for ticket updates exceeded")
                        .hasMessageContaining("(Zendesk request id req-429-1)");
            }
        }
    }

    @Test
    void anExhaustedTicketUpdateAllowanceHoldsBackThatTicketsUpdatesNotReadsOrOtherTickets() {
        try (FakeAccount account = FakeAccount.withTickets(2)) {
            account.zendesk.ticketUpdatesPerTenMinutes(2);
            try (ZendeskConnector crm = account.build()) {
                crm.directory();
                for (int i = 0; i < 2; i++) {
                    var t = crm.ticket(FakeAccount.ticket(1)).orElseThrow();
                    crm.apply(dev.handover.spi.TicketUpdate.builder(t.id())
                            .note(dev.handover.spi.NoteDraft.internal("update " + i))
                            .expectedVersion(t.version())
                            .idempotencyKey("u-" + i)
                            .build());
                }
                // ticket 1's allowance is spent (remaining=0; resets=600): a read and another ticket go at once
                Duration before = account.slept();
                assertThat(crm.ticket(FakeAccount.ticket(1))).isPresent();
                var other = crm.ticket(FakeAccount.ticket(2)).orElseThrow();
                crm.apply(dev.handover.spi.TicketUpdate.builder(other.id())
                        .note(dev.handover.spi.NoteDraft.internal("elsewhere"))
                        .expectedVersion(other.version())
                        .idempotencyKey("other")
                        .build());
                assertThat(account.slept().minus(before)).isLessThan(Duration.ofSeconds(2));
                assertThat(count429(account.zendesk)).isZero();
            }
        }
    }

    @Test
    void staysUnderItsShareWithoutMeetingA429() {
        try (FakeAccount account = FakeAccount.withTickets(5)) {
            account.zendesk.rateLimit(100);
            try (ZendeskConnector crm =
                    account.connector().requestsPerMinute(100).build()) {
                for (int i = 0; i < 300; i++) {
                    crm.ticket(FakeAccount.ticket(1 + i % 5));
                }
            }
            System.out.println("RATE-LIMIT own share: 300 reads, " + count429(account.zendesk) + " 429s, paused "
                    + account.slept().toSeconds() + " s on the simulated clock");
            assertThat(count429(account.zendesk)).isZero();
            assertThat(account.zendesk.apiRequestCount()).isEqualTo(300);
            // 300 requests at 100 a minute: at least the two minutes beyond the first
            assertThat(account.slept()).isGreaterThanOrEqualTo(Duration.ofSeconds(170));
        }
    }

    @Test
    void slowsDownAsTheRemainingAllowanceFallsWhenOthersShareTheAccount() {
        try (FakeAccount account = FakeAccount.withTickets(5)) {
            account.zendesk.rateLimit(100); // the account's plan, shared with integrations this client cannot see
            try (ZendeskConnector crm =
                    account.connector().requestsPerMinute(400).build()) {
                for (int i = 0; i < 300; i++) {
                    crm.ticket(FakeAccount.ticket(1 + i % 5));
                }
            }
            List<FakeZendesk.RecordedRequest> ok = account.zendesk.requests(r -> r.status() == 200);
            System.out.println("RATE-LIMIT shared account: 300 reads, " + count429(account.zendesk) + " 429s, paused "
                    + account.slept().toSeconds() + " s on the simulated clock");
            assertThat(ok).hasSize(300); // nothing lost
            // its own plan would allow 400 a minute; the headers made it hold back to the account's 100
            assertThat(count429(account.zendesk)).isLessThan(10);
        }
    }
}
