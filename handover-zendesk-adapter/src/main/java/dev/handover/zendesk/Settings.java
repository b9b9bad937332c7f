package dev.handover.zendesk;

import dev.handover.spi.CrmSettings;
import dev.handover.spi.CrmSettingsException;
import dev.handover.spi.Secret;
import dev.handover.spi.helpers.SettingsReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The connector's settings map ({@code docs/zendesk.md} and {@link ZendeskConnector.Builder#settings} list every key):
 * each key is read with the SPI's {@link SettingsReader} and handed to the typed option of {@link
 * ZendeskConnector.Builder} it names, so a setting is checked exactly as the option is and a refusal is reported at
 * the key.
 */
final class Settings {
    private static final String FIELDS = "fields.";
    private static final List<String> KEYS = List.of(
            "subdomain",
            "base-url",
            "auth.type",
            "auth.client-id",
            "auth.client-secret",
            "auth.refresh-token",
            "auth.scope",
            "auth.token-lifetime",
            "auth.email",
            "auth.api-token",
            "rate-limit.requests-per-minute",
            "timeouts.connect",
            "timeouts.read",
            "http.deadline",
            "http.max-body-bytes",
            "retry.max-attempts",
            "retry.base-delay",
            "retry.max-delay",
            "retry.max-retry-after",
            "ticket.language-field",
            "directory.skills-field",
            "directory.languages-field",
            "directory.manager-field",
            "directory.capacity-field",
            "directory.role-field",
            "directory.queue-groups",
            "directory.ttl",
            "directory.presence",
            "customer.tier-field",
            "customer.salutation-field",
            "tasks.requester-id",
            "tasks.search-due-date",
            "tasks.tickets",
            "replay.audits",
            "tasks.close-by",
            "tasks.form-id",
            "tasks.solve-fields",
            "search.index-lag",
            "notes.max-bytes",
            "jobs.poll-interval",
            "jobs.poll-max",
            "jobs.timeout");

    private Settings() {}

    /** Reads every key into the builder's typed options. */
    static void read(CrmSettings settings, ZendeskConnector.Builder b) {
        SettingsReader s = SettingsReader.of(settings)
                .known(KEYS)
                .knownPrefix(FIELDS, FIELDS + "<field id>")
                .checkKnown();
        accountFrom(s, b);
        credentialsFrom(s, b);
        wholeNumber(s, "rate-limit.requests-per-minute")
                .ifPresent(n -> s.apply("rate-limit.requests-per-minute", () -> b.requestsPerMinute(n)));
        durationSetting(s, "timeouts.connect", b::connectTimeout);
        durationSetting(s, "timeouts.read", b::readTimeout);
        durationSetting(s, "http.deadline", b::deadline);
        s.size("http.max-body-bytes").ifPresent(n -> s.apply("http.max-body-bytes", () -> b.maxBodyBytes(n)));
        retryFrom(s, b);
        durationSetting(s, "retry.max-retry-after", b::maxRetryAfter);
        for (String key : s.keysUnder(FIELDS)) {
            long id = zendeskId(key, key.substring(FIELDS.length()));
            String name = s.string(key).orElseThrow();
            s.apply(key, () -> b.ticketField(id, name));
        }
        id(s, "ticket.language-field").ifPresent(id -> s.apply("ticket.language-field", () -> b.languageField(id)));
        textSetting(s, "directory.skills-field", b::skillsField);
        textSetting(s, "directory.languages-field", b::languagesField);
        textSetting(s, "directory.manager-field", b::managerField);
        textSetting(s, "directory.capacity-field", b::capacityField);
        textSetting(s, "directory.role-field", b::roleField);
        s.string("directory.queue-groups").ifPresent(v -> {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    long id = zendeskId("directory.queue-groups", part.strip());
                    s.apply("directory.queue-groups", () -> b.queueGroup(id));
                }
            }
        });
        durationSetting(s, "directory.ttl", b::directoryTtl);
        if (s.has("directory.presence")) {
            boolean omnichannel =
                    s.choice("directory.presence", false, SettingsReader.ordered("none", false, "omnichannel", true));
            s.apply("directory.presence", () -> b.agentPresence(omnichannel));
        }
        textSetting(s, "customer.tier-field", b::customerTierField);
        textSetting(s, "customer.salutation-field", b::customerSalutationField);
        id(s, "tasks.requester-id").ifPresent(id -> s.apply("tasks.requester-id", () -> b.taskRequester(id)));
        if (s.has("tasks.search-due-date")) {
            boolean dueDate = s.bool("tasks.search-due-date", false);
            s.apply("tasks.search-due-date", () -> b.searchDueDate(dueDate));
        }
        if (s.has("replay.audits")) {
            boolean audits = s.bool("replay.audits", true);
            s.apply("replay.audits", () -> b.replayByAudits(audits));
        }
        if (s.has("tasks.tickets")) {
            boolean perItem =
                    s.choice("tasks.tickets", false, SettingsReader.ordered("per-handover", false, "per-item", true));
            s.apply("tasks.tickets", () -> b.taskTicketPerItem(perItem));
        }
        if (s.has("tasks.close-by")) {
            boolean byTag = s.choice("tasks.close-by", false, SettingsReader.ordered("solve", false, "tag", true));
            s.apply("tasks.close-by", () -> b.closeTasksByTag(byTag));
        }
        id(s, "tasks.form-id").ifPresent(id -> s.apply("tasks.form-id", () -> b.taskForm(id)));
        s.string("tasks.solve-fields").ifPresent(v -> {
            for (String pair : v.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq < 1) {
                    throw s.invalid(
                            "tasks.solve-fields",
                            "field-id=value pairs separated by commas",
                            "tasks.solve-fields: '" + pair.strip() + "' is not field-id=value");
                }
                long field =
                        zendeskId("tasks.solve-fields", pair.substring(0, eq).strip());
                String value = pair.substring(eq + 1).strip();
                s.apply("tasks.solve-fields", () -> b.taskSolveField(field, value));
            }
        });
        durationSetting(s, "search.index-lag", b::indexLag);
        wholeNumber(s, "notes.max-bytes").ifPresent(n -> s.apply("notes.max-bytes", () -> b.maxNoteBytes(n)));
        jobsFrom(s, b);
    }

    private static void accountFrom(SettingsReader s, ZendeskConnector.Builder b) {
        boolean subdomain = s.has("subdomain");
        if (subdomain == s.has("base-url")) {
            throw s.invalid(
                    subdomain ? "base-url" : "subdomain",
                    "exactly one of 'subdomain' and 'base-url'",
                    "zendesk settings need exactly one of 'subdomain' and 'base-url'"
                            + (subdomain ? ", both were given" : ", neither was given"));
        }
        s.string("subdomain").ifPresent(v -> s.apply("subdomain", () -> b.subdomain(v)));
        s.string("base-url").ifPresent(v -> s.apply("base-url", () -> b.baseUrl(URI.create(v))));
    }

    private static void credentialsFrom(SettingsReader s, ZendeskConnector.Builder b) {
        String type =
                s.choice("auth.type", "oauth", SettingsReader.ordered("oauth", "oauth", "api-token", "api-token"));
        if (type.equals("api-token")) {
            String email = s.required("auth.email");
            Secret token = s.requiredSecret("auth.api-token");
            s.apply("auth.api-token", () -> b.apiToken(email, token));
            return;
        }
        String clientId = s.required("auth.client-id");
        Optional<Secret> secret = s.secret("auth.client-secret");
        Optional<Secret> refresh = s.secret("auth.refresh-token");
        if (secret.isEmpty() && refresh.isEmpty()) {
            throw s.invalid(
                    "auth.client-secret",
                    "a secret",
                    "zendesk secret 'auth.client-secret' (or 'auth.refresh-token') is required for auth.type oauth"
                            + " but missing");
        }
        secret.ifPresent(v -> s.apply("auth.client-secret", () -> b.oauthClientCredentials(clientId, v)));
        refresh.ifPresent(v -> s.apply("auth.refresh-token", () -> b.oauthRefreshToken(clientId, v)));
        textSetting(s, "auth.scope", b::oauthScope);
        durationSetting(s, "auth.token-lifetime", b::oauthTokenLifetime);
    }

    /** The three retry keys make one {@link ZendeskConnector.Builder#retry} call; a refusal names the key whose value is refused. */
    private static void retryFrom(SettingsReader s, ZendeskConnector.Builder b) {
        if (!s.has("retry.max-attempts") && !s.has("retry.base-delay") && !s.has("retry.max-delay")) {
            return;
        }
        int attempts = wholeNumber(s, "retry.max-attempts").orElse(b.maxAttempts);
        Duration base = s.duration("retry.base-delay").orElse(b.baseDelay);
        Duration max = s.duration("retry.max-delay").orElse(b.maxDelay);
        s.apply("retry.max-attempts", () -> ZendeskConnector.Builder.attempts(attempts));
        s.apply("retry.base-delay", () -> ZendeskConnector.Builder.positive(base, "retry base delay"));
        s.apply("retry.max-delay", () -> ZendeskConnector.Builder.positive(max, "retry max delay"));
        // a refusal of the three together (or of a second retry option) goes to a key that was given
        String last = s.has("retry.max-delay")
                ? "retry.max-delay"
                : s.has("retry.base-delay") ? "retry.base-delay" : "retry.max-attempts";
        s.apply(last, () -> {
            ZendeskConnector.Builder.notBelow(max, base, "retry max delay", "the base delay");
            b.retry(attempts, base, max);
        });
    }

    /** The three job keys make one {@link ZendeskConnector.Builder#jobPolling} call; a refusal names the key whose value is refused. */
    private static void jobsFrom(SettingsReader s, ZendeskConnector.Builder b) {
        if (!s.hasAnyUnder("jobs.")) {
            return;
        }
        Duration interval = s.duration("jobs.poll-interval").orElse(b.jobPollInterval);
        Duration max = s.duration("jobs.poll-max").orElse(b.jobPollMax);
        Duration timeout = s.duration("jobs.timeout").orElse(b.jobTimeout);
        s.apply("jobs.poll-interval", () -> ZendeskConnector.Builder.positive(interval, "job poll interval"));
        s.apply("jobs.poll-max", () -> ZendeskConnector.Builder.positive(max, "job poll max"));
        s.apply("jobs.timeout", () -> ZendeskConnector.Builder.positive(timeout, "job timeout"));
        String last = s.has("jobs.poll-max")
                ? "jobs.poll-max"
                : s.has("jobs.poll-interval") ? "jobs.poll-interval" : "jobs.timeout";
        s.apply(last, () -> {
            ZendeskConnector.Builder.notBelow(max, interval, "job poll max", "the interval");
            b.jobPolling(interval, max, timeout);
        });
    }

    private static Optional<Integer> wholeNumber(SettingsReader s, String key) {
        return s.parse(key, "a whole number", Integer::parseInt);
    }

    private static void durationSetting(SettingsReader s, String key, Consumer<Duration> setter) {
        s.duration(key).ifPresent(d -> s.apply(key, () -> setter.accept(d)));
    }

    private static void textSetting(SettingsReader s, String key, Consumer<String> setter) {
        s.string(key).ifPresent(v -> s.apply(key, () -> setter.accept(v)));
    }

    private static Optional<Long> id(SettingsReader s, String key) {
        return s.string(key).map(v -> zendeskId(key, v));
    }

    /** A Zendesk id given in a setting's value or, for {@code fields.<field id>}, in its key. */
    private static long zendeskId(String key, String value) {
        return Ids.parse(value)
                .orElseThrow(() -> new CrmSettingsException(
                        ZendeskConnector.VENDOR, key, "a Zendesk id (a positive number)", Optional.of(value)));
    }
}
