package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.spi.Secret;
import dev.handover.spi.error.CrmUnauthorizedException;
import dev.handover.zendesk.fake.FakeZendesk;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OAuth (client credentials, refresh-token rotation, renewal on 401) and the legacy API token, against the fake. */
final class AuthenticationTest {
    private FakeAccount account;

    @BeforeEach
    void start() {
        account = FakeAccount.withTickets(3);
    }

    @AfterEach
    void stop() {
        account.close();
    }

    private List<FakeZendesk.RecordedRequest> tokenRequests() {
        return account.zendesk.requests(r -> r.path().equals("/oauth/tokens"));
    }

    @Test
    void obtainsOneTokenAndReusesItUntilItExpires() {
        try (ZendeskConnector crm = account.build()) {
            for (int i = 0; i < 20; i++) {
                crm.ticket(FakeAccount.ticket(1));
            }
        }
        assertThat(account.zendesk.tokensIssued()).isEqualTo(1);
        assertThat(tokenRequests())
                .singleElement()
                .satisfies(r -> assertThat(r.body()).contains("\"grant_type\":\"client_credentials\""));
    }

    @Test
    void renewsAnExpiringTokenWithTheRotatedRefreshTokenAndReportsEachRotation() {
        account.zendesk.tokens(Duration.ofMinutes(10), true);
        List<Secret> rotated = new ArrayList<>();
        try (ZendeskConnector crm =
                account.connector().refreshTokenListener(rotated::add).build()) {
            crm.ticket(FakeAccount.ticket(1));
            account.clock.advance(Duration.ofMinutes(9).plusSeconds(30)); // within the minute before expiry
            crm.ticket(FakeAccount.ticket(1));
            account.clock.advance(Duration.ofMinutes(9).plusSeconds(30));
            crm.ticket(FakeAccount.ticket(1));
        }
        List<FakeZendesk.RecordedRequest> tokens = tokenRequests();
        assertThat(tokens).hasSize(3);
        assertThat(tokens.get(1).body())
                .contains("\"grant_type\":\"refresh_token\"")
                .contains("\"refresh_token\":\"" + rotated.get(0).reveal() + "\"");
        assertThat(tokens.get(2).body())
                .contains("\"refresh_token\":\"" + rotated.get(1).reveal() + "\"");
        assertThat(rotated).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void fallsBackToClientCredentialsWhenTheRefreshTokenIsRefused() {
        try (ZendeskConnector crm = account.connector()
                .oauthRefreshToken(FakeZendesk.CLIENT_ID, Secret.of("revoked-refresh-token"))
                .build()) {
            assertThat(crm.ticket(FakeAccount.ticket(1))).isPresent();
        }
        assertThat(tokenRequests())
                .extracting(r -> r.body().contains("client_credentials"))
                .containsExactly(false, true);
    }

    @Test
    void aRefusedRefreshTokenWithoutClientSecretIsUnauthorized() {
        try (ZendeskConnector crm = ZendeskConnector.builder()
                .baseUrl(account.zendesk.url())
                .oauthRefreshToken(FakeZendesk.CLIENT_ID, Secret.of("revoked-refresh-token"))
                .clock(account.clock)
                .sleeper(account.clock::advance)
                .build()) {
            assertThatThrownBy(() -> crm.ticket(FakeAccount.ticket(1)))
                    .isInstanceOf(CrmUnauthorizedException.class)
                    .hasMessageContaining("OAuth refresh token refused and no client secret to fall back on")
                    .hasMessageNotContaining("revoked-refresh-token");
        }
    }

    @Test
    void aRevokedTokenIsReplacedOnceAndTheRequestSucceeds() {
        try (ZendeskConnector crm = account.build()) {
            crm.ticket(FakeAccount.ticket(1));
            account.zendesk.revokeAccessTokens();
            assertThat(crm.ticket(FakeAccount.ticket(2))).isPresent();
        }
        assertThat(account.zendesk.tokensIssued()).isEqualTo(2);
    }

    @Test
    void aWrongClientSecretIsUnauthorizedWithZendesksCode() {
        try (ZendeskConnector crm = ZendeskConnector.builder()
                .baseUrl(account.zendesk.url())
                .oauthClientCredentials(FakeZendesk.CLIENT_ID, Secret.of("not-the-secret"))
                .clock(account.clock)
                .sleeper(account.clock::advance)
                .build()) {
            assertThatThrownBy(() -> crm.ticket(FakeAccount.ticket(1)))
                    .isInstanceOf(CrmUnauthorizedException.class)
                    .satisfies(e -> assertThat(((CrmUnauthorizedException) e).vendorCode())
                            .contains("invalid_client"))
                    .hasMessageContaining("OAuth token request failed")
                    .hasMessageNotContaining("not-the-secret");
        }
    }

    @Test
    void theLegacyApiTokenIsSentAsBasicEmailSlashToken() {
        try (ZendeskConnector crm = ZendeskConnector.builder()
                .baseUrl(account.zendesk.url())
                .apiToken(FakeZendesk.API_EMAIL, Secret.of(FakeZendesk.API_TOKEN))
                .clock(account.clock)
                .build()) {
            assertThat(crm.ticket(FakeAccount.ticket(1))).isPresent();
            assertThat(crm.toString()).contains("api-token").doesNotContain(FakeZendesk.API_TOKEN);
        }
        String header = account.zendesk.requests().get(0).headers().get("authorization");
        assertThat(new String(Base64.getDecoder().decode(header.substring("Basic ".length())), StandardCharsets.UTF_8))
                .isEqualTo(FakeZendesk.API_EMAIL + "/token:" + FakeZendesk.API_TOKEN);
        assertThat(tokenRequests()).isEmpty();
    }

    @Test
    void aWrongApiTokenIsUnauthorizedAndNotRetried() {
        try (ZendeskConnector crm = ZendeskConnector.builder()
                .baseUrl(account.zendesk.url())
                .apiToken(FakeZendesk.API_EMAIL, Secret.of("wrong-token"))
                .clock(account.clock)
                .build()) {
            assertThatThrownBy(() -> crm.ticket(FakeAccount.ticket(1))).isInstanceOf(CrmUnauthorizedException.class);
        }
        assertThat(account.zendesk.requests()).hasSize(1);
    }
}
