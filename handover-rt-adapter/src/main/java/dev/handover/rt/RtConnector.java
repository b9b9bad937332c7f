package dev.handover.rt;

import dev.handover.rt.http.Credentials;
import dev.handover.rt.http.Errors;
import dev.handover.rt.http.Transport;
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
import dev.handover.spi.model.TicketStatus;
import jakarta.ws.rs.client.Client;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A {@link CrmConnector} over Request Tracker 5's REST 2.0 API. Tickets are RT tickets, groups are queues (a queue's
 * team is its AdminCc watchers), agents are the team members and the managers they name — active when enabled and
 * privileged — with skills, languages, manager, capacity and role from user custom fields; internal notes are comments, the customer notice is correspondence, tasks are RT reminders
 * of the ticket (an agent acknowledges by resolving the reminder, as in RT's own reminder list), and tags live in a
 * multi-value ticket custom field. {@code docs/rt.md} has the whole mapping and what to load into RT once.
 *
 * <pre>{@code
 * CrmConnector rt = RtConnector.builder()
 *         .url(URI.create("https://rt.example.com"))
 *         .token(Secret.of(System.getenv("RT_TOKEN")))
 *         .build();
 * }</pre>
 *
 * <p>A handover is not one atomic request in RT (see {@link CrmCapabilities#atomicUpdate()}): the version-checked
 * field change comes first, then notes and reminders, and a repeat with the same idempotency key writes only what is
 * missing.
 */
public final class RtConnector implements CrmConnector {
    /** The vendor name: {@code rt}. */
    public static final String VENDOR = Errors.VENDOR;

    private final Transport http;
    private final CrmCapabilities capabilities;
    private final Reader reader;
    private final Writer writer;
    private final DirectoryReader directory;
    private final String description;
    private final SelfTest selfTest;

    private RtConnector(Builder b) {
        Config config = b.config();
        Backoff backoff = Backoff.builder()
                .maxAttempts(b.maxAttempts)
                .baseDelay(b.baseDelay)
                .maxDelay(b.maxDelay)
                .maxRetryAfter(b.maxRetryAfter)
                .random(b.random)
                .clock(b.clock)
                .sleeper(b.sleeper)
                .build();
        Client client = b.client != null ? b.client : Transport.defaultClient(b.connectTimeout, b.readTimeout);
        this.http = new Transport(
                client,
                b.client == null,
                b.url,
                b.credentials,
                backoff,
                b.readTimeout,
                new HttpLimits(b.maxBodyBytes, b.deadline));
        RtApi api = new RtApi(http);
        Mapper mapper = new Mapper(config);
        this.reader = new Reader(api, mapper, config);
        this.directory = new DirectoryReader(api, config, b.clock);
        this.writer = new Writer(api, reader, mapper, config, directory::directory);
        this.capabilities = CrmCapabilities.builder()
                .maxReadBatchSize(RtApi.MAX_PAGE)
                .maxWriteBatchSize(RtApi.MAX_PAGE)
                .atomicUpdate(false)
                .tasksInSameWrite(false)
                .nativeReminders(false)
                .agentPresence(false)
                .noteFormat(NoteFormat.HTML)
                .maxNoteBytes(config.maxNoteBytes())
                .build();
        this.selfTest = new SelfTest(config, http, reader, directory);
        this.description = "RtConnector[" + b.url + ", " + b.credentials.describe() + "]";
    }

    /** A builder; {@link Builder#url} and credentials are required. */
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
        return reader.ticket(Objects.requireNonNull(id, "id"));
    }

    @Override
    public Map<TicketId, Ticket> tickets(Collection<TicketId> ids) {
        return reader.tickets(Objects.requireNonNull(ids, "ids"));
    }

    @Override
    public Page<Ticket> searchTickets(TicketQuery query, PageRequest page) {
        return reader.search(Objects.requireNonNull(query, "query"), Objects.requireNonNull(page, "page"));
    }

    @Override
    public Page<Comment> comments(TicketId ticket, SortOrder order, PageRequest page) {
        return reader.comments(ticket, order, page);
    }

    @Override
    public Page<Task> tasks(TaskQuery query, PageRequest page) {
        return reader.tasks(Objects.requireNonNull(query, "query"), Objects.requireNonNull(page, "page"));
    }

    @Override
    public UpdateResult apply(TicketUpdate update) {
        return writer.apply(Objects.requireNonNull(update, "update"));
    }

    /** One update after the other (REST 2.0's bulk update takes no {@code If-Match}); each gets its own result. */
    @Override
    public List<UpdateResult> applyAll(List<TicketUpdate> updates) {
        List<UpdateResult> out = new ArrayList<>();
        for (TicketUpdate u : updates) {
            try {
                out.add(writer.apply(u));
            } catch (CrmException e) {
                out.add(UpdateResult.failed(u.ticket(), e));
            }
        }
        return out;
    }

    @Override
    public Directory directory() {
        return directory.directory();
    }

    @Override
    public Map<AgentId, Integer> openTicketCounts(Collection<AgentId> agents) {
        return reader.openTicketCounts(Objects.requireNonNull(agents, "agents"));
    }

    /** Test tickets, RT's probes and recording for {@code handover selftest}; see {@code docs/rt.md}. */
    @Override
    public Optional<dev.handover.spi.selftest.SelfTestSupport> selfTest() {
        return Optional.of(selfTest);
    }

    /** How many HTTP requests this connector sent (every attempt counts): the counting harnesses read it. */
    public long requestCount() {
        return http.requests();
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return description;
    }

    /**
     * Builds an {@link RtConnector}. The custom-field names default to what {@code examples/rt/handover.initialdata}
     * creates.
     */
    public static final class Builder {
        private URI url;
        private Credentials credentials;
        private Client client;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private RandomGenerator random = new SplittableRandom();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration deadline = HttpLimits.DEFAULT_DEADLINE;
        private long maxBodyBytes = HttpLimits.DEFAULT_MAX_BODY_BYTES;
        private int maxAttempts = 4;
        private Duration baseDelay = Duration.ofMillis(500);
        private Duration maxDelay = Duration.ofSeconds(20);
        private Duration maxRetryAfter = Duration.ofMinutes(2);
        private String tagsField = "Tags";
        private String channelField = "Channel";
        private String keyField = "Handover key";
        private String taskField = "Handover task";
        private String taskBodyField = "Handover task body";
        private final Map<String, String> ticketFields = new LinkedHashMap<>();
        private String skillsField = "Skills";
        private String languagesField = "Languages";
        private String managerField = "Manager";
        private String capacityField = "Capacity";
        private String roleField = "Role";
        private final Map<String, TicketStatus> statuses = new LinkedHashMap<>(Config.defaultStatuses());
        private int normalPriority = 25;
        private int highPriority = 75;
        private int urgentPriority = 101;
        private Duration directoryTtl = Duration.ofMinutes(5);
        private List<String> queues = List.of();
        private int maxNoteBytes = 64_000;

        private Builder() {}

        /** RT's web address ({@code https://rt.example.com}, or with RT's {@code WebPath}); REST 2.0 is below it. */
        public Builder url(URI url) {
            Objects.requireNonNull(url, "url");
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
                throw new IllegalArgumentException("rt: url must be an http(s) address with a host, was " + url);
            }
            if (url.getQuery() != null || url.getFragment() != null || url.getUserInfo() != null) {
                throw new IllegalArgumentException(
                        "rt: url must have no query, fragment or user name (credentials go in auth.*)");
            }
            this.url = url;
            return this;
        }

        /** Authenticates with an RT auth token (RT: Logged in as … → Settings → Auth Tokens). */
        public Builder token(Secret token) {
            this.credentials = Credentials.token(token);
            return this;
        }

        /** Authenticates with a user name and password (HTTP basic; for a sandbox). */
        public Builder basicAuth(String user, Secret password) {
            this.credentials = Credentials.basic(user, password);
            return this;
        }

        /** The Jakarta REST client to send with; it must not follow redirects. */
        public Builder client(Client client) {
            Objects.requireNonNull(client, "client");
            Object follow = client.getConfiguration().getProperty("jersey.config.client.followRedirects");
            if (!Boolean.FALSE.equals(follow) && !"false".equals(follow)) {
                throw new IllegalArgumentException("rt: the injected client may follow redirects, and a redirect to"
                        + " another host would receive the credentials: set jersey.config.client.followRedirects to"
                        + " false");
            }
            this.client = client;
            return this;
        }

        /** The clock retries and the directory cache read (default the system clock, UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How to wait between retries (default the wall clock). */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The jitter source of retries. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Connection time-out (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connect timeout");
            return this;
        }

        /** Read time-out (default 30 s). */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "read timeout");
            return this;
        }

        /** The deadline of one exchange from request to the answer's last byte (default 60 s). */
        public Builder deadline(Duration deadline) {
            this.deadline = positive(deadline, "http deadline");
            return this;
        }

        /** The largest answer read (default 32 MiB). */
        public Builder maxBodyBytes(long bytes) {
            if (bytes < HttpLimits.MIN_BODY_BYTES) {
                throw new IllegalArgumentException(
                        "rt: http max body bytes must be at least " + HttpLimits.MIN_BODY_BYTES + ", was " + bytes);
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /** Attempts per request and the backoff between them (default 4, 500 ms, 20 s). */
        public Builder retry(int attempts, Duration base, Duration max) {
            if (attempts < 1 || attempts > 10) {
                throw new IllegalArgumentException("rt: retry max attempts must be 1–10, was " + attempts);
            }
            positive(base, "retry base delay");
            if (positive(max, "retry max delay").compareTo(base) < 0) {
                throw new IllegalArgumentException("rt: retry max delay must not be below the base delay");
            }
            this.maxAttempts = attempts;
            this.baseDelay = base;
            this.maxDelay = max;
            return this;
        }

        /** The longest {@code Retry-After} (from a proxy in front of RT) waited out; longer is reported (2 min). */
        public Builder maxRetryAfter(Duration max) {
            this.maxRetryAfter = positive(max, "retry max retry-after");
            return this;
        }

        /** The multi-value ticket custom field holding tags (default {@code Tags}). */
        public Builder tagsField(String name) {
            this.tagsField = name(name, "tags field");
            return this;
        }

        /** The ticket custom field naming the channel (default {@code Channel}; absent reads as e-mail). */
        public Builder channelField(String name) {
            this.channelField = name(name, "channel field");
            return this;
        }

        /** The ticket custom field holding the last handover's idempotency key (default {@code Handover key}). */
        public Builder keyField(String name) {
            this.keyField = name(name, "key field");
            return this;
        }

        /** The ticket custom field marking a reminder as a handover task (default {@code Handover task}). */
        public Builder taskField(String name) {
            this.taskField = name(name, "task field");
            return this;
        }

        /** The ticket custom field holding a task's details (default {@code Handover task body}). */
        public Builder taskBodyField(String name) {
            this.taskBodyField = name(name, "task body field");
            return this;
        }

        /** Reads RT ticket custom field {@code rtName} as handover's custom field {@code name}. */
        public Builder ticketField(String name, String rtName) {
            ticketFields.put(name(name, "ticket field name"), name(rtName, "ticket field " + name));
            return this;
        }

        /** The user custom field with an agent's skills (default {@code Skills}). */
        public Builder skillsField(String name) {
            this.skillsField = name(name, "skills field");
            return this;
        }

        /** The user custom field with an agent's languages (default {@code Languages}; else the user's Lang). */
        public Builder languagesField(String name) {
            this.languagesField = name(name, "languages field");
            return this;
        }

        /** The user custom field naming an agent's line manager by user name (default {@code Manager}). */
        public Builder managerField(String name) {
            this.managerField = name(name, "manager field");
            return this;
        }

        /** The user custom field with an agent's capacity in open tickets (default {@code Capacity}). */
        public Builder capacityField(String name) {
            this.capacityField = name(name, "capacity field");
            return this;
        }

        /** The user custom field with an agent's role (default {@code Role}; absent reads as {@code agent}). */
        public Builder roleField(String name) {
            this.roleField = name(name, "role field");
            return this;
        }

        /** Reads RT status {@code raw} (of a custom lifecycle) as this status. */
        public Builder status(String raw, TicketStatus status) {
            statuses.put(name(raw, "status").toLowerCase(Locale.ROOT), Objects.requireNonNull(status, "status"));
            return this;
        }

        /**
         * The lowest RT priority read as NORMAL, HIGH and URGENT (default 25, 75, 101: RT 5's Low, Medium and High —
         * 0, 50, 100 — read as LOW, NORMAL and HIGH).
         */
        public Builder priorities(int normal, int high, int urgent) {
            if (!(normal <= high && high <= urgent)) {
                throw new IllegalArgumentException(
                        "rt: priorities must rise: normal " + normal + ", high " + high + ", urgent " + urgent);
            }
            this.normalPriority = normal;
            this.highPriority = high;
            this.urgentPriority = urgent;
            return this;
        }

        /**
         * Keeps the connector to these queues (by name): searches, task searches and the directory see only them,
         * so a deployment can cover the support queues of an RT that also serves other departments. Default: every
         * queue the API user can see.
         */
        public Builder queues(String... names) {
            if (names.length == 0) {
                throw new IllegalArgumentException("rt: queues must name at least one queue");
            }
            List<String> out = new ArrayList<>();
            for (String n : names) {
                out.add(name(n, "queue name"));
            }
            this.queues = List.copyOf(out);
            return this;
        }

        /** How long the directory is kept (default 5 min). */
        public Builder directoryTtl(Duration ttl) {
            this.directoryTtl = Objects.requireNonNull(ttl, "directory ttl");
            return this;
        }

        /** The longest note written as one comment (default 64,000 bytes); longer ones are refused whole. */
        public Builder maxNoteBytes(int bytes) {
            if (bytes < CrmCapabilities.MIN_NOTE_BYTES) {
                throw new IllegalArgumentException(
                        "rt: notes max bytes must be at least " + CrmCapabilities.MIN_NOTE_BYTES + ", was " + bytes);
            }
            this.maxNoteBytes = bytes;
            return this;
        }

        /**
         * Reads the {@code rt} settings map: {@code url}; {@code auth.type} ({@code token}, the default, with {@code
         * auth.token}; or {@code basic} with {@code auth.user} and {@code auth.password}); {@code timeouts.connect},
         * {@code timeouts.read}, {@code http.deadline}, {@code http.max-body-bytes}; {@code retry.max-attempts},
         * {@code retry.base-delay}, {@code retry.max-delay}, {@code retry.max-retry-after}; {@code fields.tags},
         * {@code fields.channel}, {@code fields.key}, {@code fields.task}, {@code fields.task-body}, {@code
         * fields.ticket.<name>}; {@code directory.skills-field}, {@code directory.languages-field}, {@code
         * directory.manager-field}, {@code directory.capacity-field}, {@code directory.role-field}, {@code
         * directory.ttl}; {@code statuses.<rt status>}; {@code priorities.normal}, {@code priorities.high}, {@code
         * priorities.urgent}; {@code notes.max-bytes}; {@code queues} (comma-separated names). See docs/rt.md.
         *
         * @throws dev.handover.spi.CrmSettingsException naming the first key that is unknown, missing or malformed
         */
        public Builder settings(CrmSettings settings) {
            Settings.read(settings, this);
            return this;
        }

        /** The connector; fails when the address or the credentials are missing. */
        public RtConnector build() {
            if (url == null) {
                throw new IllegalStateException("rt: url is required (RT's web address)");
            }
            if (credentials == null) {
                throw new IllegalStateException("rt: credentials are required: token(…) or basicAuth(…)");
            }
            return new RtConnector(this);
        }

        Config config() {
            return new Config(
                    url,
                    tagsField,
                    channelField,
                    keyField,
                    taskField,
                    taskBodyField,
                    ticketFields,
                    skillsField,
                    languagesField,
                    managerField,
                    capacityField,
                    roleField,
                    statuses,
                    normalPriority,
                    highPriority,
                    urgentPriority,
                    directoryTtl,
                    maxNoteBytes,
                    queues);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("rt: " + what + " must be positive, was " + d);
            }
            return d;
        }

        private static String name(String s, String what) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException("rt: " + what + " must not be blank");
            }
            return s.strip();
        }
    }
}
