package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmConnectors;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.Secret;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.inbound.InboundSettings;
import dev.handover.zendesk.fake.FakeZendesk;
import dev.handover.zendesk.fake.Fault;
import dev.handover.zendesk.fake.FaultRule;
import dev.handover.zendesk.http.ApiTokenCredentials;
import dev.handover.zendesk.http.Json;
import dev.handover.zendesk.http.OAuthCredentials;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Secrets — the OAuth client secret, access and refresh tokens, the API token and the Basic header made from it, the
 * webhook signing secret — appear in no log line (debug included), exception message or {@code toString()}, through
 * every authentication path and failure.
 */
final class SecretsNeverLeakTest {

    @Test
    void noSecretReachesLogsMessagesOrToString() {
        List<String> texts = new ArrayList<>();
        List<Secret> refreshTokens = new ArrayList<>();
        String webhookSecret = "whsec-very-secret-42";
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        try (FakeAccount account = FakeAccount.withTickets(3)) {
            account.zendesk.tokens(Duration.ofMinutes(10), true);
            try (ZendeskConnector crm =
                    account.connector().refreshTokenListener(refreshTokens::add).build()) {
                texts.add(crm.toString());
                crm.ticket(FakeAccount.ticket(1));
                account.clock.advance(Duration.ofMinutes(10)); // renewal with the refresh token
                crm.ticket(FakeAccount.ticket(1));
                account.zendesk.revokeAccessTokens(); // 401, then a new token
                crm.ticket(FakeAccount.ticket(2));
                account.zendesk.inject(FaultRule.of(Fault.SERVER_ERROR).times(2));
                crm.ticket(FakeAccount.ticket(3));
                texts.add(message(() -> crm.apply(TicketUpdate.builder(FakeAccount.ticket(99))
                        .note(NoteDraft.internal("x"))
                        .build())));
            }
            ZendeskConnector.Builder wrong = ZendeskConnector.builder()
                    .baseUrl(account.zendesk.url())
                    .oauthClientCredentials(FakeZendesk.CLIENT_ID, Secret.of(FakeZendesk.CLIENT_SECRET + "-wrong"))
                    .clock(account.clock)
                    .sleeper(account.clock::advance);
            texts.add(wrong.toString());
            try (ZendeskConnector crm = wrong.build()) {
                texts.add(message(() -> crm.ticket(FakeAccount.ticket(1))));
            }
            try (ZendeskConnector crm = ZendeskConnector.builder()
                    .baseUrl(account.zendesk.url())
                    .apiToken(FakeZendesk.API_EMAIL, Secret.of(FakeZendesk.API_TOKEN))
                    .clock(account.clock)
                    .build()) {
                texts.add(crm.toString());
                crm.ticket(FakeAccount.ticket(1));
            }
            CrmSettings settings = CrmSettings.builder("zendesk")
                    .put("base-url", account.zendesk.url().toString())
                    .put("auth.client-id", FakeZendesk.CLIENT_ID)
                    .secret("auth.client-secret", Secret.of(FakeZendesk.CLIENT_SECRET))
                    .build();
            texts.add(settings.toString());
            try (CrmConnector crm = CrmConnectors.builder().settings(settings).build()) {
                texts.add(crm.toString());
            }
            texts.add(message(() -> new ZendeskProvider()
                    .create(CrmSettings.builder("zendesk")
                            .put("subdomain", "acme")
                            .put("auth.client-id", "x")
                            .secret("auth.client-secret", Secret.of(FakeZendesk.CLIENT_SECRET))
                            .put("auth.scopee", "read")
                            .build())));
            texts.add(new ZendeskProvider()
                    .inbound(new InboundSettings(Secret.of(webhookSecret), Duration.ofMinutes(5), account.clock))
                    .orElseThrow()
                    .toString());
        } finally {
            System.setErr(original);
        }
        String all = String.join("\n", texts) + "\n" + logs.toString(StandardCharsets.UTF_8);
        String basic = Base64.getEncoder()
                .encodeToString(
                        (FakeZendesk.API_EMAIL + "/token:" + FakeZendesk.API_TOKEN).getBytes(StandardCharsets.UTF_8));

        assertThat(logs.size()).as("debug logging was captured").isPositive();
        assertThat(refreshTokens).hasSizeGreaterThanOrEqualTo(2);
        assertThat(all)
                .doesNotContain(FakeZendesk.CLIENT_SECRET)
                .doesNotContain(FakeZendesk.API_TOKEN)
                .doesNotContain(basic)
                .doesNotContain("fake-access-")
                .doesNotContain("fake-refresh-")
                .doesNotContain(webhookSecret);
        for (Secret s : refreshTokens) {
            assertThat(all).doesNotContain(s.reveal());
        }
    }

    private static String message(Runnable call) {
        Throwable t = catchThrowable(call::run);
        assertThat(t).isNotNull();
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append('\n');
        }
        return sb.toString();
    }

    @Test
    void credentialsShowNoSecretWhenPrinted() {
        // the objects that hold a secret in memory: printing one by accident (a debugger, a log line added later) leaks
        // nothing — also once a token was obtained, and not in the encoded form actually held (the Basic header)
        OAuthCredentials oauth = new OAuthCredentials(
                "handover",
                Optional.of(Secret.of("printed-client-secret")),
                Optional.of(Secret.of("printed-refresh-token")),
                "read write",
                Optional.empty(),
                Clock.systemUTC(),
                s -> {},
                body -> Json.object()
                        .put("access_token", "printed-access-token")
                        .put("refresh_token", "printed-rotated-token")
                        .put("token_type", "bearer")
                        .put("expires_in", 7200)
                        .put("scope", "read write"));
        ApiTokenCredentials apiToken = new ApiTokenCredentials("agent@example.com", Secret.of("printed-api-token"));
        String basic = Base64.getEncoder()
                .encodeToString("agent@example.com/token:printed-api-token".getBytes(StandardCharsets.UTF_8));

        assertThat(oauth.authorization()).isEqualTo("Bearer printed-access-token");
        assertThat(apiToken.authorization()).isEqualTo("Basic " + basic);
        assertThat(oauth.toString() + oauth.describe() + apiToken + apiToken.describe())
                .contains("handover", "agent@example.com")
                .doesNotContain(
                        "printed-client-secret",
                        "printed-refresh-token",
                        "printed-access-token",
                        "printed-rotated-token",
                        "printed-api-token",
                        basic);
    }
}
