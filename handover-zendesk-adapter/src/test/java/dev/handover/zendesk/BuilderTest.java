package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.spi.CrmSettings;
import dev.handover.spi.CrmSettingsException;
import dev.handover.spi.Secret;
import dev.handover.zendesk.http.Transport;
import jakarta.ws.rs.client.Client;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The builder fails fast, with messages that say precisely what is wrong; typed setters and settings are one way in and
 * reach the same configuration; nothing it prints shows a secret.
 */
final class BuilderTest {

    @Test
    void needsAnAccountAndCredentials() {
        assertThatThrownBy(() -> ZendeskConnector.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("zendesk: the account is missing: set a subdomain or a base URL");
        assertThatThrownBy(() -> ZendeskConnector.builder().subdomain("acme").build())
                .hasMessageContaining("credentials are missing: set oauthClientCredentials (recommended) or apiToken");
    }

    @Test
    void refusesConflictingChoices() {
        assertThatThrownBy(() -> ZendeskConnector.builder().subdomain("acme").baseUrl(URI.create("https://x.example")))
                .hasMessage("zendesk: give a subdomain or a base URL, not both");
        assertThatThrownBy(() -> ZendeskConnector.builder()
                        .oauthClientCredentials("c", Secret.of("s"))
                        .apiToken("a@b.c", Secret.of("t")))
                .hasMessage("zendesk: api-token and oauth credentials are exclusive");
        assertThatThrownBy(() -> ZendeskConnector.builder()
                        .oauthClientCredentials("c", Secret.of("s"))
                        .oauthRefreshToken("other", Secret.of("r")))
                .hasMessageContaining("OAuth client id 'other' differs");
    }

    @Test
    void refusesAnOptionSetTwice() {
        assertThatThrownBy(
                        () -> ZendeskConnector.builder().requestsPerMinute(200).requestsPerMinute(400))
                .hasMessage("zendesk: requests per minute is already set");
        assertThatThrownBy(() -> ZendeskConnector.builder().ticketField(1, "a").ticketField(1, "b"))
                .hasMessage("zendesk: ticket field 1 is already mapped to 'a'");
        assertThatThrownBy(() -> ZendeskConnector.builder().ticketField(1, "a").ticketField(2, "a"))
                .hasMessage("zendesk: two ticket fields are mapped to the name 'a'");
    }

    @Test
    void checksEachValueAtOnce() {
        assertThatThrownBy(() -> ZendeskConnector.builder().subdomain("https://acme.zendesk.com"))
                .hasMessageContaining("subdomain must be lower-case letters");
        assertThatThrownBy(() -> ZendeskConnector.builder().baseUrl(URI.create("ftp://acme")))
                .hasMessageContaining("base URL must be an absolute http(s) URL");
        assertThatThrownBy(() -> ZendeskConnector.builder().readTimeout(Duration.ZERO))
                .hasMessage("zendesk: read timeout must be positive, was PT0S");
        assertThatThrownBy(() -> ZendeskConnector.builder().maxNoteBytes(100_000))
                .hasMessageContaining("max note bytes must be 1000–60000");
        assertThatThrownBy(() -> ZendeskConnector.builder().oauthTokenLifetime(Duration.ofMinutes(1)))
                .hasMessageContaining("over 5 minutes and under 2 days");
        assertThatThrownBy(() -> ZendeskConnector.builder().retry(3, Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .hasMessageContaining("below the base delay");
        assertThatThrownBy(() -> ZendeskConnector.builder().queueGroup(-3))
                .hasMessageContaining("must be a positive Zendesk id, was -3");
    }

    @Test
    void refusesOptionsThatWouldBeIgnored() {
        Client client = Transport.defaultClient(Duration.ofSeconds(1), Duration.ofSeconds(1));
        try {
            assertThatThrownBy(() -> ZendeskConnector.builder().client(client).connectTimeout(Duration.ofSeconds(3)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage(
                            "zendesk: give an injected client or a connect timeout, not both (the connect timeout is"
                                    + " for the client the connector creates)");
            assertThatThrownBy(() -> ZendeskConnector.builder()
                            .connectTimeout(Duration.ofSeconds(3))
                            .client(client))
                    .hasMessageContaining("an injected client or a connect timeout, not both");
        } finally {
            client.close();
        }
        assertThatThrownBy(() -> ZendeskConnector.builder()
                        .apiToken("a@b.c", Secret.of("t"))
                        .oauthScope("read"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("zendesk: OAuth scope is for OAuth, not for API token credentials");
        assertThatThrownBy(() ->
                        ZendeskConnector.builder().refreshTokenListener(s -> {}).apiToken("a@b.c", Secret.of("t")))
                .hasMessage("zendesk: refresh token listener is for OAuth, not for API token credentials");
    }

    @Test
    void aRefusedValueLeavesTheOptionUnsetSoItCanBeGivenAgain() {
        ZendeskConnector.Builder b = ZendeskConnector.builder();
        assertThatThrownBy(() -> b.readTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);

        b.readTimeout(Duration.ofSeconds(5));

        assertThat(b.toString()).contains("read timeout");
    }

    /** Every option that has a setting, given once by setters and once by settings. */
    private static final CrmSettings EVERY_SETTING = CrmSettings.builder("zendesk")
            .put("base-url", "https://support.acme.example")
            .put("auth.client-id", "handover")
            .secret("auth.client-secret", Secret.of("client-secret-value"))
            .secret("auth.refresh-token", Secret.of("refresh-token-value"))
            .put("auth.scope", "read tickets:write")
            .put("auth.token-lifetime", "2h")
            .put("rate-limit.requests-per-minute", "400")
            .put("timeouts.connect", "5s")
            .put("timeouts.read", "20s")
            .put("http.deadline", "45s")
            .put("http.max-body-bytes", "8MiB")
            .put("retry.max-attempts", "3")
            .put("retry.base-delay", "250ms")
            .put("retry.max-delay", "10s")
            .put("retry.max-retry-after", "45s")
            .put("fields.360001", "refund_amount")
            .put("fields.360002", "products")
            .put("ticket.language-field", "360003")
            .put("directory.skills-field", "skills")
            .put("directory.languages-field", "languages")
            .put("directory.manager-field", "manager")
            .put("directory.capacity-field", "capacity")
            .put("directory.role-field", "role")
            .put("directory.queue-groups", "30003, 30004")
            .put("directory.ttl", "2m")
            .put("directory.presence", "omnichannel")
            .put("customer.tier-field", "tier")
            .put("customer.salutation-field", "salutation")
            .put("tasks.requester-id", "20009")
            .put("tasks.search-due-date", "true")
            .put("tasks.close-by", "tag")
            .put("tasks.form-id", "360090")
            .put("tasks.solve-fields", "360777=internal, 360778=n/a")
            .put("search.index-lag", "3m")
            .put("notes.max-bytes", "16000")
            .put("jobs.poll-interval", "500ms")
            .put("jobs.poll-max", "5s")
            .put("jobs.timeout", "2m")
            .build();

    private static ZendeskConnector.Builder everyOptionTyped() {
        return ZendeskConnector.builder()
                .baseUrl(URI.create("https://support.acme.example"))
                .oauthClientCredentials("handover", Secret.of("client-secret-value"))
                .oauthRefreshToken("handover", Secret.of("refresh-token-value"))
                .oauthScope("read tickets:write")
                .oauthTokenLifetime(Duration.ofHours(2))
                .requestsPerMinute(400)
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(20))
                .deadline(Duration.ofSeconds(45))
                .maxBodyBytes(8L << 20)
                .retry(3, Duration.ofMillis(250), Duration.ofSeconds(10))
                .maxRetryAfter(Duration.ofSeconds(45))
                .ticketField(360001, "refund_amount")
                .ticketField(360002, "products")
                .languageField(360003)
                .skillsField("skills")
                .languagesField("languages")
                .managerField("manager")
                .capacityField("capacity")
                .roleField("role")
                .queueGroup(30003)
                .queueGroup(30004)
                .directoryTtl(Duration.ofMinutes(2))
                .agentPresence(true)
                .customerTierField("tier")
                .customerSalutationField("salutation")
                .taskRequester(20009)
                .searchDueDate(true)
                .closeTasksByTag(true)
                .taskForm(360090)
                .taskSolveField(360777, "internal")
                .taskSolveField(360778, "n/a")
                .indexLag(Duration.ofMinutes(3))
                .maxNoteBytes(16_000)
                .jobPolling(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofMinutes(2));
    }

    @Test
    void settingsAndTypedSettersReachTheSameConnector() {
        ZendeskConnector.Builder typed = everyOptionTyped();
        ZendeskConnector.Builder fromSettings = ZendeskConnector.builder().settings(EVERY_SETTING);

        assertThat(fromSettings.config()).isEqualTo(typed.config());
        assertThat(fromSettings.config().auth()).isInstanceOf(Config.OAuth.class);
        try (ZendeskConnector a = typed.build();
                ZendeskConnector b = fromSettings.build()) {
            assertThat(b.toString())
                    .isEqualTo(a.toString())
                    .isEqualTo("ZendeskConnector[https://support.acme.example, oauth (client handover), 400"
                            + " requests/min]");
            assertThat(b.capabilities()).isEqualTo(a.capabilities());
        }
    }

    @Test
    void noSettingsMeansTheDefaultsOfTheSetters() {
        CrmSettings minimal = CrmSettings.builder("zendesk")
                .put("subdomain", "acme")
                .put("auth.type", "api-token")
                .put("auth.email", "agent@acme.com")
                .secret("auth.api-token", Secret.of("t"))
                .build();

        assertThat(ZendeskConnector.builder().settings(minimal).config())
                .isEqualTo(ZendeskConnector.builder()
                        .subdomain("acme")
                        .apiToken("agent@acme.com", Secret.of("t"))
                        .config());
    }

    @Test
    void settingsAndSettersMixButAnOptionIsGivenOnce() {
        CrmSettings settings = CrmSettings.builder("zendesk")
                .put("subdomain", "acme")
                .put("auth.client-id", "handover")
                .secret("auth.client-secret", Secret.of("s"))
                .put("rate-limit.requests-per-minute", "400")
                .build();

        assertThat(ZendeskConnector.builder()
                        .settings(settings)
                        .readTimeout(Duration.ofSeconds(5))
                        .config()
                        .http()
                        .readTimeout())
                .isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(
                        () -> ZendeskConnector.builder().requestsPerMinute(200).settings(settings))
                .isInstanceOf(CrmSettingsException.class)
                .hasMessage("zendesk setting 'rate-limit.requests-per-minute': zendesk: requests per minute is already"
                        + " set")
                .satisfies(
                        e -> assertThat(((CrmSettingsException) e).key()).isEqualTo("rate-limit.requests-per-minute"));
        assertThatThrownBy(() -> ZendeskConnector.builder().settings(settings).settings(settings))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("zendesk: settings is already set");
        assertThatThrownBy(() -> ZendeskConnector.builder().settings(CrmSettings.empty("memory")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("zendesk: the settings are for provider 'memory'");
    }

    @Test
    void showsNoSecret() {
        ZendeskConnector.Builder b = ZendeskConnector.builder()
                .subdomain("acme")
                .oauthClientCredentials("handover", Secret.of("top-secret-value"));
        assertThat(b.toString()).contains("https://acme.zendesk.com", "oauth").doesNotContain("top-secret-value");
        try (ZendeskConnector crm = b.build()) {
            assertThat(crm.toString())
                    .isEqualTo("ZendeskConnector[https://acme.zendesk.com, oauth (client handover), 200 requests/min]");
        }
        ZendeskConnector.Builder every = everyOptionTyped();
        ZendeskConnector.Builder apiToken =
                ZendeskConnector.builder().subdomain("acme").apiToken("agent@acme.com", Secret.of("api-token-value"));
        for (String shown : new String[] {
            every.toString(),
            every.config().toString(),
            ZendeskConnector.builder().settings(EVERY_SETTING).toString(),
            apiToken.toString(),
            apiToken.config().toString()
        }) {
            assertThat(shown).doesNotContain("client-secret-value", "refresh-token-value", "api-token-value");
        }
        assertThat(every.toString())
                .contains("OAuth client credentials", "OAuth refresh token", "retry", "ticket fields=[360001, 360002]");
    }
}
