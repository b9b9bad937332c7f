package dev.handover.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.handover.spi.Secret;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.model.TicketId;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How long the connector waits before it repeats a request: the SPI's {@code Backoff} rule — exactly the {@code
 * Retry-After} Zendesk sent (429 or 5xx), else the attempt's jittered backoff, and nothing beyond the ceiling.
 */
final class RetryWaitsTest {
    private static final String TICKET =
            "{\"ticket\":{\"id\":42,\"status\":\"open\",\"created_at\":\"2026-03-01T08:00:00Z\","
                    + "\"updated_at\":\"2026-03-02T08:00:00Z\"}}";

    private final List<Duration> sleeps = new ArrayList<>();
    private WireMockServer server;

    @BeforeEach
    void start() {
        server = PlainWireMock.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private ZendeskConnector connector(Duration baseDelay) {
        return ZendeskConnector.builder()
                .baseUrl(URI.create(server.baseUrl()))
                .apiToken("agent@example.com", Secret.of("t"))
                .retry(4, baseDelay, Duration.ofSeconds(30))
                .clock(Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC))
                .sleeper(sleeps::add)
                .random(new SplittableRandom(5))
                .build();
    }

    /** The ticket read answers these refusals in turn, then the ticket. */
    private void answers(ResponseDefinitionBuilder... refusals) {
        String state = Scenario.STARTED;
        for (int i = 0; i < refusals.length; i++) {
            server.stubFor(get(urlPathEqualTo("/api/v2/tickets/42"))
                    .inScenario("retries")
                    .whenScenarioStateIs(state)
                    .willReturn(refusals[i])
                    .willSetStateTo("after " + (i + 1)));
            state = "after " + (i + 1);
        }
        server.stubFor(get(urlPathEqualTo("/api/v2/tickets/42"))
                .inScenario("retries")
                .whenScenarioStateIs(state)
                .willReturn(okJson(TICKET)));
    }

    private static ResponseDefinitionBuilder unavailable(String retryAfter) {
        return aResponse()
                .withStatus(503)
                .withHeader("Retry-After", retryAfter)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"ServiceUnavailable\",\"description\":\"Maintenance in progress\"}");
    }

    @Test
    void aServerErrorWithRetryAfterIsRepeatedAfterExactlyThatEvenWhenTheBackoffWouldBeLonger() {
        answers(unavailable("1"));
        try (ZendeskConnector crm = connector(Duration.ofSeconds(5))) { // a first backoff of 2.5–5 s

            assertThat(crm.ticket(TicketId.of("42"))).isPresent();
        }
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aRateLimitWithoutRetryAfterBacksOffLongerWithEachAttempt() {
        ResponseDefinitionBuilder limited = aResponse().withStatus(429).withBody("Too many requests");
        answers(limited, limited, limited);
        try (ZendeskConnector crm = connector(Duration.ofMillis(500))) {

            assertThat(crm.ticket(TicketId.of("42"))).isPresent();
        }
        // equal jitter: half of 500 ms, 1 s and 2 s, plus up to as much again
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.get(0).toMillis()).isBetween(250L, 500L);
        assertThat(sleeps.get(1).toMillis()).isBetween(500L, 1000L);
        assertThat(sleeps.get(2).toMillis()).isBetween(1000L, 2000L);
    }

    @Test
    void aServerErrorAskingForLongerThanTheCeilingIsReportedWithoutWaiting() {
        answers(unavailable("600"));
        try (ZendeskConnector crm = connector(Duration.ofMillis(500))) {

            assertThatThrownBy(() -> crm.ticket(TicketId.of("42")))
                    .isInstanceOf(CrmUnavailableException.class)
                    .hasMessageContaining("Maintenance in progress");
        }
        assertThat(sleeps).isEmpty();
        assertThat(server.getAllServeEvents()).hasSize(1);
    }
}
