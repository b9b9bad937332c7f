package dev.handover.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.handover.memory.time.MutableClock;
import dev.handover.salesforce.fake.FakeSalesforce;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.CrmSettingsException;
import dev.handover.spi.Secret;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.testkit.hostile.HostileServer;
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
 * The adapter against hostile servers on loopback, over real HTTP: a login host (the token endpoint), the instance its
 * token names (another origin, as {@code instance_url} legitimately is), and a third origin that redirects point to.
 * Credentials never reach the third; stalled answers end at the deadline; huge answers are refused without being held.
 */
final class HostileServersTest {
    private static final String CLIENT_SECRET = FakeSalesforce.CLIENT_SECRET;
    private static final String ACCESS_TOKEN = "00Dhostile!access-token-never-elsewhere";
    private static final Duration SHORT = Duration.ofMillis(300);
    /** Generous: a hang (the defect) is far longer, a working deadline far shorter. */
    private static final Duration GIVE_UP = Duration.ofSeconds(20);

    private static final String TOKEN_PATH = "/services/oauth2/token";

    private final HostileServer login = HostileServer.start();
    private final HostileServer instance = HostileServer.start();
    private final HostileServer elsewhere = HostileServer.start();
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-02T09:00:00Z"));

    HostileServersTest() {
        login.answer(
                "POST",
                TOKEN_PATH,
                HostileServer.json(
                        200,
                        "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"instance_url\":\"" + instance.url()
                                + "\",\"token_type\":\"Bearer\"}"));
        elsewhere.otherwise(HostileServer.json(200, "{\"access_token\":\"x\",\"totalSize\":0,\"records\":[]}"));
    }

    @AfterEach
    void stop() {
        login.close();
        instance.close();
        elsewhere.close();
    }

    private SalesforceConnector.Builder clientCredentials() {
        return SalesforceConnector.builder()
                .instanceUrl(instance.url())
                .tokenUrl(login.url(TOKEN_PATH))
                .clientCredentials(FakeSalesforce.CLIENT_ID, Secret.of(CLIENT_SECRET))
                .clock(clock)
                .sleeper(clock::advance);
    }

    private SalesforceConnector.Builder jwtBearer() {
        return SalesforceConnector.builder()
                .instanceUrl(instance.url())
                .tokenUrl(login.url(TOKEN_PATH))
                .jwtBearer(FakeSalesforce.CLIENT_ID, "integration@acme.example", Secret.of(Keys.pkcs8Pem(Keys.PAIR)))
                .clock(clock)
                .sleeper(clock::advance);
    }

    private List<HostileServer.Recorded> apiCalls() {
        return instance.requests().stream()
                .filter(r -> r.path().startsWith("/services/data/"))
                .toList();
    }

    private void assertNothingReachedElsewhere() {
        assertThat(elsewhere.requests())
                .as("requests the other origin received")
                .allSatisfy(r -> assertThat(r.asText()).doesNotContain(CLIENT_SECRET, ACCESS_TOKEN, "assertion="))
                .isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ redirects

    @ParameterizedTest
    @ValueSource(ints = {302, 307, 308})
    void anApiRedirectToAnotherOriginFailsAndTheBearerTokenStaysHome(int status) {
        instance.otherwise(HostileServer.redirect(status, elsewhere.url("/steal?sid=abc")));
        try (SalesforceConnector crm = clientCredentials().build()) {
            assertThatThrownBy(crm::directory)
                    .isInstanceOf(CrmInvalidRequestException.class)
                    .hasMessageContaining("Salesforce redirected (HTTP " + status + ") to another origin, "
                            + elsewhere.url("/steal") + " (query left out); credentials are only ever sent to "
                            + instance.url())
                    .hasMessageNotContaining("sid=abc")
                    .hasMessageNotContaining(ACCESS_TOKEN);
        }
        assertNothingReachedElsewhere();
        // instance_url names another origin than the login host: that is where API calls go, with the token
        assertThat(apiCalls())
                .as("a refused redirect is not retried")
                .singleElement()
                .satisfies(r -> assertThat(r.headers()).containsEntry("authorization", "Bearer " + ACCESS_TOKEN));
        assertThat(login.requests()).extracting(HostileServer.Recorded::path).containsExactly(TOKEN_PATH);
    }

    @ParameterizedTest
    @ValueSource(ints = {302, 307, 308})
    void theClientSecretIsNeverPostedToAnotherOrigin(int status) {
        login.answer("POST", TOKEN_PATH, HostileServer.redirect(status, elsewhere.url(TOKEN_PATH)));
        try (SalesforceConnector crm = clientCredentials().build()) {
            assertThatThrownBy(crm::directory)
                    .isInstanceOf(CrmInvalidRequestException.class)
                    .hasMessageContaining("getting an OAuth token (client credentials) from " + login.url(TOKEN_PATH)
                            + " failed: Salesforce redirected (HTTP " + status + ") to another origin")
                    .hasMessageNotContaining(CLIENT_SECRET);
        }
        assertNothingReachedElsewhere();
        assertThat(login.requests()).as("not retried").hasSize(1);
        assertThat(apiCalls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {302, 307, 308})
    void theJwtAssertionIsNeverPostedToAnotherOrigin(int status) {
        login.answer("POST", TOKEN_PATH, HostileServer.redirect(status, elsewhere.url(TOKEN_PATH)));
        try (SalesforceConnector crm = jwtBearer().build()) {
            assertThatThrownBy(crm::directory)
                    .isInstanceOf(CrmInvalidRequestException.class)
                    .hasMessageContaining("getting an OAuth token (JWT bearer)");
        }
        assertNothingReachedElsewhere();
    }

    // ------------------------------------------------------------------------------------------------ stalls

    @Test
    void anApiAnswerThatStallsAfterItsHeadersEndsAtTheDeadline() {
        instance.otherwise(HostileServer.stallAfterHeaders());
        try (SalesforceConnector crm =
                clientCredentials().deadline(SHORT).retryMaxAttempts(2).build()) {
            long started = System.nanoTime();
            Throwable thrown = assertTimeoutPreemptively(GIVE_UP, () -> catchThrowable(crm::directory));
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
    void aStalledClientCredentialsTokenEndpointEndsAtTheDeadline() {
        login.answer("POST", TOKEN_PATH, HostileServer.stallAfterHeaders());
        try (SalesforceConnector crm =
                clientCredentials().deadline(SHORT).retryMaxAttempts(1).build()) {
            Throwable thrown = assertTimeoutPreemptively(GIVE_UP, () -> catchThrowable(crm::directory));
            assertThat(thrown)
                    .isInstanceOf(CrmUnavailableException.class)
                    .hasMessageContaining("getting an OAuth token (client credentials)")
                    .hasMessageContaining("no complete answer within the deadline of 300 ms");
        }
    }

    @Test
    void aStalledJwtTokenEndpointEndsAtTheDeadline() {
        login.answer("POST", TOKEN_PATH, HostileServer.stallAfterHeaders());
        try (SalesforceConnector crm =
                jwtBearer().deadline(SHORT).retryMaxAttempts(1).build()) {
            Throwable thrown = assertTimeoutPreemptively(GIVE_UP, () -> catchThrowable(crm::directory));
            assertThat(thrown)
                    .isInstanceOf(CrmUnavailableException.class)
                    .hasMessageContaining("getting an OAuth token (JWT bearer)")
                    .hasMessageContaining("no complete answer within the deadline of 300 ms");
        }
    }

    // ------------------------------------------------------------------------------------------------ huge answers

    @Test
    void anApiAnswerDeclaringFourGibibytesIsRefusedBeforeItIsRead() {
        instance.otherwise(HostileServer.declaredLength(4L << 30));
        try (SalesforceConnector crm = clientCredentials().build()) {
            assertThatThrownBy(crm::directory)
                    .isInstanceOf(CrmUnavailableException.class)
                    .hasMessageContaining("Salesforce answered more than 32 MiB for POST /services/data/v67.0/composite"
                            + " (Content-Length 4 GiB); raise http.max-body-bytes if answers this large are expected");
        }
        assertThat(apiCalls())
                .as("the same request would get the same answer: not retried")
                .hasSize(1);
        assertThat(instance.bodyBytesSent()).isLessThan(32L << 20);
    }

    @Test
    void anEndlessChunkedApiAnswerIsRefusedAtTheLimit() {
        instance.otherwise(HostileServer.endlessChunked());
        try (SalesforceConnector crm =
                clientCredentials().maxBodyBytes(1L << 20).build()) {
            Throwable thrown = assertTimeoutPreemptively(GIVE_UP, () -> catchThrowable(crm::directory));
            assertThat(thrown)
                    .isInstanceOf(CrmUnavailableException.class)
                    .hasMessageContaining(
                            "Salesforce answered more than 1 MiB for POST /services/data/v67.0/composite; raise");
        }
        assertThat(apiCalls()).hasSize(1);
    }

    @Test
    void hugeTokenAnswersAreRefusedForBothFlows() {
        login.answer("POST", TOKEN_PATH, HostileServer.endlessChunked());
        try (SalesforceConnector crm = clientCredentials().build()) {
            Throwable thrown = assertTimeoutPreemptively(GIVE_UP, () -> catchThrowable(crm::directory));
            assertThat(thrown)
                    .isInstanceOf(CrmUnavailableException.class)
                    .hasMessageContaining("Salesforce answered more than 32 MiB for POST " + TOKEN_PATH);
        }
        login.answer("POST", TOKEN_PATH, HostileServer.declaredLength(4L << 30));
        try (SalesforceConnector crm = jwtBearer().build()) {
            assertThatThrownBy(crm::directory)
                    .isInstanceOf(CrmUnavailableException.class)
                    .hasMessageContaining(
                            "Salesforce answered more than 32 MiB for POST " + TOKEN_PATH + " (Content-Length 4 GiB)");
        }
        assertThat(login.requests()).as("neither is retried").hasSize(2);
    }

    // ------------------------------------------------------------------------------------------------ options

    @Test
    void theLimitsAreCheckedAndAnInjectedClientThatFollowsRedirectsIsRefused() {
        assertThatThrownBy(() -> SalesforceConnector.builder().maxBodyBytes(32))
                .hasMessage("salesforce: max body bytes must be at least 1024 (1 KiB), was '32'");
        assertThatThrownBy(() -> SalesforceConnector.builder().deadline(Duration.ZERO))
                .hasMessageContaining("salesforce: deadline must be a positive duration");
        CrmSettingsException e = catchThrowableOfType(
                CrmSettingsException.class,
                () -> SalesforceConnector.builder()
                        .settings(CrmSettings.builder("salesforce")
                                .put("instance-url", "https://acme.my.salesforce.com")
                                .put("auth.client-id", FakeSalesforce.CLIENT_ID)
                                .secret("auth.client-secret", Secret.of(CLIENT_SECRET))
                                .put("http.max-body-bytes", "32 megs")
                                .build()));
        assertThat(e.key()).isEqualTo("http.max-body-bytes");
        Client follows = ClientBuilder.newClient();
        try {
            assertThatThrownBy(() -> SalesforceConnector.builder().client(follows))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("salesforce: the injected client may follow redirects, and a redirect to another host"
                            + " would receive the credentials: set its property jersey.config.client.followRedirects"
                            + " to false");
        } finally {
            follows.close();
        }
    }
}
