package dev.handover.rt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.rt.http.Errors;
import dev.handover.rt.http.HttpCall;
import dev.handover.rt.http.HttpResult;
import dev.handover.rt.http.Json;
import dev.handover.spi.Assignment;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.NoteFormat;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskStatus;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import dev.handover.spi.model.Visibility;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one {@link TicketUpdate} to RT. RT cannot take a note and a reassignment in one request — a comment refuses
 * every {@code If-Match} and ignores {@code Owner} — so a handover is, in this order:
 *
 * <ol>
 *   <li>everything is checked first (the ticket, its version, the receiver in the directory, every task's owner on a
 *       queue's team, the tasks changed, the size of every note), so an update refused there writes nothing;
 *   <li>one {@code PUT} with {@code If-Match} carrying the queue, the owner, the tags and the idempotency key (a ticket
 *       custom field): the version-checked step; when the queue changes the owner follows in a second {@code PUT}
 *       (RT checks the owner's right against the current queue); RT refusing a field inside its 200 answer is undone
 *       and reported;
 *   <li>the notes ({@code /comment}) and the customer notice ({@code /correspond}); the first note refused undoes
 *       the field change;
 *   <li>the tasks, as RT reminders of the ticket; then changes to existing reminders.
 * </ol>
 *
 * A retry of an update whose key is already on the ticket writes only what is missing — the owner, the notes and
 * reminders not found on the ticket — and reports {@code REPLAYED}. What is refused after the first note landed (the
 * customer notice, a reminder) stays refused with the rest written: RT cannot take a comment back.
 */
final class Writer {
    private static final Logger LOG = LoggerFactory.getLogger(Writer.class);

    private final RtApi api;
    private final Reader reader;
    private final Mapper mapper;
    private final Config config;
    private final Supplier<Directory> directory;

    Writer(RtApi api, Reader reader, Mapper mapper, Config config, Supplier<Directory> directory) {
        this.api = api;
        this.reader = reader;
        this.mapper = mapper;
        this.config = config;
        this.directory = directory;
    }

    UpdateResult apply(TicketUpdate u) {
        TicketId id = u.ticket();
        String where = "update of ticket " + id;
        JsonNode current = reader.raw(id, where).orElseThrow(() -> notFound("ticket " + id + " does not exist"));
        Map<String, List<String>> cfs = Mapper.customFields(current);
        if (u.idempotencyKey().isPresent() && keyOn(cfs, u.idempotencyKey().get())) {
            return complete(u, current);
        }
        if (u.expectedVersion().isPresent() && !matches(u.expectedVersion().get(), current)) {
            throw new CrmConflictException(
                    Errors.VENDOR,
                    412,
                    null,
                    where + " refused: the ticket changed since version "
                            + u.expectedVersion().get().value() + " was read (now "
                            + Mapper.version(current).value() + ")",
                    null);
        }
        check(u);
        ObjectNode put = fieldChanges(u, current, cfs);
        // RT applies a PUT's fields in no fixed order and checks a new owner's OwnTicket right against the queue the
        // ticket is in at that moment: a move to another queue goes first, the owner follows in its own request
        String owner =
                put.has("Queue") && put.has("Owner") ? put.remove("Owner").asText() : null;
        if (put.size() > 0) {
            HttpResult r = api.http.exchange(HttpCall.write("PUT", "/ticket/" + id.value(), Json.write(put), where)
                    .header("If-Match", Json.text(current, "_etag"))
                    .repeatable(true)); // If-Match: a second landing is refused with 412
            if (r.status() == 412) {
                JsonNode now = reader.raw(id, where).orElseThrow(() -> notFound("ticket " + id + " was deleted"));
                if (u.idempotencyKey().isPresent()
                        && keyOn(Mapper.customFields(now), u.idempotencyKey().get())) {
                    // our own first attempt landed and its answer was lost
                    return complete(u, now);
                }
                throw new CrmConflictException(
                        Errors.VENDOR, 412, null, where + " refused: the ticket changed while it was written", null);
            }
            JsonNode answer = r.orThrow();
            List<String> refused = Errors.refusals(answer);
            if (!refused.isEmpty()) {
                undo(id, put, current, cfs);
                throw new CrmInvalidRequestException(
                        Errors.VENDOR, 200, null, where + " refused by RT: " + String.join("; ", refused), null);
            }
            if (owner != null) {
                List<String> ownerRefused = setOwner(id, owner, where);
                if (!ownerRefused.isEmpty()) {
                    put.put("Owner", owner);
                    undo(id, put, current, cfs);
                    throw new CrmInvalidRequestException(
                            Errors.VENDOR,
                            200,
                            null,
                            where + " refused by RT: " + String.join("; ", ownerRefused),
                            null);
                }
            }
        }
        String queue = put.has("Queue") ? put.get("Queue").asText() : Json.ref(current, "Queue");
        for (int i = 0; i < u.notes().size(); i++) {
            try {
                post(id, u.notes().get(i), where);
            } catch (CrmInvalidRequestException refused) {
                if (i == 0 && put.size() > 0) {
                    // the note was refused before anything else was written: the field change goes back too
                    if (owner != null) {
                        put.put("Owner", owner);
                    }
                    undo(id, put, current, cfs);
                }
                throw refused;
            }
        }
        List<Task> created = new ArrayList<>();
        for (TaskDraft t : u.newTasks()) {
            created.add(createReminder(id, queue, t));
        }
        for (TaskChange c : u.taskChanges()) {
            changeReminder(c);
        }
        return UpdateResult.applied(id, null, created);
    }

    /** Writes what of an update whose key is on the ticket is still missing. */
    private UpdateResult complete(TicketUpdate u, JsonNode current) {
        TicketId id = u.ticket();
        String where = "update of ticket " + id + " (repeated, key "
                + u.idempotencyKey().orElse("") + ")";
        // the first attempt may have moved the queue and lost the owner's own request
        Optional<String> wantedOwner =
                u.assignment().map(a -> a.agent().map(AgentId::value).orElse(Mapper.NOBODY));
        if (wantedOwner.isPresent() && !wantedOwner.get().equals(Json.ref(current, "Owner"))) {
            List<String> refused = setOwner(id, wantedOwner.get(), where);
            if (!refused.isEmpty()) {
                throw new CrmInvalidRequestException(
                        Errors.VENDOR, 200, null, where + " refused by RT: " + String.join("; ", refused), null);
            }
        }
        if (!u.notes().isEmpty()) {
            List<Comment> recent = reader.comments(id, SortOrder.NEWEST_FIRST, PageRequest.first(RtApi.MAX_PAGE))
                    .items();
            Map<String, Integer> seen = new HashMap<>();
            for (Comment c : recent) {
                seen.merge(c.visibility() + "\n" + normal(c.body(), NoteFormat.PLAIN_TEXT), 1, Integer::sum);
            }
            for (NoteDraft n : u.notes()) {
                String k = n.visibility() + "\n" + normal(n.body(), n.format());
                if (seen.getOrDefault(k, 0) > 0) {
                    seen.merge(k, -1, Integer::sum);
                } else {
                    LOG.info("{}: writing a note the first attempt did not", where);
                    post(id, n, where);
                }
            }
        }
        List<Task> tasks = new ArrayList<>();
        if (!u.newTasks().isEmpty()) {
            Map<String, Task> existing = new HashMap<>();
            reader.tasks(TaskQuery.builder().ticket(id).build(), PageRequest.first(RtApi.MAX_PAGE))
                    .items()
                    .forEach(t -> existing.put(t.handover().value() + "/" + t.key(), t));
            String queue = Json.ref(current, "Queue");
            for (TaskDraft t : u.newTasks()) {
                Task found = existing.get(t.handover().value() + "/" + t.key());
                tasks.add(found != null ? found : createReminder(id, queue, t));
            }
        }
        for (TaskChange c : u.taskChanges()) {
            changeReminder(c);
        }
        return UpdateResult.replayed(id, null, tasks);
    }

    private boolean keyOn(Map<String, List<String>> cfs, String key) {
        return cfs.getOrDefault(config.keyField(), List.of()).contains(key);
    }

    private static boolean matches(Version expected, JsonNode current) {
        return expected.equals(Mapper.version(current));
    }

    /** Everything that can be refused, before anything is written. */
    private void check(TicketUpdate u) {
        String where = "update of ticket " + u.ticket() + ": ";
        if (u.assignment().isPresent()) {
            Assignment a = u.assignment().get();
            Directory d = directory.get();
            if (a.agent().isPresent()) {
                Optional<Agent> agent = d.agent(a.agent().get());
                if (agent.isEmpty()) {
                    throw invalid(where + "agent " + a.agent().get() + " is not an agent of any queue's team in RT");
                }
                if (!agent.get().active()) {
                    throw invalid(where + "agent " + a.agent().get() + " is disabled or not privileged in RT");
                }
            }
            if (a.group().isPresent() && d.group(a.group().get()).isEmpty()) {
                throw invalid(where + "queue " + a.group().get() + " does not exist in RT");
            }
        }
        for (NoteDraft n : u.notes()) {
            int bytes = n.body().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > config.maxNoteBytes()) {
                throw invalid(where + "a note of " + bytes + " bytes is over the " + config.maxNoteBytes()
                        + "-byte limit (notes.max-bytes)");
            }
        }
        if (!u.newTasks().isEmpty()) {
            Directory d = directory.get();
            for (TaskDraft t : u.newTasks()) {
                // RT gives a reminder whose owner may not own tickets in its queue to Nobody, without an error
                if (d.agent(t.owner()).map(a -> a.groups().isEmpty()).orElse(true)) {
                    throw invalid(where + "task " + t.key() + " is for " + t.owner()
                            + ", who is on no queue's team in RT: RT would give the reminder to Nobody");
                }
            }
        }
        for (TaskChange c : u.taskChanges()) {
            reminderOf(u.ticket(), c);
        }
    }

    private ObjectNode fieldChanges(TicketUpdate u, JsonNode current, Map<String, List<String>> cfs) {
        ObjectNode put = Json.object();
        u.assignment().ifPresent(a -> {
            a.group().ifPresent(g -> {
                if (!g.value().equals(Json.ref(current, "Queue"))) {
                    put.put("Queue", g.value());
                }
            });
            // a group alone leaves the ticket unassigned there: RT keeps the owner across a queue move otherwise
            put.put("Owner", a.agent().map(AgentId::value).orElse(Mapper.NOBODY));
        });
        ObjectNode custom = Json.object();
        if (!u.addTags().isEmpty() || !u.removeTags().isEmpty()) {
            Set<String> tags = new LinkedHashSet<>(cfs.getOrDefault(config.tagsField(), List.of()));
            tags.removeIf(t -> u.removeTags().contains(t.strip().toLowerCase(java.util.Locale.ROOT)));
            tags.addAll(u.addTags());
            ArrayNode values = custom.putArray(config.tagsField());
            tags.forEach(values::add);
        }
        u.idempotencyKey().ifPresent(k -> custom.put(config.keyField(), k));
        if (custom.size() > 0) {
            put.set("CustomFields", custom);
        }
        return put;
    }

    /** Puts back what a partly refused {@code PUT} changed. */
    private void undo(TicketId id, ObjectNode put, JsonNode before, Map<String, List<String>> cfs) {
        ObjectNode back = Json.object();
        if (put.has("Queue")) {
            back.put("Queue", Json.ref(before, "Queue"));
        }
        if (put.has("Owner")) {
            back.put("Owner", Json.ref(before, "Owner"));
        }
        if (put.has("CustomFields")) {
            ObjectNode custom = back.putObject("CustomFields");
            put.get("CustomFields").fieldNames().forEachRemaining(name -> {
                ArrayNode values = custom.putArray(name);
                cfs.getOrDefault(name, List.of()).forEach(values::add);
            });
        }
        try {
            // the queue goes back first, then the owner, for the same reason as on the way there
            JsonNode backOwner = back.has("Queue") ? back.remove("Owner") : null;
            api.http.execute(HttpCall.write("PUT", "/ticket/" + id.value(), Json.write(back), "undo on ticket " + id)
                    .repeatable(true));
            if (backOwner != null) {
                setOwner(id, backOwner.asText(), "undo on ticket " + id);
            }
        } catch (CrmException e) {
            LOG.warn("undo on ticket {} after RT refused a field failed: {}", id, e.getMessage());
        }
    }

    /** Sets the owner alone; the refusals RT lists in its 200 answer. */
    private List<String> setOwner(TicketId id, String owner, String where) {
        JsonNode answer = api.http.execute(HttpCall.write(
                        "PUT", "/ticket/" + id.value(), Json.write(Json.object().put("Owner", owner)), where)
                .repeatable(true));
        return Errors.refusals(answer);
    }

    private void post(TicketId id, NoteDraft n, String where) {
        boolean internal = n.visibility() == Visibility.INTERNAL;
        ObjectNode body = Json.object();
        body.put("Content", n.body());
        body.put("ContentType", n.format() == NoteFormat.HTML ? "text/html" : "text/plain");
        HttpCall call = HttpCall.write(
                "POST",
                "/ticket/" + id.value() + (internal ? "/comment" : "/correspond"),
                Json.write(body),
                (internal ? "internal note on ticket " : "customer notice on ticket ") + id);
        JsonNode answer;
        try {
            answer = api.http.execute(call);
        } catch (CrmUnavailableException unknown) {
            // the answer was lost: written once means written, so look before writing again
            if (landed(id, n)) {
                return;
            }
            answer = api.http.execute(call);
        }
        List<String> refused = Errors.refusals(answer);
        if (!refused.isEmpty()) {
            throw invalid(where + ": RT refused the " + (internal ? "comment" : "correspondence") + ": "
                    + String.join("; ", refused));
        }
    }

    private boolean landed(TicketId id, NoteDraft n) {
        String want = n.visibility() + "\n" + normal(n.body(), n.format());
        return reader.comments(id, SortOrder.NEWEST_FIRST, PageRequest.first(20)).items().stream()
                .anyMatch(c -> (c.visibility() + "\n" + normal(c.body(), NoteFormat.PLAIN_TEXT)).equals(want));
    }

    private static String normal(String body, NoteFormat format) {
        String text = format == NoteFormat.HTML ? RtApi.stripTags(body) : body;
        return text.replace("\r\n", "\n").strip();
    }

    /**
     * The queue a reminder is made in: the ticket's, as RT's own reminder list does, unless the owner belongs to no
     * team of that queue; then the owner's first team queue, since RT quietly gives a ticket to Nobody when its owner
     * lacks OwnTicket in the queue (a line manager in another department, say).
     */
    private String reminderQueue(String ticketQueue, AgentId owner) {
        Optional<Agent> agent = directory.get().agent(owner);
        if (agent.isEmpty() || agent.get().groups().isEmpty()) {
            return ticketQueue;
        }
        Set<GroupId> groups = agent.get().groups();
        return groups.contains(GroupId.of(ticketQueue))
                ? ticketQueue
                : groups.iterator().next().value();
    }

    private Task createReminder(TicketId ticket, String ticketQueue, TaskDraft t) {
        String queue = reminderQueue(ticketQueue, t.owner());
        ObjectNode body = Json.object();
        body.put("Type", "reminder");
        body.put("Queue", queue);
        body.put("Subject", t.subject());
        body.put("Owner", t.owner().value());
        body.put("Due", Sql.date(t.due()));
        body.put("RefersTo", ticket.value());
        ObjectNode custom = body.putObject("CustomFields");
        custom.put(config.taskField(), Mapper.taskValue(ticket, t.handover(), t.key(), t.kind()));
        if (!t.body().isBlank()) {
            custom.put(config.taskBodyField(), t.body());
        }
        String what = "reminder " + t.handover() + "/" + t.key() + " on ticket " + ticket;
        JsonNode answer;
        try {
            answer = api.http.execute(HttpCall.write("POST", "/ticket", Json.write(body), "creation of " + what));
        } catch (CrmUnavailableException unknown) {
            Optional<Task> found = existing(ticket, t);
            if (found.isPresent()) {
                return found.get();
            }
            answer = api.http.execute(HttpCall.write("POST", "/ticket", Json.write(body), "creation of " + what));
        }
        String id = Json.text(answer, "id");
        JsonNode reminder = rawReminder(id, what)
                .orElseThrow(() -> new CrmUnavailableException(Errors.VENDOR, "RT did not keep the " + what));
        return mapper.task(reminder)
                .orElseThrow(() -> invalid("RT did not keep the " + config.taskField() + " custom field of the " + what
                        + ": does the field apply to queue " + queue + "?"));
    }

    private Optional<JsonNode> rawReminder(String id, String what) {
        HttpResult r = api.http.exchange(HttpCall.get("/ticket/" + id, "read of " + what));
        return r.ok() ? Optional.of(r.json()) : Optional.empty();
    }

    private Optional<Task> existing(TicketId ticket, TaskDraft t) {
        return reader
                .tasks(TaskQuery.builder().ticket(ticket).handover(t.handover()).build(), PageRequest.first(100))
                .items()
                .stream()
                .filter(x -> x.key().equals(t.key()))
                .findFirst();
    }

    /** The reminder a change names, checked to be a handover task of this ticket. */
    private JsonNode reminderOf(TicketId ticket, TaskChange c) {
        if (!Reader.isNumber(c.task().value())) {
            throw notFound("task " + c.task() + " does not exist");
        }
        JsonNode r = rawReminder(c.task().value(), "read of task " + c.task())
                .orElseThrow(() -> notFound("task " + c.task() + " does not exist"));
        Optional<Task> task = "reminder".equals(Json.text(r, "Type")) ? mapper.task(r) : Optional.empty();
        if (task.isEmpty()) {
            throw notFound("task " + c.task() + " is not a handover reminder");
        }
        if (!task.get().ticket().equals(ticket)) {
            throw notFound(
                    "task " + c.task() + " belongs to ticket " + task.get().ticket() + ", not " + ticket);
        }
        return r;
    }

    private void changeReminder(TaskChange c) {
        ObjectNode put = Json.object();
        c.status().ifPresent(s -> put.put("Status", rawStatus(s)));
        c.due().ifPresent(d -> put.put("Due", Sql.date(d)));
        c.owner().ifPresent(o -> put.put("Owner", o.value()));
        JsonNode answer = api.http.execute(
                HttpCall.write("PUT", "/ticket/" + c.task().value(), Json.write(put), "change of task " + c.task())
                        .repeatable(true));
        List<String> refused = Errors.refusals(answer);
        if (!refused.isEmpty()) {
            throw invalid("change of task " + c.task() + " refused by RT: " + String.join("; ", refused));
        }
    }

    private String rawStatus(TaskStatus s) {
        return switch (s) {
            case OPEN -> "open";
            case COMPLETED -> first(config.rawStatuses(TicketStatus.SOLVED), "resolved");
            case CANCELLED -> first(config.rawStatuses(TicketStatus.CLOSED), "rejected");
        };
    }

    private static String first(List<String> values, String fallback) {
        return values.contains(fallback) || values.isEmpty() ? fallback : values.get(0);
    }

    private static CrmNotFoundException notFound(String message) {
        return new CrmNotFoundException(Errors.VENDOR, message);
    }

    private static CrmInvalidRequestException invalid(String message) {
        return new CrmInvalidRequestException(Errors.VENDOR, message);
    }
}
