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
