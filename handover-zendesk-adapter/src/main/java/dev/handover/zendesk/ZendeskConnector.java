package dev.handover.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.spi.CrmCapabilities;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.CrmSettingsException;
import dev.handover.spi.Page;
import dev.handover.spi.PageRequest;
import dev.handover.spi.Secret;
import dev.handover.spi.SortOrder;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.helpers.Backoff;
import dev.handover.spi.helpers.HttpLimits;
import dev.handover.spi.helpers.Sleeper;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.NoteFormat;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.Version;
import dev.handover.zendesk.http.ApiTokenCredentials;
import dev.handover.zendesk.http.Credentials;
import dev.handover.zendesk.http.Errors;
import dev.handover.zendesk.http.OAuthCredentials;
import dev.handover.zendesk.http.Throttle;
import dev.handover.zendesk.http.Transport;
import jakarta.ws.rs.client.Client;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * A {@link CrmConnector} over the Zendesk Support API v2.
 *
 * <pre>{@code
 * CrmConnector zendesk = ZendeskConnector.builder()
 *         .subdomain("acme")
 *         .oauthClientCredentials("handover", Secret.of(System.getenv("ZENDESK_CLIENT_SECRET")))
 *         .requestsPerMinute(400)               // this client's share of the plan's limit
 *         .ticketField(360001234L, "refund_amount")
 *         .build();
 * }</pre>
 *
 * <p>The same options can come from {@link dev.handover.spi.CrmSettings} (the runner's {@code handover.yaml}) through
 * {@link Builder#settings}, which lists the keys; the {@code zendesk} provider ({@link ZendeskProvider}) does exactly
 * that.
 *
 * <p>How the SPI maps onto Zendesk:
 *
 * <ul>
 *   <li>A handover is one {@code PUT /api/v2/tickets/{id}}: the internal note ({@code "public": false}), the assignee
 *       and group, and the tags, with {@code safe_update} and the {@code updated_stamp} read — a stale version is a
 *       {@code 409}, reported as {@code CrmConflictException}. Tags are written as the list computed from the tags at
 *       that version, so {@code safe_update} makes the replace a compare-and-set. A customer notice is a second comment
 *       and so a second audit: it follows in a second call, only once the handover landed.
 *   <li>Tasks are tickets of {@code type: "task"} with {@code due_at}, the owner as assignee, {@code external_id}
 *       {@code handover:<handover id>:<key>} and tags naming the source ticket, created after the ticket write with an
 *       {@code Idempotency-Key} (so {@link CrmCapabilities#tasksInSameWrite()} is false).
 *   <li>Batches use {@code show_many} (100 per read), {@code update_many} and {@code create_many} jobs, polled with
 *       backoff on the injected sleeper.
 *   <li>Searches page by key over {@code /api/v2/search} and merge in what this connector wrote within the index lag.
 *   <li>The directory reads agents, groups and memberships (cached, the cache's clock injected); skills, languages,
 *       manager, capacity and role come from user fields named by the builder.
 * </ul>
 *
 * <p>Requests go through a client-side rate limiter and are retried on 429, 5xx and connection failures — writes only
 * where repeating them cannot write twice — waiting exactly the {@code Retry-After} Zendesk asks for, else a capped
 * exponential backoff with jitter ({@link dev.handover.spi.helpers.Backoff}); a {@code Retry-After} longer than {@link
 * Builder#maxRetryAfter} is not waited for but reported. Every wait is on the injected {@link Builder#sleeper sleeper}.
 * Failures are the SPI's exceptions with Zendesk's error code. Secrets appear in no log, message or {@code toString()}.
 *
 * <p>Thread-safe. {@link #close()} closes the HTTP client if the connector created it (an injected client is the
 * caller's to close).
 */
public final class ZendeskConnector implements CrmConnector {
    /** The vendor name: {@code zendesk}. */
    public static final String VENDOR = Errors.VENDOR;

    private final Config config;
    private final Transport http;
    private final CrmCapabilities capabilities;
    private final Reader reader;
    private final Searcher searcher;
    private final TaskReader taskReader;
    private final com.github.benmanes.caffeine.cache.Cache<String, RecentPage> recentPages;
    private final DirectoryReader directory;
    private final Writer writer;
    private final String description;
    private final SelfTest selfTest;

    private ZendeskConnector(Config config, Builder b) {
        this.config = config;
        Config.Http h = config.http();
        Backoff backoff = Backoff.builder()
                .maxAttempts(h.maxAttempts())
                .baseDelay(h.baseDelay())
                .maxDelay(h.maxDelay())
                .maxRetryAfter(h.maxRetryAfter())
                .random(b.random)
                .clock(config.clock())
                .sleeper(b.sleeper)
                .build();
        Throttle throttle = new Throttle(h.requestsPerMinute(), config.clock(), b.sleeper);
        Client client = b.client != null ? b.client : Transport.defaultClient(h.connectTimeout(), h.readTimeout());
        this.http = new Transport(
                client,
                b.client == null,
                config.baseUrl(),
                tokens -> credentials(config, b.refreshTokenListener, tokens),
                backoff,
                throttle,
                h.readTimeout(),
                h.limits());
        TicketMapper mapper = new TicketMapper(config);
        RecentWrites recent = new RecentWrites(config.indexLag(), config.clock());
        this.reader = new Reader(http, mapper, config);
        this.searcher = new Searcher(http, reader, mapper, recent);
        this.taskReader = new TaskReader(searcher, mapper, recent, config);
        this.recentPages = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(java.time.Duration.ofMinutes(30))
                .ticker(RecentWrites.ticker(config.clock()))
                .build();
        this.directory = new DirectoryReader(http, config);
        JobRunner jobs = new JobRunner(http, config);
        TaskWriter tasks = new TaskWriter(http, reader, mapper, jobs, recent, config);
        this.writer =
                new Writer(http, reader, directory, tasks, jobs, recent, new ReplayLedger(config.clock()), config);
        this.capabilities = CrmCapabilities.builder()
                .maxReadBatchSize(Reader.MAX_BATCH)
                .maxWriteBatchSize(Reader.MAX_BATCH)
                .atomicUpdate(true)
                .tasksInSameWrite(false)
                .nativeReminders(false) // Zendesk's automations run hourly on whole hours: reminders are the engine's
                .agentPresence(config.presence())
                .preferredNoteFormat(NoteFormat.HTML)
                .maxNoteBytes(config.maxNoteBytes())
                .build();
        this.selfTest = new SelfTest(config, http, reader, taskReader);
        this.description = "ZendeskConnector[" + config.baseUrl() + ", "
                + http.credentials().describe() + ", " + h.requestsPerMinute() + " requests/min]";
    }

    private static Credentials credentials(
            Config config, Consumer<Secret> refreshTokenListener, Function<String, JsonNode> tokens) {
        if (config.auth() instanceof Config.ApiToken t) {
            return new ApiTokenCredentials(t.email(), t.token());
        }
        Config.OAuth o = (Config.OAuth) config.auth();
        return new OAuthCredentials(
                o.clientId(),
                o.clientSecret(),
                o.refreshToken(),
                o.scope(),
                o.tokenLifetime(),
                config.clock(),
                refreshTokenListener,
                tokens);
    }

    /** A builder; {@link Builder#build()} says precisely what is missing. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String vendor() {
        return VENDOR;
    }

    @Override
    public CrmCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public Optional<Ticket> ticket(TicketId id) {
        Objects.requireNonNull(id, "id");
        return guard(() -> reader.ticket(id));
    }

    @Override
    public Map<TicketId, Ticket> tickets(Collection<TicketId> ids) {
        Objects.requireNonNull(ids, "ids");
        return guard(() -> reader.tickets(ids));
    }

    @Override
    public Page<Ticket> searchTickets(TicketQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        return guard(() -> searcher.searchTickets(query, page));
    }

    @Override
    public Page<Comment> comments(TicketId ticket, SortOrder order, PageRequest page) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(page, "page");
        return guard(() -> reader.comments(ticket, order, page));
    }

    /**
     * Zendesk has no endpoint for the comments of many tickets, so each ticket's first page is one request — but never
     * twice for a ticket unchanged since: a page is kept with the version of the ticket as this connector last read it,
     * and served again while that version stands (a write, or a read that finds a newer version, makes it stale).
     */
    @Override
    public Map<TicketId, Page<Comment>> recentComments(Collection<TicketId> tickets, int perTicket) {
        Objects.requireNonNull(tickets, "tickets");
        return guard(() -> {
            Map<TicketId, Page<Comment>> out = new LinkedHashMap<>();
            for (TicketId t : new LinkedHashSet<>(tickets)) {
                OptionalLong id = Ids.parse(t.value());
                if (id.isEmpty()) {
                    continue;
                }
                Snapshot s = reader.cached(id.getAsLong());
                String key = id.getAsLong() + "/" + perTicket;
                RecentPage kept = s == null ? null : recentPages.getIfPresent(key);
                if (kept != null && kept.version().equals(s.version())) {
                    out.put(t, kept.page());
                    continue;
                }
                try {
                    Page<Comment> page = reader.comments(t, SortOrder.NEWEST_FIRST, PageRequest.first(perTicket));
                    out.put(t, page);
                    if (s != null) {
                        recentPages.put(key, new RecentPage(s.version(), page));
                    }
                } catch (dev.handover.spi.error.CrmNotFoundException gone) {
                    // left out
                }
            }
            return out;
        });
    }

    /** A ticket's first page of comments and the ticket's version it was read at. */
    private record RecentPage(Version version, Page<Comment> page) {}

    @Override
    public Page<Task> tasks(TaskQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        return guard(() -> taskReader.tasks(query, page));
    }

    @Override
    public UpdateResult apply(TicketUpdate update) {
        Objects.requireNonNull(update, "update");
        return guard(() -> writer.apply(update));
    }

    @Override
    public List<UpdateResult> applyAll(List<TicketUpdate> updates) {
        List<TicketUpdate> all = List.copyOf(Objects.requireNonNull(updates, "updates"));
        return guard(() -> writer.applyAll(all));
    }

    @Override
    public Directory directory() {
        return guard(directory::directory);
    }

    /**
     * Every configured ticket-field id and user-field key that the account does not have, with the closest one; two
     * reads ({@code /ticket_fields}, {@code /user_fields}).
     */
    @Override
    public List<String> checkSettings() {
        return guard(() -> new SettingsCheck(http, config).problems());
    }

    /**
     * Creates one task ticket as task tickets are created (form, requester), closes it as they are closed
     * ({@code tasks.close-by}, {@code tasks.solve-fields}) and deletes it: the problems say what was written and what
     * the account refused ({@code check --connect --probe-tasks}).
     */
    @Override
    public Optional<List<String>> probeTasks() {
        return Optional.of(guard(() -> new TaskProbe(http, config).problems()));
    }

    @Override
    public Map<AgentId, Integer> openTicketCounts(Collection<AgentId> agents) {
        List<AgentId> unique = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(agents, "agents")));
        return guard(() -> {
            Directory dir = directory.directory();
            return searcher.openTicketCounts(unique, a -> {
                Set<Long> groups = new LinkedHashSet<>();
                dir.agent(a)
                        .ifPresent(x ->
                                x.groups().forEach(g -> Ids.parse(g.value()).ifPresent(groups::add)));
                return groups;
            });
        });
    }

    /**
     * Runs an operation so that only the SPI's exceptions leave it: an answer of Zendesk's the adapter cannot read (JSON
     * of an unexpected shape) is a vendor failure, reported as unavailable rather than as a raw runtime exception.
     */
    private static <T> T guard(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (CrmException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CrmUnavailableException(
                    VENDOR,
                    0,
                    "UnexpectedAnswer",
                    "Zendesk answered in a form the adapter cannot read ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    /**
     * Self-test support: labelled test tickets with the configured test requester, deleted again with their task
     * tickets, and the Zendesk probes (configured fields, task closing, task due time, assignment kept, internal note
     * silent, rate-limit headers); see docs/zendesk.md, "Self-test".
     */
    @Override
    public Optional<dev.handover.spi.selftest.SelfTestSupport> selfTest() {
        return Optional.of(selfTest);
    }

    /** Closes the HTTP client if this connector created it. */
    @Override
    public void close() {
        http.close();
    }

    /** The base URL, the kind of credentials and the rate; never a secret. */
    @Override
    public String toString() {
        return description;
    }

    /**
     * Builds a {@link ZendeskConnector} from typed setters, from {@link #settings settings} (the runner's {@code
     * handover.yaml}), or from both; the settings call the same setters, so both ways reach the same connector.
     *
     * <p>Every setter checks its argument at once ({@link IllegalArgumentException} naming the option) and may be called
     * once ({@link IllegalStateException}: {@code zendesk: <option> is already set}). Conflicting choices are refused with
     * a message naming both: a subdomain and a base URL, OAuth and an API token, OAuth options with an API token, and an
     * injected client with a connect time-out (the time-out is for the client the connector creates). {@link #build()}
     * says precisely what is missing; {@link #toString()} lists the options set, never a secret.
     */
    public static final class Builder {
        private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
        private static final int MAX_ATTEMPTS = 20;
        private static final List<String> OAUTH_OPTIONS =
                List.of("OAuth scope", "OAuth token lifetime", "refresh token listener");
        private static final String CLIENT_OR_CONNECT_TIMEOUT = "give an injected client or a connect timeout, not both"
                + " (the connect timeout is for the client the connector creates)";

        private final Set<String> set = new LinkedHashSet<>();
        private URI baseUrl;
        private String authKind;
        private String oauthClientId;
        private Secret oauthClientSecret;
        private Secret oauthRefreshToken;
        private String oauthScope = "read write";
        private Duration oauthTokenLifetime;
        private Consumer<Secret> refreshTokenListener = s -> {};
        private String apiTokenEmail;
        private Secret apiToken;
        private Client client;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration deadline = HttpLimits.DEFAULT_DEADLINE;
        private long maxBodyBytes = HttpLimits.DEFAULT_MAX_BODY_BYTES;
        private int requestsPerMinute = 200;
        int maxAttempts = 4;
        Duration baseDelay = Duration.ofMillis(500);
        Duration maxDelay = Duration.ofSeconds(30);
        private Duration maxRetryAfter = Duration.ofSeconds(60);
        private final Map<Long, String> ticketFields = new LinkedHashMap<>();
        private Long languageField;
        private String skillsField = "handover_skills";
        private String languagesField = "handover_languages";
        private String managerField = "handover_manager";
        private String capacityField = "handover_capacity";
        private String roleField = "handover_role";
        private String customerTierField;
        private String customerSalutationField;
        private final Set<Long> queueGroups = new LinkedHashSet<>();
        private Duration directoryTtl = Duration.ofMinutes(5);
        private boolean agentPresence;
        private Long taskRequester;
        private boolean tasksCloseByTag;
        private boolean taskTicketPerItem;
        private boolean replayByAudits = true;
        private Long taskForm;
        private final Map<Long, String> taskSolveFields = new LinkedHashMap<>();
        private boolean searchDueDate;
        private Duration indexLag = Duration.ofMinutes(5);
        private int maxNoteBytes = 32_000;
        Duration jobPollInterval = Duration.ofSeconds(1);
        Duration jobPollMax = Duration.ofSeconds(10);
        Duration jobTimeout = Duration.ofMinutes(5);
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private RandomGenerator random = new SplittableRandom();

        private Builder() {}

        private void once(String option) {
            if (!set.add(option)) {
                throw new IllegalStateException("zendesk: " + option + " is already set");
            }
        }

        /** A text option, checked and then marked set (so a refused value can be given again). */
        private String text(String value, String option) {
            String v = nonBlank(value, option);
            once(option);
            return v;
        }

        /** A positive duration option, checked and then marked set. */
        private Duration positiveDuration(Duration value, String option) {
            Duration v = positive(value, option);
            once(option);
            return v;
        }

        /** An injected collaborator, checked and then marked set. */
        private <T> T seam(T value, String option) {
            Objects.requireNonNull(value, option);
            once(option);
            return value;
        }

        /** Refuses an option that conflicts with one set before. */
        private void notWith(String other, String message) {
            if (set.contains(other)) {
                throw new IllegalStateException("zendesk: " + message);
            }
        }

        // ------------------------------------------------------------------------------------------------ settings

        /**
         * Configures the connector from settings, as the {@code zendesk} provider does: each key calls the typed setter
         * named below, so settings and setters may be mixed as long as no option is given twice. Keys not listed are
         * refused (with the nearest known key as a suggestion), as are malformed values; every such problem is a {@link
         * CrmSettingsException} whose {@link CrmSettingsException#key() key} is the setting's key. Durations are {@code
         * 30s}, {@code 5m}, {@code 2h}, {@code 250ms} or ISO-8601 ({@code PT30S}); secrets are given with {@code
         * CrmSettings.Builder.secret}.
         *
         * <table>
         *   <caption>Settings</caption>
         *   <tr><th>key</th><th>default</th><th>setter</th></tr>
         *   <tr><td>{@code subdomain} / {@code base-url}</td><td>—</td><td>{@link #subdomain} / {@link #baseUrl},
         *       exactly one of the two</td></tr>
         *   <tr><td>{@code auth.type}</td><td>{@code oauth}</td><td>{@code oauth} or {@code api-token}</td></tr>
         *   <tr><td>{@code auth.client-id}, {@code auth.client-secret} (secret)</td><td>—</td>
         *       <td>{@link #oauthClientCredentials}</td></tr>
         *   <tr><td>{@code auth.refresh-token} (secret)</td><td>—</td><td>{@link #oauthRefreshToken}</td></tr>
         *   <tr><td>{@code auth.scope}</td><td>{@code read write}</td><td>{@link #oauthScope}</td></tr>
         *   <tr><td>{@code auth.token-lifetime}</td><td>Zendesk's</td><td>{@link #oauthTokenLifetime}</td></tr>
         *   <tr><td>{@code auth.email}, {@code auth.api-token} (secret)</td><td>—</td><td>{@link #apiToken}</td></tr>
         *   <tr><td>{@code rate-limit.requests-per-minute}</td><td>200</td><td>{@link #requestsPerMinute}</td></tr>
         *   <tr><td>{@code timeouts.connect}, {@code timeouts.read}</td><td>10s, 30s</td><td>{@link #connectTimeout},
         *       {@link #readTimeout}</td></tr>
         *   <tr><td>{@code http.deadline}</td><td>60s</td><td>{@link #deadline}</td></tr>
         *   <tr><td>{@code http.max-body-bytes}</td><td>32MiB</td><td>{@link #maxBodyBytes}</td></tr>
         *   <tr><td>{@code retry.max-attempts}, {@code retry.base-delay}, {@code retry.max-delay}</td>
         *       <td>4, 500ms, 30s</td><td>{@link #retry}</td></tr>
         *   <tr><td>{@code retry.max-retry-after}</td><td>60s</td><td>{@link #maxRetryAfter}</td></tr>
         *   <tr><td>{@code fields.<field id>}</td><td>—</td><td>{@link #ticketField}</td></tr>
         *   <tr><td>{@code ticket.language-field}</td><td>—</td><td>{@link #languageField}</td></tr>
         *   <tr><td>{@code directory.skills-field}, {@code -languages-field}, {@code -manager-field}, {@code
         *       -capacity-field}, {@code -role-field}</td><td>{@code handover_skills} …</td><td>{@link #skillsField}
         *       …</td></tr>
         *   <tr><td>{@code directory.queue-groups}</td><td>—</td><td>{@link #queueGroup}, comma-separated</td></tr>
         *   <tr><td>{@code directory.ttl}</td><td>5m</td><td>{@link #directoryTtl}</td></tr>
         *   <tr><td>{@code directory.presence}</td><td>{@code none}</td><td>{@link #agentPresence}: {@code none} or
         *       {@code omnichannel}</td></tr>
         *   <tr><td>{@code customer.tier-field}</td><td>—</td><td>{@link #customerTierField}</td></tr>
         *   <tr><td>{@code customer.salutation-field}</td><td>—</td><td>{@link #customerSalutationField}</td></tr>
         *   <tr><td>{@code tasks.requester-id}</td><td>the authenticated user</td><td>{@link #taskRequester}</td></tr>
         *   <tr><td>{@code tasks.search-due-date}</td><td>false</td><td>{@link #searchDueDate}</td></tr>
         *   <tr><td>{@code tasks.tickets}</td><td>{@code per-handover}</td><td>{@link #taskTicketPerItem}:
         *       {@code per-handover} or {@code per-item}</td></tr>
         *   <tr><td>{@code tasks.close-by}</td><td>{@code solve}</td><td>{@link #closeTasksByTag}: {@code solve} or
         *       {@code tag}</td></tr>
         *   <tr><td>{@code tasks.form-id}</td><td>—</td><td>{@link #taskForm}</td></tr>
         *   <tr><td>{@code tasks.solve-fields}</td><td>—</td><td>{@link #taskSolveField}: {@code id=value, …}</td></tr>
         *   <tr><td>{@code replay.audits}</td><td>true</td><td>{@link #replayByAudits}</td></tr>
         *   <tr><td>{@code search.index-lag}</td><td>5m</td><td>{@link #indexLag}</td></tr>
         *   <tr><td>{@code notes.max-bytes}</td><td>32000</td><td>{@link #maxNoteBytes}</td></tr>
         *   <tr><td>{@code jobs.poll-interval}, {@code jobs.poll-max}, {@code jobs.timeout}</td><td>1s, 10s, 5m</td>
         *       <td>{@link #jobPolling}</td></tr>
         * </table>
         *
         * @throws CrmSettingsException naming the key of the first problem
         * @throws IllegalArgumentException when the settings are for another provider
         */
        public Builder settings(CrmSettings settings) {
            Objects.requireNonNull(settings, "settings");
            if (!VENDOR.equals(settings.provider())) {
                throw new IllegalArgumentException(
                        "zendesk: the settings are for provider '" + settings.provider() + "'");
            }
            once("settings");
            Settings.read(settings, this);
            return this;
        }

        // ------------------------------------------------------------------------------------------------ account

        /** The account by subdomain: {@code acme} for {@code https://acme.zendesk.com}. Not with {@link #baseUrl}. */
        public Builder subdomain(String subdomain) {
            Objects.requireNonNull(subdomain, "subdomain");
            if (!SUBDOMAIN.matcher(subdomain).matches()) {
                throw new IllegalArgumentException("zendesk: subdomain must be lower-case letters, digits and "
                        + "hyphens (the 'acme' of acme.zendesk.com), was '" + subdomain + "'");
            }
            notWith("base URL", "give a subdomain or a base URL, not both");
            once("subdomain");
            this.baseUrl = URI.create("https://" + subdomain + ".zendesk.com");
            return this;
        }

        /** The account by base URL ({@code https://support.acme.com}, a proxy, a test server). Not with a subdomain. */
        public Builder baseUrl(URI baseUrl) {
            Objects.requireNonNull(baseUrl, "base URL");
            String scheme = baseUrl.getScheme();
            if (!baseUrl.isAbsolute()
                    || !("https".equals(scheme) || "http".equals(scheme))
                    || baseUrl.getHost() == null) {
                throw new IllegalArgumentException("zendesk: base URL must be an absolute http(s) URL, was " + baseUrl);
            }
            if (baseUrl.getQuery() != null || baseUrl.getFragment() != null) {
                throw new IllegalArgumentException("zendesk: base URL must have no query or fragment, was " + baseUrl);
            }
            notWith("subdomain", "give a subdomain or a base URL, not both");
            once("base URL");
            this.baseUrl = baseUrl;
            return this;
        }

        // ------------------------------------------------------------------------------------------------ credentials

        /** OAuth with the client-credentials grant (the default kind of authentication). */
        public Builder oauthClientCredentials(String clientId, Secret clientSecret) {
            Objects.requireNonNull(clientSecret, "OAuth client secret");
            String id = nonBlank(clientId, "OAuth client id");
            exclusive("oauth");
            sameClient(id);
            once("OAuth client credentials");
            this.authKind = "oauth";
            this.oauthClientId = id;
            this.oauthClientSecret = clientSecret;
            return this;
        }

        /**
         * OAuth with a refresh token from an authorization-code installation; with {@link #oauthClientCredentials} as
         * well, the client-credentials grant is the fall-back when the refresh token is refused.
         */
        public Builder oauthRefreshToken(String clientId, Secret refreshToken) {
            Objects.requireNonNull(refreshToken, "OAuth refresh token");
            String id = nonBlank(clientId, "OAuth client id");
            exclusive("oauth");
            sameClient(id);
            once("OAuth refresh token");
            this.authKind = "oauth";
            this.oauthClientId = id;
            this.oauthRefreshToken = refreshToken;
            return this;
        }

        private void sameClient(String id) {
            if (oauthClientId != null && !oauthClientId.equals(id)) {
                throw new IllegalArgumentException("zendesk: OAuth client id '" + id
                        + "' differs from the one already set, '" + oauthClientId + "'");
            }
        }

        /** The OAuth scope to request (default {@code "read write"}). */
        public Builder oauthScope(String scope) {
            String v = nonBlank(scope, "OAuth scope");
            oauthOption("OAuth scope");
            this.oauthScope = v;
            return this;
        }

        /** The lifetime to request for access tokens ({@code expires_in}, 5 minutes to 2 days). */
        public Builder oauthTokenLifetime(Duration lifetime) {
            Objects.requireNonNull(lifetime, "OAuth token lifetime");
            if (lifetime.compareTo(Duration.ofMinutes(5)) <= 0 || lifetime.compareTo(Duration.ofDays(2)) >= 0) {
                throw new IllegalArgumentException(
                        "zendesk: OAuth token lifetime must be over 5 minutes and under 2 days, was " + lifetime);
            }
            oauthOption("OAuth token lifetime");
            this.oauthTokenLifetime = lifetime;
            return this;
        }

        /** Told about every rotated refresh token, so an installation can keep the current one. */
        public Builder refreshTokenListener(Consumer<Secret> listener) {
            Objects.requireNonNull(listener, "refresh token listener");
            oauthOption("refresh token listener");
            this.refreshTokenListener = listener;
            return this;
        }

        private void oauthOption(String option) {
            if ("api-token".equals(authKind)) {
                throw new IllegalStateException("zendesk: " + option + " is for OAuth, not for API token credentials");
            }
            once(option);
        }

        /**
         * The legacy API token of an agent ({@code {email}/token:{token}}). Zendesk deactivates API tokens on 30 April
         * 2027; prefer OAuth.
         */
        public Builder apiToken(String email, Secret token) {
            Objects.requireNonNull(token, "API token");
            String e = nonBlank(email, "API token e-mail");
            exclusive("api-token");
            for (String option : OAUTH_OPTIONS) {
                notWith(option, option + " is for OAuth, not for API token credentials");
            }
            once("API token");
            this.authKind = "api-token";
            this.apiTokenEmail = e;
            this.apiToken = token;
            return this;
        }

        private void exclusive(String kind) {
            if (authKind != null && !authKind.equals(kind)) {
                throw new IllegalStateException("zendesk: " + kind + " and " + authKind + " credentials are exclusive");
            }
        }

        // ------------------------------------------------------------------------------------------------ requests

        /**
         * A Jakarta REST client to send with (the caller keeps ownership and closes it). Not with a connect timeout. It
         * must follow no redirect, or a {@code Location} naming another host would receive the credentials: build it
         * with the property {@code jersey.config.client.followRedirects} set to {@code false} ({@link
         * Transport#FOLLOW_REDIRECTS_PROPERTY}; Jersey's JDK connector then uses {@code Redirect.NEVER}); a client
         * without it is refused. The connector follows redirects within the account itself.
         */
        public Builder client(Client client) {
            Objects.requireNonNull(client, "client");
            Object follow = client.getConfiguration().getProperty(Transport.FOLLOW_REDIRECTS_PROPERTY);
            if (!Boolean.FALSE.equals(follow) && !"false".equals(follow)) {
                throw new IllegalArgumentException("zendesk: the injected client may follow redirects, and a redirect"
                        + " to another host would receive the credentials: set its property "
                        + Transport.FOLLOW_REDIRECTS_PROPERTY + " to false");
            }
            notWith("connect timeout", CLIENT_OR_CONNECT_TIMEOUT);
            once("client");
            this.client = client;
            return this;
        }

        /** How long to wait for a connection (default 10 s), for the client the connector creates. */
        public Builder connectTimeout(Duration timeout) {
            Duration d = positive(timeout, "connect timeout");
            notWith("client", CLIENT_OR_CONNECT_TIMEOUT);
            once("connect timeout");
            this.connectTimeout = d;
            return this;
        }

        /** How long to wait for an answer (default 30 s); also set per request on an injected Jersey client. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positiveDuration(timeout, "read timeout");
            return this;
        }

        /**
         * How long one attempt may take in all, from sending the request to the last byte of the answer (default 60 s):
         * the read time-out ends when the headers arrive, so a server that then stalls would block for good. Past it
         * the attempt fails as a time-out (retried for reads; for a write the outcome is unknown). Redirects within the
         * account count towards it. {@code http.deadline}.
         */
        public Builder deadline(Duration deadline) {
            Duration d = positive(deadline, "deadline");
            once("deadline");
            this.deadline = d;
            return this;
        }

        /**
         * The most bytes an answer's body may have (default 32 MiB, at least 1 KiB): a larger answer is refused by its
         * {@code Content-Length} before reading, or as soon as reading passes the limit, and never held in memory.
         * {@code http.max-body-bytes}.
         */
        public Builder maxBodyBytes(long bytes) {
            if (bytes < HttpLimits.MIN_BODY_BYTES) {
                throw new IllegalArgumentException("zendesk: max body bytes must be at least "
                        + HttpLimits.MIN_BODY_BYTES + " (1 KiB), was " + bytes);
            }
            once("max body bytes");
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * This client's share of the plan's requests per minute (default 200, the Team plan; Growth/Professional 400,
         * Enterprise 700, High Volume 2,500 — less when other integrations use the same account).
         */
        public Builder requestsPerMinute(int rpm) {
            if (rpm < 1 || rpm > 100_000) {
                throw new IllegalArgumentException("zendesk: requests per minute must be 1–100000, was " + rpm);
            }
            once("requests per minute");
            this.requestsPerMinute = rpm;
            return this;
        }

        /** Retries: attempts per request (default 4), first backoff (500 ms) and cap (30 s). */
        public Builder retry(int maxAttempts, Duration baseDelay, Duration maxDelay) {
            attempts(maxAttempts);
            positive(baseDelay, "retry base delay");
            positive(maxDelay, "retry max delay");
            notBelow(maxDelay, baseDelay, "retry max delay", "the base delay");
            once("retry");
            this.maxAttempts = maxAttempts;
            this.baseDelay = baseDelay;
            this.maxDelay = maxDelay;
            return this;
        }

        static void attempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
                throw new IllegalArgumentException(
                        "zendesk: retry attempts must be 1–" + MAX_ATTEMPTS + ", was " + maxAttempts);
            }
        }

        /** The longest {@code Retry-After} waited for (default 60 s); longer ones are thrown to the caller. */
        public Builder maxRetryAfter(Duration max) {
            Duration d = nonNegative(max, "max retry after");
            once("max retry after");
            this.maxRetryAfter = d;
            return this;
        }

        // ------------------------------------------------------------------------------------------------ mapping

        /** Maps a ticket custom field (by id) to the name it gets in {@link Ticket#customFields()}. */
        public Builder ticketField(long fieldId, String name) {
            positiveId(fieldId, "ticket field id");
            String n = nonBlank(name, "ticket field name");
            if (ticketFields.containsKey(fieldId)) {
                throw new IllegalStateException("zendesk: ticket field " + fieldId + " is already mapped to '"
                        + ticketFields.get(fieldId) + "'");
            }
            if (ticketFields.containsValue(n)) {
                throw new IllegalStateException("zendesk: two ticket fields are mapped to the name '" + n + "'");
            }
            ticketFields.put(fieldId, n);
            return this;
        }

        /** A ticket field holding the conversation's language (a BCP 47 tag or Zendesk locale). */
        public Builder languageField(long fieldId) {
            positiveId(fieldId, "language field id");
            once("language field");
            this.languageField = fieldId;
            return this;
        }

        /** The user field (key) with an agent's skills (default {@code handover_skills}). */
        public Builder skillsField(String key) {
            this.skillsField = text(key, "skills field");
            return this;
        }

        /** The user field (key) with an agent's languages as BCP 47 tags (default {@code handover_languages}). */
        public Builder languagesField(String key) {
            this.languagesField = text(key, "languages field");
            return this;
        }

        /** The user field (key) with the user id of an agent's manager (default {@code handover_manager}). */
        public Builder managerField(String key) {
            this.managerField = text(key, "manager field");
            return this;
        }

        /** The user field (key) with an agent's capacity in open tickets (default {@code handover_capacity}). */
        public Builder capacityField(String key) {
            this.capacityField = text(key, "capacity field");
            return this;
        }

        /** The user field (key) with an agent's role for limits of authority (default {@code handover_role}). */
        public Builder roleField(String key) {
            this.roleField = text(key, "role field");
            return this;
        }

        /** The end-user field (key) with the customer's service tier. */
        public Builder customerTierField(String key) {
            this.customerTierField = text(key, "customer tier field");
            return this;
        }

        /**
         * The end-user field (key) with how the customer is addressed formally ("Frau", "Mr."), for formal customer
         * notices; Zendesk has no such standard field.
         */
        public Builder customerSalutationField(String key) {
            this.customerSalutationField = text(key, "customer salutation field");
            return this;
        }

        /** Marks a group as a queue (Zendesk groups are teams otherwise). */
        public Builder queueGroup(long groupId) {
            positiveId(groupId, "queue group id");
            if (!queueGroups.add(groupId)) {
                throw new IllegalStateException("zendesk: group " + groupId + " is already a queue");
            }
            return this;
        }

        // ------------------------------------------------------------------------------------------------ behaviour

        /** How long the directory is cached (default 5 minutes). */
        public Builder directoryTtl(Duration ttl) {
            this.directoryTtl = positiveDuration(ttl, "directory TTL");
            return this;
        }

        /** Reads agent presence from omnichannel agent availability (needs an admin and omnichannel routing). */
        public Builder agentPresence(boolean enabled) {
            once("agent presence");
            this.agentPresence = enabled;
            return this;
        }

        /** The requester of task tickets (default: the authenticated user). */
        public Builder taskRequester(long userId) {
            positiveId(userId, "task requester id");
            once("task requester");
            this.taskRequester = userId;
            return this;
        }

        /**
         * Creates one task ticket per task — the acknowledgement, each action, the follow-up, each escalation — instead
         * of the default one per handover, which holds them all as a checklist (see docs/zendesk.md, "Task tickets").
         * Every task ticket is a real ticket in views, reports, SLAs and satisfaction surveys, so the default keeps
         * them to one.
         */
        public Builder taskTicketPerItem(boolean perItem) {
            this.taskTicketPerItem = perItem;
            return this;
        }

        /**
         * Closes task tickets by tag ({@code handover_done}, {@code handover_cancelled}) instead of solving them, for
         * accounts that refuse to solve a ticket without fields their agents fill in (default: solve).
         */
        public Builder closeTasksByTag(boolean byTag) {
            this.tasksCloseByTag = byTag;
            return this;
        }

        /** The ticket form task tickets are created with (for accounts where forms decide the required fields). */
        public Builder taskForm(long formId) {
            positiveId(formId, "task form id");
            this.taskForm = formId;
            return this;
        }

        /** A custom field value set when a task ticket is solved (for fields the account requires on solve). */
        public Builder taskSolveField(long fieldId, String value) {
            positiveId(fieldId, "task solve field id");
            this.taskSolveFields.put(fieldId, nonBlank(value, "task solve field value"));
            return this;
        }

        /**
         * Recognises a write that already landed by its key in the update's audit metadata (default), before the write
         * marker in the ticket's comments. Reading audits needs the OAuth scope {@code read}; without it the connector
         * falls back to the comment marker by itself. Off: the comment marker only.
         */
        public Builder replayByAudits(boolean enabled) {
            this.replayByAudits = enabled;
            return this;
        }

        /** Narrows due-task searches with the {@code due_date} keyword (unconfirmed in Zendesk's docs; default off). */
        public Builder searchDueDate(boolean enabled) {
            once("search due date");
            this.searchDueDate = enabled;
            return this;
        }

        /** How long this connector's own writes are merged into searches (default 5 minutes, above the index lag). */
        public Builder indexLag(Duration lag) {
            this.indexLag = positiveDuration(lag, "index lag");
            return this;
        }

        /** The longest note in UTF-8 bytes (default 32,000; longer ones are refused whole, never truncated). */
        public Builder maxNoteBytes(int bytes) {
            if (bytes < CrmCapabilities.MIN_NOTE_BYTES || bytes > 60_000) {
                throw new IllegalArgumentException("zendesk: max note bytes must be " + CrmCapabilities.MIN_NOTE_BYTES
                        + "–60000 (Zendesk's comment limit leaves room for the write marker), was " + bytes);
            }
            once("max note bytes");
            this.maxNoteBytes = bytes;
            return this;
        }

        /** Job polling: first pause (default 1 s), longest pause (10 s), and how long to wait at most (5 minutes). */
        public Builder jobPolling(Duration interval, Duration max, Duration timeout) {
            positive(interval, "job poll interval");
            positive(max, "job poll max");
            positive(timeout, "job timeout");
            notBelow(max, interval, "job poll max", "the interval");
            once("job polling");
            this.jobPollInterval = interval;
            this.jobPollMax = max;
            this.jobTimeout = timeout;
            return this;
        }

        // ------------------------------------------------------------------------------------------------ seams

        /** The clock for token expiry, caches, the throttle and job time-outs (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = seam(clock, "clock");
            return this;
        }

        /**
         * How to wait between retries, for the throttle and between job polls (default {@link Sleeper#SYSTEM}, the wall
         * clock); tests pass one that advances a simulated clock, e.g. {@code clock::advance}.
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = seam(sleeper, "sleeper");
            return this;
        }

        /** The jitter source of retries (default: a fresh {@link SplittableRandom}; seed one for tests). */
        public Builder random(RandomGenerator random) {
            this.random = seam(random, "random");
            return this;
        }

        /** The connector; fails with a precise message when the account or the credentials are missing. */
        public ZendeskConnector build() {
            return new ZendeskConnector(config(), this);
        }

        /** What the options resolve to; the same whichever way they were given. */
        Config config() {
            if (baseUrl == null) {
                throw new IllegalStateException("zendesk: the account is missing: set a subdomain or a base URL");
            }
            if (authKind == null) {
                throw new IllegalStateException(
                        "zendesk: credentials are missing: set oauthClientCredentials (recommended) or apiToken");
            }
            Config.Auth auth = "api-token".equals(authKind)
                    ? new Config.ApiToken(apiTokenEmail, apiToken)
                    : new Config.OAuth(
                            oauthClientId,
                            Optional.ofNullable(oauthClientSecret),
                            Optional.ofNullable(oauthRefreshToken),
                            oauthScope,
                            Optional.ofNullable(oauthTokenLifetime));
            return new Config(
                    baseUrl,
                    auth,
                    new Config.Http(
                            connectTimeout,
                            readTimeout,
                            requestsPerMinute,
                            maxAttempts,
                            baseDelay,
                            maxDelay,
                            maxRetryAfter,
                            new HttpLimits(maxBodyBytes, deadline)),
                    Collections.unmodifiableMap(new LinkedHashMap<>(ticketFields)),
                    Optional.ofNullable(languageField),
                    new Config.DirectoryFields(
                            skillsField,
                            languagesField,
                            managerField,
                            capacityField,
                            roleField,
                            Optional.ofNullable(customerTierField),
                            Optional.ofNullable(customerSalutationField)),
                    Set.copyOf(queueGroups),
                    directoryTtl,
                    agentPresence,
                    Optional.ofNullable(taskRequester),
                    new Config.TaskTickets(
                            tasksCloseByTag,
                            Optional.ofNullable(taskForm),
                            Collections.unmodifiableMap(new LinkedHashMap<>(taskSolveFields)),
                            taskTicketPerItem),
                    searchDueDate,
                    replayByAudits,
                    indexLag,
                    maxNoteBytes,
                    jobPollInterval,
                    jobPollMax,
                    jobTimeout,
                    clock);
        }

        private static String nonBlank(String s, String what) {
            Objects.requireNonNull(s, what);
            if (s.isBlank()) {
                throw new IllegalArgumentException("zendesk: " + what + " must not be blank");
            }
            return s.strip();
        }

        static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("zendesk: " + what + " must be positive, was " + d);
            }
            return d;
        }

        private static Duration nonNegative(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new IllegalArgumentException("zendesk: " + what + " must not be negative, was " + d);
            }
            return d;
        }

        static void notBelow(Duration max, Duration min, String what, String minWhat) {
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("zendesk: " + what + " " + max + " is below " + minWhat + " " + min);
            }
        }

        private static long positiveId(long id, String what) {
            if (id <= 0) {
                throw new IllegalArgumentException("zendesk: " + what + " must be a positive Zendesk id, was " + id);
            }
            return id;
        }

        /** The account, the kind of credentials and the options set so far (ticket fields and queues by id); no secret. */
        @Override
        public String toString() {
            return "ZendeskConnector.Builder[" + (baseUrl == null ? "no account" : baseUrl) + ", auth="
                    + (authKind == null ? "none" : authKind) + ", set=" + set
                    + (ticketFields.isEmpty() ? "" : ", ticket fields=" + ticketFields.keySet())
                    + (queueGroups.isEmpty() ? "" : ", queue groups=" + queueGroups) + "]";
        }
    }
}
