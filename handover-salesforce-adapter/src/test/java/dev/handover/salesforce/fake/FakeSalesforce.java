package dev.handover.salesforce.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.Secret;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Visibility;
import dev.handover.testkit.compat.KitFaults;
import dev.handover.testkit.compat.KitFixture;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful fake Salesforce org on a loopback port, for tests of the adapter and of anything built on it (the
 * runner's tests reuse it from this module's test jar).
 *
 * <p>It speaks the parts of the REST API the adapter uses, with Salesforce's rules: OAuth client credentials and JWT
 * bearer (signatures verified), {@code /query} with the SOQL the adapter emits and {@code nextRecordsUrl} paging,
 * {@code /composite} with {@code allOrNone} roll-back, {@code @{ref.path}} references and per-subrequest headers,
 * sObject Rows and Collections, field-level rules (system fields, lengths, restricted picklists, active owners),
 * an active case assignment rule that overrides the owner of any Case written without {@code Sforce-Auto-Assign:
 * FALSE}, tokens that expire, the {@code Sforce-Limit-Info} header and the daily limit. Every request is recorded.
 *
 * <p>Ids are Salesforce-shaped: seed with 18-character ids of the right key prefix ({@link Ids18#of(String, long)},
 * {@link SalesforceKitIds}).
 *
 * <pre>{@code
 * try (FakeSalesforce org = FakeSalesforce.builder().clock(clock).start()) {
 *     org.seed(fixture);                                       // or putUser/putGroup/putCase/putCaseComment
 *     CrmConnector crm = SalesforceConnector.builder().settings(org.settings()).build();
 *     org.faults().next(FakeFaults.Target.COMPOSITE, FakeFaults.Fault.DROP_AFTER);
 *     ...
 *     org.records("Task");                                     // inspect state, org.requests() for the wire
 * }
 * }</pre>
 */
public final class FakeSalesforce implements AutoCloseable {
    /** The consumer key the fake accepts. */
    public static final String CLIENT_ID = "3MVG9fake.client.id";
    /** The consumer secret the fake accepts (a test credential, also used to check that secrets never leak). */
    public static final String CLIENT_SECRET = "fake-client-secret-4c1d";
    /** The API version the fake serves. */
    public static final String API_VERSION = "67.0";
    /** The owner the fake's active assignment rule gives every Case written without {@code Sforce-Auto-Assign: FALSE}. */
    public static final String ASSIGNMENT_RULE_QUEUE_NAME = "Assignment Rule Queue";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern REFERENCE =
            Pattern.compile("@\\{([A-Za-z0-9_]+)((?:\\.[A-Za-z0-9_]+|\\[\\d+\\])+)\\}");

    /** A request as the fake received it. */
    public record RecordedRequest(String method, String path, String query, Map<String, String> headers, String body) {
        /** A header by case-insensitive name. */
        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst();
        }

        /** True for API calls (everything but the OAuth token endpoint). */
        public boolean isApiCall() {
            return path.startsWith("/services/data/");
        }

        /** The SOQL of a query request, decoded. */
        public Optional<String> soql() {
            return queryParameter(query, "q");
        }

        /** The body parsed as JSON (composite requests). */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    private final Object lock = new Object();
    private final HttpServer server;
    private final ExecutorService executor;
    private final FakeStore store;
    private final FakeFaults faults = new FakeFaults();
    private final Clock clock;
    private final int queryBatchSize;
    private final long apiLimit;
    private final AtomicLong apiUsed = new AtomicLong();
    private final Map<String, Boolean> tokens = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, JwtClient> jwtClients = Collections.synchronizedMap(new HashMap<>());
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<ObjectNode>> cursors = new HashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Map<String, String> customFields;
    private final boolean strictReferences;

    // a busy org: its own automation shares each transaction; limits it enforces
    /** "Total number of records processed as a result of DML statements: 10,000" per transaction (Execution
     * Governors and Limits, Apex Developer Guide). */
    static final int DML_ROWS_PER_TRANSACTION = 10_000;
    /** "The length of the URI, including the query string, is limited to 16,384 bytes" (REST API Developer Guide,
     * limits); whether subrequests of a composite share it is not documented: the fake assumes they do. */
    static final int MAX_URI_BYTES = 16_384;

    private final int maxUriBytes;
    private volatile boolean limitInfo = true;
    private volatile boolean refuseDeletes;

    private volatile int automationRowsPerRecord;
    private final Map<String, String> refusedRecords = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean collectionErrorsAsArray;
    private final Set<String> readOnlyFields = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private int transactionRows;
    private boolean inComposite;
    private int longestSubrequestUrl;
    private long cursorSequence;

    private record JwtClient(String username, PublicKey key) {}

    private FakeSalesforce(Builder b) throws IOException {
        this.clock = b.clock;
        this.queryBatchSize = b.queryBatchSize;
        this.apiLimit = b.apiLimit;
        this.customFields = Map.copyOf(b.customFields);
        this.strictReferences = b.strictReferences;
        this.maxUriBytes = b.maxUriBytes;
        Map<String, String> types = new HashMap<>();
        b.customFields.forEach((name, api) -> types.put(api, "NUMBER"));
        this.store = new FakeStore(clock, b.writeTick, types);
        if (b.assignmentRules) {
            store.assignmentRuleOwner = store.seed(
                    "Group",
                    FakeStore.record(
                            "Name",
                            ASSIGNMENT_RULE_QUEUE_NAME,
                            "DeveloperName",
                            "Assignment_Rule_Queue",
                            "Type",
                            "Queue"));
            store.seed("QueueSobject", FakeStore.record("QueueId", store.assignmentRuleOwner, "SobjectType", "Case"));
        }
        store.seed("Organization", FakeStore.record("Name", "Fake Org", "IsSandbox", b.sandbox));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-salesforce");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A builder: system clock, 1-second write tick, 100,000 API calls a day, 2,000 records per query page. */
    public static Builder builder() {
        return new Builder();
    }

    /** A fake with the defaults. */
    public static FakeSalesforce start() {
        return builder().start();
    }

    /** Configures a {@link FakeSalesforce}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Duration writeTick = Duration.ofSeconds(1);
        private long apiLimit = 100_000;
        private int queryBatchSize = 2000;
        private boolean assignmentRules = true;
        private boolean strictReferences = true;
        private boolean sandbox = true;
        private int maxUriBytes = MAX_URI_BYTES;
        private final Map<String, String> customFields =
                new LinkedHashMap<>(Map.of("refund_amount", "Refund_Amount__c"));

        private Builder() {}

        /** The clock records are stamped with. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How far the stamp moves per write when the clock stands still (Salesforce keeps whole seconds). */
        public Builder writeTick(Duration tick) {
            this.writeTick = tick;
            return this;
        }

        /** The org's daily API allocation. */
        public Builder apiLimit(long limit) {
            this.apiLimit = limit;
            return this;
        }

        /** Records per query page before {@code nextRecordsUrl} (Salesforce: 2,000, fewer for wide records). */
        public Builder queryBatchSize(int size) {
            this.queryBatchSize = size;
            return this;
        }

        /** Whether an active case assignment rule overrides owners written without the header (default on). */
        public Builder assignmentRules(boolean active) {
            this.assignmentRules = active;
            return this;
        }

        /**
         * Whether a composite reference to something the earlier answer does not have fails its subrequest (default,
         * and what the adapter relies on). Off, such a reference becomes empty text, and reading an sObject without an
         * id answers 200 — the behaviour the adapter must detect if an org ever shows it.
         */
        public Builder strictReferences(boolean strict) {
            this.strictReferences = strict;
            return this;
        }

        /** What {@code SELECT IsSandbox FROM Organization} answers (default true: tests run against a sandbox). */
        public Builder sandbox(boolean sandbox) {
            this.sandbox = sandbox;
            return this;
        }

        /** The longest subrequest URL the org accepts (default 16,384 bytes); longer ones answer 414. */
        public Builder maxSubrequestUrlBytes(int bytes) {
            this.maxUriBytes = bytes;
            return this;
        }

        /** A numeric Case custom field exposed to the adapter under {@code name}. */
        public Builder customNumberField(String name, String apiName) {
            customFields.put(name, apiName);
            return this;
        }

        /** Starts the fake on a free loopback port. */
        public FakeSalesforce start() {
            try {
                return new FakeSalesforce(this);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the fake Salesforce", e);
            }
        }
    }

    // ------------------------------------------------------------------ API for tests

    /** The base URL ({@code http://127.0.0.1:port}): the instance URL and the token endpoint's host. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Settings for the adapter against this fake (client credentials, every field the fake has). */
    public CrmSettings settings() {
        return settings(values -> {});
    }

    /** Settings with adjustments: {@code settings(v -> v.put("notes.object", "FeedItem"))}. */
    public CrmSettings settings(Consumer<Map<String, String>> adjust) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("instance-url", url().toString());
        values.put("api-version", API_VERSION);
        values.put("auth.client-id", CLIENT_ID);
        values.put("fields.contact.language", "Language__c");
        values.put("fields.user.skills", "Handover_Skills__c");
        values.put("fields.user.languages", "Handover_Languages__c");
        values.put("fields.user.capacity", "Handover_Capacity__c");
        values.put("fields.user.role", "Handover_Role__c");
        customFields.forEach((name, api) -> values.put("fields.custom." + name, api));
        adjust.accept(values);
        CrmSettings.Builder b = CrmSettings.builder("salesforce").putAll(values);
        if (!values.containsKey("auth.flow") || values.get("auth.flow").equals("client-credentials")) {
            b.secret("auth.client-secret", Secret.of(CLIENT_SECRET));
        }
        return b.build();
    }

    /** Accepts JWT bearer assertions from this consumer key for this user, signed by this key. */
    public void registerJwtClient(String clientId, String username, PublicKey key) {
        jwtClients.put(clientId, new JwtClient(username, key));
    }

    /** Every access token issued so far stops working (401 {@code INVALID_SESSION_ID}). */
    public void expireTokens() {
        synchronized (tokens) {
            tokens.replaceAll((t, valid) -> false);
        }
    }

    /** Tokens issued so far. */
    public int tokensIssued() {
        return tokens.size();
    }

    /** Every access token issued so far (for tests that check tokens never leak). */
    public List<String> issuedTokens() {
        synchronized (tokens) {
            return List.copyOf(tokens.keySet());
        }
    }

    /** Sets the API calls used today (to test pacing and the limit). */
    public void setApiUsage(long used) {
        apiUsed.set(used);
    }

    /** API calls counted so far (token requests are not API calls). */
    public long apiCalls() {
        return apiUsed.get();
    }

    /** Injected faults. */
    public FakeFaults faults() {
        return faults;
    }

    /**
     * The compatibility kit's fault hook over this org, on its clock. A rate limit is what Salesforce answers when the
     * org's API allocation is used up: 403 {@code REQUEST_LIMIT_EXCEEDED}, without a wait (the REST API's status codes,
     * developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm, list no 429). A lost write
     * answer meets the next composite that writes, not the directory read a connector's first write makes before it;
     * the other faults meet the next API request, whatever it is.
     */
    public KitFaults kitFaults() {
        return new KitFaults.OnClock(clock) {
            @Override
            public void loseNextWriteAnswer() {
                faults.next(FakeFaults.Target.WRITE, FakeFaults.Fault.DROP_AFTER);
            }

            @Override
            public void serverErrorOnNextWrite() {
                faults.next(FakeFaults.Target.WRITE, FakeFaults.Fault.STATUS_500_BEFORE);
            }

            @Override
            public void resetNextWriteConnection() {
                faults.next(FakeFaults.Target.WRITE, FakeFaults.Fault.DROP_BEFORE);
            }

            @Override
            public void serverErrorOnNextRead() {
                faults.next(FakeFaults.Target.QUERY, FakeFaults.Fault.STATUS_500_BEFORE);
            }

            @Override
            public void rateLimitNext(Duration retryAfter) {
                faults.next(FakeFaults.Target.API, FakeFaults.Fault.LIMIT_EXCEEDED);
            }

            @Override
            public int pending() {
                return faults.pending();
            }
        };
    }

    /** Every request received, oldest first. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** Requests matching a condition. */
    public List<RecordedRequest> requests(Predicate<RecordedRequest> which) {
        return requests().stream().filter(which).toList();
    }

    /** Forgets the recorded requests (not the state). */
    public void clearRequests() {
        requests.clear();
    }

    /** A record by id, as stored (field names as in the schema). */
    public Optional<Map<String, Object>> record(String id) {
        synchronized (lock) {
            return Optional.ofNullable(store.find(Ids18.normalize(id))).map(FakeSalesforce::copy);
        }
    }

    /** Every record of an object. */
    public List<Map<String, Object>> records(String sobject) {
        synchronized (lock) {
            return store.rows(sobject);
        }
    }

    /** A Case's CaseComments and FeedItems, oldest first. */
    public List<Map<String, Object>> comments(String caseId) {
        synchronized (lock) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (String object : List.of("CaseComment", "FeedItem")) {
                store.rows(object).stream()
                        .filter(r -> caseId.equals(r.get("ParentId")))
                        .forEach(out::add);
            }
            out.sort((a, b) -> ((Instant) a.get("CreatedDate")).compareTo((Instant) b.get("CreatedDate")));
            return out;
        }
    }

    /** The Tasks of a Case. */
    public List<Map<String, Object>> tasks(String caseId) {
        synchronized (lock) {
            return store.rows("Task").stream()
                    .filter(r -> caseId.equals(r.get("WhatId")))
                    .toList();
        }
    }

    /** A person changes a Case in Salesforce's UI: the changes land, stamps move, no assignment rule runs. */
    public void editCase(String caseId, Map<String, Object> changes) {
        synchronized (lock) {
            store.update("Case", caseId, changes, false);
        }
    }

    /** Stores a value unchecked, so that the org answers what the adapter cannot read (a date that is no date). */
    public void putRawValue(String id, String field, Object value) {
        synchronized (lock) {
            Map<String, Object> r = store.find(Ids18.normalize(id));
            if (r == null) {
                throw new IllegalArgumentException("no record " + id);
            }
            r.put(field, value);
        }
    }

    /** A person marks a Task as done in Salesforce. */
    public void completeTask(String taskId) {
        synchronized (lock) {
            store.update("Task", taskId, Map.of("Status", "Completed"), false);
        }
    }

    /** Adds a Task Status value (an org can add, say, a closed "Cancelled"). */
    public void addTaskStatus(String apiName, boolean closed) {
        synchronized (lock) {
            store.seed("TaskStatus", FakeStore.record("ApiName", apiName, "MasterLabel", apiName, "IsClosed", closed));
        }
    }

    // ------------------------------------------------------------------ seeding

    /** Seeds the compatibility kit's fixture: groups, agents, contacts, Cases and comments, keeping ids and times. */
    public FakeSalesforce seed(KitFixture fixture) {
        fixture.groups().forEach(this::putGroup);
        fixture.agents().forEach(this::putUser);
        fixture.tickets().forEach(this::putCase);
        for (KitFixture.SeedComment c : fixture.comments()) {
            putCaseComment(
                    c.ticket().value(), c.authorId(), c.body(), c.visibility() == Visibility.PUBLIC, c.createdAt());
        }
        return this;
    }

    /** A public group (team), or a queue that can own Cases, with the group's id. */
    public void putGroup(Group g) {
        if (g.kind() == GroupKind.QUEUE) {
            putQueue(g, "Case");
        } else {
            synchronized (lock) {
                store.seed("Group", groupRecord(g, "Regular"));
            }
        }
    }

    /**
     * A queue that can own these objects only: one {@code QueueSobject} row per type ({@code "Lead"} alone makes a
     * queue no Case can be assigned to: FIELD_INTEGRITY_EXCEPTION).
     */
    public void putQueue(Group g, String... sobjectTypes) {
        synchronized (lock) {
            String id = store.seed("Group", groupRecord(g, "Queue"));
            for (String type : sobjectTypes) {
                store.seed("QueueSobject", FakeStore.record("QueueId", id, "SobjectType", type));
            }
        }
    }

    private static Map<String, Object> groupRecord(Group g, String type) {
        return FakeStore.record(
                "Id", g.id().value(),
                "Name", g.name(),
                "DeveloperName", g.name().replaceAll("[^A-Za-z0-9]+", "_"),
                "Type", type);
    }

    /** An internal user with the agent's id, fields and group memberships, on the full {@code Salesforce} licence. */
    public void putUser(Agent a) {
        putUser(a, "Salesforce");
    }

    /**
     * An internal user on this user licence ({@code Salesforce}, {@code Salesforce Platform}, {@code Chatter Free},
     * {@code Chatter External}, {@code Chatter Only}, {@code Salesforce Integration}): the user's profile is that
     * licence's.
     */
    public void putUser(Agent a, String licence) {
        synchronized (lock) {
            store.seed(
                    "User",
                    FakeStore.record(
                            "Id", a.id().value(),
                            "ProfileId", store.profileOf(licence),
                            "Name", a.name(),
                            "Email", a.email(),
                            "IsActive", a.active(),
                            "UserType", "Standard",
                            "TimeZoneSidKey", a.timeZone().getId(),
                            "LanguageLocaleKey", "en_US",
                            "ManagerId", a.manager().map(m -> m.value()).orElse(null),
                            "Handover_Skills__c", String.join(";", a.skills()),
                            "Handover_Languages__c",
                                    String.join(
                                            ";",
                                            a.languages().stream()
                                                    .map(Locale::toLanguageTag)
                                                    .toList()),
                            "Handover_Capacity__c", a.capacity() == Agent.UNLIMITED ? null : (double) a.capacity(),
                            "Handover_Role__c", a.role()));
            for (var g : a.groups()) {
                store.seed("GroupMember", FakeStore.record("GroupId", g.value(), "UserOrGroupId", a.id().value()));
            }
        }
    }

    /** A Case with the ticket's id, fields and times, and its requester as a Contact. */
    public void putCase(Ticket t) {
        synchronized (lock) {
            String contact = t.requester().id().isEmpty() ? null : t.requester().id();
            if (contact != null && store.find(contact) == null) {
                store.seed(
                        "Contact",
                        FakeStore.record(
                                "Id", contact,
                                "Name", t.requester().name(),
                                "Email", t.requester().email(),
                                "Phone", t.requester().phone(),
                                "Salutation",
                                        t.requester().salutation().isEmpty()
                                                ? null
                                                : t.requester().salutation(),
                                "Language__c",
                                        t.requester()
                                                .language()
                                                .map(Locale::toLanguageTag)
                                                .orElse(null)));
            }
            Map<String, Object> r = FakeStore.record(
                    "Id", t.id().value(),
                    "Subject", t.subject(),
                    "Description", t.description(),
                    "Status", status(t.status()),
                    "Priority", priority(t.priority()),
                    "Origin", origin(t.channel()),
                    "OwnerId",
                            t.assignee()
                                    .map(a -> a.value())
                                    .orElse(t.group().map(g -> g.value()).orElse(null)),
                    "Handover_Group__c",
                            t.assignee().isPresent()
                                    ? t.group().map(g -> g.value()).orElse(null)
                                    : null,
                    "ContactId", contact,
                    "Handover_Tags__c", String.join(" ", t.tags()),
                    "CreatedDate", t.createdAt(),
                    "LastModifiedDate", t.updatedAt(),
                    "SystemModstamp", t.updatedAt());
            t.customFields().forEach((name, value) -> {
                String api = customFields.get(name);
                if (api != null) {
                    r.put(api, Double.parseDouble(value));
                }
            });
            store.seed("Case", r);
        }
    }

    /**
     * A CaseComment as it is. An author that is a Contact id writes through a portal user linked to that Contact,
     * created on first use.
     */
    public void putCaseComment(String caseId, String authorId, String body, boolean published, Instant at) {
        synchronized (lock) {
            String author = authorId;
            if (authorId.startsWith("003")) {
                author = store.rows("User").stream()
                        .filter(u -> authorId.equals(u.get("ContactId")))
                        .map(u -> (String) u.get("Id"))
                        .findFirst()
                        .orElseGet(() -> store.seed(
                                "User",
                                FakeStore.record(
                                        "Name",
                                        "Portal user of " + authorId,
                                        "IsActive",
                                        true,
                                        "UserType",
                                        "PowerCustomerSuccess",
                                        "ContactId",
                                        authorId)));
            }
            store.seed(
                    "CaseComment",
                    FakeStore.record(
                            "ParentId", caseId,
                            "CommentBody", body,
                            "IsPublished", published,
                            "CreatedById", author,
                            "CreatedDate", at,
                            "LastModifiedDate", at,
                            "SystemModstamp", at));
        }
    }

    /**
     * A user writes a CaseComment on a Case in Salesforce's UI (the Comments related list, or a quick action): it is
     * created as any insert is — stamped now, the Case's modification stamps moved — and is that user's.
     */
    public String commentAs(String userId, String caseId, String body, boolean published) {
        synchronized (lock) {
            String id = store.insert(
                    "CaseComment",
                    new java.util.LinkedHashMap<>(
                            Map.of("ParentId", caseId, "CommentBody", body, "IsPublished", published)),
                    false);
            store.find(id).put("CreatedById", userId);
            return id;
        }
    }

    /**
     * A user posts in a Case's Chatter feed (a FeedItem of Type TextPost; {@code visibility} {@code InternalUsers} or
     * {@code AllUsers}): created as any insert is, stamped now and that user's — and, unlike a CaseComment, the Case
     * record is left as it was (its LastModifiedDate does not move), which is what the adapter assumes and its
     * selftest probe {@code feed-item-query} checks in a real org.
     */
    public String postAs(String userId, String caseId, String body, String visibility) {
        synchronized (lock) {
            String id = store.insert(
                    "FeedItem",
                    new java.util.LinkedHashMap<>(
                            Map.of("ParentId", caseId, "Type", "TextPost", "Body", body, "Visibility", visibility)),
                    false);
            store.find(id).put("CreatedById", userId);
            return id;
        }
    }

    /**
     * An e-mail on a Case as Email-to-Case or a send from the Case leaves it: {@code incoming} for the customer's,
     * sent by {@code createdBy} (the sending user; for incoming mail the automated process user); {@code status} is
     * the picklist code ({@code 0} New … {@code 3} Sent, {@code 5} Draft). Either body may be null.
     */
    public String putEmailMessage(
            String caseId,
            boolean incoming,
            String createdBy,
            String textBody,
            String htmlBody,
            String status,
            Instant at) {
        synchronized (lock) {
            return store.seed(
                    "EmailMessage",
                    FakeStore.record(
                            "ParentId", caseId,
                            "Incoming", incoming,
                            "CreatedById", createdBy,
                            "FromAddress", incoming ? "customer@example.com" : "support@example.com",
                            "TextBody", textBody,
                            "HtmlBody", htmlBody,
                            "Status", status,
                            "MessageDate", at,
                            "CreatedDate", at,
                            "LastModifiedDate", at,
                            "SystemModstamp", at));
        }
    }

    /** Any record as it is (an Account, a Contact): unchecked, with an id of the object's key prefix when none. */
    public String putRecord(String sobject, Map<String, Object> fields) {
        synchronized (lock) {
            Map<String, Object> r = FakeStore.record();
            r.putAll(fields);
            return store.seed(sobject, r);
        }
    }

    /** The Case Status value the fake stores for a normalized status (the adapter's default map read backwards). */
    public static String status(TicketStatus s) {
        return switch (s) {
            case NEW -> "New";
            case OPEN -> "Working";
            case PENDING -> "Waiting on Customer";
            case ON_HOLD -> "On Hold";
            case SOLVED -> "Solved";
            case CLOSED -> "Closed";
        };
    }

    /** The Case Priority value the fake stores for a normalized priority. */
    public static String priority(TicketPriority p) {
        return switch (p) {
            case LOW -> "Low";
            case NORMAL -> "Medium";
            case HIGH -> "High";
            case URGENT -> "Critical";
        };
    }

    private static String origin(Channel c) {
        String n = c.name();
        return n.substring(0, 1).toUpperCase(Locale.ROOT) + n.substring(1);
    }

    private static Map<String, Object> copy(Map<String, Object> r) {
        Map<String, Object> c = FakeStore.record();
        c.putAll(r);
        return Collections.unmodifiableMap(c);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------ HTTP

    private record Answer(int status, JsonNode body) {}

    private void handle(HttpExchange ex) throws IOException {
        String body;
        try (InputStream in = ex.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        URI uri = ex.getRequestURI();
        String path = uri.getRawPath();
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
        RecordedRequest recorded = new RecordedRequest(ex.getRequestMethod(), path, uri.getRawQuery(), headers, body);
        requests.add(recorded);

        FakeFaults.Target target = path.equals("/services/oauth2/token")
                ? FakeFaults.Target.TOKEN
                : path.endsWith("/composite") ? FakeFaults.Target.COMPOSITE : FakeFaults.Target.QUERY;
        FakeFaults.Fault fault = faults.take(target, target == FakeFaults.Target.COMPOSITE && writes(body));
        if (fault == FakeFaults.Fault.DROP_BEFORE) {
            throw new IOException("fault: connection dropped before processing");
        }
        if (fault == FakeFaults.Fault.STATUS_500_BEFORE) {
            send(ex, new Answer(500, errors("UNKNOWN_EXCEPTION", "An unexpected error occurred.")), false);
            return;
        }
        if (fault == FakeFaults.Fault.STATUS_503_BEFORE) {
            send(ex, new Answer(503, errors("SERVER_UNAVAILABLE", "Server is unavailable.")), false);
            return;
        }
        if (fault == FakeFaults.Fault.SESSION_EXPIRED) {
            expireTokens();
        }

        Answer answer;
        boolean api = path.startsWith("/services/data/");
        if (path.equals("/services/oauth2/token") && ex.getRequestMethod().equals("POST")) {
            answer = token(body);
        } else if (!api) {
            answer = new Answer(404, errors("NOT_FOUND", "The requested resource does not exist"));
        } else if (!authorized(headers)) {
            answer = new Answer(401, errors("INVALID_SESSION_ID", "Session expired or invalid"));
        } else if (fault == FakeFaults.Fault.LIMIT_EXCEEDED || apiUsed.get() >= apiLimit) {
            answer = new Answer(403, errors("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."));
        } else {
            apiUsed.incrementAndGet();
            if (fault == FakeFaults.Fault.UNABLE_TO_LOCK_ROW
                    && target == FakeFaults.Target.COMPOSITE
                    && body.contains("\"PATCH\"")) {
                answer = lockedRow(body);
            } else {
                synchronized (lock) {
                    answer = api(
                            ex.getRequestMethod(),
                            path,
                            uri.getRawQuery(),
                            body,
                            !"false"
                                    .equalsIgnoreCase(recorded.header("Sforce-Auto-Assign")
                                            .orElse("TRUE")));
                }
            }
        }
        if (fault == FakeFaults.Fault.DROP_AFTER) {
            throw new IOException("fault: connection dropped after processing");
        }
        if (fault == FakeFaults.Fault.STATUS_500_AFTER) {
            answer = new Answer(500, errors("UNKNOWN_EXCEPTION", "An unexpected error occurred."));
        }
        if (fault == FakeFaults.Fault.HANG_AFTER) {
            try {
                closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("fault: answer withheld");
        }
        if (fault == FakeFaults.Fault.UNREADABLE_DATES_AFTER && answer.body != null) {
            answer = new Answer(answer.status, unreadableDates(answer.body.deepCopy()));
        }
        if (fault == FakeFaults.Fault.MALFORMED_JSON_AFTER) {
            String text = answer.body == null ? "{" : JSON.writeValueAsString(answer.body);
            sendRaw(ex, 200, text.substring(0, Math.max(1, text.length() / 2)), api);
            return;
        }
        send(ex, answer, api);
    }

    /** True when a composite request has a subrequest other than GET. */
    private static boolean writes(String body) {
        try {
            for (JsonNode sub : JSON.readTree(body).path("compositeRequest")) {
                if (!"GET".equals(sub.path("method").asText())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.*");

    private static JsonNode unreadableDates(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> o.set(name, unreadableDates(o.get(name))));
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, unreadableDates(a.get(i)));
            }
        } else if (node.isTextual() && DATE_TIME.matcher(node.asText()).matches()) {
            return TextNode.valueOf("not a date");
        }
        return node;
    }

    private void send(HttpExchange ex, Answer a, boolean api) throws IOException {
        sendRaw(ex, a.status, a.body == null ? null : JSON.writeValueAsString(a.body), api);
    }

    private void sendRaw(HttpExchange ex, int status, String text, boolean api) throws IOException {
        if (api && limitInfo) {
            ex.getResponseHeaders().add("Sforce-Limit-Info", "api-usage=" + apiUsed.get() + "/" + apiLimit);
        }
        if (text == null) {
            ex.sendResponseHeaders(status, -1);
            ex.close();
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private boolean authorized(Map<String, String> headers) {
        String auth = headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Authorization"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse("");
        return auth.startsWith("Bearer ") && Boolean.TRUE.equals(tokens.get(auth.substring(7)));
    }

    // ------------------------------------------------------------------ OAuth

    private Answer token(String form) {
        Map<String, String> p = new HashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                p.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        String grant = p.getOrDefault("grant_type", "");
        if (grant.equals("client_credentials")) {
            if (!CLIENT_ID.equals(p.get("client_id")) || !CLIENT_SECRET.equals(p.get("client_secret"))) {
                return oauthError("invalid_client", "invalid client credentials");
            }
        } else if (grant.equals("urn:ietf:params:oauth:grant-type:jwt-bearer")) {
            String problem = jwtProblem(p.getOrDefault("assertion", ""));
            if (problem != null) {
                return oauthError("invalid_grant", problem);
            }
        } else {
            return oauthError("unsupported_grant_type", "grant type not supported");
        }
        String token = "00DFAKE!" + UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, true);
        ObjectNode ok = NODES.objectNode();
        ok.put("access_token", token);
        ok.put("instance_url", url().toString());
        ok.put("id", url() + "/id/00DFAKE/" + store.integrationUserId);
        ok.put("token_type", "Bearer");
        ok.put("issued_at", Long.toString(clock.millis()));
        ok.put("signature", "fake");
        return new Answer(200, ok);
    }

    private String jwtProblem(String assertion) {
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            return "malformed assertion";
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return "algorithm not supported";
            }
            JwtClient client = jwtClients.get(claims.path("iss").asText());
            if (client == null) {
                return "invalid client id";
            }
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(client.key());
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return "invalid assertion signature";
            }
            if (!client.username().equals(claims.path("sub").asText())) {
                return "user hasn't approved this consumer";
            }
            if (!Set.of("https://login.salesforce.com", "https://test.salesforce.com", url().toString())
                    .contains(claims.path("aud").asText())) {
                return "audience is invalid";
            }
            if (claims.path("exp").asLong(0) < clock.instant().getEpochSecond()) {
                return "expired authorization code";
            }
            // "exp: ... within 3 minutes" of Salesforce's clock (OAuth 2.0 JWT Bearer Flow for Server-to-Server
            // Integration): an assertion expiring later is refused
            if (claims.path("exp").asLong(0) > clock.instant().getEpochSecond() + 180) {
                return "invalid assertion: exp is more than 3 minutes ahead";
            }
            return null;
        } catch (Exception e) {
            return "invalid assertion";
        }
    }

    private static Answer oauthError(String error, String description) {
        ObjectNode e = NODES.objectNode();
        e.put("error", error);
        e.put("error_description", description);
        return new Answer(400, e);
    }

    // ------------------------------------------------------------------ REST API

    private static final Pattern DATA = Pattern.compile("/services/data/v(\\d+\\.\\d)(/.*)");

    private Answer api(String method, String path, String rawQuery, String body, boolean autoAssign) {
        try {
            return data(method, path, rawQuery, rest -> {
                if (method.equals("GET") && rest.startsWith("/query/")) {
                    return nextPage(rest.substring("/query/".length()));
                }
                if (method.equals("POST") && rest.equals("/composite")) {
                    return composite(JSON.readTree(body));
                }
                // a single sObject request honours the header as a subrequest does
                return single(method, rest, rawQuery, body.isEmpty() ? null : JSON.readTree(body), autoAssign);
            });
        } catch (IOException e) {
            return new Answer(400, errors("JSON_PARSER_ERROR", "Unexpected character in JSON"));
        }
    }

    /** Where a path below {@code /services/data/vNN.N} goes once it is not a query. */
    @FunctionalInterface
    private interface DataRoute<E extends Exception> {
        Answer route(String rest) throws E;
    }

    /**
     * A request to the REST API, on its own or as a composite subrequest: a path outside it is not found, a query runs
     * here, anything else goes by {@code route}; a SOQL error is a 400, as Salesforce answers it.
     */
    private <E extends Exception> Answer data(String method, String path, String rawQuery, DataRoute<E> route)
            throws E {
        Matcher m = DATA.matcher(path);
        if (!m.matches()) {
            return new Answer(404, errors("NOT_FOUND", "The requested resource does not exist"));
        }
        String rest = m.group(2);
        try {
            if (method.equals("GET") && rest.equals("/query")) {
                return new Answer(200, query(queryParameter(rawQuery, "q").orElse("")));
            }
            return route.route(rest);
        } catch (FakeSoql.SoqlException e) {
            return new Answer(400, errors(e.code, e.getMessage()));
        }
    }

    private Answer nextPage(String locator) {
        List<ObjectNode> rest = cursors.remove(locator.split("-")[0]);
        if (rest == null) {
            return new Answer(400, errors("INVALID_QUERY_LOCATOR", "invalid query locator"));
        }
        return new Answer(200, page(rest, rest.size()));
    }

    /** Runs a query; records beyond the batch size wait under a locator for {@code nextRecordsUrl}. */
    private ObjectNode query(String soql) {
        FakeSoql.Query q = FakeSoql.parse(soql);
        String object = store.canonical(q.from());
        if (noFeedAccess && object.equals("FeedItem")) {
            throw new FakeSoql.SoqlException("INVALID_TYPE", "sObject type 'FeedItem' is not supported.");
        }
        FakeSoql.Resolver resolver = store::get;
        for (FakeSoql.SelectItem s : q.select()) {
            if (s.isSubquery()) {
                FakeStore.Child child = store.child(object, s.field());
                s.sub().select().forEach(c -> checkPath(child.object(), c.field()));
                check(s.sub().where(), child.object());
            } else {
                checkPath(object, s.field());
            }
        }
        check(q.where(), object);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : store.table(object).values()) {
            if (FakeSoql.matches(q.where(), object, r, resolver)) {
                rows.add(r);
            }
        }
        boolean aggregate = !q.groupBy().isEmpty() || q.select().stream().anyMatch(FakeSoql.SelectItem::count);
        if (aggregate) {
            rows = FakeSoql.group(q, rows, object, (o, r, p) -> r.containsKey(p) ? r.get(p) : resolver.get(o, r, p));
        }
        rows.sort(FakeSoql.comparator(q.orderBy(), object, resolver));
        if (q.limit() >= 0 && rows.size() > q.limit()) {
            rows = rows.subList(0, q.limit());
        }
        List<ObjectNode> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            out.add(aggregate ? aggregateRecord(r) : record(object, r, q.select()));
        }
        return page(out, out.size());
    }

    private ObjectNode page(List<ObjectNode> records, int total) {
        ObjectNode page = NODES.objectNode();
        page.put("totalSize", total);
        List<ObjectNode> now = records.size() > queryBatchSize ? records.subList(0, queryBatchSize) : records;
        boolean done = now.size() == records.size();
        page.put("done", done);
        if (!done) {
            String locator = "01gFAKE" + (++cursorSequence);
            cursors.put(locator, new ArrayList<>(records.subList(queryBatchSize, records.size())));
            page.put("nextRecordsUrl", "/services/data/v" + API_VERSION + "/query/" + locator + "-" + queryBatchSize);
        }
        ArrayNode list = page.putArray("records");
        now.forEach(list::add);
        return page;
    }

    private void checkPath(String object, String path) {
        String current = object;
        String[] steps = path.split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            String target = store.relationshipTarget(current, steps[i], null);
            if (target == null) {
                throw new FakeSoql.SoqlException("INVALID_FIELD", "No such relation '" + steps[i] + "' on " + current);
            }
            current = target;
        }
        store.field(current, steps[steps.length - 1]);
    }

    private void check(FakeSoql.Expr e, String object) {
        if (e == null) {
            return;
        }
        if (e instanceof FakeSoql.And a) {
            a.parts().forEach(p -> check(p, object));
        } else if (e instanceof FakeSoql.Or o) {
            o.parts().forEach(p -> check(p, object));
        } else if (e instanceof FakeSoql.Not n) {
            check(n.inner(), object);
        } else if (e instanceof FakeSoql.Compare c) {
            checkPath(object, c.field());
        } else if (e instanceof FakeSoql.In in) {
            checkPath(object, in.field());
        } else if (e instanceof FakeSoql.Like l) {
            checkPath(object, l.field());
        }
    }

    private ObjectNode record(String object, Map<String, Object> r, List<FakeSoql.SelectItem> select) {
        ObjectNode out = NODES.objectNode();
        ObjectNode attributes = out.putObject("attributes");
        attributes.put("type", object);
        attributes.put("url", "/services/data/v" + API_VERSION + "/sobjects/" + object + "/" + r.get("Id"));
        for (FakeSoql.SelectItem s : select) {
            if (s.isSubquery()) {
                out.set(s.field(), children(object, r, s));
                continue;
            }
            String[] steps = s.field().split("\\.");
            ObjectNode node = out;
            String current = object;
            Map<String, Object> rec = r;
            boolean missing = false;
            for (int i = 0; i < steps.length - 1; i++) {
                String target = store.relationshipTarget(current, steps[i], rec);
                Object id = rec.get(steps[i] + "Id");
                Map<String, Object> related = id == null || target == null
                        ? null
                        : store.table(target).get(id.toString());
                if (related == null) {
                    node.putNull(steps[i]);
                    missing = true;
                    break;
                }
                JsonNode existing = node.get(steps[i]);
                ObjectNode child;
                if (existing instanceof ObjectNode o) {
                    child = o;
                } else {
                    child = node.putObject(steps[i]);
                    ObjectNode a = child.putObject("attributes");
                    a.put("type", target);
                    a.put("url", "/services/data/v" + API_VERSION + "/sobjects/" + target + "/" + id);
                }
                node = child;
                current = target;
                rec = related;
            }
            if (!missing) {
                String name = store.field(current, steps[steps.length - 1]).name();
                node.set(name, value(rec.get(name)));
            }
        }
        return out;
    }

    /**
     * A parent-to-child subquery's rows under the parent, as the REST API nests them: a query result of its own, or
     * null when there are none.
     */
    private JsonNode children(String object, Map<String, Object> parent, FakeSoql.SelectItem s) {
        FakeStore.Child child = store.child(object, s.field());
        FakeSoql.Resolver resolver = store::get;
        List<ObjectNode> rows = new ArrayList<>();
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> c : store.table(child.object()).values()) {
            if (parent.get("Id").equals(c.get(child.parentField()))
                    && FakeSoql.matches(s.sub().where(), child.object(), c, resolver)) {
                matching.add(c);
            }
        }
        matching.sort(FakeSoql.comparator(s.sub().orderBy(), child.object(), resolver));
        if (s.sub().limit() >= 0 && matching.size() > s.sub().limit()) {
            matching = matching.subList(0, s.sub().limit()); // a subquery's LIMIT applies per parent record
        }
        for (Map<String, Object> c : matching) {
            rows.add(record(child.object(), c, s.sub().select()));
        }
        if (rows.isEmpty()) {
            return NODES.nullNode();
        }
        ObjectNode result = NODES.objectNode();
        result.put("totalSize", rows.size());
        result.put("done", true);
        ArrayNode list = result.putArray("records");
        rows.forEach(list::add);
        return result;
    }

    private ObjectNode aggregateRecord(Map<String, Object> r) {
        ObjectNode out = NODES.objectNode();
        out.putObject("attributes").put("type", "AggregateResult");
        r.forEach((k, v) -> out.set(k, value(v)));
        return out;
    }

    private static JsonNode value(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof Instant i) {
            return NODES.textNode(FakeSoql.formatDateTime(i));
        }
        if (v instanceof LocalDate d) {
            return NODES.textNode(d.toString());
        }
        if (v instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        return NODES.textNode(v.toString());
    }

    // ------------------------------------------------------------------ a busy org

    /**
     * The org's triggers and flows write {@code rows} more DML rows for every record the API writes, in the same
     * transaction: a transaction past {@link #DML_ROWS_PER_TRANSACTION} fails, every record of the collection that
     * crosses the limit with {@code CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY} "…: System.LimitException: Too many DML rows",
     * and with {@code allOrNone} the whole call rolls back.
     */
    public synchronized void orgAutomation(int rowsPerRecord) {
        this.automationRowsPerRecord = rowsPerRecord;
    }

    /**
     * A validation rule (or trigger) refuses every write touching this record: an update of it, or a record created
     * under it ({@code ParentId}, {@code WhatId}), with {@code FIELD_CUSTOM_VALIDATION_EXCEPTION}.
     */
    public void refuseWritesTo(String recordId, String message) {
        refusedRecords.put(Ids18.normalize(recordId), message);
    }

    /**
     * A failed sObject Collection answers one error array ({@code [{"errorCode","message"}]}, HTTP 400) instead of a
     * result per record. Salesforce's documentation shows per-record results; whether a failed collection inside an
     * {@code allOrNone} composite may answer the other shape is not documented, so the adapter must handle both.
     */
    public void collectionErrorsAsOneArray(boolean oneArray) {
        this.collectionErrorsAsArray = oneArray;
    }

    /**
     * Field-level security makes a field read-only for the integration user: reads work, every write setting it fails
     * with {@code INVALID_FIELD_FOR_INSERT_UPDATE} "Unable to create/update fields: …".
     */
    public void readOnlyField(String apiName) {
        readOnlyFields.add(apiName);
    }

    // ------------------------------------------------------------------ a hostile org (for the self-test's probes)

    /**
     * Automation that ignores {@code Sforce-Auto-Assign} (a record-triggered flow, Omni-Channel routing) gives every
     * updated Case to this user. Assignment rules themselves honour the header ("Sforce-Auto-Assign: FALSE" — Assignment
     * Rule Header, REST API Developer Guide,
     * developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_autoassign.htm); flows and routing do not
     * read it.
     */
    public void assignmentRuleTakesCases(String userId) {
        synchronized (lock) {
            store.takesCasesOnUpdate = Ids18.normalize(userId);
        }
    }

    /**
     * A validation rule refuses closing a Case while this field is blank, with {@code FIELD_CUSTOM_VALIDATION_EXCEPTION}
     * naming the field (a rule's error shown at a field; Validation Rules, Salesforce Help,
     * help.salesforce.com/s/articleView?id=sf.fields_about_field_validation.htm). The field is added to Case if missing.
     */
    public void requireOnClose(String field) {
        synchronized (lock) {
            store.ensureField("Case", field);
            store.requiredOnClose.add(field);
        }
    }

    private volatile boolean noFeedAccess;

    /**
     * An integration user who may not read FeedItems (Chatter off, or no access to the object): a query on FeedItem is
     * refused as Salesforce refuses an object the user cannot see, {@code INVALID_TYPE} "sObject type 'FeedItem' is not
     * supported." (the code of that refusal; its exact wording for FeedItem is modelled, not confirmed).
     */
    public void noFeedAccess() {
        noFeedAccess = true;
    }

    /**
     * An org without Experience Cloud (communities): FeedItem's {@code Visibility} ("AllUsers" or "InternalUsers",
     * which hides a post from external users; FeedItem, Object Reference,
     * developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_feeditem.htm)
     * is not offered, and setting it is refused as an unknown field, {@code INVALID_FIELD} "No such column". That the
     * field is missing without communities is what the probe checks; the exact refusal is modelled, not confirmed.
     */
    public void noCommunities() {
        synchronized (lock) {
            store.noCommunities = true;
        }
    }

    /**
     * Answers carry no {@code Sforce-Limit-Info} (a proxy stripped it); Salesforce sends it on every REST answer but the
     * Versions URI (Limit Info Header, REST API Developer Guide,
     * developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm).
     */
    public void withoutLimitInfo() {
        limitInfo = false;
    }

    /**
     * The integration user may not delete Cases: {@code DELETE sobjects/Case/{id}} answers 403 {@code
     * INSUFFICIENT_ACCESS_OR_READONLY} ("The request has been refused. Verify that the logged-in user has appropriate
     * permissions" — Status Codes and Error Responses, REST API Developer Guide,
     * developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm).
     */
    public void refuseDeletes() {
        refuseDeletes = true;
    }

    /** The longest subrequest URL a composite carried, in bytes. */
    public synchronized int longestSubrequestUrl() {
        return longestSubrequestUrl;
    }

    // ------------------------------------------------------------------ composite

    private Answer composite(JsonNode request) {
        JsonNode subs = request.path("compositeRequest");
        if (!subs.isArray() || subs.isEmpty()) {
            return new Answer(400, errors("JSON_PARSER_ERROR", "compositeRequest is required"));
        }
        // "You can have up to 25 subrequests in a single call. Up to 5 of these subrequests can be sObject Collections
        // or
        // query operations" (REST API Developer Guide, Composite)
        if (subs.size() > 25) {
            return new Answer(400, errors("LIMIT_EXCEEDED", "A composite request can have at most 25 subrequests"));
        }
        int heavy = 0;
        for (JsonNode s : subs) {
            String url = s.path("url").asText();
            if (url.contains("/query") || url.contains("/composite/sobjects")) {
                heavy++;
            }
            for (String forbidden : List.of("Authorization", "Content-Type", "Accept")) {
                if (s.path("httpHeaders").has(forbidden)) {
                    return new Answer(400, errors("INVALID_HEADER_TYPE", forbidden + " may not be set per subrequest"));
                }
            }
        }
        if (heavy > 5) {
            return new Answer(
                    400, errors("LIMIT_EXCEEDED", "At most 5 subrequests may be queries or sObject Collections"));
        }
        for (JsonNode s : subs) {
            int bytes = s.path("url").asText().getBytes(StandardCharsets.UTF_8).length;
            longestSubrequestUrl = Math.max(longestSubrequestUrl, bytes);
        }
        boolean allOrNone = request.path("allOrNone").asBoolean(false);
        transactionRows = 0;
        inComposite = true;
        try {
            return runComposite(subs, allOrNone);
        } finally {
            inComposite = false;
        }
    }

    private Answer runComposite(JsonNode subs, boolean allOrNone) {
        Object snapshot = store.snapshot();
        Map<String, JsonNode> bodies = new HashMap<>();
        List<ObjectNode> results = new ArrayList<>();
        int failed = -1;
        for (int i = 0; i < subs.size(); i++) {
            JsonNode s = subs.get(i);
            String ref = s.path("referenceId").asText();
            Answer a;
            if (allOrNone && failed >= 0) {
                a = halted();
            } else if (s.path("url").asText().getBytes(StandardCharsets.UTF_8).length > maxUriBytes) {
                a = new Answer(414, errors("URI_TOO_LONG", "The request URI is longer than 16,384 bytes"));
                if (failed < 0) {
                    failed = i;
                }
            } else {
                try {
                    String url = resolve(s.path("url").asText(), bodies);
                    JsonNode body = s.has("body") ? resolveNode(s.get("body"), bodies) : null;
                    Map<String, String> headers = new HashMap<>();
                    s.path("httpHeaders")
                            .properties()
                            .forEach(e -> headers.put(
                                    e.getKey().toLowerCase(Locale.ROOT),
                                    e.getValue().asText()));
                    boolean autoAssign = !"false".equalsIgnoreCase(headers.getOrDefault("sforce-auto-assign", "TRUE"));
                    a = subrequest(s.path("method").asText(), url, body, autoAssign, allOrNone);
                } catch (ReferenceException e) {
                    a = new Answer(400, errors("PROCESSING_HALTED", e.getMessage()));
                }
                if (failed < 0 && failedAnswer(a)) {
                    failed = i;
                }
            }
            bodies.put(ref, a.body == null ? NODES.nullNode() : a.body);
            ObjectNode result = NODES.objectNode();
            result.set("body", a.body == null ? NODES.nullNode() : a.body);
            result.putObject("httpHeaders");
            result.put("httpStatusCode", a.status);
            result.put("referenceId", ref);
            results.add(result);
        }
        if (allOrNone && failed >= 0) {
            store.restore(snapshot);
            for (int i = 0; i < results.size(); i++) {
                if (i != failed) {
                    Answer h = halted();
                    results.get(i).set("body", h.body);
                    results.get(i).put("httpStatusCode", h.status);
                }
            }
        }
        ObjectNode out = NODES.objectNode();
        ArrayNode list = out.putArray("compositeResponse");
        results.forEach(list::add);
        return new Answer(200, out);
    }

    private static boolean failedAnswer(Answer a) {
        if (a.status < 200 || a.status > 299) {
            return true;
        }
        if (a.body != null && a.body.isArray()) {
            for (JsonNode saved : a.body) {
                if (saved.has("success") && !saved.path("success").asBoolean()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Answer halted() {
        return new Answer(
                400,
                errors(
                        "PROCESSING_HALTED",
                        "The transaction was rolled back since another operation in the same transaction failed."));
    }

    /** What the fault {@code UNABLE_TO_LOCK_ROW} answers: the first write failed for a locked row, nothing ran. */
    private Answer lockedRow(String body) {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            return new Answer(400, errors("JSON_PARSER_ERROR", "bad JSON"));
        }
        ObjectNode out = NODES.objectNode();
        ArrayNode list = out.putArray("compositeResponse");
        boolean blamed = false;
        for (JsonNode s : request.path("compositeRequest")) {
            ObjectNode r = list.addObject();
            boolean write = !s.path("method").asText().equals("GET");
            Answer a = write && !blamed
                    ? new Answer(400, errors("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record"))
                    : halted();
            blamed |= write;
            r.set("body", a.body);
            r.putObject("httpHeaders");
            r.put("httpStatusCode", a.status);
            r.put("referenceId", s.path("referenceId").asText());
        }
        return new Answer(200, out);
    }

    private static final class ReferenceException extends Exception {
        private static final long serialVersionUID = 1L;

        ReferenceException(String message) {
            super(message);
        }
    }

    private String resolve(String text, Map<String, JsonNode> bodies) throws ReferenceException {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(
                    sb,
                    Matcher.quoteReplacement(
                            lookUp(m.group(1), m.group(2), bodies).asText()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private JsonNode resolveNode(JsonNode node, Map<String, JsonNode> bodies) throws ReferenceException {
        if (node.isTextual()) {
            return new TextNode(resolve(node.asText(), bodies));
        }
        if (node.isObject()) {
            ObjectNode copy = NODES.objectNode();
            for (var e : node.properties()) {
                copy.set(e.getKey(), resolveNode(e.getValue(), bodies));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = NODES.arrayNode();
            for (JsonNode n : node) {
                copy.add(resolveNode(n, bodies));
            }
            return copy;
        }
        return node;
    }

    private JsonNode lookUp(String ref, String path, Map<String, JsonNode> bodies) throws ReferenceException {
        JsonNode node = bodies.get(ref);
        if (node == null) {
            throw new ReferenceException("Invalid reference specified. Provided referenceId ('" + ref
                    + "') is not defined before it is used.");
        }
        Matcher step = Pattern.compile("\\.([A-Za-z0-9_]+)|\\[(\\d+)\\]").matcher(path);
        while (step.find()) {
            node = step.group(1) != null ? node.get(step.group(1)) : node.get(Integer.parseInt(step.group(2)));
            if ((node == null || node.isNull()) && !strictReferences) {
                return NODES.textNode("");
            }
            if (node == null || node.isNull()) {
                throw new ReferenceException(
                        "Invalid reference specified. No value for " + ref + path + " found in " + ref + ".");
            }
        }
        return node;
    }

    private Answer subrequest(String method, String url, JsonNode body, boolean autoAssign, boolean outerAllOrNone) {
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String rawQuery = q < 0 ? null : url.substring(q + 1);
        return data(method, path, rawQuery, rest -> {
            if (rest.equals("/composite/sobjects") && (method.equals("POST") || method.equals("PATCH"))) {
                return collection(method, body, autoAssign, outerAllOrNone);
            }
            return single(method, rest, rawQuery, body, autoAssign);
        });
    }

    private static final Pattern SOBJECT = Pattern.compile("/sobjects/([A-Za-z0-9_]+)(?:/([A-Za-z0-9]*))?");

    /** sObject Rows: GET, PATCH (update) and POST (create) of one record. */
    private Answer single(String method, String rest, String rawQuery, JsonNode body, boolean autoAssign) {
        Matcher m = SOBJECT.matcher(rest);
        if (!m.matches() || !store.hasObject(m.group(1))) {
            return new Answer(404, errors("NOT_FOUND", "The requested resource does not exist"));
        }
        String object = store.canonical(m.group(1));
        String id = m.group(2);
        try {
            if (method.equals("POST") && id == null) {
                String newId = store.insert(object, fields(body), autoAssign);
                return new Answer(201, saveResult(newId));
            }
            if (id == null || id.isEmpty()) {
                return strictReferences || !method.equals("GET")
                        ? new Answer(404, errors("NOT_FOUND", "The requested resource does not exist"))
                        : new Answer(200, NODES.objectNode().put("objectDescribe", object)); // sObject basic info
            }
            String normalized = Ids18.normalize(id);
            if (normalized == null) {
                return new Answer(400, errors("MALFORMED_ID", "malformed id " + id));
            }
            Map<String, Object> existing = store.table(object).get(normalized);
            if (existing == null) {
                return new Answer(404, errors("NOT_FOUND", "The requested resource does not exist"));
            }
            if (method.equals("GET")) {
                List<FakeSoql.SelectItem> select = new ArrayList<>();
                String fields = queryParameter(rawQuery, "fields").orElse("Id");
                for (String f : fields.split(",")) {
                    select.add(new FakeSoql.SelectItem(f.strip(), false, null));
                }
                return new Answer(200, record(object, existing, select));
            }
            if (method.equals("PATCH")) {
                store.update(object, normalized, fields(body), autoAssign);
                return new Answer(204, null);
            }
            if (method.equals("DELETE")) {
                // "HTTP 204 No Content" on success (Delete a Record, REST API Developer Guide,
                // developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_delete_record.htm)
                if (refuseDeletes) {
                    return new Answer(
                            403, errors("INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id"));
                }
                store.delete(object, normalized);
                return new Answer(204, null);
            }
            return new Answer(405, errors("METHOD_NOT_ALLOWED", "HTTP Method '" + method + "' not allowed"));
        } catch (FakeStore.DmlException e) {
            return new Answer(400, dmlError(e, "errorCode"));
        }
    }

    /** sObject Collections: up to 200 records, all-or-none when asked (or when the composite is). */
    private Answer collection(String method, JsonNode body, boolean autoAssign, boolean outerAllOrNone) {
        JsonNode records = body == null ? null : body.path("records");
        if (records == null || !records.isArray()) {
            return new Answer(400, errors("JSON_PARSER_ERROR", "records is required"));
        }
        if (records.size() > 200) {
            return new Answer(
                    400, errors("EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records"));
        }
        boolean allOrNone = outerAllOrNone || body.path("allOrNone").asBoolean(false);
        Object snapshot = store.snapshot();
        ArrayNode results = NODES.arrayNode();
        boolean anyFailed = false;
        if (!inComposite) {
            transactionRows = 0;
        }
        transactionRows += records.size() * (1 + automationRowsPerRecord);
        boolean overLimit = transactionRows > DML_ROWS_PER_TRANSACTION;
        for (JsonNode r : records) {
            String type = r.path("attributes").path("type").asText();
            try {
                if (overLimit) {
                    throw new FakeStore.DmlException(
                            "CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY",
                            "OrgAutomation: execution of AfterUpdate caused by: System.LimitException: Too many DML"
                                    + " rows: " + (DML_ROWS_PER_TRANSACTION + 1));
                }
                for (String f : readOnlyFields) {
                    if (r.has(f)) {
                        throw new FakeStore.DmlException(
                                "INVALID_FIELD_FOR_INSERT_UPDATE",
                                "Unable to create/update fields: " + f + ". Please check the security settings of this"
                                        + " field and verify that it is read/write for your profile or permission set.",
                                f);
                    }
                }
                String touched = Ids18.normalize(
                        r.has("id")
                                ? r.path("id").asText()
                                : r.path("ParentId").asText(r.path("WhatId").asText("")));
                if (touched != null && refusedRecords.containsKey(touched)) {
                    throw new FakeStore.DmlException("FIELD_CUSTOM_VALIDATION_EXCEPTION", refusedRecords.get(touched));
                }
                if (!store.hasObject(type)) {
                    throw new FakeStore.DmlException("INVALID_TYPE", "sObject type '" + type + "' is not supported");
                }
                if (method.equals("POST")) {
                    if (r.has("id") || r.has("Id")) {
                        throw new FakeStore.DmlException("INVALID_FIELD", "Id may not be set on create", "Id");
                    }
                    results.add(saveResult(store.insert(type, fields(r), autoAssign)));
                } else {
                    String id =
                            r.has("id") ? r.path("id").asText() : r.path("Id").asText(null);
                    if (id == null) {
                        throw new FakeStore.DmlException(
                                "MISSING_ARGUMENT", "Id not specified in an update call", "Id");
                    }
                    String normalized = Ids18.normalize(id);
                    if (normalized == null) {
                        throw new FakeStore.DmlException("MALFORMED_ID", "malformed id " + id, "Id");
                    }
                    if (store.find(normalized) == null) {
                        throw new FakeStore.DmlException("ENTITY_IS_DELETED", "entity is deleted", "Id");
                    }
                    store.update(type, normalized, fields(r), autoAssign);
                    results.add(saveResult(normalized));
                }
            } catch (FakeStore.DmlException e) {
                anyFailed = true;
                ObjectNode failed = NODES.objectNode();
                failed.put("success", false);
                failed.set("errors", dmlError(e, "statusCode"));
                results.add(failed);
            } catch (FakeSoql.SoqlException e) {
                anyFailed = true;
                ObjectNode failed = NODES.objectNode();
                failed.put("success", false);
                failed.set("errors", dmlError(new FakeStore.DmlException(e.code, e.getMessage()), "statusCode"));
                results.add(failed);
            }
        }
        if (anyFailed && collectionErrorsAsArray) {
            store.restore(snapshot);
            JsonNode first = null;
            for (JsonNode r : results) {
                JsonNode e = r.path("errors").path(0);
                if (!r.path("success").asBoolean()
                        && !"ALL_OR_NONE_OPERATION_ROLLED_BACK"
                                .equals(e.path("statusCode").asText())) {
                    first = e;
                    break;
                }
            }
            return new Answer(
                    400,
                    errors(
                            first == null
                                    ? "UNKNOWN_EXCEPTION"
                                    : first.path("statusCode").asText(),
                            first == null ? "" : first.path("message").asText()));
        }
        if (anyFailed && allOrNone) {
            store.restore(snapshot);
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).path("success").asBoolean()) {
                    ObjectNode rolledBack = NODES.objectNode();
                    rolledBack.put("success", false);
                    rolledBack.set(
                            "errors",
                            dmlError(
                                    new FakeStore.DmlException(
                                            "ALL_OR_NONE_OPERATION_ROLLED_BACK",
                                            "Record rolled back because not all records were valid and the request was"
                                                    + " using AllOrNone header"),
                                    "statusCode"));
                    results.set(i, rolledBack);
                }
            }
        }
        return new Answer(200, results);
    }

    private static Map<String, Object> fields(JsonNode json) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (json == null) {
            return out;
        }
        json.properties().forEach(e -> {
            JsonNode v = e.getValue();
            Object value = v.isNull()
                    ? null
                    : v.isBoolean() ? (Object) v.booleanValue() : v.isNumber() ? (Object) v.doubleValue() : v.asText();
            if (!v.isObject()) {
                out.put(e.getKey(), value);
            }
        });
        return out;
    }

    private static ObjectNode saveResult(String id) {
        ObjectNode ok = NODES.objectNode();
        ok.put("id", id);
        ok.put("success", true);
        ok.putArray("errors");
        return ok;
    }

    private static ArrayNode dmlError(FakeStore.DmlException e, String codeField) {
        ArrayNode list = NODES.arrayNode();
        ObjectNode error = list.addObject();
        error.put(codeField, e.code);
        error.put("message", e.getMessage());
        ArrayNode fields = error.putArray("fields");
        e.fields.forEach(fields::add);
        return list;
    }

    private static ArrayNode errors(String code, String message) {
        ArrayNode list = NODES.arrayNode();
        ObjectNode e = list.addObject();
        e.put("message", message);
        e.put("errorCode", code);
        e.putArray("fields");
        return list;
    }

    static Optional<String> queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && decode(pair.substring(0, eq)).equals(name)) {
                return Optional.of(decode(pair.substring(eq + 1)));
            }
        }
        return Optional.empty();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
