package dev.handover.zendesk.fake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.handover.memory.time.MutableClock;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.Visibility;
import dev.handover.testkit.compat.KitFaults;
import dev.handover.testkit.compat.KitFixture;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A stateful fake Zendesk on a free loopback port, behaving as Zendesk documents: {@code safe_update} conflicts, {@code
 * Idempotency-Key} replays (two hours), {@code update_many}/{@code create_many} jobs with per-item results, cursor pages,
 * search with a simulated index lag, OAuth client credentials with rotating refresh tokens, API tokens, rate limits
 * with {@code Retry-After}, and faults injected before or after a request is processed.
 *
 * <pre>{@code
 * try (FakeZendesk zendesk = FakeZendesk.start()) {
 *     zendesk.seed(fixture);
 *     CrmConnector crm = ZendeskConnector.builder()
 *             .baseUrl(zendesk.url())
 *             .oauthClientCredentials(FakeZendesk.CLIENT_ID, Secret.of(FakeZendesk.CLIENT_SECRET))
 *             .clock(zendesk.clock()).sleeper(zendesk.clock()::advance)
 *             .ticketField(FakeZendesk.REFUND_FIELD, "refund_amount")
 *             .build();
 *     …
 *     assertThat(zendesk.comments(10001)).hasSize(26);
 * }
 * }</pre>
 *
 * <p>Time is the {@link MutableClock} given to {@link #start(MutableClock)}: token expiry, the index lag, rate-limit
 * windows and idempotency windows follow it, so tests advance it instead of sleeping. Every write gets a distinct second
 * as its {@code updated_at}, as writes seconds apart would.
 */
public final class FakeZendesk implements AutoCloseable {
    /** The OAuth client the fake accepts. */
    public static final String CLIENT_ID = "handover-fake";
    /** That client's secret. */
    public static final String CLIENT_SECRET = "fake-client-secret-9f3a";
    /** The agent whose API token the fake accepts. */
    public static final String API_EMAIL = "integration@fake.example";
    /** That agent's API token. */
    public static final String API_TOKEN = "fake-api-token-7c21";
    /** The user the API acts as (an admin without groups): the author of API comments. */
    public static final long API_USER = 1;
    /** The ticket field {@link #seed(KitFixture)} stores the kit's {@code refund_amount} in. */
    public static final long REFUND_FIELD = 360_000_001L;

    private static final Duration HANG_LIMIT = Duration.ofSeconds(10);

    private final FakeState state;
    private final MutableClock clock;
    private final WireMockServer server;
    private final Deque<FaultRule> faults = new ArrayDeque<>();
    private final Deque<Hook> hooks = new ArrayDeque<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<Consumer<RecordedRequest>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> randomFaultsMet = new LinkedHashMap<>();
    private volatile CountDownLatch hang = new CountDownLatch(1);
    private Random randomFaults;
    private double randomFaultShare;

    /**
     * A request as the fake received it, and the status it answered.
     *
     * @param method HTTP method
     * @param path path without the query
     * @param query the raw query string
     * @param headers headers, names in lower case
     * @param body the body as text
     * @param status the status answered; 0 when a fault cut the answer off (reset, empty, hung), -1 while in flight
     */
    public record RecordedRequest(
            String method, String path, String query, Map<String, String> headers, String body, int status) {
        /** The decoded value of a query parameter, or null. */
        public String param(String name) {
            for (String part : query.isEmpty() ? new String[0] : query.split("&")) {
                int eq = part.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
                if (k.equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    private record Hook(String method, String pathPrefix, Runnable action) {}

    /** A ticket as stored. */
    public record TicketView(
            long id,
            String type,
            String status,
            String subject,
            Long assigneeId,
            Long groupId,
            List<String> tags,
            String externalId,
            Instant dueAt,
            Instant updatedAt) {}

    /** A comment as stored. */
    public record CommentView(long id, long authorId, String body, boolean isPublic, Instant createdAt) {}

    private FakeZendesk(MutableClock clock) {
        this.clock = clock;
        this.state = new FakeState(clock);
        this.server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .http2PlainDisabled(true)
                .gzipDisabled(true)
                .disableRequestJournal()
                .notifier(new Slf4jNotifier(false))
                .extensions(new Transformer()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        state.base = "http://127.0.0.1:" + server.port();
        defaults();
    }

    /** A fake on a free loopback port, its clock at {@link KitFixture#BASE} plus five minutes. */
    public static FakeZendesk start() {
        return start(MutableClock.at(KitFixture.BASE.plus(Duration.ofMinutes(5))));
    }

    /** A fake on a free loopback port, on this clock. */
    public static FakeZendesk start(MutableClock clock) {
        return new FakeZendesk(clock);
    }

    private void defaults() {
        state.apiUser = API_USER;
        state.oauthClients.put(CLIENT_ID, CLIENT_SECRET);
        state.apiTokens.put(API_EMAIL, API_TOKEN);
        FakeState.UserRec api = new FakeState.UserRec();
        api.id = API_USER;
        api.name = "Handover Integration";
        api.email = API_EMAIL;
        api.role = "admin";
        state.users.put(api.id, api);
    }

    /** The base URL to give the connector. */
    public URI url() {
        return URI.create(state.base);
    }

    /** The fake's clock. */
    public MutableClock clock() {
        return clock;
    }

    /** Forgets all data, jobs, tokens, faults and recorded requests; keeps the credentials and behaviour settings. */
    public FakeZendesk reset() {
        synchronized (state) {
            state.reset();
            defaults();
            synchronized (faults) {
                faults.clear();
            }
            synchronized (requests) {
                requests.clear();
            }
        }
        return this;
    }

    // ------------------------------------------------------------------------------------------------ seeding

    /**
     * Seeds the compatibility kit's data: groups, agents (skills, languages, manager, capacity and role in the user
     * fields {@code handover_skills}, {@code handover_languages}, {@code handover_manager}, {@code handover_capacity},
     * {@code handover_role}; inactive agents suspended), customers, tickets with {@code refund_amount} in {@link
     * #REFUND_FIELD}, and comments. All of it is indexed for search at once.
     */
    public FakeZendesk seed(KitFixture fixture) {
        customField("refund_amount", REFUND_FIELD);
        fixture.groups().forEach(this::addGroup);
        fixture.agents().forEach(this::addAgent);
        fixture.tickets().forEach(this::addTicket);
        for (KitFixture.SeedComment c : fixture.comments()) {
            addComment(c.ticket(), Long.parseLong(c.authorId()), c.body(), c.visibility(), c.createdAt());
        }
        return this;
    }

    /** Changes the fake's state under its lock, as requests do, and returns the fake for chaining. */
    private FakeZendesk locked(Runnable change) {
        synchronized (state) {
            change.run();
        }
        return this;
    }

    /** Names a ticket custom field, so {@link #addTicket} can store a ticket's custom field of that name. */
    public FakeZendesk customField(String name, long fieldId) {
        return locked(() -> state.customFieldIds.put(name, fieldId));
    }

    /** Adds a group (every group is a Zendesk group; queues are the connector's configuration). */
    public FakeZendesk addGroup(Group group) {
        return locked(() -> {
            long id = Long.parseLong(group.id().value());
            state.groups.put(id, new FakeState.GroupRec(id, group.name()));
        });
    }

    /** Adds an agent, with the handover profile in user fields; a {@code lead} becomes a Zendesk admin. */
    public FakeZendesk addAgent(Agent agent) {
        return locked(() -> {
            FakeState.UserRec u = new FakeState.UserRec();
            u.id = Long.parseLong(agent.id().value());
            u.name = agent.name();
            u.email = agent.email();
            u.role = agent.role().equals("lead") ? "admin" : "agent";
            u.suspended = !agent.active();
            u.timeZone = agent.timeZone().getId();
            u.locale = agent.languages().isEmpty()
                    ? "en-US"
                    : agent.languages().iterator().next().toLanguageTag();
            ArrayNode skills = u.userFields.putArray("handover_skills");
            agent.skills().stream().sorted().forEach(skills::add);
            u.userFields.put(
                    "handover_languages",
                    String.join(
                            ",",
                            agent.languages().stream()
                                    .map(Locale::toLanguageTag)
                                    .toList()));
            agent.manager().ifPresent(m -> u.userFields.put("handover_manager", Long.parseLong(m.value())));
            if (agent.capacity() != Agent.UNLIMITED) {
                u.userFields.put("handover_capacity", agent.capacity());
            }
            u.userFields.put("handover_role", agent.role());
            state.users.put(u.id, u);
            Set<Long> groups = new LinkedHashSet<>();
            agent.groups().forEach(g -> groups.add(Long.parseLong(g.value())));
            state.memberships.put(u.id, groups);
        });
    }

    /**
     * Gives an agent a Users API {@code role_type} (1 light agent, 2 chat agent, 3 contributor), a chat-only flag, or
     * a custom role — as a real account's directory shows them
     * (https://developer.zendesk.com/api-reference/ticketing/users/users/).
     */
    public FakeZendesk agentKind(long userId, Integer roleType, boolean chatOnly, Long customRoleId) {
        return locked(() -> {
            FakeState.UserRec u = state.users.get(userId);
            u.roleType = roleType;
            u.chatOnly = chatOnly;
            u.customRoleId = customRoleId;
        });
    }

    /** Adds a custom role with the two permissions the directory reads. */
    public FakeZendesk customRole(long id, String name, boolean lightAgent, boolean ticketEditing) {
        return locked(() -> {
            com.fasterxml.jackson.databind.node.ObjectNode r = FakeState.JSON.createObjectNode();
            r.put("id", id);
            r.put("name", name);
            r.put("role_type", 0);
            r.putObject("configuration").put("light_agent", lightAgent).put("ticket_editing", ticketEditing);
            state.customRoles.put(id, r);
        });
    }

    /** Adds a ticket as it is (times kept), its requester as an end user, indexed for search at once. */
    public FakeZendesk addTicket(Ticket ticket) {
        return locked(() -> {
            FakeState.TicketRec t = new FakeState.TicketRec();
            t.id = Long.parseLong(ticket.id().value());
            t.subject = ticket.subject();
            t.description = ticket.description();
            t.status = switch (ticket.status()) {
                case NEW -> "new";
                case OPEN -> "open";
                case PENDING -> "pending";
                case ON_HOLD -> "hold";
                case SOLVED -> "solved";
                case CLOSED -> "closed";
            };
            t.priority = ticket.priority().name().toLowerCase(Locale.ROOT);
            t.assigneeId = ticket.assignee().map(a -> Long.parseLong(a.value())).orElse(null);
            t.groupId = ticket.group().map(g -> Long.parseLong(g.value())).orElse(null);
            t.tags = new ArrayList<>(ticket.tags());
            t.channel = ticket.channel().name();
            t.createdAt = ticket.createdAt();
            t.updatedAt = ticket.updatedAt();
            ticket.customFields().forEach((name, value) -> {
                Long field = state.customFieldIds.get(name);
                if (field != null) {
                    t.customFields.put(field, FakeState.JSON.getNodeFactory().textNode(value));
                }
            });
            if (!ticket.requester().id().isEmpty()) {
                FakeState.UserRec u = new FakeState.UserRec();
                u.id = Long.parseLong(ticket.requester().id());
                u.name = ticket.requester().name();
                u.email = ticket.requester().email();
                u.locale =
                        ticket.requester().language().map(Locale::toLanguageTag).orElse("en-US");
                // Zendesk has no standard salutation or tier: accounts keep them in end-user fields
                // (https://developer.zendesk.com/api-reference/ticketing/users/users/ "user_fields")
                if (!ticket.requester().salutation().isEmpty()) {
                    u.userFields.put("salutation", ticket.requester().salutation());
                }
                if (!ticket.requester().tier().isEmpty()) {
                    u.userFields.put("customer_tier", ticket.requester().tier());
                }
                state.users.putIfAbsent(u.id, u);
                t.requesterId = u.id;
                t.submitterId = u.id;
            }
            state.tickets.put(t.id, t);
            state.indexNow(t);
        });
    }

    /** Adds a comment as written by a person at this time, without changing the ticket's version. */
    public FakeZendesk addComment(TicketId ticket, long authorId, String body, Visibility visibility, Instant at) {
        return locked(() -> {
            long id = Long.parseLong(ticket.value());
            state.comments
                    .computeIfAbsent(id, k -> new ArrayList<>())
                    .add(new FakeState.CommentRec(
                            state.newCommentId(),
                            authorId,
                            body,
                            "<p>" + body + "</p>",
                            visibility == Visibility.PUBLIC,
                            at));
        });
    }

    /** Sets an agent's omnichannel status ({@code online}, {@code away}, {@code offline}, or a custom name). */
    public FakeZendesk presence(long agentId, String status) {
        return locked(() -> state.presence.put(agentId, status));
    }

    // ------------------------------------------------------------------------------------------------ behaviour

    /** How long a write takes to reach search (default 30 seconds of the fake's clock). */
    public FakeZendesk indexLag(Duration lag) {
        return locked(() -> state.indexLag = lag);
    }

    /** Answers 429 beyond this many API requests per clock minute (0, the default, for no limit). */
    public FakeZendesk rateLimit(int perMinute) {
        return locked(() -> state.rateLimitPerMinute = perMinute);
    }

    /** Adds a tag as Zendesk may hold it, unchecked (real accounts have tags the SPI refuses, such as very long ones). */
    public FakeZendesk rawTag(long ticket, String tag) {
        return locked(() -> state.tickets.get(ticket).tags.add(tag));
    }

    /**
     * Forgets every job status, as Zendesk does after a while ("job statuses are available for a limited time",
     * https://developer.zendesk.com/api-reference/ticketing/ticket-management/job_statuses/): a poll then gets 404.
     */
    public FakeZendesk expireJobStatuses() {
        return locked(state::expireJobs);
    }

    /**
     * Marks a ticket field "required to solve": a solve without a value is refused with 422 "<title>: needed", task
     * tickets included (Zendesk help: "Setting fields to required when solving tickets").
     */
    public FakeZendesk requireOnSolve(long fieldId, String title) {
        return locked(() -> state.requiredOnSolve.put(fieldId, title));
    }

    /** How many updates of one ticket Zendesk takes per ten minutes (default 30, as documented). */
    public FakeZendesk ticketUpdatesPerTenMinutes(int n) {
        return locked(() -> state.ticketUpdatesPerWindow = n);
    }

    /** How many polls a job reports as queued before completing (default 1: the first poll completes it). */
    public FakeZendesk jobPolls(int untilDone) {
        return locked(() -> state.jobPollsUntilDone = untilDone);
    }

    /**
     * Holds the next bulk job ({@code update_many}, {@code create_many}) in the queue: it is accepted but does its work
     * only when {@link #runHeldJobs()} is called, as when Zendesk's workers pick a job up late. Polls report it queued.
     */
    public FakeZendesk holdNextJob() {
        return locked(() -> state.holdNextJob = true);
    }

    /** Runs the jobs held by {@link #holdNextJob()}. */
    public FakeZendesk runHeldJobs() {
        state.runHeldJobs();
        return this;
    }

    /**
     * Makes the next bulk job stop after processing its first {@code processed} items: it ends {@code failed} and reports
     * no per-item results, although those items were applied.
     */
    public FakeZendesk failNextJobAfter(int processed) {
        if (processed < 0) {
            throw new IllegalArgumentException("processed must not be negative, was " + processed);
        }
        return locked(() -> state.failNextJobAfter = processed);
    }

    /** The lifetime of issued access tokens (default two hours) and whether refresh tokens are issued (default yes). */
    public FakeZendesk tokens(Duration lifetime, boolean refreshTokens) {
        return locked(() -> {
            state.tokenLifetime = lifetime;
            state.issueRefreshTokens = refreshTokens;
        });
    }

    /** Revokes every access token, as an admin would; the next request gets a 401. */
    public FakeZendesk revokeAccessTokens() {
        state.revokeAccessTokens();
        return this;
    }

    /** Refuses the agent availability API (403), as for a non-admin token or without omnichannel routing. */
    public FakeZendesk refuseAgentAvailability() {
        return locked(() -> state.availabilityEnabled = false);
    }

    /** Removes the injected faults that have not happened yet: the account behaves again. */
    public FakeZendesk clearFaults() {
        synchronized (faults) {
            faults.clear();
        }
        return this;
    }

    /** Adds a fault rule; rules apply in the order added. */
    public FakeZendesk inject(FaultRule rule) {
        synchronized (faults) {
            faults.addLast(rule);
        }
        return this;
    }

    /**
     * Fails a seeded share of API requests ({@code /api/v2/…}; the token endpoint is spared) with the faults a Zendesk
     * client meets in production, picked at random in equal parts; rules added with {@link #inject} come first. Each
     * is one Zendesk documents or a network between client and Zendesk produces:
     *
     * <ul>
     *   <li>{@code 429} with {@code Retry-After} (one second) before processing — the rate limit, "the response also has
     *       a Retry-After header that tells you how many seconds to wait"
     *       (https://developer.zendesk.com/api-reference/introduction/rate-limits/);
     *   <li>{@code 503} with {@code Retry-After} before processing — Zendesk's answer during maintenance or when a
     *       service is overloaded (https://developer.zendesk.com/api-reference/introduction/requests/, response codes);
     *   <li>{@code 500} before processing — an internal error of the API, nothing changed;
     *   <li>a connection reset before processing — a proxy or load balancer dropping the connection;
     *   <li>a connection reset after processing — the change lands and the answer is lost on the way back, the case
     *       Zendesk's {@code Idempotency-Key} exists for
     *       (https://developer.zendesk.com/api-reference/introduction/idempotency/).
     * </ul>
     *
     * @param share the share of requests that fail, 0 to 1 (0 turns random faults off)
     * @param seed the seed: the same seed and the same requests give the same faults
     */
    public FakeZendesk randomFaults(double share, long seed) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("the share of failing requests must be 0–1, was " + share);
        }
        synchronized (faults) {
            randomFaultShare = share;
            randomFaults = share == 0 ? null : new Random(seed);
        }
        return this;
    }

    /**
     * How many requests each kind of random fault met so far (see {@link #randomFaults}), by name: {@code 429}, {@code
     * 503}, {@code 500}, {@code reset}, {@code answer-lost}.
     */
    public Map<String, Integer> randomFaultsMet() {
        synchronized (faults) {
            return Map.copyOf(randomFaultsMet);
        }
    }

    /**
     * Calls a listener with every request as it arrives, before hooks, faults and processing — for a test that lets
     * people act (customers write in, agents acknowledge) as the fake's time passes, or that moves the fake's clock.
     * Listeners run on the server's threads, possibly at once for parallel requests.
     */
    public FakeZendesk onEveryRequest(Consumer<RecordedRequest> listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * A person solves a ticket in Zendesk: its status becomes {@code solved} and its version advances. On a handover
     * task ticket this is how an agent completes the task.
     */
    public FakeZendesk personSolves(long ticket) {
        synchronized (state) {
            state.personUpdate(ticket, t -> t.status = "solved", null);
        }
        return this;
    }

    /**
     * The compatibility kit's fault hook over this fake, on its clock. Faults hit the API ({@code /api/v2/…}), not the
     * token endpoint; a rate limit is a 429 with {@code Retry-After}, as Zendesk answers it.
     */
    public KitFaults kitFaults() {
        return new KitFaults.OnClock(clock) {
            @Override
            public void loseNextWriteAnswer() {
                inject(FaultRule.of(Fault.CONNECTION_RESET)
                        .on("PUT", "/api/v2/tickets")
                        .afterProcessing());
            }

            @Override
            public void serverErrorOnNextWrite() {
                inject(FaultRule.of(Fault.SERVER_ERROR).on("PUT", "/api/v2/tickets"));
            }

            @Override
            public void resetNextWriteConnection() {
                inject(FaultRule.of(Fault.CONNECTION_RESET).on("PUT", "/api/v2/tickets"));
            }

            @Override
            public void serverErrorOnNextRead() {
                inject(FaultRule.of(Fault.SERVER_ERROR).on("GET", "/api/v2/"));
            }

            @Override
            public void rateLimitNext(Duration retryAfter) {
                inject(FaultRule.of(Fault.RATE_LIMITED).on(null, "/api/v2/").retryAfter(retryAfter));
            }

            @Override
            public int pending() {
                synchronized (faults) {
                    return faults.stream().mapToInt(FaultRule::times).sum();
                }
            }
        };
    }

    /** Lets every hanging request answer (with a 503), so the server can shut down. */
    public void releaseHangs() {
        CountDownLatch old = hang;
        hang = new CountDownLatch(1);
        old.countDown();
    }

    /**
     * Runs an action just before the next request matching the method and path prefix is processed — to let a person
     * act between two calls of the connector.
     */
    public FakeZendesk beforeNext(String method, String pathPrefix, Runnable action) {
        synchronized (hooks) {
            hooks.addLast(new Hook(method, pathPrefix, action));
        }
        return this;
    }

    /** A person comments on a ticket in Zendesk: the ticket's version advances. */
    public FakeZendesk personComments(long ticket, long authorId, String body, boolean isPublic) {
        return locked(() -> {
            state.personUpdate(
                    ticket,
                    t -> {},
                    new FakeState.CommentRec(0, authorId, body, "<p>" + body + "</p>", isPublic, null));
        });
    }

    /** A person reassigns a ticket in Zendesk: the ticket's version advances. */
    public FakeZendesk personAssigns(long ticket, Long agentId, Long groupId) {
        return locked(() -> {
            state.personUpdate(
                    ticket,
                    t -> {
                        t.assigneeId = agentId;
                        t.groupId = groupId;
                    },
                    null);
        });
    }

    /**
     * Rewrites the stored text of a ticket's comments, as an app, a redaction or a change in how Zendesk renders text
     * may: whatever the adapter appended to a comment is then no longer certain to be there.
     */
    public FakeZendesk rewriteComments(long ticket, java.util.function.UnaryOperator<String> rewrite) {
        return locked(() -> state.comments.computeIfPresent(ticket, (k, list) -> {
            List<FakeState.CommentRec> out = new java.util.ArrayList<>();
            list.forEach(c -> {
                String body = rewrite.apply(c.body());
                out.add(new FakeState.CommentRec(
                        c.id(), c.authorId(), body, "<p>" + body + "</p>", c.isPublic(), c.createdAt()));
            });
            return out;
        }));
    }

    /** Answers ticket deletion with 403, as for an API user without the permission to delete tickets. */
    public FakeZendesk refuseTicketDeletion() {
        return locked(() -> state.refuseDeletion = true);
    }

    /**
     * Adds a trigger that emails the requester on every update, internal notes included (a trigger without the
     * condition "Comment is Public"): its Notification events appear in the tickets' audits.
     */
    public FakeZendesk triggerNotifiesRequesterOnEveryUpdate(String title) {
        return locked(() -> state.notifyingTrigger = title);
    }

    /** Adds a trigger (or routing) that assigns a ticket to {@code agentId} whenever an update changes its assignee. */
    public FakeZendesk triggerReassignsTo(long agentId) {
        return locked(() -> state.reassigningTriggerAgent = agentId);
    }

    /** Answers without the X-Rate-Limit headers, as behind a proxy that strips them. */
    public FakeZendesk withoutRateLimitHeaders() {
        return locked(() -> state.noRateHeaders = true);
    }

    /** Keeps only the date of a ticket's due_at (at noon UTC), as an account that drops the time of day. */
    public FakeZendesk dueDatesWithoutTime() {
        return locked(() -> state.dueDateOnly = true);
    }

    /** How many tickets were deleted through the API. */
    public int deletedTickets() {
        synchronized (state) {
            return state.deleted;
        }
    }

    /** A person (or a macro they apply) adds a tag to a ticket in Zendesk: the ticket's version advances. */
    public FakeZendesk personTags(long ticket, String tag) {
        synchronized (state) {
            state.personUpdate(ticket, t -> t.tags.add(tag), null);
        }
        return this;
    }

    /** A person sets a ticket's status in Zendesk ({@code solved}, {@code pending} …): the ticket's version advances. */
    public FakeZendesk personSetsStatus(long ticket, String status) {
        synchronized (state) {
            state.personUpdate(ticket, t -> t.status = status, null);
        }
        return this;
    }

    // ------------------------------------------------------------------------------------------------ inspection

    /** A ticket as stored now. */
    public Optional<TicketView> ticket(long id) {
        synchronized (state) {
            return Optional.ofNullable(state.tickets.get(id)).map(FakeZendesk::view);
        }
    }

    /** Every ticket, task tickets included, by id. */
    public List<TicketView> tickets() {
        synchronized (state) {
            return state.tickets.values().stream().map(FakeZendesk::view).toList();
        }
    }

    /** The task tickets the adapter created ({@code type: task}, tag {@code handover_task}). */
    public List<TicketView> taskTickets() {
        return tickets().stream()
                .filter(t -> "task".equals(t.type()) && t.tags().contains("handover_task"))
                .toList();
    }

    /** A ticket's comments, oldest first. */
    public List<CommentView> comments(long ticketId) {
        synchronized (state) {
            return state.comments.getOrDefault(ticketId, List.of()).stream()
                    .map(c -> new CommentView(c.id(), c.authorId(), c.body(), c.isPublic(), c.createdAt()))
                    .toList();
        }
    }

    /** How many OAuth access tokens were issued. */
    public int tokensIssued() {
        synchronized (state) {
            return state.tokensIssued;
        }
    }

    /** Every request received, in order. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The requests matching a filter. */
    public List<RecordedRequest> requests(Predicate<RecordedRequest> filter) {
        return requests().stream().filter(filter).toList();
    }

    /** Requests to the API ({@code /api/v2/...}), OAuth token requests excluded. */
    public long apiRequestCount() {
        return requests(r -> r.path().startsWith("/api/v2/")).size();
    }

    /** Forgets the recorded requests. */
    public void clearRequests() {
        synchronized (requests) {
            requests.clear();
        }
    }

    /** Stops the server. */
    @Override
    public void close() {
        releaseHangs();
        server.stop();
    }

    @Override
    public String toString() {
        synchronized (state) {
            return "FakeZendesk[" + state.base + ", " + state.tickets.size() + " tickets, " + state.users.size()
                    + " users, " + requests.size() + " requests]";
        }
    }

    private static TicketView view(FakeState.TicketRec t) {
        return new TicketView(
                t.id,
                t.type,
                t.status,
                t.subject,
                t.assigneeId,
                t.groupId,
                List.copyOf(t.tags),
                t.externalId,
                t.dueAt,
                t.updatedAt);
    }

    // ------------------------------------------------------------------------------------------------ WireMock glue

    private Runnable takeHook(String method, String path) {
        synchronized (hooks) {
            for (Hook h : hooks) {
                if (h.method().equalsIgnoreCase(method) && path.startsWith(h.pathPrefix())) {
                    hooks.remove(h);
                    return h.action();
                }
            }
            return null;
        }
    }

    private FaultRule takeFault(String method, String path) {
        synchronized (faults) {
            for (FaultRule r : faults) {
                if (r.matches(method, path)) {
                    faults.remove(r);
                    if (r.times() > 1) {
                        faults.addFirst(r.times(r.times() - 1));
                    }
                    return r;
                }
            }
            return null;
        }
    }

    /** A random fault for this request, or null (see {@link #randomFaults}). */
    private FaultRule randomFault(String path) {
        synchronized (faults) {
            if (randomFaults == null || !path.startsWith("/api/v2/") || randomFaults.nextDouble() >= randomFaultShare) {
                return null;
            }
            int kind = randomFaults.nextInt(5);
            randomFaultsMet.merge(
                    List.of("429", "503", "500", "reset", "answer-lost").get(kind), 1, Integer::sum);
            return switch (kind) {
                case 0 -> FaultRule.of(Fault.RATE_LIMITED);
                case 1 -> FaultRule.of(Fault.SERVICE_UNAVAILABLE);
                case 2 -> FaultRule.of(Fault.SERVER_ERROR);
                case 3 -> FaultRule.of(Fault.CONNECTION_RESET);
                default -> FaultRule.of(Fault.CONNECTION_RESET).afterProcessing();
            };
        }
    }

    private ResponseDefinition faultResponse(FaultRule rule, FakeState.Response processed) {
        ResponseDefinitionBuilder b = ResponseDefinitionBuilder.responseDefinition();
        return switch (rule.fault()) {
            case CONNECTION_RESET ->
                b.withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)
                        .build();
            case EMPTY_REPLY ->
                b.withFault(com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE)
                        .build();
            case SERVER_ERROR ->
                b.withStatus(500)
                        .withHeader("Content-Type", "text/plain; charset=utf-8")
                        .withBody("Internal Server Error")
                        .build();
            case SERVICE_UNAVAILABLE ->
                b.withStatus(503)
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withHeader(
                                "Retry-After", Long.toString(rule.retryAfter().toSeconds()))
                        .withBody("{\"error\":\"ServiceUnavailable\",\"description\":\"Maintenance in progress\"}")
                        .build();
            case MALFORMED_JSON -> {
                String body = processed == null ? "{\"ticket\": {\"id\": 1, \"subj" : processed.body();
                yield b.withStatus(200)
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody(body.substring(0, Math.max(1, body.length() / 2)))
                        .build();
            }
            case HANG -> {
                try {
                    hang.await(HANG_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                yield b.withStatus(503).withBody("late").build();
            }
            // as Zendesk answers a 429: Retry-After with the account's X-Rate-Limit headers at zero, no reset header,
            // and a plain-text body under a text/html type
            // (https://developer.zendesk.com/api-reference/introduction/rate-limits/)
            case RATE_LIMITED ->
                b.withStatus(429)
                        .withHeader("Content-Type", "text/html; charset=utf-8")
                        .withHeader(
                                "Retry-After", Long.toString(rule.retryAfter().toSeconds()))
                        .withHeader("X-Rate-Limit", "700")
                        .withHeader("X-Rate-Limit-Remaining", "0")
                        .withHeader(
                                "X-Zendesk-Request-Id",
                                "req-429-" + rule.retryAfter().toSeconds())
                        .withBody(
                                "Rate limit for ticket updates exceeded, please wait before updating this ticket again")
                        .build();
            case COLLISION ->
                b.withStatus(409)
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"error\":\"Conflict\",\"description\":\"The ticket is being updated by another"
                                + " request\"}")
                        .build();
            case UNPROCESSABLE ->
                b.withStatus(422)
                        .withHeader("Content-Type", "application/json; charset=utf-8")
                        .withBody("{\"error\":\"RecordInvalid\",\"description\":\"Record validation errors\"}")
                        .build();
        };
    }

    /** Hands every request to the fake's state (or to an injected fault). */
    private final class Transformer implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            LoggedRequest r = event.getRequest();
            String url = r.getUrl();
            int q = url.indexOf('?');
            String path = q < 0 ? url : url.substring(0, q);
            String query = q < 0 ? "" : url.substring(q + 1);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : r.getAllHeaderKeys()) {
                headers.put(name.toLowerCase(Locale.ROOT), r.getHeader(name));
            }
            String body = r.getBody() == null ? "" : new String(r.getBody(), StandardCharsets.UTF_8);
            String method = r.getMethod().getName();
            RecordedRequest arrived = new RecordedRequest(method, path, query, Map.copyOf(headers), body, -1);
            int index;
            synchronized (requests) {
                index = requests.size();
                requests.add(arrived);
            }
            for (Consumer<RecordedRequest> listener : listeners) {
                listener.accept(arrived);
            }
            Runnable hook = takeHook(method, path);
            if (hook != null) {
                hook.run();
            }
            FaultRule fault = takeFault(method, path);
            if (fault == null) {
                fault = randomFault(path);
            }
            ResponseDefinition answer;
            if (fault != null && !fault.processedFirst()) {
                answer = faultResponse(fault, null);
            } else {
                FakeState.Response response =
                        state.handle(new FakeState.Request(method, path, parseQuery(query), headers, body));
                if (fault != null) {
                    answer = faultResponse(fault, response);
                } else {
                    ResponseDefinitionBuilder b =
                            ResponseDefinitionBuilder.responseDefinition().withStatus(response.status());
                    response.headers().forEach(b::withHeader);
                    answer = b.withBody(response.body()).build();
                }
            }
            boolean cut = answer.getFault() != null || (fault != null && fault.fault() == Fault.HANG);
            synchronized (requests) {
                if (index < requests.size() && requests.get(index) == arrived) {
                    requests.set(
                            index,
                            new RecordedRequest(
                                    method, path, query, arrived.headers(), body, cut ? 0 : answer.getStatus()));
                }
            }
            return answer;
        }

        @Override
        public String getName() {
            return "fake-zendesk";
        }
    }

    private static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return out;
        }
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }
}
