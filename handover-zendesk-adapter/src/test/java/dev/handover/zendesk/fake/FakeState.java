package dev.handover.zendesk.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake's data and its handling of requests, behaving as Zendesk documents it. One lock guards everything: the
 * WireMock extension calls {@link #handle} from Jetty's threads.
 */
final class FakeState {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(2);
    static final int MAX_COMMENT_CHARS = 65_535;
    static final int MAX_COMMENTS = 5_000;
    static final List<String> STATUSES = List.of("new", "open", "pending", "hold", "solved", "closed");
    private static final Pattern TICKET = Pattern.compile("/api/v2/tickets/(\\d+)");
    private static final Pattern COMMENTS = Pattern.compile("/api/v2/tickets/(\\d+)/comments");
    private static final Pattern AUDITS = Pattern.compile("/api/v2/tickets/(\\d+)/audits");
    private static final Pattern JOB = Pattern.compile("/api/v2/job_statuses/([A-Za-z0-9-]+)");

    /** A refusal in Zendesk's error shape. */
    static final class FakeError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;
        final String description;
        final ObjectNode details;

        FakeError(int status, String code, String description) {
            this(status, code, description, null);
        }

        FakeError(int status, String code, String description, ObjectNode details) {
            super(code + ": " + description, null, false, false);
            this.status = status;
            this.code = code;
            this.description = description;
            this.details = details;
        }

        static FakeError invalid(String field, String description) {
            ObjectNode details = JSON.createObjectNode();
            ArrayNode a = details.putArray(field);
            a.addObject().put("description", description);
            return new FakeError(422, "RecordInvalid", "Record validation errors", details);
        }

        Response response() {
            ObjectNode body = JSON.createObjectNode();
            body.put("error", code);
            body.put("description", description);
            if (details != null) {
                body.set("details", details);
            }
            return Response.json(status, body);
        }
    }

    record Request(
            String method, String path, Map<String, List<String>> query, Map<String, String> headers, String body) {
        String param(String name) {
            List<String> v = query.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        List<String> params(String name) {
            return query.getOrDefault(name, List.of());
        }
    }

    record Response(int status, Map<String, String> headers, String body) {
        static Response json(int status, JsonNode body) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Content-Type", "application/json; charset=utf-8");
            try {
                return new Response(status, h, JSON.writeValueAsString(body));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static Response text(int status, String body) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Content-Type", "text/plain; charset=utf-8");
            return new Response(status, h, body);
        }

        Response header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Response(status, h, body);
        }
    }

    static final class TicketRec {
        long id;
        String type;
        String subject = "";
        String description = "";
        String status = "new";
        String priority;
        Long requesterId;
        Long submitterId;
        Long assigneeId;
        Long groupId;
        Long organizationId;
        List<String> tags = new ArrayList<>();
        Map<Long, JsonNode> customFields = new LinkedHashMap<>();
        String externalId;
        Instant dueAt;
        String channel = "api";
        Instant createdAt;
        Instant updatedAt;
        int reopens;

        TicketRec copy() {
            TicketRec c = new TicketRec();
            c.id = id;
            c.type = type;
            c.subject = subject;
            c.description = description;
            c.status = status;
            c.priority = priority;
            c.requesterId = requesterId;
            c.submitterId = submitterId;
            c.assigneeId = assigneeId;
            c.groupId = groupId;
            c.organizationId = organizationId;
            c.tags = new ArrayList<>(tags);
            c.customFields = new LinkedHashMap<>(customFields);
            c.externalId = externalId;
            c.dueAt = dueAt;
            c.channel = channel;
            c.createdAt = createdAt;
            c.updatedAt = updatedAt;
            c.reopens = reopens;
            return c;
        }

        ObjectNode json(String base) {
            ObjectNode t = JSON.createObjectNode();
            t.put("id", id);
            t.put("url", base + "/api/v2/tickets/" + id + ".json");
            putOrNull(t, "external_id", externalId);
            putOrNull(t, "type", type);
            t.put("subject", subject);
            t.put("raw_subject", subject);
            t.put("description", description);
            putOrNull(t, "priority", priority);
            t.put("status", status);
            putOrNull(t, "requester_id", requesterId);
            putOrNull(t, "submitter_id", submitterId);
            putOrNull(t, "assignee_id", assigneeId);
            putOrNull(t, "organization_id", organizationId);
            putOrNull(t, "group_id", groupId);
            ArrayNode tg = t.putArray("tags");
            tags.forEach(tg::add);
            ArrayNode cf = t.putArray("custom_fields");
            customFields.forEach((k, v) -> cf.addObject().put("id", k).set("value", v));
            putOrNull(t, "due_at", dueAt == null ? null : dueAt.toString());
            t.putObject("via").put("channel", channel);
            t.put("created_at", createdAt.toString());
            t.put("updated_at", updatedAt.toString());
            t.put("generated_timestamp", updatedAt.getEpochSecond());
            return t;
        }
    }

    static final class UserRec {
        long id;
        String name = "";
        String email = "";
        String phone;
        String role = "end-user";
        boolean active = true;
        boolean suspended;
        String locale = "en-US";
        String timeZone = "Etc/UTC";
        Long organizationId;
        ObjectNode userFields = JSON.createObjectNode();
        /** Users API role_type: null for a standard agent, 0 custom, 1 light, 2 chat, 3 contributor, 4 admin. */
        Integer roleType;

        boolean chatOnly;
        Long customRoleId;

        ObjectNode json() {
            ObjectNode u = JSON.createObjectNode();
            u.put("id", id);
            u.put("name", name);
            u.put("email", email);
            putOrNull(u, "phone", phone);
            u.put("role", role);
            u.put("active", active);
            u.put("suspended", suspended);
            u.put("locale", locale);
            u.put("iana_time_zone", timeZone);
            u.put("time_zone", timeZone);
            putOrNull(u, "organization_id", organizationId);
            u.set("user_fields", userFields.deepCopy());
            putOrNull(u, "role_type", roleType);
            u.put("chat_only", chatOnly);
            putOrNull(u, "custom_role_id", customRoleId);
            return u;
        }

        boolean isAssignable(Map<Long, ObjectNode> customRoles) {
            // light agents, chat agents and contributors cannot be assigned tickets (Zendesk help: "Understanding
            // standard agent roles"); nor can a custom role with the light agent's permissions
            boolean restricted = chatOnly
                    || (roleType != null && (roleType == 1 || roleType == 2 || roleType == 3))
                    || (customRoleId != null
                            && customRoles.containsKey(customRoleId)
                            && customRoles
                                    .get(customRoleId)
                                    .path("configuration")
                                    .path("light_agent")
                                    .asBoolean());
            return (role.equals("agent") || role.equals("admin")) && active && !suspended && !restricted;
        }
    }

    record GroupRec(long id, String name) {}

    record CommentRec(long id, long authorId, String body, String htmlBody, boolean isPublic, Instant createdAt) {
        ObjectNode json() {
            ObjectNode c = JSON.createObjectNode();
            c.put("id", id);
            c.put("type", "Comment");
            c.put("author_id", authorId);
            c.put("body", body);
            c.put("html_body", htmlBody);
            c.put("plain_body", body);
            c.put("public", isPublic);
            c.put("created_at", createdAt.toString());
            return c;
        }
    }

    static final class JobRec {
        String id;
        String type;
        int total;
        ArrayNode results;
        int pollsLeft;
        /** The job's work while it waits for {@link #runHeldJobs()}; null once run. */
        Runnable held;
        /** The job stopped partway: it reports {@code failed} and no per-item results. */
        boolean failed;

        ObjectNode json(String base, boolean done) {
            ObjectNode j = JSON.createObjectNode();
            j.put("id", id);
            j.put("url", base + "/api/v2/job_statuses/" + id + ".json");
            j.put("job_type", type);
            j.put("total", total);
            j.put("progress", done && !failed ? total : 0);
            j.put("status", done ? (failed ? "failed" : "completed") : "queued");
            if (done && failed) {
                j.put("message", "Failed");
            } else {
                j.putNull("message");
            }
            if (done && !failed) {
                j.set("results", results);
            } else {
                j.putNull("results");
            }
            return j;
        }
    }

    /** The work of one item of a bulk job, writing its result into {@code res}. */
    private interface ItemWork {
        void run(JsonNode item, int index, ObjectNode res);
    }

    record IdemRec(String bodyHash, long ticketId, Instant at) {}

    record IndexEntry(Instant visibleFrom, TicketRec snapshot) {}

    // ------------------------------------------------------------------------------------------------ state

    final Clock clock;
    String base = "http://127.0.0.1";
    private Instant lastStamp = Instant.EPOCH;
    private long nextTicketId = 100_001;
    private long nextCommentId = 1;
    private long nextJobId = 1;
    private long nextToken = 1;

    final Map<Long, TicketRec> tickets = new TreeMap<>();
    /** Set to answer ticket deletion with 403, as for an agent without the permission to delete tickets. */
    boolean refuseDeletion;
    /** Tickets deleted through the API. */
    int deleted;
    /** The title of a trigger that emails the requester on every update, internal notes included; null for none. */
    String notifyingTrigger;
    /** An agent a trigger assigns every ticket to whenever an update changes its assignee; null for none. */
    Long reassigningTriggerAgent;
    /** Set to answer without X-Rate-Limit headers, as behind a proxy that strips them. */
    boolean noRateHeaders;
    /** Set to keep only the date of a ticket's due_at (stored at noon UTC), as an account that drops the time. */
    boolean dueDateOnly;

    final Map<Long, List<CommentRec>> comments = new HashMap<>();
    final Map<Long, UserRec> users = new LinkedHashMap<>();
    static final java.time.Duration TICKET_UPDATE_WINDOW = java.time.Duration.ofMinutes(10);
    /** Updates of one ticket per ten minutes (Zendesk: 30 per user and ticket). */
    int ticketUpdatesPerWindow = 30;

    final Map<Long, java.util.Deque<Instant>> ticketUpdates = new HashMap<>();
    /** Ticket fields required to solve, id to title (Zendesk: "Required to solve"). */
    final Map<Long, String> requiredOnSolve = new LinkedHashMap<>();
    /** User fields an admin created that no user has a value in yet. */
    final java.util.Set<String> extraUserFields = new java.util.TreeSet<>(
            List.of("handover_skills", "handover_languages", "handover_manager", "handover_capacity", "handover_role"));
    /** Custom roles by id, as {@code GET /api/v2/custom_roles} lists them (Enterprise plans). */
    final Map<Long, ObjectNode> customRoles = new LinkedHashMap<>();

    final Map<Long, GroupRec> groups = new LinkedHashMap<>();
    final Map<Long, Set<Long>> memberships = new LinkedHashMap<>();
    final Map<String, Long> customFieldIds = new LinkedHashMap<>();
    final Map<Long, String> presence = new HashMap<>();
    private final Map<String, JobRec> jobs = new HashMap<>();
    private final Map<String, IdemRec> idempotency = new HashMap<>();
    private final Map<Long, List<IndexEntry>> index = new HashMap<>();

    Duration indexLag = Duration.ofSeconds(30);
    int jobPollsUntilDone = 1;
    boolean holdNextJob;
    int failNextJobAfter = -1;
    long apiUser;
    final Map<String, String> oauthClients = new HashMap<>();
    final Map<String, String> apiTokens = new HashMap<>();
    private final Map<String, Instant> accessTokens = new HashMap<>();
    /** The scope each access token was granted ({@code read}, {@code tickets:write} …). */
    private final Map<String, String> tokenScopes = new HashMap<>();
    /** Every ticket's audits, oldest first: one per update that changed the ticket, with its metadata. */
    private final Map<Long, List<ObjectNode>> audits = new HashMap<>();

    private long nextAudit = 7_000_000;
    private final Map<String, String> refreshTokens = new HashMap<>();
    Duration tokenLifetime = Duration.ofHours(2);
    boolean issueRefreshTokens = true;
    int tokensIssued;
    int rateLimitPerMinute;
    private long window = -1;
    private int windowCount;
    boolean availabilityEnabled = true;

    FakeState(Clock clock) {
        this.clock = clock;
    }

    /** Drops job statuses; jobs still queued run first (Zendesk runs a job whether or not anyone polls it). */
    synchronized void expireJobs() {
        runHeldJobs();
        jobs.clear();
    }

    synchronized void reset() {
        tickets.clear();
        comments.clear();
        users.clear();
        groups.clear();
        memberships.clear();
        customFieldIds.clear();
        presence.clear();
        jobs.clear();
        holdNextJob = false;
        failNextJobAfter = -1;
        idempotency.clear();
        index.clear();
        accessTokens.clear();
        refreshTokens.clear();
        lastStamp = Instant.EPOCH;
        nextTicketId = 100_001;
        nextCommentId = 1;
        tokensIssued = 0;
        window = -1;
        windowCount = 0;
    }

    /** The next write time: the clock, to the second, but always after the previous write (versions must differ). */
    Instant stamp() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (!now.isAfter(lastStamp)) {
            now = lastStamp.plusSeconds(1);
        }
        lastStamp = now;
        return now;
    }

    void indexNow(TicketRec t) {
        index.computeIfAbsent(t.id, k -> new ArrayList<>()).add(new IndexEntry(Instant.MIN, t.copy()));
    }

    private void indexLater(TicketRec t) {
        index.computeIfAbsent(t.id, k -> new ArrayList<>())
                .add(new IndexEntry(clock.instant().plus(indexLag), t.copy()));
    }

    long newCommentId() {
        return nextCommentId++;
    }

    /** A change made by a person in Zendesk's interface: a new version, a new comment if given, indexed later. */
    synchronized void personUpdate(long id, java.util.function.Consumer<TicketRec> change, CommentRec comment) {
        TicketRec t = tickets.get(id);
        if (t == null) {
            throw new IllegalArgumentException("ticket " + id + " does not exist");
        }
        change.accept(t);
        t.updatedAt = stamp();
        if (comment != null) {
            comments.computeIfAbsent(id, k -> new ArrayList<>())
                    .add(new CommentRec(
                            newCommentId(),
                            comment.authorId(),
                            comment.body(),
                            comment.htmlBody(),
                            comment.isPublic(),
                            t.updatedAt));
        }
        indexLater(t);
    }

    // ------------------------------------------------------------------------------------------------ routing

    synchronized Response handle(Request r) {
        try {
            String path =
                    r.path().endsWith(".json") ? r.path().substring(0, r.path().length() - 5) : r.path();
            if (path.equals("/oauth/tokens") && r.method().equals("POST")) {
                return token(r);
            }
            if (!path.startsWith("/api/v2/")) {
                throw new FakeError(404, "InvalidEndpoint", "Not found");
            }
            authenticate(r);
            Response limited = rateLimit();
            if (limited != null) {
                return limited;
            }
            return withRateHeaders(route(r, path));
        } catch (FakeError e) {
            return withRateHeaders(e.response());
        }
    }

    private Response route(Request r, String path) {
        String m = r.method();
        Matcher audit = AUDITS.matcher(path);
        if (m.equals("GET") && audit.matches()) {
            return listAudits(r, Long.parseLong(audit.group(1)));
        }
        Matcher ticket = TICKET.matcher(path);
        Matcher comments = COMMENTS.matcher(path);
        Matcher job = JOB.matcher(path);
        if (m.equals("GET") && path.equals("/api/v2/tickets/show_many")) {
            return showMany(r);
        }
        if (m.equals("GET") && path.equals("/api/v2/tickets")) {
            return byExternalId(r);
        }
        if (m.equals("POST") && path.equals("/api/v2/tickets")) {
            return create(r);
        }
        if (m.equals("PUT") && path.equals("/api/v2/tickets/update_many")) {
            return updateMany(r);
        }
        if (m.equals("POST") && path.equals("/api/v2/tickets/create_many")) {
            return createMany(r);
        }
        if (ticket.matches() && m.equals("GET")) {
            return show(r, Long.parseLong(ticket.group(1)));
        }
        if (ticket.matches() && m.equals("DELETE")) {
            // "Allowed for: Admins, Agents with permission to delete tickets"; 204 No Content
            // (https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#delete-ticket)
            if (refuseDeletion) {
                throw new FakeError(403, "Forbidden", "You do not have access to this page.");
            }
            if (tickets.remove(Long.parseLong(ticket.group(1))) == null) {
                throw new FakeError(404, "RecordNotFound", "Not found");
            }
            deleted++;
            return new Response(204, new LinkedHashMap<>(), "");
        }
        if (ticket.matches() && m.equals("PUT")) {
            return ticketUpdateLimit(Long.parseLong(ticket.group(1)), () -> update(r, Long.parseLong(ticket.group(1))));
        }
        if (comments.matches() && m.equals("GET")) {
            return listComments(r, Long.parseLong(comments.group(1)));
        }
        if (m.equals("GET") && path.equals("/api/v2/search")) {
            return search(r);
        }
        if (m.equals("GET") && path.equals("/api/v2/job_statuses/show_many")) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode a = body.putArray("job_statuses");
            for (String id : r.param("ids").split(",")) {
                JobRec j = jobs.get(id);
                if (j != null) {
                    a.add(poll(j));
                }
            }
            return Response.json(200, body);
        }
        if (job.matches() && m.equals("GET")) {
            JobRec j = jobs.get(job.group(1));
            if (j == null) {
                throw new FakeError(404, "RecordNotFound", "Not found");
            }
            ObjectNode body = JSON.createObjectNode();
            body.set("job_status", poll(j));
            return Response.json(200, body);
        }
        if (m.equals("GET") && path.equals("/api/v2/ticket_fields")) {
            // the account's ticket fields: the custom ones the fake knows, titled by their name
            List<JsonNode> list = new ArrayList<>();
            customFieldIds.forEach((name, id) -> {
                ObjectNode f = JSON.createObjectNode();
                f.put("id", id);
                f.put("title", name.replace('_', ' '));
                f.put("type", "decimal");
                f.put("active", true);
                f.put("required", false);
                list.add(f);
            });
            // "required: If true, agents must enter a value in the field to change the ticket status to solved"
            // (https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_fields/)
            requiredOnSolve.forEach((id, title) -> {
                ObjectNode f = JSON.createObjectNode();
                f.put("id", id);
                f.put("title", title);
                f.put("type", "tagger");
                f.put("active", true);
                f.put("required", true);
                list.add(f);
            });
            return cursorPage(r, "ticket_fields", list);
        }
        if (m.equals("GET") && path.equals("/api/v2/user_fields")) {
            // every key some user has a value for: the fields an admin created
            java.util.Set<String> keys = new java.util.TreeSet<>();
            users.values().forEach(u -> u.userFields.fieldNames().forEachRemaining(keys::add));
            keys.addAll(extraUserFields);
            List<JsonNode> list = new ArrayList<>();
            long n = 1;
            for (String k : keys) {
                ObjectNode f = JSON.createObjectNode();
                f.put("id", 7000 + n++);
                f.put("key", k);
                f.put("title", k.replace('_', ' '));
                list.add(f);
            }
            return cursorPage(r, "user_fields", list);
        }
        if (m.equals("GET") && path.equals("/api/v2/custom_roles")) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode list = body.putArray("custom_roles");
            customRoles.values().forEach(list::add);
            return Response.json(200, body);
        }
        if (m.equals("GET") && path.equals("/api/v2/users/me")) {
            UserRec u = users.get(apiUser);
            ObjectNode body = JSON.createObjectNode();
            if (u != null) {
                body.set("user", u.json());
            } else {
                body.putObject("user").put("id", apiUser).put("role", "admin").put("name", "API user");
            }
            return Response.json(200, body);
        }
        if (m.equals("GET") && path.equals("/api/v2/users")) {
            List<String> roles = r.params("role[]");
            List<JsonNode> list = new ArrayList<>();
            for (UserRec u : users.values()) {
                if (roles.isEmpty() || roles.contains(u.role)) {
                    list.add(u.json());
                }
            }
            return cursorPage(r, "users", list);
        }
        if (m.equals("GET") && path.equals("/api/v2/groups")) {
            List<JsonNode> list = new ArrayList<>();
            groups.values()
                    .forEach(g -> list.add(JSON.createObjectNode()
                            .put("id", g.id())
                            .put("name", g.name())
                            .put("deleted", false)));
            return cursorPage(r, "groups", list);
        }
        if (m.equals("GET") && path.equals("/api/v2/group_memberships")) {
            List<JsonNode> list = new ArrayList<>();
            long n = 1;
            for (Map.Entry<Long, Set<Long>> e : memberships.entrySet()) {
                for (Long g : e.getValue()) {
                    list.add(JSON.createObjectNode()
                            .put("id", n++)
                            .put("user_id", e.getKey())
                            .put("group_id", g));
                }
            }
            return cursorPage(r, "group_memberships", list);
        }
        if (m.equals("GET") && path.equals("/api/v2/agent_availabilities")) {
            return availabilities(r);
        }
        throw new FakeError(404, "InvalidEndpoint", "Not found");
    }

    // ------------------------------------------------------------------------------------------------ auth and limits

    private Response token(Request r) {
        JsonNode body = parse(r.body());
        String grant = text(body, "grant_type");
        String clientId = text(body, "client_id");
        String secret = text(body, "client_secret");
        String known = oauthClients.get(clientId);
        switch (grant) {
            case "client_credentials" -> {
                if (known == null || !known.equals(secret)) {
                    return oauthError(401, "invalid_client", "Client authentication failed due to unknown client.");
                }
            }
            case "refresh_token" -> {
                String refresh = text(body, "refresh_token");
                if (known == null || (!secret.isEmpty() && !known.equals(secret))) {
                    return oauthError(401, "invalid_client", "Client authentication failed due to unknown client.");
                }
                if (!clientId.equals(refreshTokens.remove(refresh))) {
                    return oauthError(
                            400, "invalid_grant", "The provided authorization grant is invalid, expired, or revoked.");
                }
            }
            default -> {
                return oauthError(400, "unsupported_grant_type", "The authorization grant type is not supported.");
            }
        }
        Duration lifetime = body.has("expires_in")
                ? Duration.ofSeconds(body.get("expires_in").asLong())
                : tokenLifetime;
        String access = "fake-access-" + nextToken++;
        accessTokens.put(access, clock.instant().plus(lifetime));
        tokenScopes.put(access, text(body, "scope"));
        tokensIssued++;
        ObjectNode out = JSON.createObjectNode();
        out.put("access_token", access);
        out.put("token_type", "bearer");
        out.put("scope", text(body, "scope"));
        out.put("expires_in", lifetime.toSeconds());
        if (issueRefreshTokens) {
            String refresh = "fake-refresh-" + nextToken++;
            refreshTokens.put(refresh, clientId);
            out.put("refresh_token", refresh);
            out.put("refresh_token_expires_in", Duration.ofDays(30).toSeconds());
        }
        return Response.json(201, out);
    }

    private static Response oauthError(int status, String error, String description) {
        ObjectNode b = JSON.createObjectNode();
        b.put("error", error);
        b.put("error_description", description);
        return Response.json(status, b);
    }

    private void authenticate(Request r) {
        String auth = r.headers().getOrDefault("authorization", "");
        if (auth.startsWith("Bearer ")) {
            Instant expires = accessTokens.get(auth.substring(7));
            if (expires != null && clock.instant().isBefore(expires)) {
                return;
            }
            throw new FakeError(
                    401, "invalid_token", "The access token provided is expired, revoked, malformed or invalid");
        }
        if (auth.startsWith("Basic ")) {
            String decoded = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
            int sep = decoded.indexOf("/token:");
            if (sep > 0 && decoded.substring(sep + 7).equals(apiTokens.get(decoded.substring(0, sep)))) {
                return;
            }
        }
        throw new FakeError(401, "Couldn't authenticate you", "Couldn't authenticate you");
    }

    /** Revokes every access token (as an admin would), so the next request gets a 401. */
    synchronized void revokeAccessTokens() {
        accessTokens.clear();
    }

    private Response rateLimit() {
        long minute = clock.instant().getEpochSecond() / 60;
        if (minute != window) {
            window = minute;
            windowCount = 0;
        }
        windowCount++;
        if (rateLimitPerMinute > 0 && windowCount > rateLimitPerMinute) {
            long retry = 60 - clock.instant().getEpochSecond() % 60;
            // Zendesk's account limit answers in plain text, with Retry-After and X-Rate-Limit-Remaining: 0
            return withRateHeaders(Response.text(429, "Number of allowed API requests per minute exceeded")
                    .header("Content-Type", "text/html; charset=utf-8")
                    .header("Retry-After", Long.toString(retry)));
        }
        return null;
    }

    /**
     * Zendesk's endpoint limit on ticket updates: "30 updates per 10 minutes per user per ticket", announced on each
     * answer as {@code Zendesk-RateLimit-tickets-update: total=30; remaining=…; resets=…} and answered with a 429 beyond
     * it (https://developer.zendesk.com/api-reference/introduction/rate-limits/#endpoint-rate-limits). Only updates of
     * that ticket are limited.
     */
    private Response ticketUpdateLimit(long ticket, java.util.function.Supplier<Response> update) {
        Instant now = clock.instant();
        java.util.Deque<Instant> recent = ticketUpdates.computeIfAbsent(ticket, k -> new java.util.ArrayDeque<>());
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(TICKET_UPDATE_WINDOW))) {
            recent.pollFirst();
        }
        long resets = recent.isEmpty()
                ? TICKET_UPDATE_WINDOW.toSeconds()
                : Math.max(
                        1,
                        java.time.Duration.between(now, recent.peekFirst().plus(TICKET_UPDATE_WINDOW))
                                .toSeconds());
        if (recent.size() >= ticketUpdatesPerWindow) {
            return Response.text(
                            429,
                            "Rate limit for ticket updates exceeded, please wait before updating this ticket"
                                    + " again")
                    .header("Content-Type", "text/html; charset=utf-8")
                    .header("Retry-After", Long.toString(resets))
                    .header(
                            "Zendesk-RateLimit-tickets-update",
                            "total=" + ticketUpdatesPerWindow + "; remaining=0; resets=" + resets);
        }
        recent.addLast(now);
        Response answer = update.get();
        return answer.header(
                "Zendesk-RateLimit-tickets-update",
                "total=" + ticketUpdatesPerWindow + "; remaining=" + (ticketUpdatesPerWindow - recent.size())
                        + "; resets=" + resets);
    }

    private Response withRateHeaders(Response r) {
        if (noRateHeaders) {
            return r;
        }
        int limit = rateLimitPerMinute > 0 ? rateLimitPerMinute : 700;
        return r.header("X-Rate-Limit", Integer.toString(limit))
                .header("X-Rate-Limit-Remaining", Integer.toString(Math.max(0, limit - windowCount)));
    }

    // ------------------------------------------------------------------------------------------------ reads

    private Response show(Request r, long id) {
        TicketRec t = tickets.get(id);
        if (t == null) {
            throw new FakeError(404, "RecordNotFound", "Not found");
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("ticket", t.json(base));
        sideload(body, r.param("include"), List.of(t));
        return Response.json(200, body);
    }

    private Response showMany(Request r) {
        List<TicketRec> found = new ArrayList<>();
        String ids = r.param("ids");
        if (ids == null || ids.isBlank()) {
            throw new FakeError(400, "InvalidParameter", "ids is required");
        }
        String[] parts = ids.split(",");
        if (parts.length > 100) {
            throw new FakeError(400, "TooManyIds", "show_many accepts at most 100 ids");
        }
        for (String p : parts) {
            TicketRec t = tickets.get(Long.parseLong(p.trim()));
            if (t != null) {
                found.add(t);
            }
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode a = body.putArray("tickets");
        found.forEach(t -> a.add(t.json(base)));
        sideload(body, r.param("include"), found);
        return Response.json(200, body);
    }

    private Response byExternalId(Request r) {
        String ext = r.param("external_id");
        if (ext == null) {
            throw new FakeError(400, "InvalidParameter", "this fake lists tickets by external_id only");
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode a = body.putArray("tickets");
        tickets.values().stream().filter(t -> ext.equals(t.externalId)).forEach(t -> a.add(t.json(base)));
        body.putNull("next_page");
        body.put("count", a.size());
        return Response.json(200, body);
    }

    private void sideload(ObjectNode body, String include, List<TicketRec> found) {
        if (include == null) {
            return;
        }
        String inner = include.startsWith("tickets(") ? include.substring(8, include.length() - 1) : include;
        Set<String> what = Set.of(inner.split(","));
        if (what.contains("users")) {
            Set<Long> ids = new LinkedHashSet<>();
            for (TicketRec t : found) {
                for (Long id : new Long[] {t.requesterId, t.submitterId, t.assigneeId}) {
                    if (id != null) {
                        ids.add(id);
                    }
                }
            }
            ArrayNode a = body.putArray("users");
            ids.stream().map(users::get).filter(u -> u != null).forEach(u -> a.add(u.json()));
        }
        if (what.contains("organizations")) {
            body.putArray("organizations");
        }
        if (what.contains("metric_sets")) {
            ArrayNode a = body.putArray("metric_sets");
            found.forEach(t -> a.addObject()
                    .put("ticket_id", t.id)
                    .put("reopens", t.reopens)
                    .put("replies", 0));
        }
    }

    /**
     * {@code GET /api/v2/tickets/{id}/audits}: "The Ticket Audits endpoints require a global "read" scope for OAuth
     * authentication. You can't access the endpoints using the "auditlogs:read" or "tickets:read" scopes"
     * (https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_audits/). Custom metadata sent with an update
     * ({@code ticket.metadata}) is in {@code metadata.custom} of its audit.
     */
    private Response listAudits(Request r, long ticket) {
        String auth = r.headers().getOrDefault("authorization", "");
        if (auth.startsWith("Bearer ")) {
            String scope = tokenScopes.getOrDefault(auth.substring(7), "");
            if (!java.util.Arrays.asList(scope.split("\\s+")).contains("read")) {
                throw new FakeError(
                        403,
                        "Forbidden",
                        "You do not have access to this page. Please contact the account owner of this help desk for further help.");
            }
        }
        if (!tickets.containsKey(ticket)) {
            throw new FakeError(404, "RecordNotFound", "Not found");
        }
        return cursorPage(r, "audits", new ArrayList<>(audits.getOrDefault(ticket, List.of())));
    }

    private Response listComments(Request r, long ticket) {
        if (!tickets.containsKey(ticket)) {
            throw new FakeError(404, "RecordNotFound", "Not found");
        }
        List<CommentRec> all = new ArrayList<>(comments.getOrDefault(ticket, List.of()));
        all.sort(Comparator.comparing(CommentRec::createdAt).thenComparingLong(CommentRec::id));
        String sort = r.param("sort") == null ? "created_at" : r.param("sort");
        if (sort.equals("-created_at")) {
            java.util.Collections.reverse(all);
        } else if (!sort.equals("created_at")) {
            throw new FakeError(400, "InvalidSort", "sort must be created_at or -created_at");
        }
        List<JsonNode> list = new ArrayList<>();
        all.forEach(c -> list.add(c.json()));
        return cursorPage(r, "comments", list);
    }

    private Response cursorPage(Request r, String field, List<JsonNode> list) {
        int size = r.param("page[size]") == null ? 100 : Integer.parseInt(r.param("page[size]"));
        if (size > 100) {
            throw new FakeError(400, "InvalidPageSize", "page[size] must be at most 100");
        }
        int start = 0;
        String after = r.param("page[after]");
        if (after != null) {
            try {
                start = Integer.parseInt(new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw new FakeError(400, "InvalidCursor", "invalid page[after]");
            }
        }
        int end = Math.min(list.size(), start + size);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode a = body.putArray(field);
        list.subList(Math.min(start, list.size()), end).forEach(a::add);
        boolean more = end < list.size();
        ObjectNode meta = body.putObject("meta");
        meta.put("has_more", more);
        String cursor = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Integer.toString(end).getBytes(StandardCharsets.UTF_8));
        if (more) {
            meta.put("after_cursor", cursor);
        } else {
            meta.putNull("after_cursor");
        }
        meta.putNull("before_cursor");
        ObjectNode links = body.putObject("links");
        if (more) {
            links.put("next", base + r.path() + "?page[after]=" + cursor);
        } else {
            links.putNull("next");
        }
        return Response.json(200, body);
    }

    private Response availabilities(Request r) {
        if (!availabilityEnabled) {
            throw new FakeError(403, "Forbidden", "You do not have access to this page");
        }
        List<JsonNode> list = new ArrayList<>();
        for (UserRec u : users.values()) {
            if (u.role.equals("agent") || u.role.equals("admin")) {
                ObjectNode a = JSON.createObjectNode();
                a.put("type", "agent_availabilities");
                a.put("id", "agent_availabilities|" + u.id);
                ObjectNode attrs = a.putObject("attributes");
                attrs.put("agent_id", u.id);
                attrs.putObject("agent_status").put("id", 1).put("name", presence.getOrDefault(u.id, "offline"));
                list.add(a);
            }
        }
        return cursorPage(r, "data", list);
    }

    // ------------------------------------------------------------------------------------------------ search

    private Response search(Request r) {
        String query = r.param("query");
        if (query == null) {
            throw new FakeError(400, "InvalidSearch", "query is required");
        }
        Predicate<TicketRec> matches = FakeSearch.parse(query);
        String sortBy = r.param("sort_by") == null ? "updated_at" : r.param("sort_by");
        boolean desc = "desc".equals(r.param("sort_order"));
        int perPage = r.param("per_page") == null ? 100 : Integer.parseInt(r.param("per_page"));
        int page = r.param("page") == null ? 1 : Integer.parseInt(r.param("page"));
        if (perPage > 100) {
            throw new FakeError(400, "InvalidPageSize", "per_page must be at most 100");
        }
        if ((long) page * perPage > 1000) {
            throw new FakeError(422, "InsufficientResourceError", "search results are limited to 1,000");
        }
        Instant now = clock.instant();
        List<TicketRec[]> hits = new ArrayList<>(); // {indexed snapshot, current}
        for (TicketRec current : tickets.values()) {
            TicketRec indexed = null;
            for (IndexEntry e : index.getOrDefault(current.id, List.of())) {
                if (!e.visibleFrom().isAfter(now)) {
                    indexed = e.snapshot();
                }
            }
            if (indexed != null && matches.test(indexed)) {
                hits.add(new TicketRec[] {indexed, current});
            }
        }
        Comparator<TicketRec[]> order = switch (sortBy) {
            case "created_at" -> Comparator.comparing(h -> h[0].createdAt);
            case "updated_at" -> Comparator.comparing(h -> h[0].updatedAt);
            default -> throw new FakeError(400, "InvalidSort", "unsupported sort_by " + sortBy);
        };
        order = order.thenComparingLong(h -> h[0].id);
        hits.sort(desc ? order.reversed() : order);
        int from = (page - 1) * perPage;
        int to = Math.min(hits.size(), from + perPage);
        List<TicketRec> pageItems = new ArrayList<>();
        ObjectNode body = JSON.createObjectNode();
        ArrayNode results = body.putArray("results");
        for (TicketRec[] h : hits.subList(Math.min(from, hits.size()), to)) {
            ObjectNode t = h[1].json(base); // results carry the ticket as it is now; matching used the index
            t.put("result_type", "ticket");
            results.add(t);
            pageItems.add(h[1]);
        }
        body.put("count", hits.size());
        boolean more = to < Math.min(hits.size(), 1000);
        if (more) {
            body.put("next_page", base + "/api/v2/search.json?page=" + (page + 1));
        } else {
            body.putNull("next_page");
        }
        body.putNull("previous_page");
        body.putNull("facets");
        sideload(body, r.param("include"), pageItems);
        return Response.json(200, body);
    }

    // ------------------------------------------------------------------------------------------------ writes

    private Response update(Request r, long id) {
        TicketRec t = tickets.get(id);
        if (t == null) {
            throw new FakeError(404, "RecordNotFound", "Not found");
        }
        JsonNode in = parse(r.body()).path("ticket");
        if (!in.isObject()) {
            throw new FakeError(400, "InvalidJSON", "a ticket object is required");
        }
        boolean changed = apply(t, in, null);
        ObjectNode body = JSON.createObjectNode();
        body.set("ticket", t.json(base));
        ObjectNode audit = body.putObject("audit");
        audit.put("id", nextCommentId);
        audit.put("ticket_id", id);
        audit.put("created_at", t.updatedAt.toString());
        audit.putArray("events");
        if (!changed) {
            body.remove("audit"); // an update that changes nothing creates no audit
        }
        return Response.json(200, body);
    }

    /**
     * Applies a ticket update (all checks first, then all changes). {@code queuedAt} is the job's queue time for batch
     * items, null for a single update. Returns true when something changed.
     */
    private boolean apply(TicketRec t, JsonNode in, Instant queuedAt) {
        boolean hasSafe = in.has("safe_update");
        boolean hasStamp = in.has("updated_stamp");
        if (queuedAt != null && hasSafe && !hasStamp) {
            throw new FakeError(400, "InvalidParameter", "safe_update requires updated_stamp in batch updates");
        }
        if (hasStamp && hasSafe) {
            Instant stamp = Instant.parse(in.get("updated_stamp").asText());
            if (!stamp.equals(t.updatedAt)) {
                throw new FakeError(
                        409,
                        "UpdateConflict",
                        "Safe Update prevented the update due to outdated ticket data. "
                                + "Please fetch the latest ticket data and try again.");
            }
        } else if (queuedAt != null && t.updatedAt.isAfter(queuedAt)) {
            // batch jobs always update safely: against the time the job was queued when no stamp is given
            throw new FakeError(409, "UpdateConflict", "Safe Update prevented the update due to outdated ticket data.");
        }
        Long assignee = t.assigneeId;
        Long group = t.groupId;
        if (in.has("assignee_id")) {
            JsonNode a = in.get("assignee_id");
            if (a.isNull()) {
                assignee = null;
            } else {
                UserRec u = users.get(a.asLong());
                if (u == null || !u.isAssignable(customRoles)) {
                    throw FakeError.invalid("assignee", "Assignee is invalid");
                }
                assignee = u.id;
            }
        }
        if (in.has("group_id")) {
            JsonNode g = in.get("group_id");
            if (g.isNull()) {
                group = null;
            } else if (!groups.containsKey(g.asLong())) {
                throw FakeError.invalid("group", "Group is invalid");
            } else {
                group = g.asLong();
            }
        }
        if (assignee != null && !assignee.equals(t.assigneeId) || in.has("group_id")) {
            if (assignee != null
                    && (group == null
                            || !memberships.getOrDefault(assignee, Set.of()).contains(group))) {
                if (in.has("group_id")
                        && in.get("group_id") != null
                        && !in.get("group_id").isNull()) {
                    throw FakeError.invalid("assignee", "Assignee is not a member of the group");
                }
                Set<Long> of = memberships.getOrDefault(assignee, Set.of());
                group = of.isEmpty() ? null : of.iterator().next(); // Zendesk moves the ticket to a group of the agent
            }
        }
        JsonNode comment = in.get("comment");
        CommentRec newComment = null;
        if (comment != null && !comment.isNull()) {
            String html =
                    comment.hasNonNull("html_body") ? comment.get("html_body").asText() : null;
            String plain = html != null ? plainText(html) : text(comment, "body");
            if (plain.isBlank()) {
                throw FakeError.invalid("comment", "Comment: cannot be blank");
            }
            if (plain.length() > MAX_COMMENT_CHARS) {
                throw FakeError.invalid("comment", "Comment: body is too long");
            }
            if (comments.getOrDefault(t.id, List.of()).size() >= MAX_COMMENTS) {
                throw FakeError.invalid("comment", "Ticket has reached the limit of 5000 comments");
            }
            boolean isPublic = !comment.has("public") || comment.get("public").asBoolean(true); // defaults to public
            long author =
                    comment.hasNonNull("author_id") ? comment.get("author_id").asLong() : apiUser;
            newComment = new CommentRec(0, author, plain, html != null ? html : "<p>" + plain + "</p>", isPublic, null);
        }
        String status = in.has("status") ? in.get("status").asText() : t.status;
        if (!STATUSES.contains(status)) {
            throw FakeError.invalid("status", "Status is invalid");
        }
        if ((status.equals("solved") || status.equals("closed")) && !status.equals(t.status)) {
            // fields an admin marked "required to solve" refuse a solve without a value (tasks included)
            for (Map.Entry<Long, String> req : requiredOnSolve.entrySet()) {
                boolean given = in.has("custom_fields")
                        && java.util.stream.StreamSupport.stream(
                                        in.get("custom_fields").spliterator(), false)
                                .anyMatch(f -> f.path("id").asLong() == req.getKey()
                                        && !f.path("value").asText("").isBlank());
                JsonNode held = t.customFields.get(req.getKey());
                if (!given && (held == null || held.isNull() || held.asText().isBlank())) {
                    throw FakeError.invalid("base", req.getValue() + ": needed");
                }
            }
        }
        // additional_tags/remove_tags only work in bulk updates (?ids=), not in single or batch updates: ignored here
        List<String> tags = t.tags;
        if (in.has("tags")) {
            LinkedHashSet<String> set = new LinkedHashSet<>();
            in.get("tags").forEach(x -> set.add(x.asText().toLowerCase(Locale.ROOT)));
            tags = new ArrayList<>(set);
        }
        TicketRec before = t.copy();
        t.assigneeId = assignee;
        t.groupId = group;
        t.tags = tags;
        if (!t.status.equals(status)) {
            if ((t.status.equals("solved")) && !status.equals("closed")) {
                t.reopens++;
            }
            t.status = status;
        }
        if (in.has("priority")) {
            t.priority = in.get("priority").isNull() ? null : in.get("priority").asText();
        }
        if (in.has("subject")) {
            t.subject = in.get("subject").asText();
        }
        if (in.has("type")) {
            t.type = in.get("type").isNull() ? null : in.get("type").asText();
        }
        if (in.has("due_at")) {
            t.dueAt = in.get("due_at").isNull()
                    ? null
                    : Instant.parse(in.get("due_at").asText());
            if (dueDateOnly && t.dueAt != null) {
                t.dueAt = t.dueAt.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(12));
            }
        }
        if (in.has("external_id")) {
            t.externalId = in.get("external_id").isNull()
                    ? null
                    : in.get("external_id").asText();
        }
        if (in.has("custom_fields")) {
            in.get("custom_fields").forEach(f -> t.customFields.put(f.get("id").asLong(), f.get("value")));
        }
        if (t.assigneeId != null && t.status.equals("new")) {
            t.status = "open";
        }
        boolean changed = newComment != null || !same(before, t);
        if (changed) {
            t.updatedAt = stamp();
            // "If your update does not change the ticket, this will not create an audit and will not save your
            // metadata" (Tickets API, "Setting Metadata"): an audit only for a change
            ObjectNode audit = JSON.createObjectNode();
            audit.put("id", nextAudit++);
            audit.put("ticket_id", t.id);
            audit.put("created_at", t.updatedAt.toString());
            audit.put("author_id", apiUser);
            ObjectNode meta = audit.putObject("metadata");
            meta.set("custom", in.has("metadata") ? in.get("metadata").deepCopy() : JSON.createObjectNode());
            meta.putObject("system").put("client", "handover-fake");
            // events as the Ticket Audit events reference shows them
            // (https://developer.zendesk.com/documentation/ticketing/reference-guides/ticket-audit-events-reference)
            ArrayNode events = audit.putArray("events");
            if (newComment != null) {
                events.addObject()
                        .put("id", nextAudit++)
                        .put("type", "Comment")
                        .put("author_id", newComment.authorId())
                        .put("body", newComment.body())
                        .put("public", newComment.isPublic());
            }
            if (reassigningTriggerAgent != null && !java.util.Objects.equals(before.assigneeId, t.assigneeId)) {
                events.addObject()
                        .put("id", nextAudit++)
                        .put("type", "Change")
                        .put("field_name", "assignee_id")
                        .put("value", Long.toString(reassigningTriggerAgent))
                        .put("previous_value", t.assigneeId == null ? null : Long.toString(t.assigneeId))
                        .set("via", triggerVia("Assign to the on-call agent"));
                t.assigneeId = reassigningTriggerAgent;
            }
            if (notifyingTrigger != null && t.requesterId != null) {
                ObjectNode n = events.addObject();
                n.put("id", nextAudit++);
                n.put("type", "Notification");
                n.put("subject", "[{{ticket.id}}] {{ticket.title}}");
                n.put("body", "{{ticket.latest_comment_html}}");
                n.putArray("recipients").add(t.requesterId);
                n.set("via", triggerVia(notifyingTrigger));
            }
            audits.computeIfAbsent(t.id, k -> new ArrayList<>()).add(audit);
            if (newComment != null) {
                comments.computeIfAbsent(t.id, k -> new ArrayList<>())
                        .add(new CommentRec(
                                newCommentId(),
                                newComment.authorId(),
                                newComment.body(),
                                newComment.htmlBody(),
                                newComment.isPublic(),
                                t.updatedAt));
            }
            indexLater(t);
        }
        return changed;
    }

    /**
     * The via object of an event a trigger caused: channel "rule", source.rel "trigger", the trigger in source.from
     * (https://developer.zendesk.com/documentation/ticketing/reference-guides/via-object-reference/).
     */
    private ObjectNode triggerVia(String title) {
        ObjectNode via = JSON.createObjectNode();
        via.put("channel", "rule");
        ObjectNode source = via.putObject("source");
        source.putObject("from").put("id", 360_000_001L).put("title", title);
        source.putObject("to");
        source.put("rel", "trigger");
        return via;
    }

    private static boolean same(TicketRec a, TicketRec b) {
        return java.util.Objects.equals(a.assigneeId, b.assigneeId)
                && java.util.Objects.equals(a.groupId, b.groupId)
                && a.tags.equals(b.tags)
                && a.status.equals(b.status)
                && java.util.Objects.equals(a.priority, b.priority)
                && a.subject.equals(b.subject)
                && java.util.Objects.equals(a.type, b.type)
                && java.util.Objects.equals(a.dueAt, b.dueAt)
                && java.util.Objects.equals(a.externalId, b.externalId)
                && a.customFields.equals(b.customFields);
    }

    private Response create(Request r) {
        String key = r.headers().get("idempotency-key");
        String hash = sha256(r.body());
        if (key != null) {
            IdemRec seen = idempotency.get(key);
            if (seen != null && seen.at().plus(IDEMPOTENCY_WINDOW).isAfter(clock.instant())) {
                if (!seen.bodyHash().equals(hash)) {
                    throw new FakeError(
                            400, "IdempotentRequestError", "Request parameters don't match the given idempotency key");
                }
                ObjectNode body = JSON.createObjectNode();
                body.set("ticket", tickets.get(seen.ticketId()).json(base));
                return Response.json(201, body).header("x-idempotency-lookup", "hit");
            }
        }
        TicketRec t = createTicket(parse(r.body()).path("ticket"));
        if (key != null) {
            idempotency.put(key, new IdemRec(hash, t.id, clock.instant()));
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("ticket", t.json(base));
        body.putObject("audit").put("ticket_id", t.id).putArray("events");
        Response resp = Response.json(201, body).header("Location", base + "/api/v2/tickets/" + t.id + ".json");
        return key == null ? resp : resp.header("x-idempotency-lookup", "miss");
    }

    private long requesterByEmail(JsonNode requester) {
        String email = text(requester, "email").toLowerCase(Locale.ROOT);
        if (email.isBlank()) {
            throw FakeError.invalid("requester", "Requester: email is required");
        }
        for (UserRec u : users.values()) {
            if (u.email.equalsIgnoreCase(email)) {
                return u.id;
            }
        }
        UserRec u = new UserRec();
        u.id = users.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
        u.email = email;
        u.name = text(requester, "name").isBlank() ? email : text(requester, "name");
        users.put(u.id, u);
        return u.id;
    }

    private TicketRec createTicket(JsonNode in) {
        if (!in.isObject()) {
            throw new FakeError(400, "InvalidJSON", "a ticket object is required");
        }
        JsonNode comment = in.get("comment");
        if (comment == null
                || comment.isNull()
                || (text(comment, "body").isBlank()
                        && text(comment, "html_body").isBlank())) {
            throw FakeError.invalid("comment", "Comment: cannot be blank");
        }
        TicketRec t = new TicketRec();
        t.id = nextTicketId++;
        t.requesterId = in.hasNonNull("requester_id") ? in.get("requester_id").asLong() : apiUser;
        if (in.path("requester").isObject()) {
            // "requester": {"name", "email"}: "If the requester's identity doesn't exist in Zendesk, a new user profile
            // is created" (Tickets API, "Creating a ticket with a new requester")
            t.requesterId = requesterByEmail(in.get("requester"));
        }
        t.submitterId = apiUser;
        t.subject = text(in, "subject");
        t.createdAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        t.updatedAt = Instant.EPOCH;
        t.status = "new";
        t.channel = "api";
        tickets.put(t.id, t);
        try {
            apply(t, in, null);
        } catch (FakeError e) {
            tickets.remove(t.id);
            comments.remove(t.id);
            index.remove(t.id);
            throw e;
        }
        t.createdAt = t.updatedAt;
        List<CommentRec> c = comments.get(t.id);
        t.description = c == null || c.isEmpty() ? "" : c.get(0).body();
        index.get(t.id).clear(); // indexed once, with its description
        indexLater(t);
        return t;
    }

    /**
     * {@code PUT /api/v2/tickets/update_many} with a {@code tickets} array: "an array of up to 100 ticket objects"
     * (https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#update-many-tickets); more is a 400,
     * whatever each item carries.
     */
    private Response updateMany(Request r) {
        if (r.param("ids") != null) {
            throw new FakeError(400, "Unsupported", "the fake supports batch updates (a tickets array) only");
        }
        JsonNode items = parse(r.body()).path("tickets");
        if (!items.isArray() || items.size() > 100) {
            throw new FakeError(400, "InvalidParameter", "tickets must be an array of at most 100 tickets");
        }
        // the time the job was queued; writes get distinct seconds, so never before the latest write
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant queuedAt = now.isBefore(lastStamp) ? lastStamp : now;
        JobRec job = newJob("bulk_update", items.size());
        return submit(job, items, (item, i, res) -> {
            long id = item.path("id").asLong();
            res.put("id", id);
            res.put("action", "update");
            TicketRec t = tickets.get(id);
            try {
                if (t == null) {
                    throw new FakeError(404, "RecordNotFound", "Not found");
                }
                apply(t, item, queuedAt);
                res.put("success", true);
                res.put("status", "Updated");
            } catch (FakeError e) {
                res.put("success", false);
                res.put("status", "Failed");
                res.put("error", e.code);
                res.put("details", e.details == null ? e.description : e.details.toString());
            }
        });
    }

    /**
     * {@code POST /api/v2/tickets/create_many}: "an array of up to 100 ticket objects"
     * (https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#create-many-tickets); more is a 400.
     */
    private Response createMany(Request r) {
        JsonNode items = parse(r.body()).path("tickets");
        if (!items.isArray() || items.size() > 100) {
            throw new FakeError(400, "InvalidParameter", "tickets must be an array of at most 100 tickets");
        }
        JobRec job = newJob("bulk_create", items.size());
        return submit(job, items, (item, i, res) -> {
            res.put("index", i);
            res.put("action", "create");
            try {
                TicketRec t = createTicket(item);
                res.put("id", t.id);
                res.put("success", true);
                res.put("status", "Created");
            } catch (FakeError e) {
                res.put("success", false);
                res.put("status", "Failed");
                res.put("error", e.code);
                res.put("details", e.details == null ? e.description : e.details.toString());
            }
        });
    }

    /** Runs the job's items now, or holds them for {@link #runHeldJobs()}; a job told to fail stops partway. */
    private Response submit(JobRec job, JsonNode items, ItemWork work) {
        int failAfter = failNextJobAfter;
        failNextJobAfter = -1;
        Runnable run = () -> {
            int i = 0;
            for (JsonNode item : items) {
                if (failAfter >= 0 && i >= failAfter) {
                    job.failed = true;
                    break;
                }
                work.run(item, i, job.results.addObject());
                i++;
            }
        };
        if (holdNextJob) {
            holdNextJob = false;
            job.held = run;
        } else {
            run.run();
        }
        return jobAccepted(job);
    }

    /** Runs the jobs held back so far, as a worker that picks them up late. */
    synchronized void runHeldJobs() {
        for (JobRec j : jobs.values()) {
            if (j.held != null) {
                Runnable run = j.held;
                j.held = null;
                run.run();
            }
        }
    }

    private JobRec newJob(String type, int total) {
        JobRec j = new JobRec();
        j.id = "job-" + nextJobId++;
        j.type = type;
        j.total = total;
        j.results = JSON.createArrayNode();
        j.pollsLeft = jobPollsUntilDone;
        jobs.put(j.id, j);
        return j;
    }

    private Response jobAccepted(JobRec j) {
        ObjectNode body = JSON.createObjectNode();
        body.set("job_status", j.json(base, false));
        return Response.json(200, body);
    }

    private ObjectNode poll(JobRec j) {
        if (j.held != null) {
            return j.json(base, false);
        }
        if (j.pollsLeft > 0) {
            j.pollsLeft--;
        }
        return j.json(base, j.pollsLeft == 0);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static JsonNode parse(String body) {
        try {
            JsonNode n = JSON.readTree(body == null ? "" : body);
            return n == null ? JSON.createObjectNode() : n;
        } catch (JsonProcessingException e) {
            throw new FakeError(400, "InvalidJSON", "the body is not valid JSON");
        }
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    static void putOrNull(ObjectNode o, String field, Object value) {
        if (value == null) {
            o.putNull(field);
        } else if (value instanceof Long l) {
            o.put(field, l);
        } else if (value instanceof Integer i) {
            o.put(field, i);
        } else {
            o.put(field, value.toString());
        }
    }

    /** Zendesk's plain-text rendering of an HTML comment, roughly: paragraphs and breaks become new lines. */
    static String plainText(String html) {
        String s = html.replaceAll("(?i)<br\\s*/?>", "\n")
                .replaceAll("(?i)</p>\\s*", "\n")
                .replaceAll("<[^>]*>", "");
        s = s.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
        return s.strip();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest((s == null ? "" : s).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
