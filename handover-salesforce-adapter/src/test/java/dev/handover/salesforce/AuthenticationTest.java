package dev.handover.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handover.salesforce.fake.FakeFaults.Fault;
import dev.handover.salesforce.fake.FakeFaults.Target;
import dev.handover.salesforce.fake.FakeSalesforce;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.Secret;
import dev.handover.spi.error.CrmUnauthorizedException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OAuth: client credentials and the JWT bearer flow signed with the JDK, token caching, and refused credentials. */
final class AuthenticationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JWT_CLIENT = "3MVG9jwt.client";
    private static final String JWT_USER = "integration@acme.example.com";

    private static CrmSettings jwtSettings(FakeSalesforce org, String pem) {
        return org.settings(v -> {
            v.put("auth.flow", "jwt-bearer");
            v.put("auth.client-id", JWT_CLIENT);
            v.put("auth.username", JWT_USER);
        });
    }

    private static CrmSettings withKey(CrmSettings base, String pem) {
        return CrmSettings.builder("salesforce")
                .putAll(base.values())
                .secret("auth.private-key", Secret.of(pem))
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PKCS#8", "PKCS#1"})
    void jwtBearerAssertionIsSignedRs256AndAccepted(String format) throws Exception {
        try (Orgs orgs = new Orgs()) {
            KeyPair pair = Keys.PAIR;
            orgs.org.registerJwtClient(JWT_CLIENT, JWT_USER, pair.getPublic());
            String pem = format.equals("PKCS#8") ? Keys.pkcs8Pem(pair) : Keys.pkcs1Pem(pair);
            SalesforceConnector crm = orgs.connector(withKey(jwtSettings(orgs.org, pem), pem));

            assertThat(crm.ticket(orgs.fixture.ticket(1))).isPresent();

            FakeSalesforce.RecordedRequest token = orgs.org
                    .requests(r -> r.path().equals("/services/oauth2/token"))
                    .get(0);
            Map<String, String> form = form(token.body());
            assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
            String[] jwt = form.get("assertion").split("\\.");
            assertThat(new String(Base64.getUrlDecoder().decode(jwt[0]), StandardCharsets.UTF_8))
                    .isEqualTo("{\"alg\":\"RS256\"}");
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
            assertThat(claims.path("iss").asText()).isEqualTo(JWT_CLIENT);
            assertThat(claims.path("sub").asText()).isEqualTo(JWT_USER);
            assertThat(claims.path("aud").asText()).isEqualTo("https://login.salesforce.com");
            // two minutes: within Salesforce's three, with a margin for clock skew either way
            assertThat(claims.path("exp").asLong()).isEqualTo(Orgs.START.getEpochSecond() + 120);
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(pair.getPublic());
            rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            assertThat(rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
        }
    }

    @Test
    void anAssertionFromAHostWhoseClockRunsAMinuteAheadOrBehindIsStillAccepted() {
        for (Duration skew : List.of(Duration.ofSeconds(55), Duration.ofSeconds(-110))) {
            try (Orgs orgs = new Orgs()) {
                orgs.org.registerJwtClient(JWT_CLIENT, JWT_USER, Keys.PAIR.getPublic());
                String pem = Keys.pkcs8Pem(Keys.PAIR);
                // this host's clock is off by the skew; the fake org's clock is Salesforce's
                SalesforceConnector crm = SalesforceConnector.builder()
                        .settings(withKey(jwtSettings(orgs.org, pem), pem))
                        .clock(java.time.Clock.offset(orgs.clock, skew))
                        .sleeper(orgs.clock::advance)
                        .build();
                try {
                    assertThat(crm.ticket(orgs.fixture.ticket(1)))
                            .as("clock off by %s", skew)
                            .isPresent();
                } finally {
                    crm.close();
                }
            }
        }
    }

    @Test
    void assertionSignedWithAnotherKeyIsUnauthorized() {
        try (Orgs orgs = new Orgs()) {
            orgs.org.registerJwtClient(JWT_CLIENT, JWT_USER, Keys.PAIR.getPublic());
            KeyPair other = otherPair();
            String pem = Keys.pkcs8Pem(other);
            SalesforceConnector crm = orgs.connector(withKey(jwtSettings(orgs.org, pem), pem));

            assertThatThrownBy(() -> crm.ticket(orgs.fixture.ticket(1)))
                    .isInstanceOfSatisfying(CrmUnauthorizedException.class, e -> {
                        assertThat(e.vendorCode()).hasValue("invalid_grant");
                        assertThat(e.httpStatus()).hasValue(400);
                    });
            assertThat(orgs.org.requests(r -> r.path().equals("/services/oauth2/token")))
                    .hasSize(1);
        }
    }

    @Test
    void wrongClientSecretIsUnauthorizedWithoutRetrying() {
        try (Orgs orgs = new Orgs()) {
            CrmSettings wrong = CrmSettings.builder("salesforce")
                    .putAll(orgs.org.settings().values())
                    .secret("auth.client-secret", Secret.of("not-the-secret"))
                    .build();
            SalesforceConnector crm = orgs.connector(wrong);

            assertThatThrownBy(() -> crm.ticket(orgs.fixture.ticket(1)))
                    .isInstanceOfSatisfying(
                            CrmUnauthorizedException.class,
                            e -> assertThat(e.vendorCode()).hasValue("invalid_client"));
            assertThat(orgs.org.requests(r -> r.path().equals("/services/oauth2/token")))
                    .hasSize(1);
            assertThat(orgs.apiRequests()).isZero();
        }
    }

    @Test
    void tokenEndpointOutageIsRetried() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            orgs.org.faults().next(Target.TOKEN, Fault.STATUS_503_BEFORE).next(Target.TOKEN, Fault.DROP_BEFORE);

            assertThat(crm.ticket(orgs.fixture.ticket(1))).isPresent();
            assertThat(orgs.slept).hasSizeGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void oneTokenServesManyCalls() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            for (int i = 1; i <= 10; i++) {
                crm.ticket(orgs.fixture.ticket(i));
            }
            crm.directory();
            assertThat(orgs.org.tokensIssued()).isEqualTo(1);
            assertThat(crm.tokensFetched()).isEqualTo(1);
        }
    }

    @Test
    void unusablePrivateKeysAreRefusedAtBuildWithoutShowingThem() {
        try (Orgs orgs = new Orgs()) {
            String encrypted =
                    "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkq\n-----END ENCRYPTED"
                            + " PRIVATE KEY-----";
            String garbage = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END PRIVATE KEY-----";
            for (String pem : new String[] {encrypted, garbage, "just a secret string"}) {
                assertThatThrownBy(() -> orgs.connector(withKey(jwtSettings(orgs.org, pem), pem)))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("auth.private-key")
                        .satisfies(e -> assertThat(e.getMessage())
                                .doesNotContain("c2VjcmV0")
                                .doesNotContain("MIIFHDBO")
                                .doesNotContain("just a secret"));
            }
        }
    }

    private static KeyPair otherPair() {
        try {
            var g = java.security.KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            out.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
