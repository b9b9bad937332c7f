package dev.handover.salesforce.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.spi.Secret;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The objects that hold a token or a credential in memory show none of it when printed by accident. */
final class OAuthCredentialsTest {
    private static final URI TOKEN_URL = URI.create("https://acme.example/services/oauth2/token");

    @Test
    void theCachedTokenShowsNoSecretWhenPrinted() {
        OAuthCredentials.Token token =
                new OAuthCredentials.Token("00Dx!secret-access-token", URI.create("https://acme.example"));

        assertThat(token.toString()).doesNotContain("secret-access-token").contains("acme.example");
    }

    @Test
    void aGrantShowsNeitherItsClientIdNorItsSecrets() {
        OAuthCredentials.Grant client =
                OAuthCredentials.Grant.clientCredentials("3MVG9print", Secret.of("printed-secret"), TOKEN_URL);
        OAuthCredentials.Grant jwt = OAuthCredentials.Grant.jwtBearer(
                "3MVG9print", "user@acme.example", Secret.of("-----BEGIN PRIVATE KEY-----x"), "aud", TOKEN_URL);

        for (OAuthCredentials.Grant g : new OAuthCredentials.Grant[] {client, jwt}) {
            assertThat(g.toString())
                    .doesNotContain("3MVG9print")
                    .doesNotContain("printed-secret")
                    .doesNotContain("PRIVATE KEY")
                    .contains(TOKEN_URL.toString());
        }
    }
}
