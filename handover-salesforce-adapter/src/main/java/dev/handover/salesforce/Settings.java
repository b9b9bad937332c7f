package dev.handover.salesforce;

import dev.handover.spi.CrmSettings;
import dev.handover.spi.CrmSettingsException;
import dev.handover.spi.Secret;
import dev.handover.spi.helpers.SettingsReader;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;

/**
 * The connector's settings map ({@code docs/salesforce.md} has every key): each key is read with the SPI's {@link
 * SettingsReader} and handed to the typed option of {@link SalesforceConnector.Builder} it names, so a setting is
 * checked exactly as the option is. The reader parses (a duration, a number, a choice, a secret); the option checks
 * ranges and combinations; a refusal is reported at the key, in the settings' words.
 */
final class Settings {
    private static final String CUSTOM = "fields.custom.";
    private static final String PROVIDER = Config.PROVIDER;

    /** Every key, in the order of the documentation; {@code fields.custom.<name>} comes on top. */
    static final List<String> KEYS = List.of(
            "instance-url",
            "api-version",
            "auth.flow",
            "auth.client-id",
            "auth.client-secret",
            "auth.username",
            "auth.private-key",
            "auth.audience",
            "auth.token-url",
            "notes.object",
            "notes.read",
            "fields.case.tags",
            "fields.case.tags-format",
            "fields.case.keys",
            "fields.case.revision",
            "fields.case.group",
            "fields.case.language",
            "fields.contact.language",
            "fields.case.reopens",
            "customer.tier-field",
            "fields.task.handover",
            "fields.task.key",
            "fields.task.kind",
            "fields.task.due",
            "fields.user.skills",
            "fields.user.languages",
            "fields.user.capacity",
            "fields.user.role",
            "case.status-map",
            "case.priority-map",
            "task.status.open",
            "task.status.completed",
            "task.status.cancelled",
            "task.priority",
            "idempotency.keys-kept",
            "write.cases-per-call",
            "limits.max-url-bytes",
            "directory.ttl",
            "directory.licences-without-cases",
            "cache.case-ttl",
            "cache.case-max",
            "limits.slow-down-at",
            "limits.max-delay",
            "limits.stop-at",
            "limits.cooldown",
            "retry.max-attempts",
            "retry.initial-backoff",
            "retry.max-backoff",
            "http.connect-timeout",
            "http.read-timeout",
            "http.deadline",
            "http.max-body-bytes");

    private Settings() {}

    /**
     * Sets every option the settings give.
     *
     * @throws CrmSettingsException for the first problem, carrying its key
     */
    static void read(CrmSettings settings, SalesforceConnector.Builder b) {
        SettingsReader s = SettingsReader.of(settings)
                .known(KEYS)
                .knownPrefix(CUSTOM, CUSTOM + "<name>")
                .checkKnown();

        String instance = s.required("instance-url");
        set(s, "instance-url", () -> b.instanceUrl(url(s, "instance-url", instance)));
        s.string("api-version").ifPresent(v -> set(s, "api-version", () -> b.apiVersion(v)));
        credentials(s, b);

        choice(
                s,
                "notes.object",
                SettingsReader.ordered(
                        "CaseComment", (Runnable) b::notesAsCaseComments, "FeedItem", (Runnable) b::notesAsFeedItems));
        choice(
                s,
                "notes.read",
                SettingsReader.ordered(
                        "CaseComment",
                        (Runnable) b::readNotesFromCaseComments,
                        "FeedItem",
                        (Runnable) b::readNotesFromFeedItems,
                        "both",
                        (Runnable) b::readNotesFromBoth));

        field(s, "fields.case.tags", b::caseTagsField);
        choice(
                s,
                "fields.case.tags-format",
                SettingsReader.ordered(
                        "text", (Runnable) b::caseTagsAsText, "multipicklist", (Runnable) b::caseTagsAsMultiPicklist));
        field(s, "fields.case.keys", b::caseKeysField);
        optionalField(s, "fields.case.revision", b::caseRevisionField, b::withoutCaseRevisionField);
        optionalField(s, "fields.case.group", b::caseGroupField, b::withoutCaseGroupField);
        optionalField(s, "fields.case.language", b::caseLanguageField, null);
        optionalField(s, "fields.contact.language", b::contactLanguageField, null);
        optionalField(s, "fields.case.reopens", b::caseReopensField, null);
        optionalField(s, "customer.tier-field", b::customerTierField, null);
        field(s, "fields.task.handover", b::taskHandoverField);
        field(s, "fields.task.key", b::taskKeyField);
        field(s, "fields.task.kind", b::taskKindField);
        field(s, "fields.task.due", b::taskDueField);
        optionalField(s, "fields.user.skills", b::userSkillsField, null);
        optionalField(s, "fields.user.languages", b::userLanguagesField, null);
        optionalField(s, "fields.user.capacity", b::userCapacityField, null);
        optionalField(s, "fields.user.role", b::userRoleField, null);
        for (String key : s.keysUnder(CUSTOM)) {
            String value = s.required(key);
            set(s, key, () -> b.customField(key.substring(CUSTOM.length()), value));
        }

        mapping(s, "case.status-map", TicketStatus.class, b::statusMap);
        mapping(s, "case.priority-map", TicketPriority.class, b::priorityMap);
        field(s, "task.status.open", b::taskOpenStatus);
        field(s, "task.status.completed", b::taskCompletedStatus);
        field(s, "task.status.cancelled", b::taskCancelledStatus);
        field(s, "task.priority", b::taskPriority);

        integer(s, "idempotency.keys-kept", b::idempotencyKeysKept);
        integer(s, "write.cases-per-call", b::casesPerCall);
        integer(s, "limits.max-url-bytes", b::maxUrlBytes);
        duration(s, "directory.ttl", b::directoryTtl);
        s.string("directory.licences-without-cases")
                .ifPresent(v -> set(s, "directory.licences-without-cases", () -> {
                    // names contain spaces ("Salesforce Platform"), so ';' separates them; none (or nothing) is the
                    // empty list
                    List<String> names = v.isBlank() || v.strip().equalsIgnoreCase(Config.NONE)
                            ? List.of()
                            : Arrays.stream(v.split(";"))
                                    .map(String::strip)
                                    .filter(n -> !n.isEmpty())
                                    .toList();
                    b.licencesWithoutCases(names);
                }));
        duration(s, "cache.case-ttl", b::caseCacheTtl);
        integer(s, "cache.case-max", b::caseCacheSize);
        fraction(s, "limits.slow-down-at", b::limitsSlowDownAt);
        duration(s, "limits.max-delay", b::limitsMaxDelay);
        fraction(s, "limits.stop-at", b::limitsStopAt);
        duration(s, "limits.cooldown", b::limitsCooldown);
        integer(s, "retry.max-attempts", b::retryMaxAttempts);
        duration(s, "retry.initial-backoff", b::retryInitialBackoff);
        duration(s, "retry.max-backoff", b::retryMaxBackoff);
        duration(s, "http.connect-timeout", b::connectTimeout);
        duration(s, "http.read-timeout", b::readTimeout);
        duration(s, "http.deadline", b::deadline);
        s.size("http.max-body-bytes").ifPresent(n -> s.apply("http.max-body-bytes", () -> b.maxBodyBytes(n)));

        // a combination with a default in it is the builder's to find; from settings it is reported at a key given
        for (SalesforceConnector.Builder.Conflict c : b.conflicts()) {
            Optional<String> key = c.keys().stream().filter(s::has).findFirst();
            if (key.isPresent()) {
                throw s.invalid(key.get(), c.expected(), PROVIDER + " " + c.settingMessage());
            }
        }
    }

    /** The flow decides which keys make the credentials; the others are not used. */
    private static void credentials(SettingsReader s, SalesforceConnector.Builder b) {
        String flow = s.string("auth.flow", "client-credentials");
        if (flow.equalsIgnoreCase("password") || flow.equalsIgnoreCase("username-password")) {
            throw s.invalid(
                    "auth.flow",
                    "client-credentials or jwt-bearer",
                    PROVIDER + " setting 'auth.flow': the username-password flow is blocked in new orgs and not"
                            + " supported; use client-credentials or jwt-bearer");
        }
        boolean jwt =
                s.choice("auth.flow", false, SettingsReader.ordered("client-credentials", false, "jwt-bearer", true));
        String clientId = s.required("auth.client-id");
        // both secrets are checked for their kind whatever the flow: a secret must never travel as a plain value
        Optional<Secret> clientSecret = s.secret("auth.client-secret");
        Optional<Secret> privateKey = s.secret("auth.private-key");
        if (!jwt) {
            Secret secret = clientSecret.orElseGet(() -> s.requiredSecret("auth.client-secret"));
            set(s, "auth.client-secret", () -> b.clientCredentials(clientId, secret));
        } else {
            String username = s.required("auth.username");
            Secret key = privateKey.orElseGet(() -> s.requiredSecret("auth.private-key"));
            set(s, "auth.private-key", () -> b.jwtBearer(clientId, username, key));
            s.string("auth.audience")
                    .ifPresent(a -> set(s, "auth.audience", () -> b.jwtAudience(url(s, "auth.audience", a))));
        }
        s.string("auth.token-url")
                .ifPresent(u -> set(s, "auth.token-url", () -> b.tokenUrl(url(s, "auth.token-url", u))));
    }

    // ------------------------------------------------------------------ one key

    /**
     * Calls the option a key names. A refused value is reported in the settings' words at that key; anything else the
     * builder refuses (an option set twice, a contradiction) is wrapped by the reader, still at that key.
     */
    private static void set(SettingsReader s, String key, Runnable option) {
        s.apply(key, () -> {
            try {
                option.run();
            } catch (SalesforceConnector.Builder.Refusal r) {
                throw r.predicate == null
                        ? s.invalid(key, r.expected)
                        : s.invalid(key, r.expected, PROVIDER + " setting '" + key + "' " + r.predicate);
            }
        });
    }

    private static URI url(SettingsReader s, String key, String value) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw s.invalid(key, "a URL");
        }
    }

    private static void field(SettingsReader s, String key, Consumer<String> option) {
        s.string(key).ifPresent(v -> set(s, key, () -> option.accept(v)));
    }

    /** {@code none} (or nothing) means no field: the option's "without" form, or the default when that is none. */
    private static void optionalField(SettingsReader s, String key, Consumer<String> option, Runnable none) {
        s.string(key).ifPresent(v -> {
            if (!v.isEmpty() && !v.equalsIgnoreCase(Config.NONE)) {
                set(s, key, () -> option.accept(v));
            } else if (none != null) {
                set(s, key, none);
            }
        });
    }

    /** The choices in the order a message lists them, each word with the option it calls. */
    private static void choice(SettingsReader s, String key, Map<String, Runnable> options) {
        Runnable option = s.choice(key, null, options);
        if (option != null) {
            set(s, key, option);
        }
    }

    private static void integer(SettingsReader s, String key, IntConsumer option) {
        s.parse(key, "a whole number", Integer::parseInt).ifPresent(n -> set(s, key, () -> option.accept(n)));
    }

    private static void fraction(SettingsReader s, String key, DoubleConsumer option) {
        s.parse(key, "a fraction like 0.8", Double::parseDouble).ifPresent(d -> set(s, key, () -> option.accept(d)));
    }

    private static void duration(SettingsReader s, String key, Consumer<Duration> option) {
        s.duration(key).ifPresent(d -> set(s, key, () -> option.accept(d)));
    }

    /** {@code Waiting on Customer=PENDING;On Hold=ON_HOLD}: the picklist values in their order, each once. */
    private static <E extends Enum<E>> void mapping(
            SettingsReader s, String key, Class<E> type, Consumer<Map<String, E>> option) {
        Optional<String> raw = s.string(key);
        if (raw.isEmpty()) {
            return;
        }
        Map<String, E> out = new LinkedHashMap<>();
        for (String entry : raw.get().split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq <= 0) {
                throw bad(key, "entries like 'Waiting on Customer=PENDING' separated by ';'", entry.strip());
            }
            String vendor = entry.substring(0, eq).strip();
            String normalized = entry.substring(eq + 1).strip().toUpperCase(Locale.ROOT);
            E value;
            try {
                value = Enum.valueOf(type, normalized);
            } catch (IllegalArgumentException e) {
                throw bad(key, "one of " + Arrays.toString(type.getEnumConstants()), normalized);
            }
            if (out.put(vendor, value) != null) {
                throw bad(key, "each value once", vendor + " twice");
            }
        }
        if (out.isEmpty()) {
            throw bad(key, "at least one entry", raw.get());
        }
        set(s, key, () -> option.accept(Collections.unmodifiableMap(out)));
    }

    /** A malformed part of a value: the message shows the part, not the whole value. */
    private static CrmSettingsException bad(String key, String expected, String part) {
        return new CrmSettingsException(PROVIDER, key, expected, Optional.of(part));
    }
}
