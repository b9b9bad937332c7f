package dev.handover.zendesk;

import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmProvider;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.CrmSettingsException;
import dev.handover.spi.Secret;
import dev.handover.spi.inbound.InboundSettings;
import dev.handover.spi.inbound.InboundVerifier;
import dev.handover.zendesk.webhook.ZendeskDeliveries;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The {@code zendesk} provider: makes a {@link ZendeskConnector} from {@link CrmSettings}. Registered for {@link
 * java.util.ServiceLoader} in {@code META-INF/services} and {@code module-info}.
 *
 * <p>Settings (durations as {@code 30s}, {@code 5m}, {@code PT30S}; see {@code docs/zendesk.md}):
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code subdomain} / {@code base-url}</td><td>—</td><td>the account, exactly one of the two</td></tr>
 *   <tr><td>{@code auth.type}</td><td>{@code oauth}</td><td>{@code oauth} or {@code api-token}</td></tr>
 *   <tr><td>{@code auth.client-id}</td><td>—</td><td>OAuth client's unique identifier</td></tr>
 *   <tr><td>{@code auth.client-secret} (secret)</td><td>—</td><td>client-credentials grant</td></tr>
 *   <tr><td>{@code auth.refresh-token} (secret)</td><td>—</td><td>refresh-token grant (rotated)</td></tr>
 *   <tr><td>{@code auth.scope}</td><td>{@code read write}</td><td>OAuth scope</td></tr>
 *   <tr><td>{@code auth.token-lifetime}</td><td>Zendesk's</td><td>{@code expires_in} to request</td></tr>
 *   <tr><td>{@code auth.email}, {@code auth.api-token} (secret)</td><td>—</td><td>legacy API token</td></tr>
 *   <tr><td>{@code rate-limit.requests-per-minute}</td><td>200</td><td>this client's share of the plan</td></tr>
 *   <tr><td>{@code timeouts.connect}, {@code timeouts.read}</td><td>10s, 30s</td><td>HTTP time-outs</td></tr>
 *   <tr><td>{@code retry.max-attempts}, {@code retry.base-delay}, {@code retry.max-delay}</td><td>4, 500ms, 30s</td>
 *       <td>retries</td></tr>
 *   <tr><td>{@code retry.max-retry-after}</td><td>60s</td><td>longest Retry-After waited for</td></tr>
 *   <tr><td>{@code fields.<id>}</td><td>—</td><td>name of ticket custom field {@code <id>}</td></tr>
 *   <tr><td>{@code ticket.language-field}</td><td>—</td><td>ticket field id holding the language</td></tr>
 *   <tr><td>{@code directory.skills-field} etc.</td><td>{@code handover_skills} …</td><td>agent user fields</td></tr>
 *   <tr><td>{@code directory.queue-groups}</td><td>—</td><td>comma-separated group ids that are queues</td></tr>
 *   <tr><td>{@code directory.ttl}</td><td>5m</td><td>directory cache</td></tr>
 *   <tr><td>{@code directory.presence}</td><td>{@code none}</td><td>{@code none} or {@code omnichannel}</td></tr>
 *   <tr><td>{@code customer.tier-field}</td><td>—</td><td>end-user field with the customer's tier</td></tr>
 *   <tr><td>{@code tasks.requester-id}</td><td>authenticated user</td><td>requester of task tickets</td></tr>
 *   <tr><td>{@code tasks.search-due-date}</td><td>false</td><td>use the {@code due_date} search keyword</td></tr>
 *   <tr><td>{@code search.index-lag}</td><td>5m</td><td>how long own writes are merged into searches</td></tr>
 *   <tr><td>{@code notes.max-bytes}</td><td>32000</td><td>longest note</td></tr>
 *   <tr><td>{@code jobs.poll-interval}, {@code jobs.poll-max}, {@code jobs.timeout}</td><td>1s, 10s, 5m</td>
 *       <td>job polling</td></tr>
 * </table>
 */
public final class ZendeskProvider implements CrmProvider {
    /** The provider name settings refer to. */
    public static final String NAME = "zendesk";

    private static final Set<String> KEYS = Set.of(
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
            "tasks.requester-id",
            "tasks.search-due-date",
            "search.index-lag",
            "notes.max-bytes",
            "jobs.poll-interval",
            "jobs.poll-max",
            "jobs.timeout");

    /** A provider; does no I/O until {@link #create}. */
    public ZendeskProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Zendesk Support (API v2): tickets, internal notes, task tickets, update_many/create_many";
    }

    @Override
    public CrmConnector create(CrmSettings settings) {
        for (String key : settings.keys()) {
            if (!KEYS.contains(key) && !key.startsWith("fields.")) {
                throw new CrmSettingsException(
                        NAME,
                        key,
                        "a known setting",
                        Optional.of(key),
                        "zendesk setting '" + key + "' is unknown" + suggestion(key) + "; known settings: "
                                + new TreeSet<>(KEYS) + " and fields.<field id>",
                        null);
            }
        }
        ZendeskConnector.Builder b = ZendeskConnector.builder();
        Optional<String> subdomain = settings.get("subdomain");
        Optional<String> baseUrl = settings.get("base-url");
        if (subdomain.isPresent() == baseUrl.isPresent()) {
            throw new IllegalArgumentException("zendesk settings need exactly one of 'subdomain' and 'base-url'"
                    + (subdomain.isPresent() ? ", both were given" : ", neither was given"));
        }
        subdomain.ifPresent(s -> wrap("subdomain", () -> b.subdomain(s.strip())));
        baseUrl.ifPresent(u -> wrap("base-url", () -> b.baseUrl(URI.create(u.strip()))));

        String type = settings.get("auth.type", "oauth").strip().toLowerCase(Locale.ROOT);
        switch (type) {
            case "oauth" -> {
                String clientId = settings.require("auth.client-id");
                Optional<Secret> secret = settings.secret("auth.client-secret");
                Optional<Secret> refresh = settings.secret("auth.refresh-token");
                if (secret.isEmpty() && refresh.isEmpty()) {
                    throw new IllegalArgumentException("zendesk secret 'auth.client-secret' (or 'auth.refresh-token') "
                            + "is required for auth.type oauth but missing");
                }
                secret.ifPresent(s -> b.oauthClientCredentials(clientId, s));
                refresh.ifPresent(r -> b.oauthRefreshToken(clientId, r));
                settings.get("auth.scope").ifPresent(s -> wrap("auth.scope", () -> b.oauthScope(s)));
                if (settings.get("auth.token-lifetime").isPresent()) {
                    Duration d = settings.getDuration("auth.token-lifetime", null);
                    wrap("auth.token-lifetime", () -> b.oauthTokenLifetime(d));
                }
            }
            case "api-token" -> b.apiToken(settings.require("auth.email"), settings.requireSecret("auth.api-token"));
            default ->
                throw new IllegalArgumentException(
                        "zendesk setting 'auth.type' must be oauth or api-token, was '" + type + "'");
        }

        int rpm = settings.getInt("rate-limit.requests-per-minute", 200);
        wrap("rate-limit.requests-per-minute", () -> b.requestsPerMinute(rpm));
        duration(settings, "timeouts.connect", b::connectTimeout);
        duration(settings, "timeouts.read", b::readTimeout);
        if (settings.keys().stream().anyMatch(k -> k.startsWith("retry.") && !k.equals("retry.max-retry-after"))) {
            int attempts = settings.getInt("retry.max-attempts", 4);
            Duration base = settings.getDuration("retry.base-delay", Duration.ofMillis(500));
            Duration max = settings.getDuration("retry.max-delay", Duration.ofSeconds(30));
            wrap("retry.*", () -> b.retry(attempts, base, max));
        }
        duration(settings, "retry.max-retry-after", b::maxRetryAfter);

        for (String key : settings.keys()) {
            if (key.startsWith("fields.")) {
                long id = id(key.substring("fields.".length()), key);
                String name = settings.require(key);
                wrap(key, () -> b.ticketField(id, name.strip()));
            }
        }
        settings.get("ticket.language-field").ifPresent(v -> b.languageField(id(v, "ticket.language-field")));
        settings.get("directory.skills-field").ifPresent(v -> wrap("directory.skills-field", () -> b.skillsField(v)));
        settings.get("directory.languages-field")
                .ifPresent(v -> wrap("directory.languages-field", () -> b.languagesField(v)));
        settings.get("directory.manager-field")
                .ifPresent(v -> wrap("directory.manager-field", () -> b.managerField(v)));
        settings.get("directory.capacity-field")
                .ifPresent(v -> wrap("directory.capacity-field", () -> b.capacityField(v)));
        settings.get("directory.role-field").ifPresent(v -> wrap("directory.role-field", () -> b.roleField(v)));
        settings.get("directory.queue-groups").ifPresent(v -> {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    long gid = id(part.strip(), "directory.queue-groups");
                    wrap("directory.queue-groups", () -> b.queueGroup(gid));
                }
            }
        });
        duration(settings, "directory.ttl", b::directoryTtl);
        String presence = settings.get("directory.presence", "none").strip().toLowerCase(Locale.ROOT);
        if (!presence.equals("none") && !presence.equals("omnichannel")) {
            throw new IllegalArgumentException(
                    "zendesk setting 'directory.presence' must be none or omnichannel, was '" + presence + "'");
        }
        if (presence.equals("omnichannel")) {
            b.agentPresence(true);
        }
        settings.get("customer.tier-field").ifPresent(v -> wrap("customer.tier-field", () -> b.customerTierField(v)));
        settings.get("tasks.requester-id").ifPresent(v -> b.taskRequester(id(v, "tasks.requester-id")));
        if (settings.getBoolean("tasks.search-due-date", false)) {
            b.searchDueDate(true);
        }
        duration(settings, "search.index-lag", b::indexLag);
        int noteBytes = settings.getInt("notes.max-bytes", 32_000);
        wrap("notes.max-bytes", () -> b.maxNoteBytes(noteBytes));
        if (settings.keys().stream().anyMatch(k -> k.startsWith("jobs."))) {
            Duration interval = settings.getDuration("jobs.poll-interval", Duration.ofSeconds(1));
            Duration max = settings.getDuration("jobs.poll-max", Duration.ofSeconds(10));
            Duration timeout = settings.getDuration("jobs.timeout", Duration.ofMinutes(5));
            wrap("jobs.*", () -> b.jobPolling(interval, max, timeout));
        }
        return b.build();
    }

    private static void duration(CrmSettings s, String key, java.util.function.Consumer<Duration> set) {
        if (s.get(key).isPresent()) {
            Duration d = s.getDuration(key, null);
            wrap(key, () -> set.accept(d));
        }
    }

    private static long id(String value, String key) {
        return Ids.parse(value.strip())
                .orElseThrow(() ->
                        new CrmSettingsException(NAME, key, "a Zendesk id (a positive number)", Optional.of(value)));
    }

    /** Runs a builder call, naming the setting in its error. */
    private static void wrap(String key, Runnable call) {
        try {
            call.run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CrmSettingsException(
                    NAME,
                    key,
                    "a value the connector accepts",
                    Optional.empty(),
                    "zendesk setting '" + key + "': " + e.getMessage(),
                    e);
        }
    }

    private static String suggestion(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : KEYS) {
            int d = distance(key, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= 3 ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(String a, String b) {
        return LevenshteinDistance.getDefaultInstance().apply(a, b);
    }

    /** Zendesk's ticket webhooks, signed with the webhook's signing secret (HMAC-SHA256 over timestamp and body). */
    @Override
    public Optional<InboundVerifier> inbound(InboundSettings settings) {
        return Optional.of(ZendeskDeliveries.of(settings));
    }

    @Override
    public String toString() {
        return "ZendeskProvider[" + NAME + "]";
    }
}
