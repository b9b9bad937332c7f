package dev.handover.salesforce;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.handover.salesforce.http.Errors;
import dev.handover.salesforce.http.HttpExchange;
import dev.handover.salesforce.http.OAuthCredentials;
import dev.handover.salesforce.http.Throttle;
import dev.handover.salesforce.http.Transport;
import dev.handover.spi.CrmCapabilities;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.Page;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.helpers.Backoff;
import dev.handover.spi.helpers.Sleeper;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.NoteFormat;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A {@link CrmConnector} over the Salesforce REST API: Cases are tickets, CaseComments or FeedItems are comments,
 * Tasks are handover tasks, Users, public groups and queues are the directory.
 *
 * <pre>{@code
 * CrmConnector crm = SalesforceConnector.builder()
 *         .settings(CrmSettings.builder("salesforce")
 *                 .put("instance-url", "https://acme.my.salesforce.com")
 *                 .put("auth.client-id", consumerKey)
 *                 .secret("auth.client-secret", Secret.of(System.getenv("SF_CLIENT_SECRET")))
 *                 .build())
 *         .build();
 * }</pre>
 *
 * <p><b>One call per handover.</b> {@link #apply} writes the note, the new owner (with {@code Sforce-Auto-Assign:
 * FALSE}), tags, the customer notice and the tasks in one {@code /composite} call with {@code allOrNone}; {@link
 * #applyAll} writes up to 200 Cases per call in sObject Collections. The version check runs inside that call (a guard
 * query on {@code SystemModstamp}), so a Case read just before — by {@link #ticket}, {@link #tickets} or {@link
 * #searchTickets} — is the base of the write and is not read again.
 *
 * <p><b>Settings</b> ({@link CrmSettings} keys; every key with its default is in {@code docs/salesforce.md}):
 * {@code instance-url} (required: the My Domain URL), {@code api-version} (67.0), {@code auth.flow} ({@code
 * client-credentials} or {@code jwt-bearer}), {@code auth.client-id}, the secrets {@code auth.client-secret} or {@code
 * auth.private-key} (PEM) with {@code auth.username}, {@code notes.object} ({@code CaseComment} or {@code FeedItem}),
 * {@code fields.*} (the custom fields the adapter keeps tags, idempotency markers, task identity and due time in, and
 * the user fields for skills, languages and capacity), {@code case.status-map}, {@code case.priority-map}, {@code
 * task.status.*}, {@code task.priority}, and the tuning keys {@code directory.ttl}, {@code cache.*}, {@code limits.*},
 * {@code retry.*}, {@code http.*}. Unknown keys are errors.
 *
 * <p><b>Under load and faults.</b> The org's API usage ({@code Sforce-Limit-Info}) is exposed by {@link #apiUsage()};
 * near the cap calls slow down and past {@code limits.stop-at} they are refused locally. Transient failures are
 * retried with capped backoff and jitter; a write whose answer was lost is re-read before anything is sent again, so
 * nothing is written twice. Credentials and tokens never appear in logs, messages or {@code toString()}.
 *
 * <p>Thread-safe. {@link #close()} closes the HTTP client if the connector created it.
 */
public final class SalesforceConnector implements CrmConnector {

    private final Config config;
    private final Client client;
    private final boolean ownsClient;
    private final Transport transport;
    private final OAuthCredentials credentials;
    private final Throttle throttle;
    private final Reader reader;
    private final Writer writer;
    private final CrmCapabilities capabilities;
    private final Cache<String, DirectoryReader.Snapshot> directoryCache;
    private final DirectoryReader directoryReader;
    private final Clock clock;

    private SalesforceConnector(Builder b) {
        this.config = Config.from(b.settings);
        this.clock = b.clock != null ? b.clock : Clock.systemUTC();
        Sleeper sleeper = b.sleeper != null ? b.sleeper : Sleeper.SYSTEM;
        this.ownsClient = b.client == null;
        this.client = ownsClient ? defaultClient(config) : b.client;
        Backoff.Builder retry = Backoff.builder()
                .maxAttempts(config.retry().maxAttempts())
                .baseDelay(config.retry().initialBackoff())
                .maxDelay(config.retry().maxBackoff())
                // a Retry-After is waited exactly, up to the cap of a wait; a longer one ends the retries
                .maxRetryAfter(config.retry().maxBackoff())
                .clock(clock)
                .sleeper(sleeper);
        if (b.random != null) {
            retry.random(b.random);
        }
        Backoff backoff = retry.build();
        HttpExchange http = new HttpExchange(client);
        this.credentials = new OAuthCredentials(config.auth(), config.instanceUrl(), http, backoff, clock);
        this.throttle = new Throttle(config.limits(), clock, sleeper);
        this.transport = new Transport(config.dataPath(), http, credentials, throttle, backoff, clock);
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        Cache<String, CaseState> states = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(config.caseCacheSize())
                .expireAfterWrite(config.caseCacheTtl())
                .build();
        this.directoryCache = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(1)
                .expireAfterWrite(config.directoryTtl())
                .build();
        this.directoryReader = new DirectoryReader(config, transport);
        CaseMapper cases = new CaseMapper(config);
        TaskMapper taskMapper = new TaskMapper(config);
        this.reader = new Reader(config, transport, cases, taskMapper, states);
        Writer.Directories directories = new Writer.Directories() {
            @Override
            public DirectoryReader.Snapshot current() {
                return snapshot();
            }

            @Override
            public DirectoryReader.Snapshot refreshed() {
                DirectoryReader.Snapshot s = snapshot();
                // reload once a minute at most, however many unknown ids callers send
                if (Duration.between(s.loadedAt(), clock.instant()).compareTo(Duration.ofMinutes(1)) > 0) {
                    directoryCache.invalidateAll();
                    return snapshot();
                }
                return s;
            }
        };
        this.writer = new Writer(
                config, transport, reader, taskMapper, new Notes(config), directories, states, clock, backoff);
        CrmCapabilities.Builder caps = CrmCapabilities.builder()
                .maxReadBatchSize(Reader.IDS_PER_QUERY * Transport.QUERIES_PER_CALL)
                .maxWriteBatchSize(Writer.RECORDS_PER_COLLECTION)
                .atomicUpdate(true)
                .tasksInSameWrite(true)
                .nativeReminders(true)
                .agentPresence(false)
                .maxNoteBytes(config.noteObject().maxBytes);
        if (config.noteObject() == Config.NoteObject.FEED_ITEM) {
            caps.noteFormat(NoteFormat.HTML);
        }
        this.capabilities = caps.build();
    }

    private static Client defaultClient(Config config) {
        return ClientBuilder.newBuilder()
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // Jersey's default HttpURLConnection connector cannot send PATCH; the JDK HttpClient one can
                .property(
                        "jersey.config.client.connector.provider",
                        "org.glassfish.jersey.jnh.connector.JavaNetHttpConnectorProvider")
                .property("jersey.config.jnh.client.httpVersion", HttpClient.Version.HTTP_1_1)
                .build();
    }

    private DirectoryReader.Snapshot snapshot() {
        return directoryCache.get("directory", k -> directoryReader.load(clock.instant()));
    }

    /** A builder; {@link Builder#settings} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The org's API usage as the last response reported it, if any call was made yet. */
    public Optional<ApiUsage> apiUsage() {
        return throttle.usage().map(ApiUsage::of);
    }

    @Override
    public String vendor() {
        return Errors.VENDOR;
    }

    @Override
    public CrmCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public Optional<Ticket> ticket(TicketId id) {
        Objects.requireNonNull(id, "id");
        return guard("reading a Case", () -> reader.ticket(id));
    }

    @Override
    public Map<TicketId, Ticket> tickets(Collection<TicketId> ids) {
        Objects.requireNonNull(ids, "ids");
        if (ids.isEmpty()) {
            return Map.of();
        }
        return guard("reading Cases", () -> reader.tickets(ids));
    }

    @Override
    public Page<Ticket> searchTickets(TicketQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        return guard("searching Cases", () -> reader.search(query, page));
    }

    @Override
    public Page<Comment> comments(TicketId ticket, SortOrder order, PageRequest page) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(page, "page");
        return guard("reading comments", () -> reader.comments(ticket, order, page));
    }

    @Override
    public Page<Task> tasks(TaskQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        return guard("reading tasks", () -> reader.tasks(query, page));
    }

    @Override
    public UpdateResult apply(TicketUpdate update) {
        Objects.requireNonNull(update, "update");
        return guard("writing a handover", () -> writer.apply(List.of(update)))
                .get(0)
                .orThrow();
    }

    @Override
    public List<UpdateResult> applyAll(List<TicketUpdate> updates) {
        List<TicketUpdate> all = List.copyOf(Objects.requireNonNull(updates, "updates"));
        if (all.isEmpty()) {
            return List.of();
        }
        return guard("writing handovers", () -> writer.apply(all));
    }

    @Override
    public Directory directory() {
        return guard("reading the directory", () -> snapshot().directory());
    }

    @Override
    public Map<AgentId, Integer> openTicketCounts(Collection<AgentId> agents) {
        Objects.requireNonNull(agents, "agents");
        return guard("counting open Cases", () -> reader.openCounts(agents));
    }

    /**
     * Runs an operation so that only the SPI's exceptions leave it, as the SPI requires: an answer the adapter cannot
     * read (a date that is no date, a record of an unexpected shape) becomes a vendor failure.
     */
    private static <T> T guard(String what, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (CrmException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Errors.unreadable(what, e);
        }
    }

    /** Closes the HTTP client when this connector created it; an injected client stays open. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    /** Instance, API version and auth flow; never credentials or tokens. */
    @Override
    public String toString() {
        return "SalesforceConnector[" + config.instanceUrl() + ", v" + config.apiVersion() + ", "
                + config.auth().flow().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ", notes as "
                + config.noteObject().sobject
                + apiUsage().map(u -> ", " + u).orElse("") + "]";
    }

    /** How many OAuth tokens were fetched; for tests of re-authentication. */
    long tokensFetched() {
        return credentials.fetchedCount();
    }

    /** API calls attempted; for the efficiency tests. */
    long callsAttempted() {
        return transport.calls();
    }

    /**
     * Builds a {@link SalesforceConnector}. Each option may be set once; {@link #build()} checks the settings and
     * names any missing or malformed key.
     */
    public static final class Builder {
        private CrmSettings settings;
        private Client client;
        private Clock clock;
        private Sleeper sleeper;
        private RandomGenerator random;

        private Builder() {}

        /** The settings (provider {@code salesforce}); required. */
        public Builder settings(CrmSettings settings) {
            Objects.requireNonNull(settings, "settings");
            if (this.settings != null) {
                throw new IllegalStateException("salesforce connector: settings already set");
            }
            if (!Config.PROVIDER.equals(settings.provider())) {
                throw new IllegalArgumentException(
                        "salesforce connector: settings are for provider '" + settings.provider() + "'");
            }
            this.settings = settings;
            return this;
        }

        /**
         * The Jakarta REST client to send requests with, owned by the caller (not closed by {@link #close()}). By
         * default the connector builds a Jersey client on the JDK HttpClient connector with the {@code http.*}
         * timeouts; an injected client must be able to send PATCH inside composite bodies only, so any connector
         * works.
         */
        public Builder client(Client client) {
            Objects.requireNonNull(client, "client");
            if (this.client != null) {
                throw new IllegalStateException("salesforce connector: client already set");
            }
            this.client = client;
            return this;
        }

        /** The clock for tokens, pacing and the caches' expiry (the caches tick with it); the system UTC clock by default. */
        public Builder clock(Clock clock) {
            Objects.requireNonNull(clock, "clock");
            if (this.clock != null) {
                throw new IllegalStateException("salesforce connector: clock already set");
            }
            this.clock = clock;
            return this;
        }

        /** How to wait between retries and when pacing near the API cap; real sleeping by default. */
        public Builder sleeper(Sleeper sleeper) {
            Objects.requireNonNull(sleeper, "sleeper");
            if (this.sleeper != null) {
                throw new IllegalStateException("salesforce connector: sleeper already set");
            }
            this.sleeper = sleeper;
            return this;
        }

        /** The randomness of retry jitter; tests pass a seeded one. */
        public Builder random(RandomGenerator random) {
            Objects.requireNonNull(random, "random");
            if (this.random != null) {
                throw new IllegalStateException("salesforce connector: random already set");
            }
            this.random = random;
            return this;
        }

        /**
         * The connector. No call is made until the first operation.
         *
         * @throws IllegalArgumentException when a setting is missing, unknown or malformed; the message names the key
         */
        public SalesforceConnector build() {
            if (settings == null) {
                throw new IllegalStateException("salesforce connector: settings are required");
            }
            return new SalesforceConnector(this);
        }
    }
}
