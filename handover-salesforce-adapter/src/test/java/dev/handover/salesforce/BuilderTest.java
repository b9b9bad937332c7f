package dev.handover.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.handover.spi.CrmSettings;
import dev.handover.spi.CrmSettingsException;
import dev.handover.spi.Secret;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import jakarta.ws.rs.client.ClientBuilder;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The typed builder and the settings map are one way in: settings set the typed options, so both give the same
 * connector; every option is set once and checked at once; every settings problem is located by its key.
 */
final class BuilderTest {
    private static final URI INSTANCE = URI.create("https://acme.my.salesforce.com");
    private static final Secret SECRET = Secret.of("s3cret-value");

    private static SalesforceConnector.Builder minimal() {
        return SalesforceConnector.builder().instanceUrl(INSTANCE).clientCredentials("3MVG9key", SECRET);
    }

    /** Every option away from its default, as typed options. */
    private static SalesforceConnector.Builder typedWithEveryOption() {
        Map<String, TicketStatus> statuses = new LinkedHashMap<>();
        statuses.put("New", TicketStatus.NEW);
        statuses.put("Waiting", TicketStatus.PENDING);
        statuses.put("Done", TicketStatus.SOLVED);
        Map<String, TicketPriority> priorities = new LinkedHashMap<>();
        priorities.put("P1", TicketPriority.URGENT);
        priorities.put("P3", TicketPriority.LOW);
        return SalesforceConnector.builder()
                .instanceUrl(INSTANCE)
                .apiVersion("v66.0")
                .clientCredentials("3MVG9key", SECRET)
                .tokenUrl(URI.create("https://login.example.com/services/oauth2/token"))
                .notesAsFeedItems()
                .readNotesFromBoth()
                .caseTagsField("Tags__c")
                .caseTagsAsMultiPicklist()
                .caseKeysField("Keys__c")
                .withoutCaseRevisionField()
                .caseGroupField("Team__c")
                .caseLanguageField("Language__c")
                .contactLanguageField("Preferred_Language__c")
                .taskHandoverField("Ho_Id__c")
                .taskKeyField("Ho_Key__c")
                .taskKindField("Ho_Kind__c")
                .taskDueField("Ho_Due__c")
                .userSkillsField("Skills__c")
                .userLanguagesField("Languages__c")
                .userCapacityField("Capacity__c")
                .userRoleField("Role__c")
                .customField("refund_amount", "Refund__c")
                .customField("tier", "Account.Tier__c")
                .statusMap(statuses)
                .priorityMap(priorities)
                .taskOpenStatus("Open")
                .taskCompletedStatus("Done")
                .taskCancelledStatus("Cancelled")
                .taskPriority("High")
                .idempotencyKeysKept(80)
                .directoryTtl(Duration.ofMinutes(2))
                .caseCacheTtl(Duration.ofMinutes(3))
                .caseCacheSize(500)
                .limitsSlowDownAt(0.7)
                .limitsMaxDelay(Duration.ofSeconds(1))
                .limitsStopAt(0.95)
                .limitsCooldown(Duration.ofMinutes(10))
                .retryMaxAttempts(3)
                .retryInitialBackoff(Duration.ofMillis(100))
                .retryMaxBackoff(Duration.ofSeconds(4))
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(20));
    }

    /** The same, as settings. */
    private static CrmSettings settingsWithEveryOption() {
        return CrmSettings.builder("salesforce")
                .put("instance-url", INSTANCE.toString())
                .put("api-version", "v66.0")
                .put("auth.flow", "client-credentials")
                .put("auth.client-id", "3MVG9key")
                .secret("auth.client-secret", SECRET)
                .put("auth.token-url", "https://login.example.com/services/oauth2/token")
                .put("notes.object", "FeedItem")
                .put("notes.read", "both")
                .put("fields.case.tags", "Tags__c")
                .put("fields.case.tags-format", "multipicklist")
                .put("fields.case.keys", "Keys__c")
                .put("fields.case.revision", "none")
                .put("fields.case.group", "Team__c")
                .put("fields.case.language", "Language__c")
                .put("fields.contact.language", "Preferred_Language__c")
                .put("fields.task.handover", "Ho_Id__c")
                .put("fields.task.key", "Ho_Key__c")
                .put("fields.task.kind", "Ho_Kind__c")
                .put("fields.task.due", "Ho_Due__c")
                .put("fields.user.skills", "Skills__c")
                .put("fields.user.languages", "Languages__c")
                .put("fields.user.capacity", "Capacity__c")
                .put("fields.user.role", "Role__c")
                .put("fields.custom.refund_amount", "Refund__c")
                .put("fields.custom.tier", "Account.Tier__c")
                .put("case.status-map", "New=NEW;Waiting=PENDING;Done=SOLVED")
                .put("case.priority-map", "P1=URGENT;P3=LOW")
                .put("task.status.open", "Open")
                .put("task.status.completed", "Done")
                .put("task.status.cancelled", "Cancelled")
                .put("task.priority", "High")
                .put("idempotency.keys-kept", "80")
                .put("directory.ttl", "2m")
                .put("cache.case-ttl", "PT3M")
                .put("cache.case-max", "500")
                .put("limits.slow-down-at", "0.7")
                .put("limits.max-delay", "1s")
                .put("limits.stop-at", "0.95")
                .put("limits.cooldown", "10m")
                .put("retry.max-attempts", "3")
                .put("retry.initial-backoff", "100ms")
                .put("retry.max-backoff", "4s")
                .put("http.connect-timeout", "5s")
                .put("http.read-timeout", "20s")
                .build();
    }

    @Test
    void typedOptionsAndSettingsGiveTheSameConnector() {
        SalesforceConnector.Builder typed = typedWithEveryOption();
        SalesforceConnector.Builder fromSettings = SalesforceConnector.builder().settings(settingsWithEveryOption());

        assertThat(fromSettings.config()).isEqualTo(typed.config());
        assertThat(fromSettings).hasToString(typed.toString());
        // the settings were not the defaults: every option was read
        assertThat(fromSettings.config()).isNotEqualTo(minimal().config());
        assertThat(fromSettings.toString()).doesNotContain("s3cret-value").doesNotContain("3MVG9key");
    }

    @Test
    void jwtBearerTypedAndFromSettingsIsTheSame() {
        Secret pem = Secret.of(Keys.pkcs8Pem(Keys.PAIR));
        SalesforceConnector.Builder typed = SalesforceConnector.builder()
                .instanceUrl(INSTANCE)
                .jwtBearer("3MVG9jwt", "integration@acme.example.com", pem)
                .jwtAudience(URI.create("https://test.salesforce.com"));
        SalesforceConnector.Builder fromSettings = SalesforceConnector.builder()
                .settings(CrmSettings.builder("salesforce")
                        .put("instance-url", INSTANCE.toString())
                        .put("auth.flow", "jwt-bearer")
                        .put("auth.client-id", "3MVG9jwt")
                        .put("auth.username", "integration@acme.example.com")
                        .secret("auth.private-key", pem)
                        .put("auth.audience", "https://test.salesforce.com")
                        .build());

        assertThat(fromSettings.config()).isEqualTo(typed.config());
        assertThat(fromSettings).hasToString(typed.toString());
        assertThat(typed.toString()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        Config c = minimal().config();

        assertThat(c.apiVersion()).isEqualTo("67.0");
        assertThat(c.auth().tokenUrl()).isEqualTo(URI.create(INSTANCE + "/services/oauth2/token"));
        assertThat(c.noteObject()).isEqualTo(Config.NoteObject.CASE_COMMENT);
        assertThat(c.readNotes()).isEqualTo(Config.ReadNotes.CASE_COMMENT);
        assertThat(c.caseFields().revision()).hasValue("Handover_Revision__c");
        assertThat(c.caseFields().group()).hasValue("Handover_Group__c");
        assertThat(c.statusMap()).isEqualTo(Config.DEFAULT_STATUS_MAP);
        assertThat(c.taskPicklists())
                .isEqualTo(new Config.TaskPicklists("Not Started", "Completed", "Deferred", "Normal"));
        assertThat(c.keysKept()).isEqualTo(50);
        assertThat(c.retry()).isEqualTo(new Config.Retry(4, Duration.ofMillis(250), Duration.ofSeconds(8)));
        assertThat(c.limits().cooldown()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.readTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    /** Each option: a call that is accepted, and an argument it refuses. */
    static Stream<Arguments> options() {
        return Stream.of(
                option("instance URL", b -> b.instanceUrl(INSTANCE), b -> b.instanceUrl(URI.create("http://acme.com"))),
                option("API version", b -> b.apiVersion("66.0"), b -> b.apiVersion("sixty-six")),
                option(
                        "credentials",
                        "client id",
                        b -> b.clientCredentials("3MVG9key", SECRET),
                        b -> b.clientCredentials(" ", SECRET)),
                option(
                        "JWT audience",
                        b -> b.jwtAudience(URI.create("https://test.salesforce.com")),
                        b -> b.jwtAudience(URI.create("ftp://test.salesforce.com"))),
                option("token URL", b -> b.tokenUrl(INSTANCE), b -> b.tokenUrl(URI.create("https://a.b/t?x=1"))),
                option("case tags field", b -> b.caseTagsField("Tags__c"), b -> b.caseTagsField("Handover Tags")),
                option("case keys field", b -> b.caseKeysField("Keys__c"), b -> b.caseKeysField("none")),
                option("case revision field", b -> b.caseRevisionField("Rev__c"), b -> b.caseRevisionField("none")),
                option("case group field", b -> b.caseGroupField("Team__c"), b -> b.caseGroupField("a-b")),
                option("case language field", b -> b.caseLanguageField("Lang__c"), b -> b.caseLanguageField("")),
                option(
                        "contact language field",
                        b -> b.contactLanguageField("Lang__c"),
                        b -> b.contactLanguageField("1x")),
                option("task handover field", b -> b.taskHandoverField("H__c"), b -> b.taskHandoverField("H c")),
                option("task key field", b -> b.taskKeyField("K__c"), b -> b.taskKeyField("K c")),
                option("task kind field", b -> b.taskKindField("K__c"), b -> b.taskKindField("K c")),
                option("task due field", b -> b.taskDueField("D__c"), b -> b.taskDueField("D c")),
                option("user skills field", b -> b.userSkillsField("S__c"), b -> b.userSkillsField("S c")),
                option("user languages field", b -> b.userLanguagesField("L__c"), b -> b.userLanguagesField("L c")),
                option("user capacity field", b -> b.userCapacityField("C__c"), b -> b.userCapacityField("C c")),
                option("user role field", b -> b.userRoleField("R__c"), b -> b.userRoleField("R c")),
                option(
                        "custom field 'tier'",
                        b -> b.customField("tier", "Tier__c"),
                        b -> b.customField("tier", "Tier c")),
                option("status map", b -> b.statusMap(Map.of("New", TicketStatus.NEW)), b -> b.statusMap(Map.of())),
                option(
                        "priority map",
                        b -> b.priorityMap(Map.of("High", TicketPriority.HIGH)),
                        b -> b.priorityMap(Map.of(" ", TicketPriority.HIGH))),
                option("task open status", b -> b.taskOpenStatus("Open"), b -> b.taskOpenStatus(" ")),
                option("task completed status", b -> b.taskCompletedStatus("Done"), b -> b.taskCompletedStatus("")),
                option(
                        "task cancelled status",
                        b -> b.taskCancelledStatus("Cancelled"),
                        b -> b.taskCancelledStatus("x".repeat(256))),
                option("task priority", b -> b.taskPriority("High"), b -> b.taskPriority("")),
                option("idempotency keys kept", b -> b.idempotencyKeysKept(10), b -> b.idempotencyKeysKept(3)),
                option("directory TTL", b -> b.directoryTtl(Duration.ofMinutes(1)), b -> b.directoryTtl(Duration.ZERO)),
                option(
                        "case cache TTL",
                        b -> b.caseCacheTtl(Duration.ofMinutes(1)),
                        b -> b.caseCacheTtl(Duration.ofSeconds(-1))),
                option("case cache size", b -> b.caseCacheSize(0), b -> b.caseCacheSize(-1)),
                option("limits slow-down-at", b -> b.limitsSlowDownAt(0.5), b -> b.limitsSlowDownAt(0)),
                option(
                        "limits max delay",
                        b -> b.limitsMaxDelay(Duration.ZERO),
                        b -> b.limitsMaxDelay(Duration.ofSeconds(-1))),
                option("limits stop-at", b -> b.limitsStopAt(1), b -> b.limitsStopAt(1.01)),
                option(
                        "limits cooldown",
                        b -> b.limitsCooldown(Duration.ofMinutes(1)),
                        b -> b.limitsCooldown(Duration.ZERO)),
                option("retry max attempts", b -> b.retryMaxAttempts(1), b -> b.retryMaxAttempts(11)),
                option(
                        "retry initial backoff",
                        b -> b.retryInitialBackoff(Duration.ofMillis(1)),
                        b -> b.retryInitialBackoff(Duration.ZERO)),
                option(
                        "retry max backoff",
                        b -> b.retryMaxBackoff(Duration.ofSeconds(1)),
                        b -> b.retryMaxBackoff(Duration.ZERO)),
                option(
                        "connect timeout",
                        b -> b.connectTimeout(Duration.ofSeconds(1)),
                        b -> b.connectTimeout(Duration.ZERO)),
                option(
                        "read timeout",
                        b -> b.readTimeout(Duration.ofSeconds(1)),
                        b -> b.readTimeout(Duration.ofMillis(-5))));
    }

    private static Arguments option(
            String name, Consumer<SalesforceConnector.Builder> good, Consumer<SalesforceConnector.Builder> bad) {
        return option(name, name, good, bad);
    }

    /** An option whose refusal names the argument refused rather than the option. */
    private static Arguments option(
            String name,
            String refused,
            Consumer<SalesforceConnector.Builder> good,
            Consumer<SalesforceConnector.Builder> bad) {
        return Arguments.of(name, refused, good, bad);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("options")
    void eachOptionIsSetOnceAndCheckedAtOnce(
            String name,
            String refused,
            Consumer<SalesforceConnector.Builder> good,
            Consumer<SalesforceConnector.Builder> bad) {
        SalesforceConnector.Builder b = SalesforceConnector.builder();
        good.accept(b);
        assertThatThrownBy(() -> good.accept(b))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("salesforce: " + name + " is already set");

        assertThatThrownBy(() -> bad.accept(SalesforceConnector.builder()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("salesforce: " + refused + " must be");
    }

    @Test
    void choicesAndSeamsAreSetOnceToo() {
        SalesforceConnector.Builder b = SalesforceConnector.builder()
                .notesAsFeedItems()
                .readNotesFromBoth()
                .caseTagsAsMultiPicklist()
                .withoutCaseGroupField()
                .clock(Clock.systemUTC())
                .sleeper(d -> {})
                .random(new Random(1));
        Map<String, Runnable> again = new LinkedHashMap<>();
        again.put("note object", b::notesAsCaseComments);
        again.put("notes read", b::readNotesFromFeedItems);
        again.put("case tags format", b::caseTagsAsText);
        again.put("case group field", () -> b.caseGroupField("Team__c"));
        again.put("clock", () -> b.clock(Clock.systemUTC()));
        again.put("sleeper", () -> b.sleeper(d -> {}));
        again.put("random", () -> b.random(new Random(2)));
        again.forEach((name, call) -> assertThatThrownBy(call::run)
                .as(name)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("salesforce: " + name + " is already set"));
        try (var client = ClientBuilder.newBuilder()
                .property("jersey.config.client.followRedirects", false) // an injected client must follow none
                .build()) {
            SalesforceConnector.Builder c = SalesforceConnector.builder().client(client);
            assertThatThrownBy(() -> c.client(client)).hasMessage("salesforce: client is already set");
        }
    }

    @Test
    void aPrivateKeyIsCheckedWhenGivenWithoutShowingIt() {
        assertThatThrownBy(() -> SalesforceConnector.builder()
                        .jwtBearer("3MVG9jwt", "u@acme.example", Secret.of("not a pem secret-material")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("salesforce: JWT private key must be a PEM RSA private key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-material"));
    }

    @Test
    void optionsThatContradictEachOtherAreRefusedNamingBoth() {
        Secret pem = Secret.of(Keys.pkcs8Pem(Keys.PAIR));
        assertThatThrownBy(() -> minimal().jwtBearer("3MVG9jwt", "u@acme.example", pem))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("client credentials")
                .hasMessageContaining("JWT bearer");
        assertThatThrownBy(() -> minimal().jwtAudience(URI.create("https://test.salesforce.com")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JWT audience")
                .hasMessageContaining("client credentials");
        try (var client = ClientBuilder.newBuilder()
                .property("jersey.config.client.followRedirects", false) // an injected client must follow none
                .build()) {
            assertThatThrownBy(
                            () -> minimal().readTimeout(Duration.ofSeconds(5)).client(client))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("injected client")
                    .hasMessageContaining("read timeout");
            assertThatThrownBy(() -> minimal().client(client).connectTimeout(Duration.ofSeconds(5)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("injected client")
                    .hasMessageContaining("connect timeout");
        }
        // combinations with a default in them are found when building
        assertThatThrownBy(() -> minimal().readNotesFromFeedItems().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("notes read from FeedItem")
                .hasMessageContaining("written as");
        assertThat(minimal()
                        .readNotesFromFeedItems()
                        .notesAsFeedItems()
                        .config()
                        .readNotes())
                .isEqualTo(Config.ReadNotes.FEED_ITEM);
        assertThatThrownBy(() -> minimal().taskCancelledStatus("Completed").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("completed and cancelled statuses must be three different");
        assertThatThrownBy(() -> minimal().limitsSlowDownAt(0.99).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stop-at (0.98) must not be below limits slow-down-at (0.99)");
        assertThatThrownBy(
                        () -> minimal().retryMaxBackoff(Duration.ofMillis(100)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("max backoff (PT0.1S) must not be below retry initial backoff (PT0.25S)");
    }

    @Test
    void buildSaysWhatIsMissing() {
        assertThatThrownBy(() -> SalesforceConnector.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("salesforce: the instance URL (instanceUrl, or the setting 'instance-url') and credentials"
                        + " (clientCredentials or jwtBearer, or the 'auth.*' settings) must be set");
        assertThatThrownBy(() ->
                        SalesforceConnector.builder().instanceUrl(INSTANCE).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("salesforce: credentials (clientCredentials or jwtBearer, or the 'auth.*' settings) must be"
                        + " set");
    }

    @Test
    void toStringListsWhatIsSetAndNoSecret() {
        assertThat(SalesforceConnector.builder()).hasToString("SalesforceConnector.Builder[]");
        assertThat(minimal().notesAsFeedItems().retryMaxAttempts(2))
                .hasToString("SalesforceConnector.Builder[credentials=client credentials (client id ****, secret"
                        + " ****), instance URL=https://acme.my.salesforce.com, note object=FeedItem, retry max"
                        + " attempts=2]");
    }

    /** Every kind of settings problem, and the key it must be reported at. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "instance-url|ftp://acme.my.salesforce.com",
                "api-version|67",
                "auth.flow|username-password",
                "auth.flow|oauth",
                "auth.token-url|https://acme.my.salesforce.com/token#x",
                "auth.client-id|' '",
                "notes.object|Chatter",
                "notes.read|FeedItem",
                "fields.case.tags|none",
                "fields.case.group|a b",
                "fields.user.skills|1x",
                "fields.case.tags-format|yaml",
                "fields.custom.Tier|Tier__c",
                "case.priority-map|High=HUGE",
                "case.status-map|;",
                "task.status.cancelled|Not Started",
                "task.priority|''",
                "idempotency.keys-kept|fifty",
                "directory.ttl|-5m",
                "cache.case-ttl|0s",
                "cache.case-max|-3",
                "limits.slow-down-at|0.99",
                "limits.max-delay|soon",
                "limits.stop-at|0",
                "limits.cooldown|0m",
                "retry.max-attempts|11",
                "retry.initial-backoff|9s",
                "retry.max-backoff|100ms",
                "http.connect-timeout|0s",
                "http.read-timeout|x",
                "http.read-timeuot|5s"
            })
    void everySettingsProblemCarriesItsKey(String key, String value) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("instance-url", INSTANCE.toString());
        values.put("auth.client-id", "3MVG9key");
        values.put(key, value);
        CrmSettings settings = CrmSettings.builder("salesforce")
                .putAll(values)
                .secret("auth.client-secret", SECRET)
                .build();

        CrmSettingsException e = catchThrowableOfType(
                CrmSettingsException.class,
                () -> SalesforceConnector.builder().settings(settings).build());

        assertThat(e).as("refused").isNotNull();
        assertThat(e.key()).isEqualTo(key);
        assertThat(e.getMessage()).startsWith("salesforce setting").contains("'" + key + "'");
        assertThat(e.getMessage()).doesNotContain("salesforce: ");
    }

    @Test
    void missingAndMisplacedSecretsCarryTheirKey() {
        CrmSettings noSecret = CrmSettings.builder("salesforce")
                .put("instance-url", INSTANCE.toString())
                .put("auth.client-id", "3MVG9key")
                .build();
        CrmSettings jwtWithoutUser = CrmSettings.builder("salesforce")
                .put("instance-url", INSTANCE.toString())
                .put("auth.flow", "jwt-bearer")
                .put("auth.client-id", "3MVG9key")
                .secret("auth.private-key", Secret.of(Keys.pkcs8Pem(Keys.PAIR)))
                .build();
        CrmSettings badKey = CrmSettings.builder("salesforce")
                .put("instance-url", INSTANCE.toString())
                .put("auth.flow", "jwt-bearer")
                .put("auth.client-id", "3MVG9key")
                .put("auth.username", "u@acme.example")
                .secret("auth.private-key", Secret.of("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
                .build();
        CrmSettings clientIdAsSecret = CrmSettings.builder("salesforce")
                .put("instance-url", INSTANCE.toString())
                .secret("auth.client-id", Secret.of("3MVG9key"))
                .secret("auth.client-secret", SECRET)
                .build();
        Map<CrmSettings, String> cases = new LinkedHashMap<>();
        cases.put(noSecret, "auth.client-secret");
        cases.put(jwtWithoutUser, "auth.username");
        cases.put(badKey, "auth.private-key");
        cases.put(clientIdAsSecret, "auth.client-id");
        cases.put(CrmSettings.builder("salesforce").build(), "instance-url");
        cases.forEach((settings, key) -> assertThat(catchThrowableOfType(
                                CrmSettingsException.class,
                                () -> SalesforceConnector.builder()
                                        .settings(settings)
                                        .build())
                        .key())
                .as(key)
                .isEqualTo(key));
    }

    @Test
    void settingsAndTypedOptionsCombine() {
        SalesforceConnector.Builder b = SalesforceConnector.builder()
                .settings(CrmSettings.builder("salesforce")
                        .put("instance-url", INSTANCE.toString())
                        .put("auth.client-id", "3MVG9key")
                        .secret("auth.client-secret", SECRET)
                        .build())
                .retryMaxAttempts(2);
        assertThat(b.config().retry().maxAttempts()).isEqualTo(2);
        assertThatThrownBy(() -> b.instanceUrl(INSTANCE)).hasMessage("salesforce: instance URL is already set");
        // an option set twice, once typed and once by a key, is reported at the key
        CrmSettingsException e = catchThrowableOfType(
                CrmSettingsException.class,
                () -> SalesforceConnector.builder()
                        .retryMaxAttempts(2)
                        .settings(CrmSettings.builder("salesforce")
                                .put("instance-url", INSTANCE.toString())
                                .put("auth.client-id", "3MVG9key")
                                .secret("auth.client-secret", SECRET)
                                .put("retry.max-attempts", "3")
                                .build()));
        assertThat(e.key()).isEqualTo("retry.max-attempts");
        assertThat(e).hasMessageContaining("retry max attempts is already set");
    }
}
