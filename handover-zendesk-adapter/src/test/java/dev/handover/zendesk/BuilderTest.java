package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.spi.Secret;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The builder fails fast, with messages that say precisely what is wrong. */
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
    void showsNoSecret() {
        ZendeskConnector.Builder b = ZendeskConnector.builder()
                .subdomain("acme")
                .oauthClientCredentials("handover", Secret.of("top-secret-value"));
        assertThat(b.toString()).contains("https://acme.zendesk.com", "oauth").doesNotContain("top-secret-value");
        try (ZendeskConnector crm = b.build()) {
            assertThat(crm.toString())
                    .isEqualTo("ZendeskConnector[https://acme.zendesk.com, oauth (client handover), 200 requests/min]");
        }
    }
}
