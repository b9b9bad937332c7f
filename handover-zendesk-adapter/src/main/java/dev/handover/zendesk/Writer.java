package dev.handover.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.spi.Assignment;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.error.CrmRateLimitedException;
import dev.handover.spi.error.CrmUnauthorizedException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.NoteFormat;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskId;
import dev.handover.spi.model.Version;
import dev.handover.spi.model.Visibility;
import dev.handover.zendesk.http.Errors;
import dev.handover.zendesk.http.HttpCall;
import dev.handover.zendesk.http.HttpResult;
import dev.handover.zendesk.http.Json;
import dev.handover.zendesk.http.Transport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@link TicketUpdate}s: one handover is one {@code PUT /api/v2/tickets/{id}}, many go through {@code
 * update_many} jobs, both with {@code safe_update}.
 *
 * <p>The order of every write, single or batch:
 *
 * <ol>
 *   <li>Check locally what can be checked: ids, note sizes, and assignee, group and task owners against the cached
 *       directory — so an update Zendesk would refuse halfway never starts.
 *   <li>Answer repeats of an idempotency key seen by this process from the ledger.
 *   <li>Resolve the version to write against: the caller's expected version, else the last read. Tags are written as
 *       the full list computed from the tags at that version; with {@code safe_update} Zendesk refuses the write if the
 *       ticket changed since, so this is a compare-and-set, never a blind replace. When the last read is not the
 *       expected version and tags change, the ticket is read first.
 *   <li>Write the internal note (with the write marker), the assignment and the tags in one call. A {@code 409} is a
 *       replay when the marker is already on the ticket (the key is checked before the version), a conflict when the
 *       caller's version is stale, and otherwise (the adapter chose the version) a reason to re-read and try again.
 *   <li>Further comments (the customer notice) follow, one audit each, chained on the version the previous write
 *       returned; a notice is withheld if the ticket changed hands meanwhile.
 *   <li>Task changes, then new tasks ({@link TaskWriter}) — only for updates whose ticket write landed, so a refused
 *       write never leaves a task behind.
 * </ol>
 */
final class Writer {
    private static final Logger LOG = LoggerFactory.getLogger(Writer.class);
    /** Up to this many ticket writes go out as single calls; more use one job (submit + polls). */
    static final int DIRECT_LIMIT = 2;

    private static final int LATEST_COMMENTS = 100;
    private static final int CONFLICT_RETRIES = 3;
    private static final int MAX_AUDIT_PAGES = 5;

    private final Transport http;
    private final Reader reader;
    private final DirectoryReader directory;
    private final TaskWriter tasks;
    private final JobRunner jobs;
    private final RecentWrites recent;
    private final ReplayLedger ledger;
    private final Config config;
    private volatile boolean auditsRefused;

    Writer(
            Transport http,
            Reader reader,
            DirectoryReader directory,
            TaskWriter tasks,
            JobRunner jobs,
            RecentWrites recent,
            ReplayLedger ledger,
            Config config) {
        this.http = http;
        this.reader = reader;
        this.directory = directory;
        this.tasks = tasks;
        this.jobs = jobs;
        this.recent = recent;
        this.ledger = ledger;
        this.config = config;
    }

    UpdateResult apply(TicketUpdate update) {
        return applyAll(List.of(update)).get(0).orThrow();
    }

    List<UpdateResult> applyAll(List<TicketUpdate> updates) {
        List<Item> items = new ArrayList<>();
        for (TicketUpdate u : updates) {
            items.add(new Item(u));
        }
        for (int from = 0; from < items.size(); from += Reader.MAX_BATCH) {
            for (List<Item> wave : waves(items.subList(from, Math.min(items.size(), from + Reader.MAX_BATCH)))) {
                run(wave);
            }
        }
        List<UpdateResult> out = new ArrayList<>();
        for (Item it : items) {
            out.add(it.result);
        }
        return out;
    }

    /** Splits a batch so that no wave holds one ticket twice (a job's items must not race each other). */
    private static List<List<Item>> waves(List<Item> items) {
        List<List<Item>> waves = new ArrayList<>();
        List<Set<String>> tickets = new ArrayList<>();
        for (Item it : items) {
            int w = 0;
            while (w < waves.size()
                    && tickets.get(w).contains(it.update.ticket().value())) {
                w++;
            }
            if (w == waves.size()) {
                waves.add(new ArrayList<>());
                tickets.add(new HashSet<>());
            }
            waves.get(w).add(it);
            tickets.get(w).add(it.update.ticket().value());
        }
        return waves;
    }

    private void run(List<Item> wave) {
        Checks checks = new Checks();
        for (Item it : wave) {
            guard(it, () -> check(it, checks));
        }
        readTaskChanges(open(wave));
        resolveBases(open(wave));
        for (Item it : open(wave)) {
            if (it.key().isPresent() && it.update.expectedVersion().isEmpty() && it.first != null) {
                // no version to be refused on: look for the marker before writing, or a repeat would write twice
                guard(it, () -> {
                    if (alreadyApplied(it)) {
                        it.replayed = true;
                    }
                });
            }
        }
        List<Item> writers = new ArrayList<>();
        for (Item it : open(wave)) {
            if (it.writesTicket()) {
                writers.add(it);
            } else {
                it.landed = true; // tasks only: the ticket was read and found as expected
            }
        }
        if (writers.size() <= DIRECT_LIMIT) {
            writers.forEach(it -> guard(it, () -> writeDirect(it)));
        } else {
            writeByJob(writers);
        }
        followUps(wave);
        createTasks(wave);
        for (Item it : wave) {
            if (it.result == null) {
                finish(it);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ checks

    private final class Checks {
        private Directory directory;
        private boolean refreshed;
        private boolean unavailable;

        Optional<Directory> get() {
            if (directory == null && !unavailable) {
                try {
                    directory = Writer.this.directory.directory();
                } catch (CrmException e) {
                    unavailable = true; // Zendesk validates again on write; the early check is a courtesy
                    LOG.warn(
                            "directory unavailable for checking assignees ({}); relying on Zendesk's checks",
                            e.getMessage());
                }
            }
            return Optional.ofNullable(directory);
        }

        Optional<Directory> refreshed() {
            if (!refreshed && !unavailable) {
                refreshed = true;
                try {
                    directory = Writer.this.directory.refresh();
                } catch (CrmException e) {
                    unavailable = true;
                }
            }
            return Optional.ofNullable(directory);
        }
    }

    private void check(Item it, Checks checks) {
        TicketUpdate u = it.update;
        String where = "update of ticket " + u.ticket() + ": ";
        if (it.ticketId <= 0) {
            throw new CrmNotFoundException(Errors.VENDOR, "ticket " + u.ticket() + " does not exist");
        }
        if (it.key().isPresent()) {
            it.ownKey = ledger.attemptedBefore(it.key().get());
            Optional<UpdateResult> seen = ledger.find(it.key().get());
            if (seen.isPresent()) {
                if (!seen.get().ticket().equals(u.ticket())) {
                    throw invalid(
                            "IdempotencyKeyReused",
                            where + "idempotency key " + it.key().get() + " was used for ticket "
                                    + seen.get().ticket());
                }
                it.result = UpdateResult.replayed(
                        u.ticket(),
                        seen.get().version().orElse(null),
                        seen.get().createdTasks());
                return;
            }
        }
        for (NoteDraft n : u.notes()) {
            if (n.utf8Length() > config.maxNoteBytes()) {
                throw invalid(
                        "NoteTooLong",
                        where + "a note of " + n.utf8Length() + " bytes is over the limit of " + config.maxNoteBytes()
                                + " (notes are never truncated)");
            }
        }
        for (TaskChange c : u.taskChanges()) {
            if (Checklist.ticketOf(c.task()).isEmpty()) {
                throw new CrmNotFoundException(Errors.VENDOR, where + "task " + c.task() + " does not exist");
            }
        }
        if (u.assignment().isPresent()) {
            Assignment a = u.assignment().get();
            if (a.group().isPresent()) {
                GroupId g = a.group().get();
                numeric(g.value(), where + "group " + g + " does not exist", "UnknownGroup");
                Optional<Directory> d = checks.get();
                if (d.isPresent()
                        && d.get().group(g).isEmpty()
                        && checks.refreshed().flatMap(x -> x.group(g)).isEmpty()) {
                    throw invalid("UnknownGroup", where + "group " + g + " does not exist");
                }
            }
            if (a.agent().isPresent()) {
                Optional<Agent> agent = activeAgent(a.agent().get(), where + "assignee", checks);
                if (agent.isPresent()
                        && a.group().isPresent()
                        && !agent.get().groups().contains(a.group().get())) {
                    throw invalid(
                            "AssigneeNotInGroup",
                            where + "assignee " + agent.get().id() + " is not a member of group "
                                    + a.group().get());
                }
            }
        }
        for (TaskDraft d : u.newTasks()) {
            activeAgent(d.owner(), where + "owner of task " + d.handover() + "/" + d.key(), checks);
        }
        for (TaskChange c : u.taskChanges()) {
            if (c.owner().isPresent()) {
                activeAgent(c.owner().get(), where + "new owner of task " + c.task(), checks);
            }
        }
    }

    private Optional<Agent> activeAgent(AgentId id, String role, Checks checks) {
        numeric(id.value(), role + " " + id + " does not exist", "UnknownAgent");
        Optional<Directory> d = checks.get();
        if (d.isEmpty()) {
            return Optional.empty();
        }
        Optional<Agent> agent = d.get().agent(id);
        if (agent.isEmpty()) {
            agent = checks.refreshed().flatMap(x -> x.agent(id));
        }
        if (checks.unavailable && agent.isEmpty()) {
            return Optional.empty();
        }
        if (agent.isEmpty()) {
            throw invalid("UnknownAgent", role + " " + id + " is not an agent of this Zendesk account");
        }
        if (!agent.get().active()) {
            throw invalid("InactiveAgent", role + " " + id + " is suspended or deactivated");
        }
        if (!agent.get().canTakeTickets()) {
            // Zendesk would refuse the assignment; nothing is written
            throw invalid(
                    "CannotTakeTickets", role + " " + id + " is " + agent.get().cannotTakeTickets());
        }
        return agent;
    }

    private static void numeric(String id, String message, String code) {
        if (Ids.parse(id).isEmpty()) {
            throw invalid(code, message);
        }
    }

    private void readTaskChanges(List<Item> items) {
        Set<Long> ids = new LinkedHashSet<>();
        for (Item it : items) {
            it.update
                    .taskChanges()
                    .forEach(c -> ids.add(Checklist.ticketOf(c.task()).getAsLong()));
        }
        if (ids.isEmpty()) {
            return;
        }
        Map<Long, Snapshot> found;
        try {
            found = reader.snapshots(ids);
        } catch (CrmException e) {
            items.stream().filter(it -> !it.update.taskChanges().isEmpty()).forEach(it -> it.fail(e));
            return;
        }
        for (Item it : items) {
            guard(it, () -> {
                for (TaskChange c : it.update.taskChanges()) {
                    Snapshot s = found.get(Checklist.ticketOf(c.task()).getAsLong());
                    String where = "update of ticket " + it.update.ticket() + ": ";
                    if (s == null) {
                        throw new CrmNotFoundException(Errors.VENDOR, where + "task " + c.task() + " does not exist");
                    }
                    if (!s.isTask()) {
                        throw invalid("NotAHandoverTask", where + "ticket " + c.task() + " is not a handover task");
                    }
                    OptionalLong of = TaskTags.ticketOf(s.tags());
                    if (of.isEmpty() || of.getAsLong() != it.ticketId) {
                        throw invalid(
                                "TaskOfOtherTicket",
                                where + "task " + c.task() + " belongs to ticket "
                                        + (of.isPresent() ? of.getAsLong() : "?"));
                    }
                    it.taskSnapshots.put(c.task(), s);
                }
            });
        }
    }

    // ------------------------------------------------------------------------------------------------ versions

    private void resolveBases(List<Item> items) {
        List<Item> toRead = new ArrayList<>();
        for (Item it : items) {
            Optional<Version> expected = it.update.expectedVersion();
            Snapshot cached = reader.cached(it.ticketId);
            if (expected.isPresent()) {
                if (cached != null && cached.version().equals(expected.get())) {
                    it.base = cached;
                } else if (it.writesTicket() && !it.changesTags()) {
                    it.base = null; // nothing computed from the read: Zendesk checks the version on write
                } else {
                    toRead.add(it);
                }
            } else if (cached != null && it.writesTicket()) {
                it.base = cached; // a stale read only costs a 409 and a re-read
            } else {
                toRead.add(it);
            }
        }
        if (toRead.isEmpty()) {
            return;
        }
        Map<Long, Snapshot> found;
        try {
            found = reader.snapshots(toRead.stream().map(it -> it.ticketId).toList());
        } catch (CrmException e) {
            toRead.forEach(it -> it.fail(e));
            return;
        }
        for (Item it : toRead) {
            guard(it, () -> {
                Snapshot s = found.get(it.ticketId);
                if (s == null) {
                    throw new CrmNotFoundException(Errors.VENDOR, "ticket " + it.update.ticket() + " does not exist");
                }
                Optional<Version> expected = it.update.expectedVersion();
                if (expected.isPresent() && !expected.get().equals(s.version())) {
                    if (it.key().isPresent() && alreadyApplied(it)) {
                        it.replayed = true; // the key is checked before the version
                        it.version = s.version(); // read, not written by this run: a notice checks the ticket again
                        return;
                    }
                    throw conflict(it, expected.get(), s.version());
                }
                it.base = s;
            });
        }
    }

    // ------------------------------------------------------------------------------------------------ the ticket write

    private void writeDirect(Item it) {
        for (int attempt = 0; ; attempt++) {
            Version stamp = it.base != null
                    ? it.base.version()
                    : it.update.expectedVersion().orElseThrow();
            HttpCall call = HttpCall.write(
                            "PUT",
                            "/api/v2/tickets/" + it.ticketId,
                            Json.write(TaskWriter.wrap(ticketFields(it, stamp))),
                            "update of ticket " + it.update.ticket())
                    .repeatable(true); // safe_update: a repeat of a landed write is refused with 409
            HttpResult r = http.exchange(call);
            it.uncertain |= r.uncertain();
            if (r.ok()) {
                landed(it, Snapshot.of(r.json().path("ticket")));
                return;
            }
            CrmException e = r.error().orElseThrow();
            if (!(e instanceof CrmConflictException)) {
                throw e;
            }
            if ((it.key().isPresent() || it.uncertain) && alreadyApplied(it)) {
                if (it.uncertain) {
                    it.landed = true; // our own earlier attempt landed; its answer was lost
                } else {
                    it.replayed = true;
                }
                reader.forget(it.ticketId);
                return;
            }
            if (it.update.expectedVersion().isPresent()) {
                if ("UpdateConflict".equals(e.vendorCode().orElse(null))) {
                    // safe_update's own answer ("Safe Update prevented the update due to outdated ticket data")
                    throw conflict(it, it.update.expectedVersion().get(), null);
                }
                // a 409 is also two requests changing one ticket at the same moment: only a changed version is a
                // conflict; with the version as expected, the write is tried again
                Snapshot now = fresh(it);
                if (!now.version().equals(it.update.expectedVersion().get()) || attempt >= CONFLICT_RETRIES) {
                    throw conflict(it, it.update.expectedVersion().get(), now.version());
                }
                it.base = now;
                continue;
            }
            if (attempt >= CONFLICT_RETRIES) {
                throw new CrmConflictException(
                        Errors.VENDOR,
                        409,
                        null,
                        "ticket " + it.update.ticket() + " kept changing while it was being updated",
                        e);
            }
            it.base = fresh(it); // the adapter chose the version: read again and recompute the tags
        }
    }

    private void writeByJob(List<Item> writers) {
        ArrayNode tickets = Json.array();
        for (Item it : writers) {
            Version stamp = it.base != null
                    ? it.base.version()
                    : it.update.expectedVersion().orElseThrow();
            ObjectNode t = ticketFields(it, stamp);
            t.put("id", it.ticketId);
            tickets.add(t);
        }
        ObjectNode body = Json.object();
        body.set("tickets", tickets);
        String what = "batch update of " + writers.size() + " tickets";
        JsonNode job;
        boolean uncertain;
        try {
            // every item carries safe_update and its stamp: a second job after a lost answer can land nothing twice
            HttpResult r = http.exchange(HttpCall.write("PUT", "/api/v2/tickets/update_many", Json.write(body), what)
                    .repeatable(true));
            if (!r.ok()) {
                writers.forEach(it -> it.fail(r.error().orElseThrow()));
                return;
            }
            uncertain = r.uncertain();
            job = jobs.await(r.json().path("job_status"), what);
        } catch (CrmException e) {
            writers.forEach(it -> it.fail(e));
            return;
        }
        Map<Long, JsonNode> results = JobRunner.resultsById(job);
        String jobId = Json.text(job, "id");
        for (Item it : writers) {
            it.uncertain |= uncertain;
            guard(it, () -> {
                JsonNode res = results.get(it.ticketId);
                if (res != null && JobRunner.succeeded(res)) {
                    it.landed = true; // the job reports no new version: the next write reads it first
                    reader.forget(it.ticketId);
                    recent.record(it.ticketId, false);
                    return;
                }
                CrmException e = res == null
                        ? new CrmUnavailableException(
                                Errors.VENDOR,
                                0,
                                "JobIncomplete",
                                what + ": job " + jobId + " ended " + Json.text(job, "status")
                                        + " without a result for ticket " + it.update.ticket(),
                                null)
                        : Errors.jobItem(res, "update of ticket " + it.update.ticket(), jobId);
                if (e instanceof CrmConflictException || res == null) {
                    if ((it.key().isPresent() || it.uncertain || res == null) && alreadyApplied(it)) {
                        if (it.uncertain || res == null) {
                            it.landed = true;
                        } else {
                            it.replayed = true;
                        }
                        reader.forget(it.ticketId);
                        return;
                    }
                    if (e instanceof CrmConflictException
                            && it.update.expectedVersion().isEmpty()) {
                        it.base = fresh(it); // the adapter chose the version: read again and write this one alone
                        writeDirect(it);
                        return;
                    }
                    if (e instanceof CrmConflictException) {
                        throw conflict(it, it.update.expectedVersion().get(), null);
                    }
                }
                throw e;
            });
        }
    }

    /** The ticket fields of the first write: the first note (with the marker), the assignment, the tags, the stamp. */
    private ObjectNode ticketFields(Item it, Version stamp) {
        ObjectNode t = Json.object();
        if (it.first != null) {
            t.set("comment", comment(it.first, it.first.visibility() == Visibility.INTERNAL ? it.marker : null));
        }
        it.update.assignment().ifPresent(a -> {
            if (a.agent().isPresent()) {
                t.put("assignee_id", Long.parseLong(a.agent().get().value()));
            } else {
                t.putNull("assignee_id"); // to a group or queue: the ticket waits there unassigned
            }
            a.group().ifPresent(g -> t.put("group_id", Long.parseLong(g.value())));
        });
        if (it.changesTags()) {
            // Zendesk's update replaces the tag list: write the list computed from the version the write is checked
            // against, so safe_update turns the replace into a compare-and-set
            LinkedHashSet<String> tags = new LinkedHashSet<>(it.base.tags());
            tags.addAll(it.update.addTags());
            tags.removeAll(it.update.removeTags());
            if (!List.copyOf(tags).equals(it.base.tags())) {
                ArrayNode a = Json.array();
                tags.forEach(a::add);
                t.set("tags", a);
            }
        }
        // the key also goes into the update's audit, where a replay check finds it whatever Zendesk does to the text
        t.putObject("metadata").put(Markers.AUDIT_KEY, it.marker);
        t.put("safe_update", true);
        t.put("updated_stamp", stamp.value());
        return t;
    }

    private static ObjectNode comment(NoteDraft note, String marker) {
        ObjectNode c = Json.object();
        if (note.format() == NoteFormat.HTML) {
            c.put("html_body", marker == null ? note.body() : Markers.withWriteMarkerHtml(note.body(), marker));
        } else {
            c.put("body", marker == null ? note.body() : Markers.withWriteMarker(note.body(), marker));
        }
        c.put("public", note.visibility() == Visibility.PUBLIC); // Zendesk defaults to public: always say which
        return c;
    }

    private void landed(Item it, Snapshot now) {
        it.landed = true;
        it.version = now.version();
        it.chained = true;
        reader.remember(now);
        recent.record(it.ticketId, false);
    }

    private Snapshot fresh(Item it) {
        Snapshot s = reader.snapshots(List.of(it.ticketId)).get(it.ticketId);
        if (s == null) {
            throw new CrmNotFoundException(Errors.VENDOR, "ticket " + it.update.ticket() + " does not exist");
        }
        return s;
    }

    // ------------------------------------------------------------------------------------------------ replays

    /**
     * True when this update is already on the ticket: its write marker is among the latest comments (internal note), a
     * public comment has its notice's text (public notes only — a customer never sees a marker), or, with no note at
     * all, the ticket already shows its tags and assignment.
     */
    private boolean alreadyApplied(Item it) {
        it.latest = null; // always look again: an earlier look may predate the write in question
        Optional<Boolean> audited = inAudits(it);
        if (audited.isPresent() && (audited.get() || it.first != null)) {
            // the audits answer for a note; without one, tags and assignment already holding also count as applied
            return audited.get();
        }
        if (it.first != null) {
            List<JsonNode> latest = latest(it);
            for (JsonNode c : latest) {
                String body = Json.text(c, "body");
                if (it.first.visibility() == Visibility.INTERNAL) {
                    if (Markers.writeKey(body).filter(it.marker::equals).isPresent()) {
                        return true;
                    }
                } else if (c.path("public").asBoolean(true) && sameText(body, it.first.body())) {
                    return true;
                }
            }
            return false;
        }
        Snapshot s = fresh(it);
        if (!s.tags().containsAll(it.update.addTags())) {
            return false;
        }
        for (String r : it.update.removeTags()) {
            if (s.tags().contains(r)) {
                return false;
            }
        }
        if (it.update.assignment().isPresent()) {
            return assignmentHolds(it.update.assignment().get(), s);
        }
        return true;
    }

    /**
     * Whether the update's key is in the metadata of one of the ticket's audits: one read instead of the latest
     * comments, and sturdy whatever happens to the comment text. Empty — the comment marker decides — when audits are
     * off, cannot be read (the global {@code read} OAuth scope is missing: refused once, the connector keeps to the
     * marker and says so once), or are more than {@link #MAX_AUDIT_PAGES} pages and the key is not among them.
     */
    private Optional<Boolean> inAudits(Item it) {
        if (!config.replayByAudits() || auditsRefused) {
            return Optional.empty();
        }
        try {
            Map.Entry<Set<String>, Boolean> keys = reader.auditKeys(it.ticketId, MAX_AUDIT_PAGES);
            boolean found = keys.getKey().contains(it.marker);
            return found || keys.getValue() ? Optional.of(found) : Optional.empty();
        } catch (CrmUnauthorizedException e) {
            auditsRefused = true;
            LOG.warn(
                    "ticket audits cannot be read with these credentials ({}); replays are recognised by the write"
                            + " marker in comments only. Grant the OAuth scope \"read\" or set replay.audits: false",
                    e.getMessage());
            return Optional.empty();
        } catch (CrmNotFoundException e) {
            return Optional.empty(); // no audits to read here (an archived ticket): the comments decide
        }
    }

    private List<JsonNode> latest(Item it) {
        if (it.latest == null) {
            it.latest = reader.latestComments(it.ticketId, LATEST_COMMENTS);
        }
        return it.latest;
    }

    private static boolean assignmentHolds(Assignment a, Snapshot s) {
        Long agent = a.agent().map(x -> Long.parseLong(x.value())).orElse(null);
        boolean agentOk = a.agent().isEmpty() ? s.assignee() == null : agent.equals(s.assignee());
        boolean groupOk =
                a.group().isEmpty() || Long.valueOf(a.group().get().value()).equals(s.group());
        return agentOk && groupOk;
    }

    private static boolean sameText(String stored, String written) {
        return normalize(Markers.strip(stored)).equals(normalize(written));
    }

    private static String normalize(String s) {
        return s.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
    }

    // ------------------------------------------------------------------------------------------------ follow-ups

    /** Further comments and task changes of updates whose ticket write landed (or was applied before). */
    private void followUps(List<Item> wave) {
        int maxExtra = 0;
        for (Item it : progressing(wave)) {
            maxExtra = Math.max(maxExtra, it.extra.size());
        }
        for (int k = 0; k < maxExtra; k++) {
            int index = k;
            List<Item> ops = new ArrayList<>();
            for (Item it : progressing(wave)) {
                if (it.extra.size() > index) {
                    ops.add(it);
                }
            }
            if (ops.size() <= DIRECT_LIMIT) {
                ops.forEach(it -> guard(it, () -> noteDirect(it, it.extra.get(index))));
            } else {
                notesByJob(ops, index);
            }
        }
        List<TaskWriter.Change> changes = new ArrayList<>();
        Map<TaskWriter.Change, Item> owner = new HashMap<>();
        for (Item it : progressing(wave)) {
            for (TaskChange c : it.update.taskChanges()) {
                TaskWriter.Change ch = new TaskWriter.Change(it.ticketId, c, it.taskSnapshots.get(c.task()));
                changes.add(ch);
                owner.put(ch, it);
            }
        }
        if (!changes.isEmpty()) {
            tasks.change(changes)
                    .forEach((ch, e) -> owner.get(ch)
                            .fail(partial(e, owner.get(ch), "task " + ch.task().id() + " was not changed")));
        }
    }

    private void noteDirect(Item it, NoteDraft note) {
        for (int attempt = 0; attempt <= CONFLICT_RETRIES; attempt++) {
            Version stamp = it.version;
            if (stamp == null || !it.chained) {
                // not chained on this update's own write (a job, a replay, a version merely read): someone may have
                // taken the ticket over since, so check it as it is now
                Snapshot now = fresh(it);
                if (changedHands(it, note, now)) {
                    return;
                }
                stamp = now.version();
                // the comments read after that version: a copy another writer sent before it (a second worker
                // completing the same handover, a retry of ours) is seen here; one sent after it refuses the write
                // below with 409. So a notice is sent once, however many writers complete the handover
                it.latest = null;
                if (landedBefore(it, note)) {
                    return;
                }
            }
            ObjectNode t = Json.object();
            t.set("comment", comment(note, null));
            t.put("safe_update", true);
            t.put("updated_stamp", stamp.value());
            HttpResult r = http.exchange(HttpCall.write(
                            "PUT",
                            "/api/v2/tickets/" + it.ticketId,
                            Json.write(TaskWriter.wrap(t)),
                            "comment on ticket " + it.update.ticket())
                    .repeatable(true));
            if (r.ok()) {
                Snapshot s = Snapshot.of(r.json().path("ticket"));
                it.version = s.version();
                it.chained = true;
                reader.remember(s);
                return;
            }
            CrmException e = r.error().orElseThrow();
            if (!(e instanceof CrmConflictException)) {
                throw partial(e, it, "a further comment was not written");
            }
            it.latest = null;
            it.version = null; // someone wrote in between: the next attempt reads and checks the ticket again
            it.chained = false;
        }
        throw partial(
                new CrmConflictException(Errors.VENDOR, "ticket " + it.update.ticket() + " kept changing"),
                it,
                "a further comment was not written");
    }

    private void notesByJob(List<Item> ops, int index) {
        List<Item> due = ops;
        // the handovers' job reports no new versions: one read of the tickets as they are now, so that a notice is
        // withheld where the ticket changed hands meanwhile, and the others are written with safe_update on that read
        Map<Long, Snapshot> now;
        try {
            now = reader.snapshots(due.stream().map(it -> it.ticketId).toList());
        } catch (CrmException e) {
            due.forEach(it -> it.fail(partial(e, it, "a further comment was not written")));
            return;
        }
        ArrayNode tickets = Json.array();
        List<Item> sent = new ArrayList<>();
        for (Item it : due) {
            Snapshot s = now.get(it.ticketId);
            if (s == null) {
                it.fail(partial(
                        new CrmNotFoundException(Errors.VENDOR, "ticket " + it.update.ticket() + " does not exist"),
                        it,
                        "a further comment was not written"));
                continue;
            }
            if (changedHands(it, it.extra.get(index), s)) {
                continue;
            }
            // the comments as of that read: a notice another writer sent before it (a second worker completing the
            // same handover) is not sent again; one sent after it makes this item a 409, checked again below
            it.latest = null;
            if (guarded(it, () -> landedBefore(it, it.extra.get(index)))) {
                continue;
            }
            ObjectNode t = Json.object();
            t.put("id", it.ticketId);
            t.set("comment", comment(it.extra.get(index), null));
            t.put("safe_update", true);
            t.put("updated_stamp", s.version().value());
            tickets.add(t);
            sent.add(it);
        }
        if (sent.isEmpty()) {
            return;
        }
        ObjectNode body = Json.object();
        body.set("tickets", tickets);
        String what = "further comments on " + sent.size() + " tickets";
        Map<Long, JsonNode> results;
        String jobId;
        try {
            JsonNode job = jobs.await(
                    http.execute(HttpCall.write("PUT", "/api/v2/tickets/update_many", Json.write(body), what))
                            .path("job_status"),
                    what);
            results = JobRunner.resultsById(job);
            jobId = Json.text(job, "id");
        } catch (CrmException e) {
            sent.forEach(it -> it.fail(partial(e, it, "a further comment was not written")));
            return;
        }
        for (Item it : sent) {
            JsonNode res = results.get(it.ticketId);
            it.version = null;
            reader.forget(it.ticketId);
            if (res == null || !JobRunner.succeeded(res)) {
                // one by one, with the ticket read again (a job's item result may be lost or a collision): a notice is
                // withheld if the ticket changed hands, and not sent again if it is there (a failed job may have
                // written some items, another writer may have sent it)
                it.chained = false;
                guard(it, () -> noteDirect(it, it.extra.get(index)));
            }
        }
        LOG.debug("{} done in job {}", what, jobId);
    }

    /**
     * True (and a warning logged) when the note is a customer notice and the ticket no longer has the assignment this
     * update gave it: someone took it over since, so a notice naming the receiver is withheld. Internal notes are written
     * whatever happened since; they are the handover's record.
     */
    private static boolean changedHands(Item it, NoteDraft note, Snapshot now) {
        if (note.visibility() != Visibility.PUBLIC
                || it.update.assignment().isEmpty()
                || assignmentHolds(it.update.assignment().get(), now)) {
            return false;
        }
        LOG.warn("ticket {} changed hands after the handover; its customer notice is withheld", it.update.ticket());
        return true;
    }

    private boolean landedBefore(Item it, NoteDraft note) {
        for (JsonNode c : latest(it)) {
            boolean visible = c.path("public").asBoolean(true);
            if (visible == (note.visibility() == Visibility.PUBLIC) && sameText(Json.text(c, "body"), note.body())) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------ tasks

    private void createTasks(List<Item> wave) {
        List<TaskWriter.Request> requests = new ArrayList<>();
        Map<TaskWriter.Request, Item> owner = new HashMap<>();
        for (Item it : progressing(wave)) {
            List<TaskWriter.Request> mine = new ArrayList<>();
            it.update.newTasks().forEach(d -> mine.add(new TaskWriter.Request(it.ticketId, d)));
            if ((it.replayed || (it.key().isPresent() && !it.writesTicket())) && !mine.isEmpty()) {
                // applied before, or tasks only (nothing on the ticket tells a retry from a first run): its tasks may
                // exist — a first run may have stopped before creating them, or a lost create_many job may have run
                // late
                Map<TaskWriter.Request, Task> existing;
                try {
                    existing = tasks.findExisting(mine);
                } catch (CrmException e) {
                    it.fail(e);
                    continue;
                }
                existing.forEach((r, t) -> it.created.put(r.draft(), t));
                mine.removeIf(existing::containsKey);
                if (it.replayed && !it.ownKey && !mine.isEmpty()) {
                    // another writer's handover (two workers on the same tickets): it creates these tasks after its
                    // note, maybe in a create_many job still queued, so let that settle before creating what is still
                    // missing (that writer may also have stopped before its tasks)
                    Map<TaskWriter.Request, Task> late;
                    try {
                        late = tasks.settle(mine, "tasks of another writer's handover on ticket " + it.ticketId);
                    } catch (CrmException e) {
                        it.fail(e);
                        continue;
                    }
                    late.forEach((r, t) -> it.created.put(r.draft(), t));
                    mine.removeIf(late::containsKey);
                }
            }
            mine.forEach(r -> owner.put(r, it));
            requests.addAll(mine);
        }
        if (requests.isEmpty()) {
            return;
        }
        Map<TaskWriter.Request, TaskWriter.Outcome> outcomes = tasks.create(requests);
        outcomes.forEach((r, o) -> {
            Item it = owner.get(r);
            if (o.task().isPresent()) {
                it.created.put(r.draft(), o.task().get());
            } else if (it.result == null) {
                it.fail(partial(
                        o.error().orElseThrow(),
                        it,
                        "task " + r.draft().handover() + "/" + r.draft().key() + " was not created"));
            }
        });
    }

    private void finish(Item it) {
        List<Task> created = new ArrayList<>();
        for (TaskDraft d : it.update.newTasks()) {
            Task t = it.created.get(d);
            if (t != null) {
                created.add(t);
            }
        }
        UpdateResult r = it.replayed
                ? UpdateResult.replayed(it.update.ticket(), it.version, created)
                : UpdateResult.applied(it.update.ticket(), it.version, created);
        it.result = r;
        it.key().ifPresent(k -> ledger.record(k, r));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static List<Item> open(List<Item> wave) {
        return wave.stream()
                .filter(it -> it.result == null && !it.landed && !it.replayed)
                .toList();
    }

    private static List<Item> progressing(List<Item> wave) {
        return wave.stream()
                .filter(it -> it.result == null && (it.landed || it.replayed))
                .toList();
    }

    /** The answer of a check, or true (skip the item) when the check failed and failed the item. */
    private static boolean guarded(Item it, BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (CrmException e) {
            it.fail(partial(e, it, "a further comment was not written"));
            return true;
        }
    }

    private static void guard(Item it, Runnable step) {
        if (it.result != null) {
            return;
        }
        try {
            step.run();
        } catch (CrmException e) {
            it.fail(e);
        }
    }

    private static CrmInvalidRequestException invalid(String code, String message) {
        return new CrmInvalidRequestException(Errors.VENDOR, 422, code, message, null);
    }

    private static CrmConflictException conflict(Item it, Version expected, Version current) {
        return new CrmConflictException(
                Errors.VENDOR,
                409,
                "UpdateConflict",
                "ticket " + it.update.ticket() + " changed since it was read: expected version " + expected
                        + (current == null ? "" : ", current " + current) + "; nothing was written",
                null);
    }

    /**
     * The error of an update one of whose steps failed: the same kind, saying what was actually written and whether a
     * retry can help — with the same idempotency key it completes what a transient failure left (the marker makes the
     * written part a replay); a refusal (a 422, a missing task) fails the same way again.
     */
    private static CrmException partial(CrmException e, Item it, String what) {
        // an update with only task changes writes nothing to the ticket itself, even when its (empty) part "landed"
        boolean ticketPart = !it.update.notes().isEmpty()
                || it.update.assignment().isPresent()
                || !it.update.addTags().isEmpty()
                || !it.update.removeTags().isEmpty();
        boolean wrote = ticketPart && (it.landed || it.replayed);
        String message = (wrote
                        ? "ticket " + it.update.ticket() + " was updated but " + what
                        : "nothing was written to ticket " + it.update.ticket() + ": " + what)
                + (e.isRetryable()
                        ? "; retrying with the same idempotency key completes it"
                        : "; retrying will not help: " + e.getMessage());
        int status = e.httpStatus().orElse(0);
        String code = e.vendorCode().orElse(null);
        if (e instanceof CrmRateLimitedException rl) {
            return new CrmRateLimitedException(
                    Errors.VENDOR, status, code, message, rl.retryAfter().orElse(null), e);
        }
        if (e instanceof CrmUnavailableException) {
            return new CrmUnavailableException(Errors.VENDOR, status, code, message, e);
        }
        if (e instanceof CrmUnauthorizedException) {
            return new CrmUnauthorizedException(Errors.VENDOR, status, code, message, e);
        }
        if (e instanceof CrmNotFoundException) {
            return new CrmNotFoundException(Errors.VENDOR, status, code, message, e);
        }
        if (e instanceof CrmConflictException) {
            return new CrmConflictException(Errors.VENDOR, status, code, message, e);
        }
        return new CrmInvalidRequestException(Errors.VENDOR, status, code, message, e);
    }

    /** One update on its way through the pipeline. */
    private static final class Item {
        final TicketUpdate update;
        final long ticketId;
        final String marker;
        final NoteDraft first;
        final List<NoteDraft> extra;
        final Map<TaskId, Snapshot> taskSnapshots = new HashMap<>();
        final Map<TaskDraft, Task> created = new LinkedHashMap<>();
        Snapshot base;
        Version version;
        /** True when {@link #version} is what this run's own write returned (not a read, not a job's guess). */
        boolean chained;

        List<JsonNode> latest;
        boolean landed;
        boolean replayed;
        /** True when this connector sent the key before: a replay is its own write, whose answer it did not get. */
        boolean ownKey;

        boolean uncertain;
        UpdateResult result;

        Item(TicketUpdate update) {
            this.update = update;
            this.ticketId = Ids.parse(update.ticket().value()).orElse(-1);
            this.marker = update.idempotencyKey().orElseGet(() -> "w-" + UUID.randomUUID());
            // internal notes first: the handover note rides with the reassignment, a customer notice only follows it
            List<NoteDraft> ordered = new ArrayList<>();
            update.notes().stream()
                    .filter(n -> n.visibility() == Visibility.INTERNAL)
                    .forEach(ordered::add);
            update.notes().stream()
                    .filter(n -> n.visibility() == Visibility.PUBLIC)
                    .forEach(ordered::add);
            this.first = ordered.isEmpty() ? null : ordered.get(0);
            this.extra = ordered.isEmpty() ? List.of() : List.copyOf(ordered.subList(1, ordered.size()));
        }

        Optional<String> key() {
            return update.idempotencyKey();
        }

        boolean writesTicket() {
            return first != null || update.assignment().isPresent() || changesTags();
        }

        boolean changesTags() {
            return !update.addTags().isEmpty() || !update.removeTags().isEmpty();
        }

        void fail(CrmException e) {
            if (result == null) {
                result = UpdateResult.failed(update.ticket(), e);
            }
        }
    }
}
