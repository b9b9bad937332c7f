package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmConnectors;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.Secret;
import dev.handover.zendesk.fake.FakeZendesk;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code zendesk} provider: found by ServiceLoader, configured from settings, with errors that name the key. */
final class ProviderTest {

    private static CrmSettings.Builder base() {
        return CrmSettings.builder("zendesk")
                .put("subdomain", "acme")
                .put("auth.client-id", "handover")
                .secret("auth.client-secret", Secret.of("s"));
    }

    @Test
    void isFoundByServiceLoaderUnderItsName() {
        var discovery = CrmConnectors.discover();
        assertThat(discovery.provider("zendesk")).get().isInstanceOf(ZendeskProvider.class);
        assertThat(new ZendeskProvider().description()).contains("Zendesk");
    }

    @Test
    void makesAWorkingConnectorFromSettings() {
        try (FakeAccount account = FakeAccount.withTickets(2)) {
            CrmSettings settings = CrmSettings.builder("zendesk")
                    .put("base-url", account.zendesk.url().toString())
                    .put("auth.client-id", FakeZendesk.CLIENT_ID)
                    .secret("auth.client-secret", Secret.of(FakeZendesk.CLIENT_SECRET))
                    .put("fields." + FakeZendesk.REFUND_FIELD, "refund_amount")
                    .put("rate-limit.requests-per-minute", "400")
                    .put("timeouts.read", "20s")
                    .put("retry.max-attempts", "3")
                    .put("directory.ttl", "2m")
                    .put("directory.queue-groups", "30003")
                    .put("search.index-lag", "3m")
                    .put("notes.max-bytes", "16000")
                    .put("jobs.poll-interval", "500ms")
                    .build();
            try (CrmConnector crm = CrmConnectors.builder().settings(settings).build()) {
                assertThat(crm).isInstanceOf(ZendeskConnector.class);
                assertThat(crm.ticket(FakeAccount.ticket(1))).isPresent();
                assertThat(crm.capabilities().maxNoteBytes()).isEqualTo(16_000);
                assertThat(crm.directory()
                                .group(FakeAccount.QUEUE)
                                .orElseThrow()
                                .kind())
                        .isEqualTo(dev.handover.spi.model.GroupKind.QUEUE);
                assertThat(crm.toString()).contains("400 requests/min");
            }
        }
    }

    @Test
    void acceptsTheLegacyApiToken() {
        CrmConnector crm = new ZendeskProvider()
                .create(CrmSettings.builder("zendesk")
                        .put("subdomain", "acme")
                        .put("auth.type", "api-token")
                        .put("auth.email", "agent@acme.com")
                        .secret("auth.api-token", Secret.of("t"))
                        .build());
        assertThat(crm.toString()).contains("https://acme.zendesk.com", "api-token");
        crm.close();
    }

    @Test
    void anUnknownKeyIsNamedWithASuggestion() {
        assertThatThrownBy(() -> new ZendeskProvider()
                        .create(base().put("auth.scopes", "read").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zendesk setting 'auth.scopes' is unknown (did you mean 'auth.scope'?)");
    }

    @Test
    void theAccountIsOneOfSubdomainAndBaseUrl() {
        assertThatThrownBy(() -> new ZendeskProvider()
                        .create(CrmSettings.builder("zendesk")
                                .put("auth.client-id", "x")
                                .secret("auth.client-secret", Secret.of("s"))
                                .build()))
                .hasMessageContaining("exactly one of 'subdomain' and 'base-url', neither was given");
        assertThatThrownBy(() -> new ZendeskProvider()
                        .create(base().put("base-url", "https://x.example").build()))
                .hasMessageContaining("both were given");
        assertThatThrownBy(() -> new ZendeskProvider()
                        .create(CrmSettings.builder("zendesk")
                                .put("subdomain", "Acme Corp")
                                .put("auth.client-id", "x")
                                .secret("auth.client-secret", Secret.of("s"))
                                .build()))
                .hasMessageContaining("zendesk setting 'subdomain'");
    }

    @Test
    void malformedValuesNameTheirKey() {
        Map<String, String> bad = Map.of(
                "rate-limit.requests-per-minute", "0",
                "timeouts.read", "soon",
                "notes.max-bytes", "100",
                "directory.presence", "sometimes",
                "tasks.requester-id", "abc",
                "fields.x12", "name",
                "auth.type", "password");
        bad.forEach((key, value) -> assertThatThrownBy(() ->
                        new ZendeskProvider().create(base().put(key, value).build()))
                .as(key)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + key + "'"));
    }

    @Test
    void missingSecretsAreNamed() {
        assertThatThrownBy(() -> new ZendeskProvider()
                        .create(CrmSettings.builder("zendesk")
                                .put("subdomain", "acme")
                                .put("auth.client-id", "x")
                                .build()))
                .hasMessageContaining("'auth.client-secret'");
        assertThatThrownBy(() -> new ZendeskProvider()
                        .create(CrmSettings.builder("zendesk")
                                .put("subdomain", "acme")
                                .put("auth.type", "api-token")
                                .put("auth.email", "a@b.c")
                                .build()))
                .hasMessageContaining("'auth.api-token'");
    }
}
