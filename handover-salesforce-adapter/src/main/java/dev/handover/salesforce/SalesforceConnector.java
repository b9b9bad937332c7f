package dev.handover.salesforce;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.handover.salesforce.http.Errors;
import dev.handover.salesforce.http.HttpExchange;
import dev.handover.salesforce.http.JwtAssertion;
import dev.handover.salesforce.http.OAuthCredentials;
import dev.handover.salesforce.http.Throttle;
import dev.handover.salesforce.http.Transport;
import dev.handover.spi.CrmCapabilities;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.Page;
import dev.handover.spi.PageRequest;
import dev.handover.spi.Secret;
import dev.handover.spi.SortOrder;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmException;
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
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A {@link CrmConnector} over the Salesforce REST API: Cases are tickets, CaseComments or FeedItems are comments,
 * Tasks are handover tasks, Users, public groups and queues are the directory.
 *
 * <pre>{@code
 * CrmConnector crm = SalesforceConnector.builder()
 *         .instanceUrl(URI.create("https://acme.my.salesforce.com"))
 *         .clientCredentials(consumerKey, Secret.of(System.getenv("SF_CLIENT_SECRET")))
 *         .build();
 * }</pre>
 *
 * <p>or, from settings (a {@code handover.yaml}, a properties file), the same options by their keys:
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
 * <p><b>Options</b> ({@link Builder}; every settings key with its default is in {@code docs/salesforce.md}): the
 * instance URL (required: the My Domain URL), the API version (67.0), the credentials (client credentials, or the JWT
 * bearer flow with a PEM key), which object notes are written as and read from, the custom fields the adapter keeps
 * tags, idempotency markers, task identity and due time in, the user fields for skills, languages and capacity, the
 * status and priority maps, the Task picklist values, and tuning: directory and Case caches, API limits, retries,
 * HTTP timeouts.
 *
 * <p><b>Under load and faults.</b> The org's API usage ({@code Sforce-Limit-Info}) is exposed by {@link #apiUsage()};
 * near the cap calls slow down and past the stop-at share they are refused locally. Transient failures are retried
 * with capped backoff and jitter; a write whose answer was lost is re-read before anything is sent again, so nothing
 * is written twice. Credentials and tokens never appear in logs, messages or {@code toString()}.
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
    private final SelfTest selfTest;

    private SalesforceConnector(Builder b, Config config) {
        this.config = config;
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
        HttpExchange http = new HttpExchange(
                client, ownsClient ? config.readTimeout() : injectedReadTimeout(client), config.http());
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
        this.selfTest = new SelfTest(config, transport, reader);
    }

    /** An injected Jersey client's own read time-out, which the per-request one must not lengthen. */
    private static Duration injectedReadTimeout(Client client) {
        Object t = client.getConfiguration().getProperty("jersey.config.client.readTimeout");
        return t instanceof Integer ms && ms > 0 ? Duration.ofMillis(ms) : HttpLimits.DEFAULT_DEADLINE;
    }

    private static Client defaultClient(Config config) {
        return ClientBuilder.newBuilder()
                // credentials never follow a redirect: the connector follows those within the origin itself
                .property(HttpExchange.FOLLOW_REDIRECTS_PROPERTY, false)
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

    /** A builder: the instance URL and the credentials are required, typed or by {@link Builder#settings}. */
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

    /** One query per 200 Cases: the Cases with their newest CaseComments and EmailMessages as subqueries. */
    @Override
    public Map<TicketId, Page<Comment>> recentComments(Collection<TicketId> tickets, int perTicket) {
        Objects.requireNonNull(tickets, "tickets");
        return guard("reading recent comments", () -> reader.recentComments(tickets, perTicket));
    }

    /**
     * With {@code notes.read} including FeedItem: the Cases with a Chatter post since {@code since}, which does not
     * change the Case and so escapes {@link #searchTickets} — one query, at most 2,000 posts (the oldest beyond are
     * left out and logged). Otherwise empty, without a call.
     */
    @Override
    public java.util.Set<TicketId> commentedSince(java.time.Instant since) {
        Objects.requireNonNull(since, "since");
        return guard("reading Chatter posts", () -> reader.commentedSince(since));
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

    /**
     * What {@code handover selftest} uses: test Cases, the org's {@code IsSandbox}, the Salesforce probes
     * (subrequest URL length, collection error shape, internal FeedItems, closing, assignment, task due times, API
     * usage header) and recording of every API exchange. Never used by the engine.
     */
    @Override
    public Optional<dev.handover.spi.selftest.SelfTestSupport> selfTest() {
        return Optional.of(selfTest);
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
     * Builds a {@link SalesforceConnector}, from typed options, from {@link CrmSettings} (the keys of {@code
     * docs/salesforce.md}), or both: {@link #settings} reads each key and calls the typed option it names, so both ways
     * are checked alike.
     *
     * <pre>{@code
     * SalesforceConnector crm = SalesforceConnector.builder()
     *         .instanceUrl(URI.create("https://acme.my.salesforce.com"))
     *         .clientCredentials(consumerKey, Secret.of(System.getenv("SF_CLIENT_SECRET")))
     *         .notesAsFeedItems()
     *         .caseLanguageField("Language__c")
     *         .build();
     * }</pre>
     *
     * <p>Only the instance URL and the credentials are required; every other option has the default the settings table
     * names. Each option may be set once (a second call is an {@link IllegalStateException} naming it); each setter
     * checks its argument at once ({@link IllegalArgumentException} naming the option and what was expected); options
     * that contradict each other are refused naming both, by the setter when both were given, else by {@link
     * #build()}. {@link #toString()} lists the options set, never a secret.
     */
    public static final class Builder {
        private static final Pattern VERSION = Pattern.compile("v?(\\d{2,3}\\.0)");
        private static final Pattern CUSTOM_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
        private static final String HIDDEN = "****";

        /** The options set so far and how each shows in {@link #toString()}. */
        private final Map<String, String> set = new TreeMap<>();

        private boolean settingsGiven;
        private URI instanceUrl;
        private String apiVersion = Config.DEFAULT_API_VERSION;
        private OAuthCredentials.Grant.Flow flow;
        private String clientId;
        private Secret clientSecret;
        private String username;
        private Secret privateKey;
        private String audience = "https://login.salesforce.com";
        private URI tokenUrl;
        private Config.NoteObject noteObject = Config.NoteObject.CASE_COMMENT;
        private Config.ReadNotes readNotes; // null: the object notes are written as
        private String tagsField = "Handover_Tags__c";
        private boolean tagsMultiPicklist;
        private String keysField = "Handover_Keys__c";
        private String revisionField = "Handover_Revision__c"; // null: none
        private String groupField = "Handover_Group__c"; // null: none
        private String caseLanguageField;
        private String contactLanguageField;
        private String caseReopensField;
        private String customerTierField;
        private List<String> licencesWithoutCases = Config.DEFAULT_LICENCES_WITHOUT_CASES;
        private String taskHandoverField = "Handover_Id__c";
        private String taskKeyField = "Handover_Task_Key__c";
        private String taskKindField = "Handover_Task_Kind__c";
        private String taskDueField = "Handover_Due__c";
        private String userSkillsField;
        private String userLanguagesField;
        private String userCapacityField;
        private String userRoleField;
        private final Map<String, String> customFields = new LinkedHashMap<>();
        private Map<String, TicketStatus> statusMap = Config.DEFAULT_STATUS_MAP;
        private Map<String, TicketPriority> priorityMap = Config.DEFAULT_PRIORITY_MAP;
        private String taskOpenStatus = "Not Started";
        private String taskCompletedStatus = "Completed";
        private String taskCancelledStatus = "Deferred";
        private String taskPriority = "Normal";
        private int keysKept = 50;
        private int casesPerCall = Writer.RECORDS_PER_COLLECTION;
        private int maxUrlBytes = 16_000;
        private Duration directoryTtl = Duration.ofMinutes(5);
        private Duration caseCacheTtl = Duration.ofMinutes(10);
        private int caseCacheSize = 10_000;
        private double slowDownAt = 0.8;
        private Duration maxDelay = Duration.ofSeconds(2);
        private double stopAt = 0.98;
        private Duration cooldown = Duration.ofMinutes(5);
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(250);
        private Duration maxBackoff = Duration.ofSeconds(8);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private Duration deadline = HttpLimits.DEFAULT_DEADLINE;
        private long maxBodyBytes = HttpLimits.DEFAULT_MAX_BODY_BYTES;
        private Client client;
        private Clock clock;
        private Sleeper sleeper;
        private RandomGenerator random;

        private Builder() {}

        // ------------------------------------------------------------------ the org and the credentials

        /**
         * The org's My Domain URL, {@code https://acme.my.salesforce.com}; required. https only (http only on
         * loopback, for tests), without query or fragment. Setting {@code instance-url}.
         */
        public Builder instanceUrl(URI url) {
            Objects.requireNonNull(url, "instance URL");
            checkUrl("instance URL", url);
            once("instance URL", url.toString());
            this.instanceUrl = url;
            return this;
        }

        /** The REST API version, {@code 67.0} or {@code v67.0}; default {@code 67.0}. Setting {@code api-version}. */
        public Builder apiVersion(String version) {
            Objects.requireNonNull(version, "API version");
            Matcher m = VERSION.matcher(version);
            if (!m.matches()) {
                throw refused("API version", "a version like 67.0 or v67.0", version);
            }
            once("API version", m.group(1));
            this.apiVersion = m.group(1);
            return this;
        }

        /**
         * OAuth client credentials: the External Client App's consumer key and secret; the app runs as its integration
         * user. Not with {@link #jwtBearer}. Settings {@code auth.flow=client-credentials}, {@code auth.client-id},
         * {@code auth.client-secret}.
         */
        public Builder clientCredentials(String clientId, Secret clientSecret) {
            Objects.requireNonNull(clientSecret, "client secret");
            String id = consumerKey(clientId);
            if (flow == OAuthCredentials.Grant.Flow.JWT_BEARER) {
                throw new IllegalStateException("salesforce: client credentials and a JWT bearer were both given; "
                        + "give one kind of credentials");
            }
            if (set.containsKey("JWT audience")) {
                throw new IllegalStateException(
                        "salesforce: a JWT audience is set, but client credentials send no JWT; drop one of them");
            }
            once("credentials", "client credentials (client id " + HIDDEN + ", secret " + HIDDEN + ")");
            this.flow = OAuthCredentials.Grant.Flow.CLIENT_CREDENTIALS;
            this.clientId = id;
            this.clientSecret = clientSecret;
            return this;
        }

        /**
         * The OAuth JWT bearer flow: an RS256 assertion for {@code username}, signed with a PEM RSA private key
         * (PKCS#8 {@code BEGIN PRIVATE KEY} or PKCS#1 {@code BEGIN RSA PRIVATE KEY}, unencrypted), checked here. Not
         * with {@link #clientCredentials}. Settings {@code auth.flow=jwt-bearer}, {@code auth.client-id}, {@code
         * auth.username}, {@code auth.private-key}.
         */
        public Builder jwtBearer(String clientId, String username, Secret privateKeyPem) {
            Objects.requireNonNull(privateKeyPem, "JWT private key");
            String id = consumerKey(clientId);
            Objects.requireNonNull(username, "JWT username");
            if (username.isBlank()) {
                throw refused("JWT username", "the user the token is for", username);
            }
            try {
                JwtAssertion.privateKey(privateKeyPem); // refused now, not at the first call
            } catch (IllegalArgumentException e) {
                throw new Refusal("JWT private key", "a PEM RSA private key", e.getMessage(), null);
            }
            if (flow == OAuthCredentials.Grant.Flow.CLIENT_CREDENTIALS) {
                throw new IllegalStateException("salesforce: client credentials and a JWT bearer were both given; "
                        + "give one kind of credentials");
            }
            once(
                    "credentials",
                    "JWT bearer (client id " + HIDDEN + ", user " + username + ", private key " + HIDDEN + ")");
            this.flow = OAuthCredentials.Grant.Flow.JWT_BEARER;
            this.clientId = id;
            this.username = username;
            this.privateKey = privateKeyPem;
            return this;
        }

        /**
         * The JWT's {@code aud}: {@code https://login.salesforce.com} (the default) or {@code
         * https://test.salesforce.com} for sandboxes. JWT bearer only. Setting {@code auth.audience}.
         */
        public Builder jwtAudience(URI audience) {
            Objects.requireNonNull(audience, "JWT audience");
            checkUrl("JWT audience", audience);
            if (flow == OAuthCredentials.Grant.Flow.CLIENT_CREDENTIALS) {
                throw new IllegalStateException(
                        "salesforce: a JWT audience was given, but client credentials send no JWT; drop one of them");
            }
            once("JWT audience", audience.toString());
            this.audience = audience.toString();
            return this;
        }

        /** The token endpoint; default {@code <instance URL>/services/oauth2/token}. Setting {@code auth.token-url}. */
        public Builder tokenUrl(URI url) {
            Objects.requireNonNull(url, "token URL");
            checkUrl("token URL", url);
            once("token URL", url.toString());
            this.tokenUrl = url;
            return this;
        }

        private static String consumerKey(String clientId) {
            Objects.requireNonNull(clientId, "client id");
            if (clientId.isBlank()) {
                throw refused("client id", "the External Client App's consumer key", clientId);
            }
            return clientId;
        }

        // ------------------------------------------------------------------ notes

        /** Notes are CaseComments ({@code IsPublished=false} when internal); the default. {@code notes.object}. */
        public Builder notesAsCaseComments() {
            return notes(Config.NoteObject.CASE_COMMENT);
        }

        /** Notes are FeedItems ({@code Visibility=InternalUsers} when internal; HTML as rich text). {@code notes.object}. */
        public Builder notesAsFeedItems() {
            return notes(Config.NoteObject.FEED_ITEM);
        }

        private Builder notes(Config.NoteObject object) {
            once("note object", object.sobject);
            this.noteObject = object;
            return this;
        }

        /** Comments are read from CaseComments only (the default when notes are CaseComments). {@code notes.read}. */
        public Builder readNotesFromCaseComments() {
            return read(Config.ReadNotes.CASE_COMMENT);
        }

        /** Comments are read from FeedItems only (the default when notes are FeedItems). {@code notes.read}. */
        public Builder readNotesFromFeedItems() {
            return read(Config.ReadNotes.FEED_ITEM);
        }

        /** Comments are read from CaseComments and FeedItems, merged by time. {@code notes.read=both}. */
        public Builder readNotesFromBoth() {
            return read(Config.ReadNotes.BOTH);
        }

        private Builder read(Config.ReadNotes read) {
            once("notes read", read.label());
            this.readNotes = read;
            return this;
        }

        // ------------------------------------------------------------------ fields

        /** The Case field of the tags; default {@code Handover_Tags__c}. {@code fields.case.tags}. */
        public Builder caseTagsField(String apiName) {
            this.tagsField = requiredField("case tags field", apiName);
            return this;
        }

        /** Tags are stored separated by spaces in a text field; the default. {@code fields.case.tags-format=text}. */
        public Builder caseTagsAsText() {
            return tagsFormat(false);
        }

        /**
         * Tags are stored {@code ;}-separated in a multi-select picklist (tags containing {@code ;} are refused).
         * {@code fields.case.tags-format=multipicklist}.
         */
        public Builder caseTagsAsMultiPicklist() {
            return tagsFormat(true);
        }

        private Builder tagsFormat(boolean multiPicklist) {
            once("case tags format", multiPicklist ? "multipicklist" : "text");
            this.tagsMultiPicklist = multiPicklist;
            return this;
        }

        /** The Case field of the idempotency markers; default {@code Handover_Keys__c}. {@code fields.case.keys}. */
        public Builder caseKeysField(String apiName) {
            this.keysField = requiredField("case keys field", apiName);
            return this;
        }

        /**
         * The Case field of the revision counter; default {@code Handover_Revision__c}. Not with {@link
         * #withoutCaseRevisionField()}. {@code fields.case.revision}.
         */
        public Builder caseRevisionField(String apiName) {
            this.revisionField = optionalField("case revision field", apiName, "withoutCaseRevisionField()");
            return this;
        }

        /** No revision counter: the version is SystemModstamp alone. {@code fields.case.revision=none}. */
        public Builder withoutCaseRevisionField() {
            once("case revision field", "none");
            this.revisionField = null;
            return this;
        }

        /**
         * The Case field of the group of agent-owned Cases; default {@code Handover_Group__c}. Not with {@link
         * #withoutCaseGroupField()}. {@code fields.case.group}.
         */
        public Builder caseGroupField(String apiName) {
            this.groupField = optionalField("case group field", apiName, "withoutCaseGroupField()");
            return this;
        }

        /** No group field: a Case's group is only the queue that owns it. {@code fields.case.group=none}. */
        public Builder withoutCaseGroupField() {
            once("case group field", "none");
            this.groupField = null;
            return this;
        }

        /** The Case field of the conversation's language; none by default. {@code fields.case.language}. */
        public Builder caseLanguageField(String apiName) {
            this.caseLanguageField = optionalField("case language field", apiName, "leaving it unset");
            return this;
        }

        /** The Contact field of the customer's language; none by default. {@code fields.contact.language}. */
        public Builder contactLanguageField(String apiName) {
            this.contactLanguageField = optionalField("contact language field", apiName, "leaving it unset");
            return this;
        }

        /**
         * The Case number field counting how often the Case was reopened (Salesforce has no standard one: a field an
         * org's flow maintains); none by default, and then every ticket reads 0 reopens. {@code fields.case.reopens}.
         */
        public Builder caseReopensField(String apiName) {
            this.caseReopensField = optionalField("case reopens field", apiName, "leaving it unset");
            return this;
        }

        /**
         * The field holding the customer's service tier, on the Case's Account or Contact: {@code
         * Account.Service_Tier__c} or {@code Contact.Level__c} (a text, picklist or number field); none by default,
         * and then the tier is empty. {@code customer.tier-field}.
         */
        public Builder customerTierField(String path) {
            Objects.requireNonNull(path, "customer tier field");
            String expected =
                    "a field of the Case's Account or Contact, like Account.Service_Tier__c or" + " Contact.Level__c";
            String[] parts = path.strip().split("\\.", -1);
            if (parts.length != 2 || !(parts[0].equals("Account") || parts[0].equals("Contact"))) {
                throw refused("customer tier field", expected, path);
            }
            try {
                Soql.name(parts[1]);
            } catch (IllegalArgumentException e) {
                throw refused("customer tier field", expected, path);
            }
            once("customer tier field", path.strip());
            this.customerTierField = path.strip();
            return this;
        }

        /**
         * The user licences (as {@code UserLicense.Name} holds them, compared ignoring case) whose users cannot own
         * Cases, so they never receive a handover, an escalation or a capacity count; empty for none. Default {@code
         * Chatter Free}, {@code Chatter External}, {@code Chatter Only}, {@code Salesforce Platform}. {@code
         * directory.licences-without-cases}.
         */
        public Builder licencesWithoutCases(Collection<String> licences) {
            Objects.requireNonNull(licences, "licences without cases");
            List<String> copy = new ArrayList<>();
            for (String l : licences) {
                if (l == null || l.isBlank() || l.length() > 80 || l.contains(";")) {
                    throw refused(
                            "licences without cases", "user licence names of 1–80 characters without ';'", licences);
                }
                copy.add(l.strip());
            }
            once("licences without cases", copy.toString());
            this.licencesWithoutCases = List.copyOf(copy);
            return this;
        }

        /** The Task field of the handover id; default {@code Handover_Id__c}. {@code fields.task.handover}. */
        public Builder taskHandoverField(String apiName) {
            this.taskHandoverField = requiredField("task handover field", apiName);
            return this;
        }

        /** The Task field of the task's key; default {@code Handover_Task_Key__c}. {@code fields.task.key}. */
        public Builder taskKeyField(String apiName) {
            this.taskKeyField = requiredField("task key field", apiName);
            return this;
        }

        /** The Task field of the task's kind; default {@code Handover_Task_Kind__c}. {@code fields.task.kind}. */
        public Builder taskKindField(String apiName) {
            this.taskKindField = requiredField("task kind field", apiName);
            return this;
        }

        /** The Task field of the exact due instant; default {@code Handover_Due__c}. {@code fields.task.due}. */
        public Builder taskDueField(String apiName) {
            this.taskDueField = requiredField("task due field", apiName);
            return this;
        }

        /** The User field of an agent's skills; none by default. {@code fields.user.skills}. */
        public Builder userSkillsField(String apiName) {
            this.userSkillsField = optionalField("user skills field", apiName, "leaving it unset");
            return this;
        }

        /**
         * The User field of an agent's languages ({@code en;de}); without it, the user's {@code LanguageLocaleKey}.
         * {@code fields.user.languages}.
         */
        public Builder userLanguagesField(String apiName) {
            this.userLanguagesField = optionalField("user languages field", apiName, "leaving it unset");
            return this;
        }

        /** The User field of the most open Cases an agent should hold; unlimited without it. {@code fields.user.capacity}. */
        public Builder userCapacityField(String apiName) {
            this.userCapacityField = optionalField("user capacity field", apiName, "leaving it unset");
            return this;
        }

        /** The User field of an agent's role, for limits of authority; none by default. {@code fields.user.role}. */
        public Builder userRoleField(String apiName) {
            this.userRoleField = optionalField("user role field", apiName, "leaving it unset");
            return this;
        }

        /**
         * A Case field exposed to rules as the ticket custom field {@code name} (1–64 lower-case letters, digits,
         * {@code _} or {@code -}); numbers read as plain decimals. Once per name. {@code fields.custom.<name>}.
         */
        public Builder customField(String name, String apiName) {
            Objects.requireNonNull(name, "custom field name");
            String option = "custom field '" + name + "'";
            if (!CUSTOM_NAME.matcher(name).matches()) {
                throw new Refusal(
                        option,
                        "a name of 1–64 lower-case letters, digits, '_' or '-'",
                        "must be named with 1–64 lower-case letters, digits, '_' or '-'",
                        name);
            }
            String field = apiName(option, apiName, "this field is required");
            once(option, field);
            customFields.put(name, field);
            return this;
        }

        private String requiredField(String option, String apiName) {
            String field = apiName(option, apiName, "this field is required");
            once(option, field);
            return field;
        }

        private String optionalField(String option, String apiName, String forNone) {
            String field = apiName(option, apiName, "for none, keep no field by " + forNone);
            once(option, field);
            return field;
        }

        /** The word {@code none} means "no field" in settings, so it is no field's name here either. */
        private static String apiName(String option, String apiName, String noneHint) {
            Objects.requireNonNull(apiName, option);
            if (apiName.strip().equalsIgnoreCase(Config.NONE)) {
                throw refused(option, "a field's API name (" + noneHint + ")", apiName);
            }
            try {
                return Soql.name(apiName);
            } catch (IllegalArgumentException e) {
                throw refused(option, "a field's API name like Handover_Tags__c", apiName);
            }
        }

        // ------------------------------------------------------------------ picklists

        /**
         * Case Status values to normalized statuses, replacing the default map (in its order: it is the order of the
         * statuses in queries). A status not in the map reads as CLOSED or OPEN by {@code IsClosed}. {@code
         * case.status-map}.
         */
        public Builder statusMap(Map<String, TicketStatus> statuses) {
            this.statusMap = mapping("status map", statuses);
            return this;
        }

        /** Case Priority values to normalized priorities; others read as NORMAL. {@code case.priority-map}. */
        public Builder priorityMap(Map<String, TicketPriority> priorities) {
            this.priorityMap = mapping("priority map", priorities);
            return this;
        }

        private <E extends Enum<E>> Map<String, E> mapping(String option, Map<String, E> map) {
            Objects.requireNonNull(map, option);
            if (map.isEmpty()) {
                throw refused(option, "at least one entry", map);
            }
            Map<String, E> copy = new LinkedHashMap<>();
            map.forEach((vendor, normalized) -> {
                if (vendor == null || vendor.isBlank() || normalized == null) {
                    throw refused(option, "entries of a picklist value and what it means", vendor + "=" + normalized);
                }
                copy.put(vendor, normalized);
            });
            once(option, copy.toString());
            return Collections.unmodifiableMap(copy);
        }

        /** The Task Status of new tasks, an open status of the org; default {@code Not Started}. {@code task.status.open}. */
        public Builder taskOpenStatus(String status) {
            this.taskOpenStatus = picklist("task open status", status);
            return this;
        }

        /** The Task Status of completed tasks, a closed one; default {@code Completed}. {@code task.status.completed}. */
        public Builder taskCompletedStatus(String status) {
            this.taskCompletedStatus = picklist("task completed status", status);
            return this;
        }

        /**
         * The Task Status of cancelled tasks; default {@code Deferred} (open in a default org: add a closed {@code
         * Cancelled} status and set it here). {@code task.status.cancelled}.
         */
        public Builder taskCancelledStatus(String status) {
            this.taskCancelledStatus = picklist("task cancelled status", status);
            return this;
        }

        /** The Task Priority of new tasks; default {@code Normal}. {@code task.priority}. */
        public Builder taskPriority(String priority) {
            this.taskPriority = picklist("task priority", priority);
            return this;
        }

        private String picklist(String option, String value) {
            Objects.requireNonNull(value, option);
            if (value.isBlank() || value.length() > 255) {
                throw refused(option, "a picklist value of 1–255 characters", value);
            }
            once(option, value);
            return value;
        }

        // ------------------------------------------------------------------ state, caches, limits, retries

        /**
         * Idempotency markers kept per Case, 4–1000; default 50. A replay older than that is not recognised. {@code
         * idempotency.keys-kept}.
         */
        public Builder idempotencyKeysKept(int keys) {
            if (keys < 4 || keys > 1000) {
                throw refused("idempotency keys kept", "a whole number from 4 to 1000", keys);
            }
            once("idempotency keys kept", Integer.toString(keys));
            this.keysKept = keys;
            return this;
        }

        /**
         * The most Cases one composite write holds, 1–200; default 200 (the records of one sObject Collection). In an
         * org whose triggers and flows make a call exceed a governor limit the adapter halves its packs by itself, so
         * this is a starting point, not a promise. {@code write.cases-per-call}.
         */
        public Builder casesPerCall(int cases) {
            if (cases < 1 || cases > Writer.RECORDS_PER_COLLECTION) {
                throw refused("Cases per call", "a whole number from 1 to 200", cases);
            }
            once("Cases per call", Integer.toString(cases));
            this.casesPerCall = cases;
            return this;
        }

        /**
         * The longest subrequest URL, in bytes, 2,000–16,384; default 16,000. Salesforce limits a URI to 16,384 bytes
         * and does not say whether composite subrequests share the limit; the adapter splits its version-guard
         * queries to stay under this. {@code limits.max-url-bytes}.
         */
        public Builder maxUrlBytes(int bytes) {
            if (bytes < 2_000 || bytes > 16_384) {
                throw refused("the longest URL", "a whole number of bytes from 2000 to 16384", bytes);
            }
            once("the longest URL", Integer.toString(bytes));
            this.maxUrlBytes = bytes;
            return this;
        }

        /** How long the directory and the Task picklists are cached; default 5 minutes. {@code directory.ttl}. */
        public Builder directoryTtl(Duration ttl) {
            this.directoryTtl = positive("directory TTL", ttl);
            return this;
        }

        /** How long a Case read serves as the base of a write; default 10 minutes. {@code cache.case-ttl}. */
        public Builder caseCacheTtl(Duration ttl) {
            this.caseCacheTtl = positive("case cache TTL", ttl);
            return this;
        }

        /** Cases kept as bases of writes, 0 for none; default 10,000. {@code cache.case-max}. */
        public Builder caseCacheSize(int cases) {
            if (cases < 0) {
                throw refused("case cache size", "a whole number of 0 or more", cases);
            }
            once("case cache size", Integer.toString(cases));
            this.caseCacheSize = cases;
            return this;
        }

        /**
         * The share of the daily API allocation from which calls are paced, above 0 and at most 1; default 0.8. Not
         * above {@link #limitsStopAt}. {@code limits.slow-down-at}.
         */
        public Builder limitsSlowDownAt(double share) {
            this.slowDownAt = share("limits slow-down-at", share);
            return this;
        }

        /** The pause before each call as usage reaches the stop-at share; default 2 s. {@code limits.max-delay}. */
        public Builder limitsMaxDelay(Duration delay) {
            Objects.requireNonNull(delay, "limits max delay");
            if (delay.isNegative()) {
                throw refused("limits max delay", "a duration of zero or more", delay);
            }
            once("limits max delay", delay.toString());
            this.maxDelay = delay;
            return this;
        }

        /**
         * The share from which calls are refused locally, leaving the rest for people and other integrations; default
         * 0.98. {@code limits.stop-at}.
         */
        public Builder limitsStopAt(double share) {
            this.stopAt = share("limits stop-at", share);
            return this;
        }

        /**
         * How long calls pause after the stop-at share or {@code REQUEST_LIMIT_EXCEEDED}; default 5 minutes. {@code
         * limits.cooldown}.
         */
        public Builder limitsCooldown(Duration cooldown) {
            this.cooldown = positive("limits cooldown", cooldown);
            return this;
        }

        private double share(String option, double share) {
            if (!(share > 0 && share <= 1)) {
                throw refused(option, "a fraction above 0 and at most 1, like 0.8", share);
            }
            once(option, Double.toString(share));
            return share;
        }

        /** Attempts of a transient failure, the first included, 1–10; default 4. {@code retry.max-attempts}. */
        public Builder retryMaxAttempts(int attempts) {
            if (attempts < 1 || attempts > 10) {
                throw refused("retry max attempts", "a whole number from 1 to 10", attempts);
            }
            once("retry max attempts", Integer.toString(attempts));
            this.maxAttempts = attempts;
            return this;
        }

        /** The first wait before a retry, doubling per retry; default 250 ms. {@code retry.initial-backoff}. */
        public Builder retryInitialBackoff(Duration backoff) {
            this.initialBackoff = positive("retry initial backoff", backoff);
            return this;
        }

        /**
         * The cap of a wait, and the longest {@code Retry-After} waited (a longer one is reported, not waited); default
         * 8 s, not below the initial backoff. {@code retry.max-backoff}.
         */
        public Builder retryMaxBackoff(Duration backoff) {
            this.maxBackoff = positive("retry max backoff", backoff);
            return this;
        }

        /** The connect timeout of the default client; 10 s by default. Not with {@link #client}. {@code http.connect-timeout}. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout("connect timeout", timeout);
            return this;
        }

        /** The read timeout of the default client; 60 s by default. Not with {@link #client}. {@code http.read-timeout}. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout("read timeout", timeout);
            return this;
        }

        /**
         * How long one attempt may take in all, from sending the request to the last byte of the answer; 60 s by
         * default. The read time-out ends when the headers arrive, so a server that then stalls would block for good.
         * Past it the attempt fails as a time-out: a read is retried, a write's outcome is unknown. Redirects within
         * the origin count towards it. Also with an injected client. {@code http.deadline}.
         */
        public Builder deadline(Duration deadline) {
            this.deadline = positive("deadline", deadline);
            return this;
        }

        /**
         * The most bytes an answer's body may have; 32 MiB by default, at least 1 KiB. A larger answer is refused by
         * its {@code Content-Length} before reading, or as soon as reading passes the limit, and never held in memory.
         * {@code http.max-body-bytes}.
         */
        public Builder maxBodyBytes(long bytes) {
            if (bytes < HttpLimits.MIN_BODY_BYTES) {
                throw refused("max body bytes", "at least " + HttpLimits.MIN_BODY_BYTES + " (1 KiB)", bytes);
            }
            once("max body bytes", Long.toString(bytes));
            this.maxBodyBytes = bytes;
            return this;
        }

        private Duration timeout(String option, Duration timeout) {
            Duration d = checkPositive(option, timeout);
            if (client != null) {
                throw new IllegalStateException("salesforce: a " + option + " was given with an injected client; the "
                        + "timeouts are the default client's: set them on the injected one");
            }
            once(option, d.toString());
            return d;
        }

        private Duration positive(String option, Duration d) {
            checkPositive(option, d);
            once(option, d.toString());
            return d;
        }

        private static Duration checkPositive(String option, Duration d) {
            Objects.requireNonNull(d, option);
            if (d.isNegative() || d.isZero()) {
                throw refused(option, "a positive duration", d);
            }
            return d;
        }

        // ------------------------------------------------------------------ seams

        /**
         * The Jakarta REST client to send requests with, owned by the caller (not closed by {@link #close()}). By
         * default the connector builds a Jersey client on the JDK HttpClient connector with the connect and read
         * timeouts; an injected client must be able to send PATCH inside composite bodies only, so any connector
         * works. Not with {@link #connectTimeout} or {@link #readTimeout}. It must follow no redirect, or a {@code
         * Location} naming another host would receive the token or the client secret: build it with the property
         * {@code jersey.config.client.followRedirects} set to {@code false} ({@link
         * HttpExchange#FOLLOW_REDIRECTS_PROPERTY}; Jersey's JDK connector then uses {@code Redirect.NEVER}); a client
         * without it is refused. The connector follows redirects within the origin itself.
         */
        public Builder client(Client client) {
            Objects.requireNonNull(client, "client");
            Object follow = client.getConfiguration().getProperty(HttpExchange.FOLLOW_REDIRECTS_PROPERTY);
            if (!Boolean.FALSE.equals(follow) && !"false".equals(follow)) {
                throw new IllegalArgumentException("salesforce: the injected client may follow redirects, and a"
                        + " redirect to another host would receive the credentials: set its property "
                        + HttpExchange.FOLLOW_REDIRECTS_PROPERTY + " to false");
            }
            for (String timeout : List.of("connect timeout", "read timeout")) {
                if (set.containsKey(timeout)) {
                    throw new IllegalStateException("salesforce: an injected client was given with a " + timeout
                            + "; the timeouts are the default client's: set them on the injected one");
                }
            }
            once("client", "injected");
            this.client = client;
            return this;
        }

        /** The clock for tokens, pacing and the caches' expiry (the caches tick with it); the system UTC clock by default. */
        public Builder clock(Clock clock) {
            Objects.requireNonNull(clock, "clock");
            once("clock", clock.toString());
            this.clock = clock;
            return this;
        }

        /**
         * How to wait between retries and when pacing near the API cap; {@link Sleeper#SYSTEM} by default. Tests pass
         * one that advances their clock ({@code clock::advance}).
         */
        public Builder sleeper(Sleeper sleeper) {
            Objects.requireNonNull(sleeper, "sleeper");
            once("sleeper", "injected");
            this.sleeper = sleeper;
            return this;
        }

        /** The randomness of retry jitter; tests pass a seeded one. */
        public Builder random(RandomGenerator random) {
            Objects.requireNonNull(random, "random");
            once("random", "injected");
            this.random = random;
            return this;
        }

        // ------------------------------------------------------------------ settings

        /**
         * Every option from settings for provider {@code salesforce}: each key (see {@code docs/salesforce.md}) sets the
         * typed option it names, with the same checks. Unknown keys are refused with the nearest known one; secrets
         * must be {@link Secret}s and plain values must not be.
         *
         * @throws dev.handover.spi.CrmSettingsException when a setting is unknown, missing or malformed, or contradicts
         *     another; {@code key()} names it
         * @throws IllegalArgumentException when the settings are for another provider
         * @throws IllegalStateException when settings were already given
         */
        public Builder settings(CrmSettings settings) {
            Objects.requireNonNull(settings, "settings");
            if (!Config.PROVIDER.equals(settings.provider())) {
                throw new IllegalArgumentException("salesforce: settings are for provider '" + settings.provider()
                        + "', not '" + Config.PROVIDER + "'");
            }
            if (settingsGiven) {
                throw new IllegalStateException("salesforce: settings are already set");
            }
            settingsGiven = true;
            Settings.read(settings, this);
            return this;
        }

        // ------------------------------------------------------------------ build

        /**
         * The connector. No call is made until the first operation.
         *
         * @throws IllegalStateException when the instance URL or the credentials are missing (the message names each),
         *     or options contradict each other
         */
        public SalesforceConnector build() {
            return new SalesforceConnector(this, config());
        }

        /** What the options resolve to, defaults filled in. */
        Config config() {
            List<String> missing = new ArrayList<>();
            if (instanceUrl == null) {
                missing.add("the instance URL (instanceUrl, or the setting 'instance-url')");
            }
            if (flow == null) {
                missing.add("credentials (clientCredentials or jwtBearer, or the 'auth.*' settings)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("salesforce: " + String.join(" and ", missing) + " must be set");
            }
            for (Conflict c : conflicts()) {
                throw new IllegalStateException("salesforce: " + c.message());
            }
            URI token = tokenUrl != null
                    ? tokenUrl
                    : URI.create(stripSlash(instanceUrl.toString()) + "/services/oauth2/token");
            OAuthCredentials.Grant grant = flow == OAuthCredentials.Grant.Flow.CLIENT_CREDENTIALS
                    ? OAuthCredentials.Grant.clientCredentials(clientId, clientSecret, token)
                    : OAuthCredentials.Grant.jwtBearer(clientId, username, privateKey, audience, token);
            return new Config(
                    instanceUrl,
                    apiVersion,
                    grant,
                    noteObject,
                    readNotes(),
                    new Config.CaseFields(
                            tagsField,
                            tagsMultiPicklist,
                            keysField,
                            Optional.ofNullable(revisionField),
                            Optional.ofNullable(groupField),
                            Optional.ofNullable(caseLanguageField),
                            Optional.ofNullable(contactLanguageField),
                            Optional.ofNullable(caseReopensField),
                            Optional.ofNullable(customerTierField)),
                    new Config.TaskFields(taskHandoverField, taskKeyField, taskKindField, taskDueField),
                    new Config.UserFields(
                            Optional.ofNullable(userSkillsField),
                            Optional.ofNullable(userLanguagesField),
                            Optional.ofNullable(userCapacityField),
                            Optional.ofNullable(userRoleField)),
                    licencesWithoutCases.stream()
                            .map(l -> l.toLowerCase(Locale.ROOT))
                            .collect(Collectors.toUnmodifiableSet()),
                    Collections.unmodifiableMap(new LinkedHashMap<>(customFields)),
                    statusMap,
                    priorityMap,
                    new Config.TaskPicklists(taskOpenStatus, taskCompletedStatus, taskCancelledStatus, taskPriority),
                    keysKept,
                    new Config.Batches(casesPerCall, maxUrlBytes),
                    directoryTtl,
                    caseCacheTtl,
                    caseCacheSize,
                    new Throttle.Limits(slowDownAt, maxDelay, stopAt, cooldown),
                    new Config.Retry(maxAttempts, initialBackoff, maxBackoff),
                    connectTimeout,
                    readTimeout,
                    new HttpLimits(maxBodyBytes, deadline));
        }

        private Config.ReadNotes readNotes() {
            if (readNotes != null) {
                return readNotes;
            }
            return noteObject == Config.NoteObject.CASE_COMMENT
                    ? Config.ReadNotes.CASE_COMMENT
                    : Config.ReadNotes.FEED_ITEM;
        }

        /**
         * A combination no single setter can refuse, because a default takes part in it: worded for the typed options
         * and for the settings, with the keys that may be blamed, most likely first.
         */
        record Conflict(List<String> keys, String expected, String message, String settingMessage) {}

        /** The combinations that do not hold, checked by {@link #build()} and, with their keys, by {@link Settings}. */
        List<Conflict> conflicts() {
            List<Conflict> out = new ArrayList<>();
            Config.ReadNotes read = readNotes();
            if (!read.includes(noteObject)) {
                out.add(new Conflict(
                        List.of("notes.read", "notes.object"),
                        "objects that include " + noteObject.sobject,
                        "notes read from " + read.label() + " leave out " + noteObject.sobject
                                + ", the object notes are written as: written notes would not read back",
                        "setting 'notes.read' must include the objects notes are written as (notes.object="
                                + noteObject.sobject + "), or written notes would not read back"));
            }
            List<String> keys = new ArrayList<>();
            if (taskOpenStatus.equals(taskCompletedStatus)) {
                keys.addAll(List.of("task.status.completed", "task.status.open"));
            }
            if (taskOpenStatus.equals(taskCancelledStatus)) {
                keys.addAll(List.of("task.status.cancelled", "task.status.open"));
            }
            if (taskCompletedStatus.equals(taskCancelledStatus)) {
                keys.addAll(List.of("task.status.cancelled", "task.status.completed"));
            }
            if (!keys.isEmpty()) {
                out.add(new Conflict(
                        List.copyOf(new LinkedHashSet<>(keys)),
                        "three different Task statuses",
                        "the task open, completed and cancelled statuses must be three different Task statuses, were '"
                                + taskOpenStatus + "', '" + taskCompletedStatus + "' and '" + taskCancelledStatus + "'",
                        "settings 'task.status.open', 'task.status.completed' and 'task.status.cancelled' must be"
                                + " three different Task statuses"));
            }
            if (stopAt < slowDownAt) {
                out.add(new Conflict(
                        List.of("limits.stop-at", "limits.slow-down-at"),
                        "a share not below limits.slow-down-at",
                        "limits stop-at (" + stopAt + ") must not be below limits slow-down-at (" + slowDownAt + ")",
                        "setting 'limits.stop-at' (" + stopAt + ") must not be below 'limits.slow-down-at' ("
                                + slowDownAt + ")"));
            }
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                out.add(new Conflict(
                        List.of("retry.max-backoff", "retry.initial-backoff"),
                        "a duration not below retry.initial-backoff",
                        "retry max backoff (" + maxBackoff + ") must not be below retry initial backoff ("
                                + initialBackoff + ")",
                        "setting 'retry.max-backoff' must not be below 'retry.initial-backoff'"));
            }
            return out;
        }

        /** The options set, never a secret. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("SalesforceConnector.Builder[");
            set.forEach((option, shown) -> {
                if (sb.charAt(sb.length() - 1) != '[') {
                    sb.append(", ");
                }
                sb.append(option).append('=').append(shown);
            });
            return sb.append(']').toString();
        }

        // ------------------------------------------------------------------ checks

        private void once(String option, String shown) {
            if (set.containsKey(option)) {
                throw new IllegalStateException("salesforce: " + option + " is already set");
            }
            set.put(option, shown);
        }

        private static void checkUrl(String option, URI url) {
            String host = url.getHost();
            boolean loopback =
                    host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
            if (host == null || !("https".equals(url.getScheme()) || ("http".equals(url.getScheme()) && loopback))) {
                throw refused(option, "an https URL (http only on loopback)", url);
            }
            if (url.getRawQuery() != null || url.getRawFragment() != null) {
                throw refused(option, "a URL without query or fragment", url);
            }
        }

        private static String stripSlash(String s) {
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }

        private static Refusal refused(String option, String expected, Object was) {
            return new Refusal(option, expected, null, was);
        }

        /**
         * An argument refused. It carries what was expected, so that {@link Settings} reports a refused setting in the
         * settings' own words ("salesforce setting 'directory.ttl' must be a positive duration, was '0s'").
         */
        static final class Refusal extends IllegalArgumentException {
            private static final long serialVersionUID = 1L;
            /** What a good value is, in words. */
            final String expected;
            /** The problem as the end of a sentence naming the option, or null for "must be <expected>, was …". */
            final String predicate;

            Refusal(String option, String expected, String predicate, Object was) {
                super("salesforce: " + option + " "
                        + (predicate != null ? predicate : "must be " + expected + ", was '" + was + "'"));
                this.expected = expected;
                this.predicate = predicate;
            }
        }
    }
}
