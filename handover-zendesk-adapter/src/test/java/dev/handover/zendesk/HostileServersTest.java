package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.handover.memory.time.MutableClock;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.CrmSettingsException;
import dev.handover.spi.Secret;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.helpers.Backoff;
import dev.handover.spi.helpers.HttpLimits;
import dev.handover.spi.model.TicketId;
import dev.handover.testkit.hostile.HostileServer;
import dev.handover.zendesk.http.ApiTokenCredentials;
import dev.handover.zendesk.http.HttpCall;
import dev.handover.zendesk.http.Throttle;
import dev.handover.zendesk.http.Transport;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The adapter against a hostile server on loopback, over real HTTP: redirects to another origin (another port of
 * 127.0.0.1), headers followed by silence, answers of 4 GiB and without end. Credentials never reach the other origin;
 * a stalled answer ends at the deadline; a huge answer is refused without being held.
 */
final class HostileServersTest {
    private static final String CLIENT_SECRET = "client-secret-never-elsewhere";
    private static final String ACCESS_TOKEN = "access-token-never-elsewhere";
    private static final String API_TOKEN = "api-token-never-elsewhere";
    private static final Duration SHORT = Duration.ofMillis(300);
    /** Generous: a hang (the defect) is far longer, a working deadline far shorter. */
    private static final Duration GIVE_UP = Duration.ofSeconds(20);

    private final HostileServer zendesk = HostileServer.start();
    private final HostileServer elsewhere = HostileServer.start();
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-02T09:00:00Z"));

    HostileServersTest() {
        zendesk.answer(
                "POST",
                "/oauth/tokens",
                HostileServer.json(200, "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"token_type\":\"bearer\"}"));
        elsewhere.otherwise(HostileServer.json(200, "{\"ticket\":{\"id\":1}}"));
    }

    @AfterEach
    void stop() {
        zendesk.close();
        elsewhere.close();
    }

    private ZendeskConnector.Builder oauth() {
        return ZendeskConnector.builder()
                .baseUrl(zendesk.url())
                .oauthClientCredentials("handover", Secret.of(CLIENT_SECRET))
                .clock(clock)
                .sleeper(clock::advance);
    }

    private List<HostileServer.Recorded> apiCalls() {
        return zendesk.requests().stream()
                .filter(r -> r.path().startsWith("/api/"))
                .toList();
    }

    private void assertNothingReachedElsewhere() {
        assertThat(elsewhere.requests())
                .as("requests the other origin received")
                .allSatisfy(r -> assertThat(r.asText()).doesNotContain(CLIENT_SECRET, ACCESS_TOKEN, API_TOKEN))
                .isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ redirects

    @ParameterizedTest
    @ValueSource(ints = {302, 307, 308})
    void anApiRedirectToAnotherOriginFailsAndTheBearerTokenStaysHome(int status) {
        zendesk.otherwise(HostileServer.redirect(status, elsewhere.url("/steal?token=abc")));
        try (ZendeskConnector crm = oauth().build()) {
            assertThatThrownBy(() -> crm.ticket(TicketId.of("1")))
                    .isInstanceOf(CrmInvalidRequestException.class)
                    .hasMessageContaining("Zendesk redirected (HTTP " + status + ") to another origin, "
                            + elsewhere.url("/steal") + " (query left out); credentials are only ever sent to "
                            + zendesk.url())
                    .hasMessageNotContaining("token=abc")
                    .hasMessageNotContaining(ACCESS_TOKEN);
        }
        assertNothingReachedElsewhere();
        assertThat(apiCalls()).as("a refused redirect is not retried").hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {302, 307, 308})
    void theApiTokenHeaderNeverFollowsARedirect(int status) {
        zendesk.otherwise(HostileServer.redirect(status, elsewhere.url("/steal")));
        try (ZendeskConnector crm = ZendeskConnector.builder()
                .baseUrl(zendesk.url())
                .apiToken("agent@acme.example", Secret.of(API_TOKEN))
                .clock(clock)
                .sleeper(clock::advance)
                .build()) {
            assertThatThrownBy(() -> crm.ticket(TicketId.of("1"))).isInstanceOf(CrmInvalidRequestException.class);
        }
        assertNothingReachedElsewhere();
    }

    @ParameterizedTest
    @ValueSource(ints = {302, 307, 308})
    void theTokenRequestIsNeverPostedToAnotherOrigin(int status) {
        zendesk.answer("POST", "/oauth/tokens", HostileServer.redirect(status, elsewhere.url("/oauth/tokens")));
        try (ZendeskConnector crm = oauth().build()) {
            assertThatThrownBy(() -> crm.ticket(TicketId.of("1")))
                    .isInstanceOf(CrmInvalidRequestException.class)
                    .hasMessageContaining("OAuth token request failed: Zendesk redirected (HTTP " + status + ")")
                    .hasMessageNotContaining(CLIENT_SECRET);
        }
        assertNothingReachedElsewhere();
        assertThat(apiCalls()).isEmpty();
    }

    @Test
    void aRedirectWithinTheAccountIsFollowedWithTheCredentialsAWriteOnlyOn307() {
        zendesk.answer("GET", "/api/v2/old.json", HostileServer.redirect(302, zendesk.url("/api/v2/new.json")));
        zendesk.answer("GET", "/api/v2/new.json", HostileServer.json(200, "{\"moved\":true}"));
        zendesk.answer("PUT", "/api/v2/keep.json", HostileServer.redirect(307, zendesk.url("/api/v2/kept.json")));
        zendesk.answer("PUT", "/api/v2/kept.json", HostileServer.json(200, "{\"kept\":true}"));
        zendesk.answer("PUT", "/api/v2/found.json", HostileServer.redirect(302, zendesk.url("/api/v2/new.json")));
        try (Transport http = transport(HttpLimits.defaults(), 1)) {
            assertThat(http.execute(HttpCall.get("/api/v2/old.json", "a moved read"))
                            .path("moved")
                            .asBoolean())
                    .isTrue();
            assertThat(http.execute(HttpCall.write("PUT", "/api/v2/keep.json", "{\"a\":1}", "a kept write"))
                            .path("kept")
                            .asBoolean())
                    .isTrue();
            assertThatThrownBy(() -> http.execute(HttpCall.write("PUT", "/api/v2/found.json", "{}", "a moved write")))
                    .isInstanceOf(CrmInvalidRequestException.class)
                    .hasMessageContaining("a moved write failed: Zendesk redirected a PUT (HTTP 302)");
        }
        HostileServer.Recorded followed = zendesk.requests().get(1);
        assertThat(followed.path()).isEqualTo("/api/v2/new.json");
        assertThat(followed.headers()).containsKey("authorization");
        HostileServer.Recorded reposted = zendesk.requests().get(3);
        assertThat(reposted.path()).isEqualTo("/api/v2/kept.json");
        assertThat(reposted.body()).isEqualTo("{\"a\":1}");
        assertThat(zendesk.requests()).hasSize(5);
    }

    // ------------------------------------------------------------------------------------------------ stalls

    @Test
    void anAnswerThatStallsAfterItsHeadersEndsAtTheDeadline() {
        zendesk.otherwise(HostileServer.stallAfterHeaders());
        try (ZendeskConnector crm = oauth().deadline(SHORT)
                .retry(2, Duration.ofMillis(100), Duration.ofMillis(100))
                .build()) {
            long started = System.nanoTime();
            Throwable thrown =
                    assertTimeoutPreemptively(GIVE_UP, () -> catchThrowable(() -> crm.ticket(TicketId.of("1"))));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(thrown)
                    .isInstanceOf(CrmUnavailableException.class)
                    .hasMessageContaining("no complete answer within the deadline of 300 ms (http.deadline)");
            // two attempts of 300 ms each; the backoff between them is on the test's clock
            assertThat(took).isBetween(Duration.ofMillis(600), Duration.ofSeconds(5));
        }
        assertThat(apiCalls()).hasSize(2);
    }

    @Test
    void aStalledTokenEndpointEndsAtTheDeadline() {
        zendesk.answer("POST", "/oauth/tokens", HostileServer.stallAfterHeaders());
        try (ZendeskConnector crm = oauth().deadline(SHORT)
                .retry(1, Duration.ofMillis(100), Duration.ofMillis(100))
                .build()) {
            Throwable thrown =
                    assertTimeoutPreemptively(GIVE_UP, () -> catchThrowable(() -> crm.ticket(TicketId.of("1"))));
            assertThat(thrown)
                    .isInstanceOf(CrmUnavailableException.class)
                    .hasMessageContaining(
                            "OAuth token request failed: no complete answer within the deadline of 300 ms");
        }
    }

    @Test
    void aWriteWhoseAnswerStalledStaysUncertainAndIsNotRepeated() {
        zendesk.otherwise(HostileServer.stallAfterHeaders());
        try (Transport http = transport(new HttpLimits(HttpLimits.DEFAULT_MAX_BODY_BYTES, SHORT), 3)) {
            Throwable thrown = assertTimeoutPreemptively(
                    GIVE_UP,
                    () -> catchThrowable(() ->
                            http.execute(HttpCall.write("PUT", "/api/v2/tickets/1.json", "{}", "update of ticket 1"))));
            assertThat(thrown)
                    .isInstanceOf(CrmUnavailableException.class)
                    .hasMessageContaining("update of ticket 1 failed: no complete answer within the deadline of 300 ms")
                    .hasMessageContaining("(the outcome is unknown)");
        }
        assertThat(apiCalls())
                .as("a write whose outcome is unknown is not sent again")
                .hasSize(1);
    }

    // ------------------------------------------------------------------------------------------------ huge answers

    @Test
    void anAnswerDeclaringFourGibibytesIsRefusedBeforeItIsRead() {
        zendesk.otherwise(HostileServer.declaredLength(4L << 30));
        try (ZendeskConnector crm = oauth().build()) {
            assertThatThrownBy(() -> crm.ticket(TicketId.of("1")))
                    .isInstanceOf(CrmUnavailableException.class)
                    .hasMessageContaining("read of ticket 1 failed: Zendesk answered more than 32 MiB for GET"
                            + " /api/v2/tickets/1 (Content-Length 4 GiB); raise http.max-body-bytes if answers this"
                            + " large are expected");
        }
        assertThat(apiCalls())
                .as("the same request would get the same answer: not retried")
                .hasSize(1);
        assertThat(zendesk.bodyBytesSent()).isLessThan(32L << 20);
    }

    @Test
    void anEndlessChunkedAnswerIsRefusedAtTheLimitWithoutHoldingIt() {
        zendesk.otherwise(HostileServer.endlessChunked());
        try (ZendeskConnector crm = oauth().maxBodyBytes(1L << 20).build()) {
            Throwable thrown =
                    assertTimeoutPreemptively(GIVE_UP, () -> catchThrowable(() -> crm.ticket(TicketId.of("1"))));
            assertThat(thrown)
                    .isInstanceOf(CrmUnavailableException.class)
                    .hasMessageContaining("Zendesk answered more than 1 MiB for GET /api/v2/tickets/1; raise"
                            + " http.max-body-bytes");
        }
        assertThat(apiCalls()).hasSize(1);
    }

    @Test
    void anEndlessTokenAnswerIsRefused() {
        zendesk.answer("POST", "/oauth/tokens", HostileServer.endlessChunked());
        try (ZendeskConnector crm = oauth().build()) {
            Throwable thrown =
                    assertTimeoutPreemptively(GIVE_UP, () -> catchThrowable(() -> crm.ticket(TicketId.of("1"))));
            assertThat(thrown)
                    .isInstanceOf(CrmUnavailableException.class)
                    .hasMessageContaining("OAuth token request failed: Zendesk answered more than 32 MiB for POST"
                            + " /oauth/tokens");
        }
    }

    // ------------------------------------------------------------------------------------------------ options

    @Test
    void theLimitsAreCheckedAndAnInjectedClientThatFollowsRedirectsIsRefused() {
        assertThatThrownBy(() -> ZendeskConnector.builder().maxBodyBytes(32))
                .hasMessage("zendesk: max body bytes must be at least 1024 (1 KiB), was 32");
        assertThatThrownBy(() -> ZendeskConnector.builder().deadline(Duration.ZERO))
                .hasMessage("zendesk: deadline must be positive, was PT0S");
        CrmSettingsException e = catchThrowableOfType(
                CrmSettingsException.class,
                () -> ZendeskConnector.builder()
                        .settings(CrmSettings.builder("zendesk")
                                .put("subdomain", "acme")
                                .put("auth.client-id", "handover")
                                .secret("auth.client-secret", Secret.of(CLIENT_SECRET))
                                .put("http.max-body-bytes", "32 megs")
                                .build()));
        assertThat(e.key()).isEqualTo("http.max-body-bytes");
        Client follows = ClientBuilder.newClient();
        try {
            assertThatThrownBy(() -> ZendeskConnector.builder().client(follows))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("zendesk: the injected client may follow redirects, and a redirect to another host"
                            + " would receive the credentials: set its property jersey.config.client.followRedirects"
                            + " to false");
        } finally {
            follows.close();
        }
    }

    private Transport transport(HttpLimits limits, int attempts) {
        return new Transport(
                Transport.defaultClient(Duration.ofSeconds(5), Duration.ofSeconds(30)),
                true,
                zendesk.url(),
                tokens -> new ApiTokenCredentials("agent@acme.example", Secret.of(API_TOKEN)),
                Backoff.builder()
                        .maxAttempts(attempts)
                        .clock(clock)
                        .sleeper(clock::advance)
                        .build(),
                new Throttle(700, clock, clock::advance),
                Duration.ofSeconds(30),
                limits);
    }
}
