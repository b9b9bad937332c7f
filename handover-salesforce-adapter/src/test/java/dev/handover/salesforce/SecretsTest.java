package dev.handover.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.salesforce.fake.FakeFaults.Fault;
import dev.handover.salesforce.fake.FakeFaults.Target;
import dev.handover.salesforce.fake.FakeSalesforce;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.Secret;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.error.CrmException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Client secrets, private keys, JWT assertions and access tokens never appear in logs (debug level included),
 * exception messages or {@code toString()} — across a session with re-authentication, refused credentials, faults
 * and failed writes.
 */
final class SecretsTest {

    private static void describe(Throwable t, List<String> out) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            out.add(String.valueOf(c.getMessage()));
            out.add(c.toString());
        }
    }

    @Test
    void clientCredentialsAndTokensNeverShow() {
        try (Orgs orgs = new Orgs()) {
            List<String> texts = new ArrayList<>();
            String logs = Logs.of(() -> {
                SalesforceConnector crm = orgs.connector();
                texts.add(crm.toString());
                texts.add(orgs.org.settings().toString());
                crm.ticket(orgs.fixture.ticket(1));
                crm.directory();
                orgs.org.expireTokens(); // re-authentication
                crm.apply(TicketUpdate.builder(orgs.fixture.ticket(2))
                        .note(NoteDraft.internal("n"))
                        .build());
                orgs.org.faults().next(Target.QUERY, Fault.STATUS_503_BEFORE, 10);
                try {
                    crm.ticket(orgs.fixture.ticket(3));
                } catch (CrmException e) {
                    describe(e, texts);
                }
                orgs.org.faults().clear();
                orgs.org.faults().next(Target.COMPOSITE, Fault.DROP_AFTER);
                crm.apply(
                        TicketUpdate.builder(orgs.fixture.ticket(4)).addTag("x").build());
                try {
                    crm.apply(TicketUpdate.builder(orgs.fixture.ticket(5))
                            .assign(dev.handover.spi.Assignment.toAgent(orgs.fixture.agent(4)))
                            .build());
                } catch (CrmException e) {
                    describe(e, texts);
                }
                CrmSettings wrong = CrmSettings.builder("salesforce")
                        .putAll(orgs.org.settings().values())
                        .secret("auth.client-secret", Secret.of("wrong-secret-77"))
                        .build();
                SalesforceConnector refused = orgs.connector(wrong);
                texts.add(refused.toString());
                try {
                    refused.ticket(orgs.fixture.ticket(1));
                } catch (CrmException e) {
                    describe(e, texts);
                }
                texts.add(crm.toString());
            });
            assertThat(logs).as("debug logging was on").contains("DEBUG");
            texts.add(logs);
            List<String> secrets = new ArrayList<>(orgs.org.issuedTokens());
            secrets.add(FakeSalesforce.CLIENT_SECRET);
            secrets.add("wrong-secret-77");
            assertThat(orgs.org.issuedTokens()).hasSizeGreaterThanOrEqualTo(2);
            for (String text : texts) {
                for (String secret : secrets) {
                    assertThat(text).doesNotContain(secret);
                }
                assertThat(text).doesNotContain("Bearer ");
            }
        }
    }

    @Test
    void privateKeyAndAssertionNeverShow() {
        try (Orgs orgs = new Orgs()) {
            orgs.org.registerJwtClient("3MVG9jwt", "user@acme.example.com", Keys.PAIR.getPublic());
            String pem = Keys.pkcs8Pem(Keys.PAIR);
            CrmSettings settings = CrmSettings.builder("salesforce")
                    .putAll(orgs.org
                            .settings(v -> {
                                v.put("auth.flow", "jwt-bearer");
                                v.put("auth.client-id", "3MVG9jwt");
                                v.put("auth.username", "user@acme.example.com");
                            })
                            .values())
                    .secret("auth.private-key", Secret.of(pem))
                    .build();
            List<String> texts = new ArrayList<>();
            String logs = Logs.of(() -> {
                SalesforceConnector crm = orgs.connector(settings);
                texts.add(crm.toString());
                texts.add(settings.toString());
                crm.ticket(orgs.fixture.ticket(1));
                orgs.org.expireTokens();
                crm.ticket(orgs.fixture.ticket(2));
            });
            texts.add(logs);
            String assertion = orgs.org.requests(r -> r.path().equals("/services/oauth2/token")).stream()
                    .map(r -> URLDecoder.decode(r.body(), StandardCharsets.UTF_8))
                    .map(b -> b.substring(b.indexOf("assertion=") + "assertion=".length()))
                    .findFirst()
                    .orElseThrow();
            String keyLine = pem.lines().skip(1).findFirst().orElseThrow();
            for (String text : texts) {
                assertThat(text)
                        .doesNotContain(keyLine)
                        .doesNotContain(assertion.split("\\.")[2]);
                for (String token : orgs.org.issuedTokens()) {
                    assertThat(text).doesNotContain(token);
                }
            }
        }
    }

    @Test
    void theSettingsShowNoSecretWhenPrinted() {
        // the builder and the resolved settings hold the secret in memory: printing them by accident (a debugger, a log
        // line added
        // later) leaks nothing; the cached token is checked where it lives (http.OAuthCredentialsTest)
        SalesforceConnector.Builder builder = SalesforceConnector.builder()
                .settings(CrmSettings.builder("salesforce")
                        .put("instance-url", "https://acme.example")
                        .put("auth.client-id", "3MVG9print")
                        .secret("auth.client-secret", Secret.of("printed-client-secret"))
                        .build());
        Config config = builder.config();

        assertThat(config.toString()).doesNotContain("printed-client-secret");
        assertThat(config.auth().toString()).doesNotContain("printed-client-secret");
        assertThat(builder.toString()).doesNotContain("printed-client-secret").doesNotContain("3MVG9print");
    }
}
