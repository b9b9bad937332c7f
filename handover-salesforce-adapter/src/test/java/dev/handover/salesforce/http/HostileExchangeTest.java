package dev.handover.salesforce.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.memory.time.MutableClock;
import dev.handover.spi.Secret;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.helpers.Backoff;
import dev.handover.spi.helpers.HttpLimits;
import dev.handover.testkit.hostile.HostileServer;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP layer against a hostile server: redirects within the origin, and a write whose answer stalled. */
final class HostileExchangeTest {
    private static final String TOKEN_PATH = "/services/oauth2/token";
    private final HostileServer org = HostileServer.start();
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    private final Client client = ClientBuilder.newBuilder()
            .property(
                    "jersey.config.client.connector.provider",
                    "org.glassfish.jersey.jnh.connector.JavaNetHttpConnectorProvider")
            .property(HttpExchange.FOLLOW_REDIRECTS_PROPERTY, false)
            .build();

    @AfterEach
    void stop() {
        client.close();
        org.close();
    }

    private HttpExchange exchange(HttpLimits limits) {
        return new HttpExchange(client, Duration.ofSeconds(30), limits);
    }

    @Test
    void redirectsWithinTheOriginAreFollowedWithTheCredentialsAWriteOnlyOn307Or308() throws Exception {
        org.answer("GET", "/services/data/v67.0/old", HostileServer.redirect(302, org.url("/services/data/v67.0/new")));
        org.answer("GET", "/services/data/v67.0/new", HostileServer.json(200, "{\"moved\":true}"));
        org.answer("POST", "/a", HostileServer.redirect(308, org.url("/b")));
        org.answer("POST", "/b", HostileServer.json(200, "{\"kept\":true}"));
        org.answer("POST", "/c", HostileServer.redirect(302, org.url("/b")));
        org.answer("GET", "/loop", HostileServer.redirect(302, org.url("/loop")));
        HttpExchange http = exchange(HttpLimits.defaults());
        Map<String, String> auth = Map.of("Authorization", "Bearer t0ken");

        assertThat(http.send("GET", org.url("/services/data/v67.0/old"), auth, null, "application/json", "a read")
                        .body())
                .isEqualTo("{\"moved\":true}");
        assertThat(http.send("POST", org.url("/a"), auth, "{\"x\":1}", "application/json", "a write")
                        .body())
                .isEqualTo("{\"kept\":true}");
        assertThatThrownBy(() -> http.send("POST", org.url("/c"), auth, "{}", "application/json", "a moved write"))
                .isInstanceOf(CrmInvalidRequestException.class)
                .hasMessageContaining("a moved write failed: Salesforce redirected a POST (HTTP 302)");
        assertThatThrownBy(() -> http.send("GET", org.url("/loop"), auth, null, "application/json", "a loop"))
                .isInstanceOf(CrmInvalidRequestException.class)
                .hasMessageContaining("a loop failed: Salesforce redirected more than 3 times");

        assertThat(org.requests().get(1).path()).isEqualTo("/services/data/v67.0/new");
        assertThat(org.requests().get(1).headers()).containsEntry("authorization", "Bearer t0ken");
        assertThat(org.requests().get(3).path()).isEqualTo("/b");
        assertThat(org.requests().get(3).body()).isEqualTo("{\"x\":1}");
        assertThat(org.requests()).hasSize(2 + 2 + 1 + 4);
    }

    @Test
    void aCompositeWriteWhoseAnswerStalledHasAnUnknownOutcomeAndIsNotRepeated() {
        org.answer(
                "POST",
                TOKEN_PATH,
                HostileServer.json(200, "{\"access_token\":\"t\",\"instance_url\":\"" + org.url() + "\"}"));
        org.otherwise(HostileServer.stallAfterHeaders());
        HttpExchange http = exchange(new HttpLimits(HttpLimits.DEFAULT_MAX_BODY_BYTES, Duration.ofMillis(300)));
        Backoff backoff = Backoff.builder()
                .maxAttempts(4)
                .clock(clock)
                .sleeper(clock::advance)
                .build();
        OAuthCredentials credentials = new OAuthCredentials(
                OAuthCredentials.Grant.clientCredentials("3MVG9hostile", Secret.of("s"), org.url(TOKEN_PATH)),
                org.url(),
                http,
                backoff,
                clock);
        Transport transport = new Transport(
                "/services/data/v67.0",
                http,
                credentials,
                new Throttle(
                        new Throttle.Limits(0.8, Duration.ofSeconds(5), 0.98, Duration.ofMinutes(5)),
                        clock,
                        clock::advance),
                backoff,
                clock);
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.put("allOrNone", true);
        request.putArray("compositeRequest")
                .addObject()
                .put("method", "PATCH")
                .put("url", "/x")
                .put("referenceId", "a");

        Throwable thrown = assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> catchThrowable(() -> transport.composite(request, true, "writing Case 1")));

        assertThat(thrown)
                .isInstanceOf(Transport.WriteOutcomeUnknown.class)
                .hasMessageContaining("writing Case 1 failed: no complete answer within the deadline of 300 ms");
        assertThat(org.requests())
                .extracting(HostileServer.Recorded::path)
                .containsExactly(TOKEN_PATH, "/services/data/v67.0/composite");
    }
}
