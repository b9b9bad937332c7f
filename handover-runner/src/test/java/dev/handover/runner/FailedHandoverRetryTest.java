package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.HandoverResult;
import dev.handover.core.event.HandoverEvent;
import dev.handover.zendesk.fake.Fault;
import dev.handover.zendesk.fake.FaultRule;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A handover that failed is tried again by the next pass although its ticket did not change (the cursor has moved past
 * it): a failure that outlasts the engine's retries — Zendesk refusing the write for a while, a proxy redirecting —
 * must not leave the ticket with its old owner until someone touches it.
 */
class FailedHandoverRetryTest extends OnFakeZendesk {
    @Test
    void aHandoverThatFailedIsRetriedByTheNextPassUntilItLands() {
        zendesk.inject(
                FaultRule.of(Fault.UNPROCESSABLE).on("PUT", "/api/v2/tickets").times(1_000));
        s.clock.advance(Duration.ofMinutes(1));
        try (Engine e = s.engine()) {
            assertThat(s.worker(e).pass().count(HandoverResult.Status.FAILED)).isEqualTo(2);
        }
        zendesk.clearFaults();
        s.clock.advance(Duration.ofMinutes(5));
        try (Engine e = s.engine()) {
            var pass = s.worker(e).pass();
            assertThat(pass.polled()).as("no ticket changed since").isZero();
            assertThat(pass.count(HandoverResult.Status.HANDED_OVER)).isEqualTo(2);
        }
        s.clock.advance(Duration.ofMinutes(5));
        try (Engine e = s.engine()) {
            var pass = s.worker(e).pass();
            assertThat(pass.count(HandoverResult.Status.HANDED_OVER))
                    .as("retried once only")
                    .isZero();
        }
        assertThat(s.journal().stream().filter(j -> j.event() instanceof HandoverEvent.Executed))
                .hasSize(2);
        assertThat(s.journal().stream().filter(j -> j.event() instanceof HandoverEvent.Failed))
                .hasSize(2);
    }

    @Test
    void aTicketWhoseHandoverKeepsFailingIsGivenUpAfterTheLookback() {
        zendesk.inject(
                FaultRule.of(Fault.UNPROCESSABLE).on("PUT", "/api/v2/tickets").times(100_000));
        s.clock.advance(Duration.ofMinutes(1));
        try (Engine e = s.engine()) {
            assertThat(s.worker(e).pass().count(HandoverResult.Status.FAILED)).isEqualTo(2);
        }
        s.clock.advance(Duration.ofHours(1));
        try (Engine e = s.engine()) {
            assertThat(s.worker(e).pass().count(HandoverResult.Status.FAILED)).isEqualTo(2);
        }
        s.clock.advance(Duration.ofDays(36_501)); // past the scenario's lookback (100 years)
        try (Engine e = s.engine()) {
            var pass = s.worker(e).pass();
            assertThat(pass.count(HandoverResult.Status.FAILED)).isZero();
            assertThat(pass.polled()).isZero();
        }
        assertThat(s.journal().stream().filter(j -> j.event() instanceof HandoverEvent.Failed))
                .hasSize(4);
    }
}
