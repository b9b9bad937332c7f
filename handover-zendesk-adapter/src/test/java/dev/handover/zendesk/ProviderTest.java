package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmConnectors;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.CrmSettingsException;
import dev.handover.spi.Secret;
import dev.handover.zendesk.fake.FakeZendesk;
import java.util.LinkedHashMap;
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

    private static CrmSettingsException refusal(CrmSettings settings) {
        Throwable t = catchThrowable(() -> new ZendeskProvider().create(settings));
        assertThat(t).isInstanceOf(CrmSettingsException.class);
        return (CrmSettingsException) t;
    }

    @Test
    void anUnknownKeyIsNamedWithASuggestion() {
        CrmSettingsException e = refusal(base().put("auth.scopes", "read").build());

        assertThat(e.key()).isEqualTo("auth.scopes");
        assertThat(e).hasMessageContaining("zendesk setting 'auth.scopes' is unknown (did you mean 'auth.scope'?)");
        assertThat(refusal(base().put("subdomian", "acme").build()))
                .hasMessageStartingWith("zendesk setting 'subdomian' is unknown (did you mean 'subdomain'?)");
        assertThat(refusal(base().put("fieldz.1", "x").build()).key()).isEqualTo("fieldz.1");
    }

    @Test
    void theAccountIsOneOfSubdomainAndBaseUrl() {
        CrmSettingsException neither = refusal(CrmSettings.builder("zendesk")
                .put("auth.client-id", "x")
                .secret("auth.client-secret", Secret.of("s"))
                .build());
        CrmSettingsException both =
                refusal(base().put("base-url", "https://x.example").build());
        CrmSettingsException malformed = refusal(CrmSettings.builder("zendesk")
                .put("subdomain", "Acme Corp")
                .put("auth.client-id", "x")
                .secret("auth.client-secret", Secret.of("s"))
                .build());

        assertThat(neither).hasMessageContaining("exactly one of 'subdomain' and 'base-url', neither was given");
        assertThat(neither.key()).isEqualTo("subdomain");
        assertThat(both).hasMessageContaining("both were given");
        assertThat(both.key()).isEqualTo("base-url");
        assertThat(malformed).hasMessageContaining("zendesk setting 'subdomain'");
        assertThat(malformed.key()).isEqualTo("subdomain");
    }

    @Test
    void malformedValuesNameTheirKey() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("base-url", "not a url");
        bad.put("auth.type", "password");
        bad.put("auth.client-id", " ");
        bad.put("auth.scope", " ");
        bad.put("auth.token-lifetime", "1m");
        bad.put("rate-limit.requests-per-minute", "0");
        bad.put("timeouts.connect", "0s");
        bad.put("timeouts.read", "soon");
        bad.put("retry.max-attempts", "30");
        bad.put("retry.base-delay", "-1s");
        bad.put("retry.max-delay", "100ms"); // below the default base delay
        bad.put("retry.max-retry-after", "-5s");
        bad.put("fields.x12", "name");
        bad.put("fields.12", " ");
        bad.put("ticket.language-field", "lang");
        bad.put("directory.skills-field", " ");
        bad.put("directory.queue-groups", "30003, queue");
        bad.put("directory.ttl", "0s");
        bad.put("directory.presence", "sometimes");
        bad.put("tasks.requester-id", "abc");
        bad.put("tasks.search-due-date", "maybe");
        bad.put("search.index-lag", "later");
        bad.put("notes.max-bytes", "100");
        bad.put("jobs.poll-interval", "0s");
        bad.put("jobs.poll-max", "100ms"); // below the default interval
        bad.put("jobs.timeout", "never");
        bad.forEach((key, value) -> {
            CrmSettings.Builder settings = base();
            if (key.equals("base-url")) {
                settings = CrmSettings.builder("zendesk")
                        .put("auth.client-id", "handover")
                        .secret("auth.client-secret", Secret.of("s"));
            }
            if (key.equals("auth.client-id")) {
                settings = CrmSettings.builder("zendesk")
                        .put("subdomain", "acme")
                        .secret("auth.client-secret", Secret.of("s"));
            }
            CrmSettingsException e = refusal(settings.put(key, value).build());
            assertThat(e.key()).as(key).isEqualTo(key);
            assertThat(e).as(key).hasMessageContaining("'" + key + "'");
        });
    }

    @Test
    void aValueThatIsNoNumberIsReportedAsBefore() {
        CrmSettingsException e =
                refusal(base().put("rate-limit.requests-per-minute", "lots").build());

        assertThat(e.key()).isEqualTo("rate-limit.requests-per-minute");
        assertThat(e.found()).contains("lots");
        assertThat(e).hasMessage("zendesk setting 'rate-limit.requests-per-minute' must be a whole number, was 'lots'");
        assertThat(refusal(base().put("rate-limit.requests-per-minute", "0").build()))
                .hasMessage("zendesk setting 'rate-limit.requests-per-minute': zendesk: requests per minute must be"
                        + " 1–100000, was 0");
    }

    @Test
    void missingSecretsAreNamed() {
        CrmSettingsException oauth = refusal(CrmSettings.builder("zendesk")
                .put("subdomain", "acme")
                .put("auth.client-id", "x")
                .build());
        CrmSettingsException apiToken = refusal(CrmSettings.builder("zendesk")
                .put("subdomain", "acme")
                .put("auth.type", "api-token")
                .put("auth.email", "a@b.c")
                .build());
        CrmSettingsException plain = refusal(CrmSettings.builder("zendesk")
                .put("subdomain", "acme")
                .put("auth.client-id", "x")
                .put("auth.client-secret", "typed-in-clear")
                .build());

        assertThat(oauth).hasMessageContaining("'auth.client-secret'");
        assertThat(oauth.key()).isEqualTo("auth.client-secret");
        assertThat(apiToken).hasMessageContaining("'auth.api-token'");
        assertThat(apiToken.key()).isEqualTo("auth.api-token");
        assertThat(plain.key()).isEqualTo("auth.client-secret");
        assertThat(plain).hasMessageContaining("give it as a secret").hasMessageNotContaining("typed-in-clear");
    }
}
