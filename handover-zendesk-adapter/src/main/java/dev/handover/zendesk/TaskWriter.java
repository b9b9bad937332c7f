package dev.handover.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.TaskStatus;
import dev.handover.zendesk.http.Errors;
import dev.handover.zendesk.http.HttpCall;
import dev.handover.zendesk.http.HttpResult;
import dev.handover.zendesk.http.Json;
import dev.handover.zendesk.http.Transport;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and changes handover tasks, which in Zendesk are tickets of {@code type: "task"} with a {@code due_at}, the
 * owner as assignee, the {@code external_id} {@code handover:<handover id>:<key>} and tags linking them to their source
 * ticket.
 *
 * <p>One or two tasks are created with {@code POST /api/v2/tickets} and an {@code Idempotency-Key} derived from the
 * ticket, handover and key, so a retry after a lost answer creates nothing twice (Zendesk keeps the key two hours).
 * Three or more go through one {@code create_many} job. That endpoint has no documented idempotency, so it is never
 * repeated blindly. When the answer to it is lost there is no job id to wait for, and Zendesk may still run the job
 * later: the tasks are reported unavailable, not created again, and the caller's retry with the same idempotency key
 * looks them up by external id ({@link #findExisting}, not subject to search lag) and creates only the missing ones.
 * When the job is known but some of its results are missing, the adapter waits for the job to settle, looks the tasks
 * up by external id and creates only the missing ones, each with its idempotency key.
 */
final class TaskWriter {
    private static final Logger LOG = LoggerFactory.getLogger(TaskWriter.class);
    static final int BATCH_FROM = 3;
    private static final int SETTLE_ROUNDS = 3;
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final int CONFLICT_RETRIES = 3;

    private final Transport http;
    private final Reader reader;
    private final TicketMapper mapper;
    private final JobRunner jobs;
    private final RecentWrites recent;
    private final Config config;
    private final Cache<String, JsonNode> found;

    TaskWriter(Transport http, Reader reader, TicketMapper mapper, JobRunner jobs, RecentWrites recent, Config config) {
        this.http = http;
        this.reader = reader;
        this.mapper = mapper;
        this.jobs = jobs;
        this.recent = recent;
        this.config = config;
        this.found = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofMinutes(1))
                .maximumSize(1_000)
                .ticker(RecentWrites.ticker(config.clock()))
                .build();
    }

    /** A task to create on a ticket. */
    record Request(long ticket, TaskDraft draft) {
        String describe() {
            return "task " + draft.handover() + "/" + draft.key() + " of ticket " + ticket;
        }
    }

    /** A created task, or why it was not created. */
    record Outcome(Optional<Task> task, Optional<CrmException> error) {
        static Outcome of(Task t) {
            return new Outcome(Optional.of(t), Optional.empty());
        }

        static Outcome failed(CrmException e) {
            return new Outcome(Optional.empty(), Optional.of(e));
        }
    }

    /** A change to an existing task, with the task as read. */
    record Change(long ticket, TaskChange change, Snapshot task) {}

    // ------------------------------------------------------------------------------------------------ creation

    /**
     * A task ticket to create: one task (per-item mode) or a checklist of one handover's tasks.
     *
     * @param requests the tasks it holds
     * @param fields the ticket to post
     * @param key its idempotency key
     * @param what what it is, for messages
     */
    private record Unit(List<Request> requests, ObjectNode fields, String key, String what) {}

    Map<Request, Outcome> create(List<Request> requests) {
        Map<Request, Outcome> out = new LinkedHashMap<>();
        List<Unit> units = new ArrayList<>();
        if (config.taskTickets().perItem()) {
            requests.forEach(
                    r -> units.add(new Unit(List.of(r), fields(r), idempotencyKey(r), "creation of " + r.describe())));
        } else {
            checklists(requests, units, out);
        }
        if (units.size() < BATCH_FROM) {
            units.forEach(u -> createOne(u, out));
            return out;
        }
        for (int from = 0; from < units.size(); from += Reader.MAX_BATCH) {
            createMany(units.subList(from, Math.min(units.size(), from + Reader.MAX_BATCH)), out);
        }
        return out;
    }

    private void createOne(Unit u, Map<Request, Outcome> out) {
        HttpCall call = HttpCall.write("POST", "/api/v2/tickets", Json.write(wrap(u.fields())), u.what())
                .header("Idempotency-Key", u.key())
                .repeatable(true);
        HttpResult res;
        try {
            res = http.exchange(call);
        } catch (CrmException e) {
            u.requests().forEach(r -> out.put(r, Outcome.failed(e)));
            return;
        }
        if (!res.ok()) {
            CrmException e = res.error().orElseThrow();
            CrmException reported = "IdempotentRequestError"
                            .equals(e.vendorCode().orElse(""))
                    // the key was used before with another body: this task exists already, planned differently
                    ? new CrmInvalidRequestException(
                            Errors.VENDOR,
                            e.httpStatus().orElse(400),
                            "DuplicateTask",
                            u.what().replaceFirst("^creation of ", "") + " was already created with different content",
                            e)
                    : e;
            u.requests().forEach(r -> out.put(r, Outcome.failed(reported)));
            return;
        }
        adopt(res.json().path("ticket"), u.requests(), out);
    }

    private void createMany(List<Unit> chunk, Map<Request, Outcome> out) {
        ArrayNode tickets = Json.array();
        chunk.forEach(u -> tickets.add(u.fields()));
        ObjectNode body = Json.object();
        body.set("tickets", tickets);
        String what = "creation of " + chunk.size() + " task tickets";
        // create_many has no documented idempotency: never repeated after an unknown outcome
        HttpCall call = HttpCall.write("POST", "/api/v2/tickets/create_many", Json.write(body), what)
                .repeatable(false);
        JsonNode submitted;
        try {
            HttpResult res = http.exchange(call);
            if (!res.ok()) {
                CrmException e = res.error().orElseThrow();
                if (res.uncertain() || e.httpStatus().orElse(0) >= 500) {
                    lost(chunk, out, what, e);
                } else {
                    failAll(chunk, out, e);
                }
                return;
            }
            submitted = res.json().path("job_status");
        } catch (CrmUnavailableException e) {
            lost(chunk, out, what, e); // the request may have reached Zendesk
            return;
        } catch (CrmException e) {
            failAll(chunk, out, e);
            return;
        }
        if (Json.text(submitted, "id").isEmpty()) {
            lost(chunk, out, what, null);
            return;
        }
        JsonNode job;
        try {
            job = jobs.await(submitted, what);
        } catch (CrmUnavailableException unknown) {
            // still queued or working when polling gave up: it may yet run, so nothing is created in its place
            lost(chunk, out, what, unknown);
            return;
        } catch (CrmException e) {
            failAll(chunk, out, e);
            return;
        }
        Map<Integer, JsonNode> byIndex = JobRunner.resultsByIndex(job);
        Map<Long, Unit> created = new LinkedHashMap<>();
        List<Unit> unknown = new ArrayList<>();
        String jobId = Json.text(job, "id");
        for (int i = 0; i < chunk.size(); i++) {
            Unit u = chunk.get(i);
            JsonNode res = byIndex.get(i);
            if (res == null) {
                unknown.add(u);
            } else if (JobRunner.succeeded(res) && res.hasNonNull("id")) {
                created.put(res.get("id").asLong(), u);
            } else {
                CrmException e = Errors.jobItem(res, u.what(), jobId);
                u.requests().forEach(r -> out.put(r, Outcome.failed(e)));
            }
        }
        // the job names the new ids only; the tickets are what was sent, so the tasks are built from that rather than
        // read back (a show_many per 100): their version is unknown until the next read, so none is remembered
        Instant now = config.clock().instant();
        created.forEach((id, u) -> adoptSent(id, u, now, out));
        if (!unknown.isEmpty()) {
            reconcile(unknown, out, what);
        }
    }

    private static void failAll(List<Unit> chunk, Map<Request, Outcome> out, CrmException e) {
        chunk.forEach(u -> u.requests().forEach(r -> out.put(r, Outcome.failed(e))));
    }

    /**
     * The answer to {@code create_many} was lost (no job to wait for), or its job had not finished when polling gave up:
     * either way Zendesk may still run it, and creating the tasks now could create each twice. They are reported
     * unavailable (retryable); the retry with the same idempotency key looks them up by external id first.
     */
    private static void lost(List<Unit> chunk, Map<Request, Outcome> out, String what, CrmException cause) {
        LOG.warn(
                "{}: the outcome is unknown ({}); not creating the tasks again while Zendesk may still run the job",
                what,
                cause == null ? "no job id" : cause.getMessage());
        for (Unit u : chunk) {
            for (Request r : u.requests()) {
                out.put(
                        r,
                        Outcome.failed(new CrmUnavailableException(
                                Errors.VENDOR,
                                cause == null ? 0 : cause.httpStatus().orElse(0),
                                "JobOutcomeUnknown",
                                "creation of " + r.describe() + ": the outcome of create_many is unknown (its answer"
                                        + " was lost or its job had not finished) and Zendesk may still run its job;"
                                        + " retry later with the same idempotency key (the tasks are then looked up"
                                        + " by external id)",
                                cause)));
            }
        }
    }

    /**
     * The job ended (it can run no more) without naming every task ticket: let the look-up settle, adopt the tasks that
     * exist, create the rest one ticket at a time.
     */
    private void reconcile(List<Unit> units, Map<Request, Outcome> out, String what) {
        List<Request> all = new ArrayList<>();
        units.forEach(u -> all.addAll(u.requests()));
        Map<Request, Task> found = settle(all, what);
        for (Unit u : units) {
            if (u.requests().stream().allMatch(found::containsKey)) {
                u.requests().forEach(r -> {
                    Task t = found.get(r);
                    recent.record(Checklist.ticketOf(t.id()).getAsLong(), true);
                    out.put(r, Outcome.of(t));
                });
            } else {
                createOne(u, out);
            }
        }
    }

    /**
     * The tasks that exist after waiting for a job that may still create them: looked up after 2, 4 and 8 s, until all
     * are found.
     */
    Map<Request, Task> settle(List<Request> requests, String what) {
        Map<Request, Task> found = Map.of();
        Duration wait = SETTLE;
        for (int round = 1; round <= SETTLE_ROUNDS; round++) {
            http.pause(wait, what + " interrupted");
            found = findExisting(requests);
            if (found.size() == requests.size()) {
                break;
            }
            wait = wait.multipliedBy(2);
        }
        return found;
    }

    /** The tasks that already exist, looked up by external id ({@code GET /api/v2/tickets?external_id=}). */
    Map<Request, Task> findExisting(List<Request> requests) {
        Map<Request, Task> out = new LinkedHashMap<>();
        if (!config.taskTickets().perItem()) {
            for (List<Request> g : byHandover(requests).values()) {
                Optional<JsonNode> list = findChecklist(g.get(0));
                if (list.isPresent()) {
                    Map<String, Task> items = itemsOf(list.get());
                    g.stream()
                            .filter(r -> items.containsKey(r.draft().key()))
                            .forEach(r -> out.put(r, items.get(r.draft().key())));
                }
            }
            return out;
        }
        for (Request r : requests) {
            String ext = TaskTags.externalId(r.draft().handover(), r.draft().key());
            JsonNode body = http.execute(HttpCall.get("/api/v2/tickets", "look-up of " + r.describe())
                    .query("external_id", ext));
            for (JsonNode t : body.path("tickets")) {
                List<String> tags = TicketMapper.tags(t);
                if (tags.contains(TaskTags.TASK) && tags.contains(TaskTags.ticket(r.ticket()))) {
                    Optional<Task> task = mapper.task(t);
                    if (task.isPresent()) {
                        out.put(r, task.get());
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** The tasks of a ticket that {@code create_many} created as it was sent, without reading it back. */
    private void adoptSent(long id, Unit u, Instant now, Map<Request, Outcome> out) {
        ObjectNode t = u.fields().deepCopy();
        t.put("id", id);
        if (!t.has("status")) {
            t.put("status", "open");
        }
        t.put("description", t.path("comment").path("body").asText(""));
        t.put("created_at", iso(now));
        t.put("updated_at", iso(now));
        recent.record(id, true);
        hand(mapper.tasks(t), u.requests(), out, r -> "the adapter cannot read " + r.describe() + " as it created it");
    }

    /** The tasks of a created task ticket, as Zendesk stored it, for its requests. */
    private void adopt(JsonNode ticket, List<Request> requests, Map<Request, Outcome> out) {
        List<Task> tasks = mapper.tasks(ticket);
        if (!tasks.isEmpty()) {
            recent.record(ticket.get("id").asLong(), true);
            reader.remember(Snapshot.of(ticket));
        }
        hand(tasks, requests, out, r -> "Zendesk returned " + r.describe() + " in a form the adapter cannot read");
    }

    /** Each request's task among those of its ticket, or why it is not there. */
    private static void hand(
            List<Task> tasks,
            List<Request> requests,
            Map<Request, Outcome> out,
            java.util.function.Function<Request, String> unreadable) {
        Map<String, Task> byKey = new LinkedHashMap<>();
        tasks.forEach(t -> byKey.put(t.key(), t));
        for (Request r : requests) {
            Task task = byKey.get(r.draft().key());
            out.put(
                    r,
                    task != null
                            ? Outcome.of(task)
                            : Outcome.failed(new CrmUnavailableException(
                                    Errors.VENDOR, 0, "UnreadableRecord", unreadable.apply(r), null)));
        }
    }

    private ObjectNode fields(Request r) {
        TaskDraft d = r.draft();
        ObjectNode t = Json.object();
        t.put("type", "task");
        t.put("subject", d.subject());
        ObjectNode comment = Json.object();
        String trailer = Markers.taskTrailer(r.ticket(), d.handover().value(), d.key());
        comment.put("body", d.body().isBlank() ? trailer : d.body().stripTrailing() + "\n\n" + trailer);
        comment.put("public", false);
        t.set("comment", comment);
        t.put("assignee_id", Long.parseLong(d.owner().value()));
        t.put("due_at", iso(d.due()));
        t.put("external_id", TaskTags.externalId(d.handover(), d.key()));
        ArrayNode tags = Json.array();
        tags.add(TaskTags.TASK);
        tags.add(TaskTags.ticket(r.ticket()));
        tags.add(TaskTags.handover(d.handover()));
        tags.add(TaskTags.kind(d.kind()));
        t.set("tags", tags);
        config.taskRequester().ifPresent(id -> t.put("requester_id", id));
        config.taskTickets().form().ifPresent(id -> t.put("ticket_form_id", id));
        return t;
    }

    // ------------------------------------------------------------------------------------------------ checklists

    /**
     * One task ticket per handover: a handover's first tasks (it has an acknowledgement or an action) become a new
     * checklist ticket; later ones (a follow-up, an escalation) are added to the checklist found by external id, with one
     * {@code safe_update} write, or start one when there is none.
     */
    private void checklists(List<Request> requests, List<Unit> units, Map<Request, Outcome> out) {
        for (List<Request> g : byHandover(requests).values()) {
            boolean first = g.stream()
                    .anyMatch(r -> r.draft().kind() == TaskKind.ACKNOWLEDGEMENT
                            || r.draft().kind() == TaskKind.ACTION);
            Optional<JsonNode> existing = Optional.empty();
            if (!first) {
                try {
                    existing = findChecklist(g.get(0));
                } catch (CrmException e) {
                    g.forEach(r -> out.put(r, Outcome.failed(e)));
                    continue;
                }
            }
            if (existing.isPresent()) {
                addItems(Snapshot.of(existing.get()), g, out);
            } else {
                units.add(checklist(g));
            }
        }
    }

    private static Map<String, List<Request>> byHandover(List<Request> requests) {
        Map<String, List<Request>> groups = new LinkedHashMap<>();
        for (Request r : requests) {
            groups.computeIfAbsent(r.ticket() + "/" + r.draft().handover().value(), k -> new ArrayList<>())
                    .add(r);
        }
        return groups;
    }

    private Unit checklist(List<Request> g) {
        long ticket = g.get(0).ticket();
        HandoverId handover = g.get(0).draft().handover();
        List<TaskDraft> drafts = g.stream().map(Request::draft).toList();
        Map<String, Checklist.Item> items = new LinkedHashMap<>();
        Instant now = config.clock().instant();
        drafts.forEach(d -> items.put(d.key(), Checklist.Item.of(d, now)));
        ObjectNode t = Checklist.fields(
                List.of(TaskTags.ticket(ticket), TaskTags.handover(handover)), "new", items, config.taskTickets());
        t.put("type", "task");
        t.put("subject", Checklist.subject(ticket, drafts));
        ObjectNode comment = Json.object();
        comment.put(
                "body", Checklist.lines(drafts) + "\n\n" + Markers.taskTrailer(ticket, handover.value(), "checklist"));
        comment.put("public", false);
        t.set("comment", comment);
        t.put("external_id", Checklist.externalId(handover));
        config.taskRequester().ifPresent(id -> t.put("requester_id", id));
        config.taskTickets().form().ifPresent(id -> t.put("ticket_form_id", id));
        return new Unit(
                g,
                t,
                checklistKey(ticket, handover, drafts),
                "creation of the task ticket of handover " + handover + " on ticket " + ticket);
    }

    /** Adds items to an existing checklist ticket; items already on it are adopted, not added twice. */
    private void addItems(Snapshot read, List<Request> g, Map<Request, Outcome> out) {
        Snapshot s = read;
        String what = "new items on task ticket " + read.id();
        for (int attempt = 0; attempt <= CONFLICT_RETRIES; attempt++) {
            if (s == null) {
                s = reader.snapshots(List.of(read.id())).get(read.id());
                if (s == null) {
                    CrmException e = new CrmNotFoundException(Errors.VENDOR, "task ticket " + read.id() + " is gone");
                    g.forEach(r -> out.put(r, Outcome.failed(e)));
                    return;
                }
            }
            Map<String, Checklist.Item> items = Checklist.effective(s.tags(), s.status(), updated(s));
            List<TaskDraft> added = new ArrayList<>();
            Instant now = config.clock().instant();
            for (Request r : g) {
                if (!items.containsKey(r.draft().key())) {
                    items.put(r.draft().key(), Checklist.Item.of(r.draft(), now));
                    added.add(r.draft());
                }
            }
            if (added.isEmpty()) {
                adopt(s.raw(), g, out);
                return;
            }
            ObjectNode t = Checklist.fields(s.tags(), s.status(), items, config.taskTickets());
            ObjectNode comment = Json.object();
            comment.put("body", Checklist.lines(added));
            comment.put("public", false);
            t.set("comment", comment);
            t.put("safe_update", true);
            t.put("updated_stamp", s.version().value());
            HttpResult res;
            try {
                res = http.exchange(HttpCall.write("PUT", "/api/v2/tickets/" + s.id(), Json.write(wrap(t)), what)
                        .repeatable(true));
            } catch (CrmException e) {
                g.forEach(r -> out.put(r, Outcome.failed(e)));
                return;
            }
            if (res.ok()) {
                adopt(res.json().path("ticket"), g, out);
                return;
            }
            CrmException e = res.error().orElseThrow();
            if (!(e instanceof CrmConflictException)) {
                g.forEach(r -> out.put(r, Outcome.failed(e)));
                return;
            }
            s = null; // changed meanwhile: read again and add what is still missing
        }
        CrmException e = new CrmConflictException(Errors.VENDOR, "task ticket " + read.id() + " kept changing");
        g.forEach(r -> out.put(r, Outcome.failed(e)));
    }

    private Map<String, Task> itemsOf(JsonNode ticket) {
        Map<String, Task> out = new LinkedHashMap<>();
        mapper.tasks(ticket).forEach(t -> out.put(t.key(), t));
        return out;
    }

    /**
     * The open checklist ticket of a request's handover, looked up by external id (not subject to search lag). A ticket
     * found is remembered for a minute: a tasks-only update looks its tasks up before it adds them, and the second look
     * would be the same call. A stale copy costs one 409 and a re-read; absence is never remembered.
     */
    Optional<JsonNode> findChecklist(Request r) {
        String memo = r.ticket() + "/" + r.draft().handover().value();
        JsonNode known = found.getIfPresent(memo);
        if (known != null) {
            found.invalidate(memo);
            return Optional.of(known);
        }
        Optional<JsonNode> t = lookUpChecklist(r);
        t.ifPresent(x -> found.put(memo, x));
        return t;
    }

    private Optional<JsonNode> lookUpChecklist(Request r) {
        JsonNode body = http.execute(HttpCall.get("/api/v2/tickets", "look-up of the task ticket of " + r.describe())
                .query("external_id", Checklist.externalId(r.draft().handover())));
        for (JsonNode t : body.path("tickets")) {
            List<String> tags = TicketMapper.tags(t);
            // a closed ticket can no longer be updated: the handover then starts a new one
            if (Checklist.isChecklist(tags)
                    && tags.contains(TaskTags.ticket(r.ticket()))
                    && !"closed".equals(Json.text(t, "status"))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    static String checklistKey(long ticket, HandoverId handover, List<TaskDraft> drafts) {
        StringBuilder keys = new StringBuilder();
        drafts.forEach(d -> keys.append(d.key()).append('.'));
        return "handover-checklist-" + ticket + "-" + handover.value() + "-"
                + Integer.toHexString(keys.toString().hashCode());
    }

    private static Instant updated(Snapshot s) {
        return TicketMapper.instant(s.version().value());
    }

    static String idempotencyKey(Request r) {
        return "handover-task-" + r.ticket() + "-" + r.draft().handover().value() + "-"
                + r.draft().key();
    }

    static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    // ------------------------------------------------------------------------------------------------ changes

    /**
     * Applies the changes; returns the error of each change that failed. Changes to one task ticket (items of one
     * checklist) are one write. Many task tickets go through {@code update_many} jobs of at most {@link
     * Reader#MAX_BATCH} each: Zendesk refuses a larger {@code tickets} array with 400, however the changes came together
     * (a sweep closing 200 follow-ups brings 600 task changes).
     */
    Map<Change, CrmException> change(List<Change> changes) {
        Map<Change, CrmException> failed = new LinkedHashMap<>();
        Map<Long, List<Change>> byTicket = new LinkedHashMap<>();
        changes.forEach(c ->
                byTicket.computeIfAbsent(c.task().id(), k -> new ArrayList<>()).add(c));
        List<List<Change>> units = new ArrayList<>(byTicket.values());
        for (int from = 0; from < units.size(); from += Reader.MAX_BATCH) {
            List<List<Change>> chunk = units.subList(from, Math.min(units.size(), from + Reader.MAX_BATCH));
            if (chunk.size() < BATCH_FROM) {
                chunk.forEach(u -> changeOne(u, u.get(0).task()).ifPresent(e -> u.forEach(c -> failed.put(c, e))));
            } else {
                changeMany(chunk, failed);
            }
        }
        return failed;
    }

    /** One {@code update_many} job of at most {@link Reader#MAX_BATCH} task tickets. */
    private void changeMany(List<List<Change>> units, Map<Change, CrmException> failed) {
        ArrayNode items = Json.array();
        List<List<Change>> sent = new ArrayList<>();
        for (List<Change> u : units) {
            Snapshot s = u.get(0).task();
            ObjectNode t;
            try {
                t = unitFields(u, s);
            } catch (CrmException e) {
                u.forEach(c -> failed.put(c, e));
                continue;
            }
            t.put("id", s.id());
            t.put("safe_update", true);
            t.put("updated_stamp", s.version().value());
            items.add(t);
            sent.add(u);
        }
        if (sent.isEmpty()) {
            return;
        }
        ObjectNode body = Json.object();
        body.set("tickets", items);
        String what = "change of " + sent.size() + " task tickets";
        Map<Long, JsonNode> results;
        String jobId;
        try {
            JsonNode submitted = http.execute(
                            HttpCall.write("PUT", "/api/v2/tickets/update_many", Json.write(body), what)
                                    .repeatable(true))
                    .path("job_status");
            JsonNode job = jobs.await(submitted, what);
            results = JobRunner.resultsById(job);
            jobId = Json.text(job, "id");
        } catch (CrmException e) {
            sent.forEach(u -> u.forEach(c -> failed.put(c, e)));
            return;
        }
        for (List<Change> u : sent) {
            long id = u.get(0).task().id();
            JsonNode res = results.get(id);
            if (res != null && JobRunner.succeeded(res)) {
                recent.record(id, true);
                reader.forget(id);
                continue;
            }
            CrmException e = res == null ? null : Errors.jobItem(res, "change of task ticket " + id, jobId);
            if (e == null || e instanceof CrmConflictException) {
                // no result, or someone touched the task meanwhile: a change sets absolute values, so re-read and redo
                changeOne(u, null).ifPresent(err -> u.forEach(c -> failed.put(c, err)));
            } else {
                u.forEach(c -> failed.put(c, e));
            }
        }
    }

    private Optional<CrmException> changeOne(List<Change> u, Snapshot read) {
        long id = u.get(0).task().id();
        Snapshot s = read;
        for (int attempt = 0; attempt <= CONFLICT_RETRIES; attempt++) {
            if (s == null) {
                s = reader.snapshots(List.of(id)).get(id);
                if (s == null) {
                    return Optional.of(new CrmNotFoundException(Errors.VENDOR, "task " + id + " does not exist"));
                }
            }
            ObjectNode t;
            try {
                t = unitFields(u, s);
            } catch (CrmException e) {
                return Optional.of(e);
            }
            t.put("safe_update", true);
            t.put("updated_stamp", s.version().value());
            HttpResult res = http.exchange(
                    HttpCall.write("PUT", "/api/v2/tickets/" + s.id(), Json.write(wrap(t)), "change of task " + s.id())
                            .repeatable(true));
            if (res.ok()) {
                Snapshot now = Snapshot.of(res.json().path("ticket"));
                reader.remember(now);
                recent.record(now.id(), true);
                return Optional.empty();
            }
            CrmException e = res.error().orElseThrow();
            if (!(e instanceof CrmConflictException)) {
                return Optional.of(e);
            }
            s = null; // changed meanwhile: the change sets absolute values, so re-read and apply again
        }
        return Optional.of(
                new CrmConflictException(Errors.VENDOR, "task " + id + " kept changing while it was being updated"));
    }

    /**
     * The fields of the changes to one task ticket as read: a checklist's items changed and the ticket brought to them,
     * or a per-item task's changes (several to one task merged, the last value of each field winning).
     */
    private ObjectNode unitFields(List<Change> u, Snapshot s) {
        if (!Checklist.isChecklist(s.tags())) {
            Optional<TaskStatus> status = Optional.empty();
            Optional<Instant> due = Optional.empty();
            Optional<AgentId> owner = Optional.empty();
            for (Change c : u) {
                status = c.change().status().isPresent() ? c.change().status() : status;
                due = c.change().due().isPresent() ? c.change().due() : due;
                owner = c.change().owner().isPresent() ? c.change().owner() : owner;
            }
            return changeFields(new TaskChange(u.get(0).change().task(), status, due, owner), s, config.taskTickets());
        }
        Map<String, Checklist.Item> items = Checklist.effective(s.tags(), s.status(), updated(s));
        Instant now = config.clock().instant();
        for (Change c : u) {
            Optional<String> key = Checklist.keyOf(c.change().task());
            Checklist.Item item = key.map(items::get).orElse(null);
            if (item == null) {
                throw new CrmNotFoundException(
                        Errors.VENDOR, "task " + c.change().task() + " is not an item of task ticket " + s.id());
            }
            items.put(item.key(), item.with(c.change(), now));
        }
        return Checklist.fields(s.tags(), s.status(), items, config.taskTickets());
    }

    /**
     * The fields of a task change. Closing solves the task ticket — with the account's solve fields — or, where the
     * account refuses to solve without fields agents fill in, only tags it ({@code handover_done} or {@code
     * handover_cancelled}); reopening opens it and removes both tags.
     */
    private static ObjectNode changeFields(TaskChange change, Snapshot task, Config.TaskTickets closing) {
        ObjectNode t = Json.object();
        Set<String> tags = new LinkedHashSet<>(task.tags());
        change.status().ifPresent(s -> {
            tags.remove(TaskTags.CANCELLED);
            tags.remove(TaskTags.DONE);
            if (s == TaskStatus.OPEN) {
                t.put("status", "open");
                return;
            }
            tags.add(s == TaskStatus.CANCELLED ? TaskTags.CANCELLED : TaskTags.DONE);
            if (!closing.byTag()) {
                t.put("status", "solved");
                if (!closing.solveFields().isEmpty()) {
                    ArrayNode fields = t.putArray("custom_fields");
                    closing.solveFields()
                            .forEach((id, v) -> fields.addObject().put("id", id).put("value", v));
                }
            }
        });
        change.due().ifPresent(d -> t.put("due_at", iso(d)));
        change.owner().ifPresent(o -> t.put("assignee_id", Long.parseLong(o.value())));
        if (!List.copyOf(tags).equals(task.tags())) {
            ArrayNode a = Json.array();
            tags.forEach(a::add);
            t.set("tags", a);
        }
        return t;
    }

    static ObjectNode wrap(ObjectNode ticket) {
        ObjectNode body = Json.object();
        body.set("ticket", ticket);
        return body;
    }
}
