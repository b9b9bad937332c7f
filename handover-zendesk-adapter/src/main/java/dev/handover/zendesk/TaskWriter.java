package dev.handover.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.model.Task;
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

    TaskWriter(Transport http, Reader reader, TicketMapper mapper, JobRunner jobs, RecentWrites recent, Config config) {
        this.http = http;
        this.reader = reader;
        this.mapper = mapper;
        this.jobs = jobs;
        this.recent = recent;
        this.config = config;
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

    Map<Request, Outcome> create(List<Request> requests) {
        Map<Request, Outcome> out = new LinkedHashMap<>();
        if (requests.size() < BATCH_FROM) {
            requests.forEach(r -> out.put(r, createOne(r)));
            return out;
        }
        for (int from = 0; from < requests.size(); from += Reader.MAX_BATCH) {
            createMany(requests.subList(from, Math.min(requests.size(), from + Reader.MAX_BATCH)), out);
        }
        return out;
    }

    private Outcome createOne(Request r) {
        HttpCall call = HttpCall.write(
                        "POST", "/api/v2/tickets", Json.write(wrap(fields(r))), "creation of " + r.describe())
                .header("Idempotency-Key", idempotencyKey(r))
                .repeatable(true);
        HttpResult res;
        try {
            res = http.exchange(call);
        } catch (CrmException e) {
            return Outcome.failed(e);
        }
        if (!res.ok()) {
            CrmException e = res.error().orElseThrow();
            if ("IdempotentRequestError".equals(e.vendorCode().orElse(""))) {
                // the key was used before with another body: this task exists already, planned differently
                return Outcome.failed(new CrmInvalidRequestException(
                        Errors.VENDOR,
                        e.httpStatus().orElse(400),
                        "DuplicateTask",
                        r.describe() + " was already created with different content",
                        e));
            }
            return Outcome.failed(e);
        }
        return adopt(res.json().path("ticket"), r);
    }

    private void createMany(List<Request> chunk, Map<Request, Outcome> out) {
        ArrayNode tickets = Json.array();
        chunk.forEach(r -> tickets.add(fields(r)));
        ObjectNode body = Json.object();
        body.set("tickets", tickets);
        String what = "creation of " + chunk.size() + " tasks";
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
                    chunk.forEach(r -> out.put(r, Outcome.failed(e)));
                }
                return;
            }
            submitted = res.json().path("job_status");
        } catch (CrmUnavailableException e) {
            lost(chunk, out, what, e); // the request may have reached Zendesk
            return;
        } catch (CrmException e) {
            chunk.forEach(r -> out.put(r, Outcome.failed(e)));
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
            chunk.forEach(r -> out.put(r, Outcome.failed(e)));
            return;
        }
        Map<Integer, JsonNode> byIndex = JobRunner.resultsByIndex(job);
        Map<Long, Request> created = new LinkedHashMap<>();
        List<Request> unknown = new ArrayList<>();
        String jobId = Json.text(job, "id");
        for (int i = 0; i < chunk.size(); i++) {
            Request r = chunk.get(i);
            JsonNode res = byIndex.get(i);
            if (res == null) {
                unknown.add(r);
            } else if (JobRunner.succeeded(res) && res.hasNonNull("id")) {
                created.put(res.get("id").asLong(), r);
            } else {
                out.put(r, Outcome.failed(Errors.jobItem(res, "creation of " + r.describe(), jobId)));
            }
        }
        if (!created.isEmpty()) {
            // the job names the new ids only; one show_many reads the tasks back as Zendesk stored them
            for (JsonNode t : reader.raw(created.keySet(), new ArrayList<>())) {
                Request r = created.remove(t.get("id").asLong());
                if (r != null) {
                    out.put(r, adopt(t, r));
                }
            }
            created.values().forEach(r -> unknown.add(r));
        }
        if (!unknown.isEmpty()) {
            reconcile(unknown, out, what);
        }
    }

    /**
     * The answer to {@code create_many} was lost (no job to wait for), or its job had not finished when polling gave up:
     * either way Zendesk may still run it, and creating the tasks now could create each twice. They are reported unavailable (retryable); the retry with
     * the same idempotency key looks them up by external id first.
     */
    private static void lost(List<Request> chunk, Map<Request, Outcome> out, String what, CrmException cause) {
        LOG.warn(
                "{}: the outcome is unknown ({}); not creating the tasks again while Zendesk may still run the job",
                what,
                cause == null ? "no job id" : cause.getMessage());
        for (Request r : chunk) {
            out.put(
                    r,
                    Outcome.failed(new CrmUnavailableException(
                            Errors.VENDOR,
                            cause == null ? 0 : cause.httpStatus().orElse(0),
                            "JobOutcomeUnknown",
                            "creation of " + r.describe() + ": the outcome of create_many is unknown (its answer was"
                                    + " lost or its job had not finished) and Zendesk may still run its job; retry"
                                    + " later with the same idempotency key (the tasks are then looked up by external"
                                    + " id)",
                            cause)));
        }
    }

    /**
     * The job ended (it can run no more) without naming every task: let the look-up settle, adopt the tasks that exist,
     * create the rest one by one.
     */
    private void reconcile(List<Request> requests, Map<Request, Outcome> out, String what) {
        Map<Request, Task> found = settle(requests, what);
        for (Request r : requests) {
            Task t = found.get(r);
            if (t != null) {
                recent.record(Long.parseLong(t.id().value()), true);
                out.put(r, Outcome.of(t));
            } else {
                out.put(r, createOne(r));
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

    private Outcome adopt(JsonNode ticket, Request r) {
        Optional<Task> t = mapper.task(ticket);
        if (t.isEmpty()) {
            return Outcome.failed(new CrmUnavailableException(
                    Errors.VENDOR,
                    0,
                    "UnreadableRecord",
                    "Zendesk returned " + r.describe() + " in a form the adapter cannot read",
                    null));
        }
        recent.record(ticket.get("id").asLong(), true);
        reader.remember(Snapshot.of(ticket));
        return Outcome.of(t.get());
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
        config.taskClosing().form().ifPresent(id -> t.put("ticket_form_id", id));
        return t;
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
     * Applies the changes; returns the error of each change that failed. Many go through {@code update_many} jobs of at
     * most {@link Reader#MAX_BATCH} tasks each: Zendesk refuses a larger {@code tickets} array with 400, however the
     * changes came together (a sweep closing 200 follow-ups brings 600 task changes).
     */
    Map<Change, CrmException> change(List<Change> changes) {
        Map<Change, CrmException> failed = new LinkedHashMap<>();
        for (int from = 0; from < changes.size(); from += Reader.MAX_BATCH) {
            List<Change> chunk = changes.subList(from, Math.min(changes.size(), from + Reader.MAX_BATCH));
            if (chunk.size() < BATCH_FROM) {
                chunk.forEach(c -> changeOne(c, c.task()).ifPresent(e -> failed.put(c, e)));
            } else {
                changeMany(chunk, failed);
            }
        }
        return failed;
    }

    /** One {@code update_many} job of at most {@link Reader#MAX_BATCH} task changes. */
    private void changeMany(List<Change> changes, Map<Change, CrmException> failed) {
        ArrayNode items = Json.array();
        for (Change c : changes) {
            ObjectNode t = changeFields(c.change(), c.task(), config.taskClosing());
            t.put("id", c.task().id());
            t.put("safe_update", true);
            t.put("updated_stamp", c.task().version().value());
            items.add(t);
        }
        ObjectNode body = Json.object();
        body.set("tickets", items);
        String what = "change of " + changes.size() + " tasks";
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
            changes.forEach(c -> failed.put(c, e));
            return;
        }
        for (Change c : changes) {
            JsonNode res = results.get(c.task().id());
            if (res != null && JobRunner.succeeded(res)) {
                recent.record(c.task().id(), true);
                reader.forget(c.task().id());
                continue;
            }
            CrmException e = res == null
                    ? null
                    : Errors.jobItem(res, "change of task " + c.task().id(), jobId);
            if (e == null || e instanceof CrmConflictException) {
                // no result, or someone touched the task meanwhile: a change sets absolute values, so re-read and redo
                changeOne(c, null).ifPresent(err -> failed.put(c, err));
            } else {
                failed.put(c, e);
            }
        }
    }

    private Optional<CrmException> changeOne(Change c, Snapshot read) {
        Snapshot s = read;
        for (int attempt = 0; attempt <= CONFLICT_RETRIES; attempt++) {
            if (s == null) {
                s = reader.snapshots(List.of(c.task().id())).get(c.task().id());
                if (s == null) {
                    return Optional.of(new CrmNotFoundException(
                            Errors.VENDOR, "task " + c.task().id() + " does not exist"));
                }
            }
            ObjectNode t = changeFields(c.change(), s, config.taskClosing());
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
        return Optional.of(new CrmConflictException(
                Errors.VENDOR, "task " + c.task().id() + " kept changing while it was being updated"));
    }

    /**
     * The fields of a task change. Closing solves the task ticket — with the account's solve fields — or, where the
     * account refuses to solve without fields agents fill in, only tags it ({@code handover_done} or {@code
     * handover_cancelled}); reopening opens it and removes both tags.
     */
    private static ObjectNode changeFields(TaskChange change, Snapshot task, Config.TaskClosing closing) {
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
