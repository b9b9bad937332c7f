package dev.handover.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmConnectors;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.Secret;
import dev.handover.spi.model.NoteFormat;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings fail fast with the key and what was expected; the provider is found by ServiceLoader. */
final class SettingsTest {

    private static CrmSettings settings(Consumer<Map<String, String>> adjust) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        values.put("instance-url", "https://acme.my.salesforce.com");
        values.put("auth.client-id", "3MVG9key");
        adjust.accept(values);
        return CrmSettings.builder("salesforce")
                .putAll(values)
                .secret("auth.client-secret", Secret.of("s3cret"))
                .build();
    }

    private static String failure(Consumer<Map<String, String>> adjust) {
        try {
            SalesforceConnector.builder().settings(settings(adjust)).build().close();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the settings to be refused");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "instance-url|http://acme.my.salesforce.com|an https URL",
                "instance-url|not a url|a URL",
                "api-version|sixty-seven|a version like 67.0",
                "auth.flow|password|username-password flow is blocked",
                "auth.flow|saml|client-credentials or jwt-bearer",
                "notes.object|Email|CaseComment or FeedItem",
                "notes.read|FeedItem|must include the objects notes are written as",
                "fields.case.tags|Handover Tags|API name",
                "fields.case.keys|none|this field is required",
                "fields.case.tags-format|csv|text or multipicklist",
                "case.status-map|New=NEWISH|one of",
                "case.status-map|New|entries like",
                "task.status.completed|Not Started|three different Task statuses",
                "limits.stop-at|0.5|must not be below",
                "limits.slow-down-at|1.5|a fraction above 0 and at most 1",
                "retry.max-attempts|0|a whole number from 1 to 10",
                "directory.ttl|forever|a duration",
                "idempotency.keys-kept|2|a whole number from 4 to 1000",
                "fields.case.tag|Tags__c|did you mean 'fields.case.tags'",
                "fields.custom.Refund Amount|Refund__c|lower-case letters"
            })
    void refusesABadSettingNamingTheKey(String key, String value, String expected) {
        String message = failure(v -> v.put(key, value));
        assertThat(message).contains(key.startsWith("fields.custom.") ? "fields.custom." : key);
        assertThat(message).contains(expected);
    }

    @Test
    void requiresTheInstanceUrlAndClientId() {
        assertThatThrownBy(() -> SalesforceConnector.builder()
                        .settings(CrmSettings.builder("salesforce").build())
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'instance-url' is required");
        assertThat(failure(v -> v.remove("auth.client-id"))).contains("'auth.client-id' is required");
    }

    @Test
    void refusesSecretsGivenAsPlainValues() {
        assertThatThrownBy(() -> SalesforceConnector.builder()
                        .settings(CrmSettings.builder("salesforce")
                                .put("instance-url", "https://acme.my.salesforce.com")
                                .put("auth.client-id", "3MVG9key")
                                .put("auth.client-secret", "plain")
                                .build())
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("give it as a secret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("plain'"));
    }

    @Test
    void builderOptionsAreSetOnce() {
        var b = SalesforceConnector.builder().settings(settings(v -> {}));
        assertThatThrownBy(() -> b.settings(settings(v -> {}))).isInstanceOf(IllegalStateException.class);
        b.clock(java.time.Clock.systemUTC());
        assertThatThrownBy(() -> b.clock(java.time.Clock.systemUTC())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SalesforceConnector.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the instance URL")
                .hasMessageContaining("credentials");
        assertThatThrownBy(() -> SalesforceConnector.builder().settings(CrmSettings.empty("zendesk")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void declaresCapabilitiesForTheNoteObject() {
        try (SalesforceConnector comments = SalesforceConnector.builder()
                        .settings(settings(v -> {}))
                        .build();
                SalesforceConnector feed = SalesforceConnector.builder()
                        .settings(settings(v -> v.put("notes.object", "FeedItem")))
                        .build()) {
            assertThat(comments.capabilities().maxNoteBytes()).isEqualTo(4000);
            assertThat(comments.capabilities().noteFormats()).containsExactly(NoteFormat.PLAIN_TEXT);
            assertThat(comments.capabilities().maxWriteBatchSize()).isEqualTo(200);
            assertThat(comments.capabilities().maxReadBatchSize()).isEqualTo(1000);
            assertThat(comments.capabilities().atomicUpdate()).isTrue();
            assertThat(comments.capabilities().tasksInSameWrite()).isTrue();
            assertThat(comments.capabilities().nativeReminders()).isTrue();
            assertThat(comments.capabilities().agentPresence()).isFalse();
            assertThat(feed.capabilities().maxNoteBytes()).isEqualTo(10_000);
            assertThat(feed.capabilities().noteFormats()).contains(NoteFormat.HTML);
            assertThat(comments.toString())
                    .contains("https://acme.my.salesforce.com", "v67.0", "client-credentials")
                    .doesNotContain("s3cret")
                    .doesNotContain("3MVG9key");
        }
    }

    @Test
    void isDiscoveredByServiceLoaderAndCreatedFromSettings() {
        CrmConnectors.Discovery found = CrmConnectors.discover();
        assertThat(found.provider("salesforce")).get().isInstanceOf(SalesforceProvider.class);
        try (CrmConnector crm =
                CrmConnectors.builder().settings(settings(v -> {})).build()) {
            assertThat(crm).isInstanceOf(SalesforceConnector.class);
            assertThat(crm.vendor()).isEqualTo("salesforce");
        }
    }
}
