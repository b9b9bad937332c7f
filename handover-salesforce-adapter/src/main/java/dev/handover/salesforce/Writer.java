package dev.handover.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import dev.handover.salesforce.http.Errors;
import dev.handover.salesforce.http.Json;
import dev.handover.salesforce.http.Transport;
import dev.handover.salesforce.http.VendorError;
import dev.handover.spi.Assignment;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.helpers.Backoff;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.GroupKind;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.Version;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes handovers: each {@link TicketUpdate} becomes records in one {@code /composite} call with {@code allOrNone}
 * true, and many updates share calls ({@code applyAll}: up to 200 Cases per call, in sObject Collections).
 *
 * <p>One composite call, in order:
 *
 * <ol>
 *   <li>{@code guard} — a query for the Cases whose SystemModstamp and revision are still those the write is based
 *       on, and {@code guardCheck}, a read of {@code @{guard.records[N-1].Id}}: if any Case changed since it was read,
 *       fewer than N rows match, the reference cannot resolve and the whole call rolls back. The version check
 *       happens inside the transaction that writes, not one round trip earlier;
 *   <li>{@code taskGuard} and {@code taskGuardCheck} — the same for the tasks being changed: they must exist and
 *       belong to their Case;
 *   <li>{@code updates} — the Cases (owner, group, tags, idempotency markers, revision) and the task changes, as one
 *       sObject Collection with {@code Sforce-Auto-Assign: FALSE}, so no assignment rule overrides the new owner;
 *   <li>{@code creates} — the notes (CaseComment or FeedItem, long notes split) and the new Tasks;
 *   <li>{@code after} — the Cases' new SystemModstamp and revision, the versions reported back.
 * </ol>
 *
 * <p>Idempotency: every write adds markers to the Case's keys field — the caller's idempotency key and a marker of
 * this very attempt. A key already there is a replay (checked before the version, as the SPI requires). When an
 * answer is lost (reset, timeout, 5xx, unreadable JSON) the Cases are re-read: the attempt's marker says whether the
 * write landed; only when it did not is it sent again. A call that Salesforce answered with an error wrote nothing
 * (allOrNone), so the items that did not cause the error are sent again at once.
 */
final class Writer {
    private static final Logger LOG = LoggerFactory.getLogger(Writer.class);
    static final int RECORDS_PER_COLLECTION = 200;
    /** At most five subrequests of a composite may be queries or collections. */
    static final int SLOTS = 5;
    /** Composite calls one update may take part in before it is given up on. */
    static final int MAX_ATTEMPTS = 4;

    static final int MAX_TASKS_PER_UPDATE = 100;

    /** The directory, loaded or refreshed on demand. */
    interface Directories {
        DirectoryReader.Snapshot current();

        /** A reload, when the cached one may simply not know a new user yet. */
        DirectoryReader.Snapshot refreshed();
    }

    private final Config config;
    private final Transport transport;
    private final Reader reader;
    private final TaskMapper tasks;
    private final Notes notes;
    private final Directories directories;
    private final Cache<String, CaseState> states;
    private final Clock clock;
    private final Backoff backoff;
    /** Set when a composite went through although its guard matched fewer Cases: stop trusting cached reads. */
    private final AtomicBoolean guardUnreliable = new AtomicBoolean();
    /**
     * The most Cases one call writes: the setting, lowered at run time when the org's own automation made a call exceed
     * a governor limit (the packs that then passed are the size this org can take).
     */
    private final java.util.concurrent.atomic.AtomicInteger casesPerCall;

    Writer(
            Config config,
            Transport transport,
            Reader reader,
            TaskMapper tasks,
            Notes notes,
            Directories directories,
            Cache<String, CaseState> states,
            Clock clock,
            Backoff backoff) {
        this.config = config;
        this.transport = transport;
        this.reader = reader;
        this.tasks = tasks;
        this.notes = notes;
        this.directories = directories;
        this.states = states;
        this.clock = clock;
        this.backoff = backoff;
        this.casesPerCall =
                new java.util.concurrent.atomic.AtomicInteger(config.batches().casesPerCall());
    }

    // ------------------------------------------------------------------ one update in flight

    private final class Item {
        final int index;
        final TicketUpdate update;
        final String marker;
        String caseId;
        List<ObjectNode> noteRecords = List.of();
        UpdateResult result;
        CaseState base;
        int attempts;
        boolean recovered; // decided by re-reading after a lost answer: created tasks must be looked up
        CrmException lastError;
        Plan plan;
        /** The most Cases of a call this update may share: halved each time a call it was in failed as a whole. */
        int packLimit = Integer.MAX_VALUE;

        Item(int index, TicketUpdate update) {
            this.index = index;
            this.update = update;
            // from SecureRandom, not the injected generator: two workers (or two tests with one seed) must never share
            // a marker, or one would take the other's write for its own
            java.util.UUID u = java.util.UUID.randomUUID();
            this.marker = "~" + Long.toString(u.getMostSignificantBits() & Long.MAX_VALUE, 36)
                    + Long.toString(u.getLeastSignificantBits() & Long.MAX_VALUE, 36);
        }

        boolean pending() {
            return result == null;
        }

        void fail(CrmException e) {
            result = UpdateResult.failed(update.ticket(), e);
        }

        String what() {
            return "writing the handover to Case " + caseId;
        }
    }

    /** The records one update becomes, on a given base. */
    private record Plan(
            ObjectNode caseRecord,
            List<ObjectNode> taskChanges,
            List<String> changedTaskIds,
            List<ObjectNode> creates,
            int firstTaskCreate,
            CaseState next,
            Soql.Cond guard,
            Optional<Soql.Cond> taskGuard) {

        int updateRecords() {
            return 1 + taskChanges.size();
        }

        /** The bytes the guard adds to a guard query's URL: {@code (cond)} joined by {@code OR}. */
        int guardBytes() {
            return urlBytes("(" + guard + ") OR ");
        }

        int taskGuardBytes() {
            return taskGuard.map(t -> urlBytes("(" + t + ") OR ")).orElse(0);
        }
    }

    private static int urlBytes(String soqlPart) {
        return URLEncoder.encode(soqlPart, StandardCharsets.UTF_8).length(); // encoded text is ASCII: chars = bytes
    }

    // ------------------------------------------------------------------ entry

    List<UpdateResult> apply(List<TicketUpdate> updates) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < updates.size(); i++) {
            items.add(new Item(i, updates.get(i)));
        }
        items.forEach(this::prevalidate);
        while (items.stream().anyMatch(Item::pending)) {
            round(items);
        }
        lookUpCreatedTasks(items);
        return items.stream().map(i -> i.result).toList();
    }

    /** Everything that can be checked without a call. */
    private void prevalidate(Item item) {
        TicketUpdate u = item.update;
        try {
            item.caseId = Ids.caseId(u.ticket());
            List<ObjectNode> records = new ArrayList<>();
            for (NoteDraft note : u.notes()) {
                records.addAll(notes.records(item.caseId, note));
            }
            if (records.size() > Notes.MAX_PARTS_PER_UPDATE) {
                throw Errors.invalid(
                        "NOTE_TOO_LONG",
                        "update of Case " + item.caseId + ": its notes need " + records.size() + " records of at most "
                                + config.noteObject().maxBytes + " bytes; at most " + Notes.MAX_PARTS_PER_UPDATE
                                + " fit one write");
            }
            item.noteRecords = records;
            if (config.caseFields().tagsMultiPicklist()) {
                for (String tag : u.addTags()) {
                    if (tag.contains(";")) {
                        throw Errors.invalid(
                                "INVALID_TAG",
                                "tag '" + tag
                                        + "' contains ';', which separates values of the multi-select tags field");
                    }
                }
            }
            u.assignment().ifPresent(a -> {
                a.agent().ifPresent(agent -> Ids.userId(agent, "assignee"));
                a.group().ifPresent(Ids::groupId);
            });
            if (u.newTasks().size() > MAX_TASKS_PER_UPDATE) {
                throw Errors.invalid(
                        "TOO_MANY_TASKS",
                        "update of Case " + item.caseId + " creates more than " + MAX_TASKS_PER_UPDATE + " tasks");
            }
            for (TaskDraft d : u.newTasks()) {
                Ids.userId(d.owner(), "owner of task " + d.handover() + "/" + d.key());
            }
            for (TaskChange c : u.taskChanges()) {
                if (Ids.normalize(c.task().value(), Ids.TASK).isEmpty()) {
                    throw Errors.notFound("update of Case " + item.caseId + ": task '"
                            + Ids.shown(c.task().value()) + "' does not exist (not a Salesforce Task id)");
                }
                c.owner().ifPresent(o -> Ids.userId(o, "new owner of task " + c.task()));
            }
        } catch (CrmException e) {
            item.fail(e);
        }
    }

    /** Owners must be active users, groups must exist, a Case waits only in a queue. */
    private void validateAgainstDirectory(List<Item> items) {
        boolean needed = items.stream()
                .filter(Item::pending)
                .anyMatch(i -> i.update.assignment().isPresent()
                        || !i.update.newTasks().isEmpty()
                        || !i.update.taskChanges().isEmpty());
        if (!needed) {
            return;
        }
        DirectoryReader.Snapshot snapshot;
        try {
            DirectoryReader.Snapshot cached = directories.current();
            snapshot = items.stream().filter(Item::pending).anyMatch(i -> unknownIn(i, cached))
                    ? directories.refreshed() // a user or queue created since the directory was cached
                    : cached;
        } catch (CrmException e) {
            items.stream().filter(Item::pending).forEach(i -> i.fail(e));
            return;
        }
        for (Item item : items) {
            if (!item.pending()) {
                continue;
            }
            try {
                check(item, snapshot);
            } catch (CrmException e) {
                item.fail(e);
            }
        }
    }

    private boolean unknownIn(Item item, DirectoryReader.Snapshot s) {
        TicketUpdate u = item.update;
        Set<AgentId> agents = new HashSet<>();
        Set<GroupId> groups = new HashSet<>();
        u.assignment().ifPresent(a -> {
            a.agent().ifPresent(agents::add);
            a.group().ifPresent(groups::add);
        });
        u.newTasks().forEach(d -> agents.add(d.owner()));
        u.taskChanges().forEach(c -> c.owner().ifPresent(agents::add));
        return agents.stream()
                        .anyMatch(a -> s.directory().agent(normalizedAgent(a)).isEmpty())
                || groups.stream()
                        .anyMatch(g -> s.directory().group(normalizedGroup(g)).isEmpty());
    }

    private static AgentId normalizedAgent(AgentId a) {
        return AgentId.of(Ids.userId(a, "agent"));
    }

    private static GroupId normalizedGroup(GroupId g) {
        return GroupId.of(Ids.groupId(g));
    }

    private void check(Item item, DirectoryReader.Snapshot s) {
        TicketUpdate u = item.update;
        String where = "update of Case " + item.caseId + ": ";
        if (u.assignment().isPresent()) {
            Assignment a = u.assignment().get();
            Optional<Group> group = a.group()
                    .map(g -> s.directory()
                            .group(normalizedGroup(g))
                            .orElseThrow(() -> Errors.invalid(
                                    "UNKNOWN_GROUP", where + "group or queue " + g + " does not exist")));
            if (a.agent().isPresent()) {
                Agent agent = activeAgent(s, a.agent().get(), where + "assignee");
                if (group.isPresent() && !agent.groups().contains(group.get().id())) {
                    throw Errors.invalid(
                            "ASSIGNEE_NOT_IN_GROUP",
                            where + "assignee " + agent.id() + " is not a member of group "
                                    + group.get().id());
                }
            } else if (group.get().kind() != GroupKind.QUEUE) {
                throw Errors.invalid(
                        "NOT_A_QUEUE",
                        where + "group " + group.get().id() + " is a public group, not a queue: a Salesforce Case can "
                                + "be owned only by a user or a queue");
            }
        }
        for (TaskDraft d : u.newTasks()) {
            activeAgent(s, d.owner(), where + "owner of task " + d.handover() + "/" + d.key());
        }
        for (TaskChange c : u.taskChanges()) {
            if (c.owner().isPresent()) {
                activeAgent(s, c.owner().get(), where + "new owner of task " + c.task());
            }
        }
        if (!u.newTasks().isEmpty() || !u.taskChanges().isEmpty()) {
            s.picklistProblem(config.taskPicklists()).ifPresent(problem -> {
                throw Errors.invalid("TASK_PICKLIST", problem);
            });
        }
    }

    private static Agent activeAgent(DirectoryReader.Snapshot s, AgentId id, String role) {
        Agent agent = s.directory()
                .agent(normalizedAgent(id))
                .orElseThrow(() -> Errors.invalid("UNKNOWN_USER", role + " " + id + " is not a user of this org"));
        if (!agent.active()) {
            throw Errors.invalid("INACTIVE_OWNER_OR_USER", role + " " + id + " is inactive");
        }
        return agent;
    }

    // ------------------------------------------------------------------ rounds

    /** One round: at most one pending update per Case, packed into as few composite calls as fit. */
    private void round(List<Item> items) {
        Set<String> taken = new HashSet<>();
        List<Item> selected = new ArrayList<>();
        for (Item item : items) {
            if (item.pending() && taken.add(item.caseId)) {
                selected.add(item);
            }
        }
        try {
            write(selected);
        } catch (CrmException e) {
            throw e;
        } catch (RuntimeException unreadable) {
            // an answer the adapter cannot read before this round's calls (a Case or directory read; write calls catch
            // their own): its pending updates fail, the updates already decided keep their results
            CrmException failure = Errors.unreadable(
                    selected.size() == 1 ? selected.get(0).what() : "writing " + selected.size() + " handovers",
                    unreadable);
            selected.stream().filter(Item::pending).forEach(i -> i.fail(failure));
        }
    }

    private void write(List<Item> selected) {
        establishBases(selected);
        // replays and conflicts first: a replay stays a replay even if its assignee has been deactivated since
        List<Item> toWrite =
                selected.stream().filter(i -> i.pending() && decide(i, i.base)).toList();
        validateAgainstDirectory(toWrite);
        List<Item> ready = new ArrayList<>();
        for (Item item : toWrite) {
            if (item.pending()) {
                try {
                    item.plan = plan(item);
                    ready.add(item);
                } catch (CrmException e) {
                    item.fail(e);
                }
            }
        }
        for (List<Item> pack : pack(ready)) {
            try {
                send(pack);
            } catch (CrmException e) {
                throw e;
            } catch (RuntimeException unreadable) {
                // an answer about this call the adapter cannot read: its updates may or may not have landed (their
                // keys make a retry safe); the calls after it are still sent
                CrmException failure = Errors.unreadable(
                        pack.size() == 1 ? pack.get(0).what() : "writing " + pack.size() + " handovers", unreadable);
                pack.stream().filter(Item::pending).forEach(i -> {
                    states.invalidate(i.caseId);
                    i.fail(failure);
                });
            }
        }
    }

    /** Bases from the cache where the caller's version matches; one read for the rest. */
    private void establishBases(List<Item> selected) {
        List<Item> toRead = new ArrayList<>();
        for (Item item : selected) {
            if (!item.pending() || item.base != null) {
                continue;
            }
            CaseState cached = guardUnreliable.get() ? null : states.getIfPresent(item.caseId);
            if (cached != null
                    && item.update
                            .expectedVersion()
                            .map(v -> v.equals(cached.version()))
                            .orElse(true)) {
                item.base = cached;
            } else {
                toRead.add(item);
            }
        }
        if (toRead.isEmpty()) {
            return;
        }
        Map<String, CaseState> fresh;
        try {
            fresh = reader.freshStates(toRead.stream().map(i -> i.caseId).toList(), "reading Cases before writing");
        } catch (CrmException e) {
            toRead.forEach(i -> i.fail(e));
            return;
        }
        for (Item item : toRead) {
            CaseState s = fresh.get(item.caseId);
            if (s == null) {
                item.fail(Errors.notFound("Case " + item.caseId + " does not exist"));
            } else {
                item.base = s;
            }
        }
    }

    /**
     * Replay and version checks on a base, in the SPI's order: the idempotency key first, so that the retry of a
     * write that landed is a replay and not a conflict.
     *
     * @return true when the update is still to be written
     */
    private boolean decide(Item item, CaseState base) {
        if (!item.pending()) {
            return false;
        }
        TicketUpdate u = item.update;
        if (base.markers().contains(item.marker)) {
            item.result = UpdateResult.applied(u.ticket(), base.version(), List.of());
            item.recovered = true;
            return false;
        }
        if (u.idempotencyKey().isPresent()
                && base.markers().contains(u.idempotencyKey().get())) {
            item.result = UpdateResult.replayed(u.ticket(), base.version(), List.of());
            item.recovered = true;
            return false;
        }
        if (u.expectedVersion().isPresent() && !u.expectedVersion().get().equals(base.version())) {
            // detected by the adapter, not answered by Salesforce: no HTTP status, the adapter's own code
            item.fail(new CrmConflictException(
                    Errors.VENDOR,
                    0,
                    "STALE_VERSION",
                    "Case " + item.caseId + " changed since it was read: expected version "
                            + u.expectedVersion().get() + ", current " + base.version(),
                    null));
            return false;
        }
        return true;
    }

    private Plan plan(Item item) {
        TicketUpdate u = item.update;
        CaseState base = item.base;
        Config.CaseFields f = config.caseFields();
        ObjectNode c = Json.MAPPER.createObjectNode();
        c.putObject("attributes").put("type", "Case");
        c.put("id", item.caseId);
        String owner = base.ownerId();
        Optional<String> group = base.groupField();
        if (u.assignment().isPresent()) {
            Assignment a = u.assignment().get();
            Optional<String> newGroup = a.group().map(Ids::groupId);
            if (a.agent().isPresent()) {
                String agent = Ids.userId(a.agent().get(), "assignee");
                if (newGroup.isEmpty()
                        && base.ownerId().startsWith(Ids.GROUP)
                        && base.groupField().isEmpty()) {
                    newGroup = Optional.of(base.ownerId()); // taken from its queue: the group stays that queue
                }
                owner = agent;
            } else {
                owner = newGroup.orElseThrow();
            }
            c.put("OwnerId", owner);
            if (newGroup.isPresent() && f.group().isPresent()) {
                group = newGroup;
                c.put(f.group().get(), newGroup.get());
            }
        }
        List<String> tags = CaseState.withTags(base.tagValues(), u.addTags(), u.removeTags());
        if (!tags.equals(base.tagValues())) {
            c.put(f.tags(), Json.protect(CaseState.formatTags(tags, f.tagsMultiPicklist())));
        }
        List<String> added = new ArrayList<>();
        u.idempotencyKey().ifPresent(added::add);
        added.add(item.marker);
        List<String> markers = CaseState.withMarkers(base.markers(), added, config.keysKept());
        c.put(f.keys(), CaseState.formatMarkers(markers));
        long revision = base.revision() + 1;
        f.revision().ifPresent(r -> c.put(r, revision));

        DirectoryReader.Snapshot dir =
                u.newTasks().isEmpty() && u.taskChanges().isEmpty() ? null : directories.current();
        List<ObjectNode> changes = new ArrayList<>();
        List<String> changedIds = new ArrayList<>();
        for (TaskChange tc : u.taskChanges()) {
            String taskId = Ids.normalize(tc.task().value(), Ids.TASK).orElseThrow();
            changedIds.add(taskId);
            String zoneOwner = tc.owner().map(o -> Ids.userId(o, "task owner")).orElse(owner);
            changes.add(tasks.change(tc, taskId, dir.zoneOf(zoneOwner)));
        }
        List<ObjectNode> creates = new ArrayList<>(item.noteRecords);
        int firstTask = creates.size();
        for (TaskDraft d : u.newTasks()) {
            String taskOwner = Ids.userId(d.owner(), "task owner");
            creates.add(tasks.create(d, item.caseId, base.contactId(), dir.zoneOf(taskOwner)));
        }
        CaseState next = new CaseState(
                item.caseId,
                base.modstamp(),
                revision,
                owner,
                group,
                tags,
                markers,
                base.contactId(),
                base.withRevision());
        List<Soql.Cond> guard = new ArrayList<>();
        guard.add(Soql.eqId("Id", item.caseId));
        guard.add(Soql.eq("SystemModstamp", base.modstamp()));
        f.revision()
                .ifPresent(r -> guard.add(
                        base.revision() == 0 ? Soql.or(Soql.isNull(r), Soql.eq(r, 0L)) : Soql.eq(r, base.revision())));
        Optional<Soql.Cond> taskGuard = changedIds.isEmpty()
                ? Optional.empty()
                : Optional.of(Soql.and(Soql.eqId("WhatId", item.caseId), Soql.inIds("Id", changedIds)));
        return new Plan(c, changes, changedIds, creates, firstTask, next, Soql.and(guard), taskGuard);
    }

    // ------------------------------------------------------------------ packing

    /**
     * Greedy: add updates to a call while its queries and collections fit the five allowed, its Cases the most one call
     * may hold (the setting, lowered where the org's automation exceeded a limit), and its guard queries the URL limit.
     */
    private List<List<Item>> pack(List<Item> ready) {
        List<List<Item>> packs = new ArrayList<>();
        List<Item> current = new ArrayList<>();
        Counts counts = new Counts(
                guardBase("Case"), guardBase("Task"), config.batches().maxUrlBytes());
        int cap = Integer.MAX_VALUE;
        for (Item item : ready) {
            int itemCap = Math.min(item.packLimit, casesPerCall.get());
            Counts with = counts.plus(item.plan);
            if (!current.isEmpty()
                    && (with.slots() > SLOTS
                            || current.size() >= Math.min(RECORDS_PER_COLLECTION, Math.min(cap, itemCap)))) {
                packs.add(current);
                current = new ArrayList<>();
                counts = new Counts(
                        guardBase("Case"), guardBase("Task"), config.batches().maxUrlBytes());
                cap = Integer.MAX_VALUE;
                with = counts.plus(item.plan);
            }
            if (with.slots() > SLOTS || with.oversized()) {
                item.fail(Errors.invalid(
                        "UPDATE_TOO_LARGE",
                        "update of Case " + item.caseId
                                + " needs more records than one Salesforce composite call holds"));
                continue;
            }
            current.add(item);
            counts = with;
            cap = Math.min(cap, itemCap);
        }
        if (!current.isEmpty()) {
            packs.add(current);
        }
        return packs;
    }

    /**
     * What a call holds so far: records per collection kind, and the guard queries — split so that no query URL is
     * longer than the limit (each is one of the five query slots).
     */
    private record Counts(
            int updates,
            int creates,
            int taskChanges,
            int guards,
            int guardUsed,
            int taskGuards,
            int taskGuardUsed,
            int caseBase,
            int taskBase,
            int maxUrl,
            boolean oversized) {

        Counts(int caseBase, int taskBase, int maxUrl) {
            this(0, 0, 0, 0, 0, 0, 0, caseBase, taskBase, maxUrl, false);
        }

        Counts plus(Plan p) {
            int g = guards;
            int gu = guardUsed;
            if (g == 0 || caseBase + gu + p.guardBytes() > maxUrl) {
                g++;
                gu = 0;
            }
            gu += p.guardBytes();
            int tg = taskGuards;
            int tgu = taskGuardUsed;
            if (p.taskGuardBytes() > 0) {
                if (tg == 0 || taskBase + tgu + p.taskGuardBytes() > maxUrl) {
                    tg++;
                    tgu = 0;
                }
                tgu += p.taskGuardBytes();
            }
            boolean tooLong = oversized || caseBase + p.guardBytes() > maxUrl || taskBase + p.taskGuardBytes() > maxUrl;
            return new Counts(
                    updates + p.updateRecords(),
                    creates + p.creates().size(),
                    taskChanges + p.changedTaskIds().size(),
                    g,
                    gu,
                    tg,
                    tgu,
                    caseBase,
                    taskBase,
                    maxUrl,
                    tooLong);
        }

        int slots() {
            return guards + taskGuards + ceil(updates) + ceil(creates);
        }
    }

    /** The URL bytes of a guard query without its conditions. */
    private int guardBase(String object) {
        return (config.dataPath() + "/query?q=").length()
                + urlBytes(Soql.select("Id").from(object).build() + " WHERE ");
    }

    /** Guard conditions in chunks whose query URLs stay under the limit, in order. */
    private List<List<Soql.Cond>> chunks(String object, List<Soql.Cond> conds) {
        int base = guardBase(object);
        int max = config.batches().maxUrlBytes();
        List<List<Soql.Cond>> out = new ArrayList<>();
        List<Soql.Cond> current = new ArrayList<>();
        int used = 0;
        for (Soql.Cond c : conds) {
            int bytes = urlBytes("(" + c + ") OR ");
            if (!current.isEmpty() && base + used + bytes > max) {
                out.add(current);
                current = new ArrayList<>();
                used = 0;
            }
            current.add(c);
            used += bytes;
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    // the closing {@code after} query is added only when a slot is left over: one call fewer is worth more than knowing
    // the new versions (results then carry none, and the next write of those Cases reads them first)

    private static int ceil(int records) {
        return (records + RECORDS_PER_COLLECTION - 1) / RECORDS_PER_COLLECTION;
    }

    // ------------------------------------------------------------------ one composite call

    /** Where each record of a collection came from. */
    private record Collection(String referenceId, List<Item> owners, List<Integer> positions) {}

    private void send(List<Item> pack) {
        for (Item item : pack) {
            item.attempts++;
        }
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.put("allOrNone", true);
        // keep the order: the guard must run before the writes
        request.put("collateSubrequests", false);
        ArrayNode subs = request.putArray("compositeRequest");
        String data = config.dataPath();

        // one guard query per chunk, each with its check: every chunk must match all of its Cases
        List<List<Soql.Cond>> caseChunks =
                chunks("Case", pack.stream().map(i -> i.plan.guard()).toList());
        int queries = 0;
        for (int k = 0; k < caseChunks.size(); k++) {
            String ref = k == 0 ? "guard" : "guard" + (k + 1);
            List<Soql.Cond> chunk = caseChunks.get(k);
            query(
                    subs,
                    ref,
                    Soql.select("Id").from("Case").where(Soql.or(chunk)).build());
            get(
                    subs,
                    k == 0 ? "guardCheck" : "guardCheck" + (k + 1),
                    data + "/sobjects/Case/@{" + ref + ".records[" + (chunk.size() - 1) + "].Id}?fields=Id");
            queries++;
        }
        int taskCount =
                pack.stream().mapToInt(i -> i.plan.changedTaskIds().size()).sum();
        List<Integer> taskChunkSizes = new ArrayList<>();
        if (taskCount > 0) {
            // a chunk's check looks at its last row: the count of tasks it guards, not of conditions
            List<Item> withTasks =
                    pack.stream().filter(i -> i.plan.taskGuard().isPresent()).toList();
            List<List<Soql.Cond>> taskChunks = chunks(
                    "Task",
                    withTasks.stream().map(i -> i.plan.taskGuard().get()).toList());
            int next = 0;
            for (int k = 0; k < taskChunks.size(); k++) {
                String ref = k == 0 ? "taskGuard" : "taskGuard" + (k + 1);
                List<Soql.Cond> chunk = taskChunks.get(k);
                int tasksInChunk = 0;
                for (int j = 0; j < chunk.size(); j++) {
                    tasksInChunk += withTasks.get(next++).plan.changedTaskIds().size();
                }
                taskChunkSizes.add(tasksInChunk);
                query(
                        subs,
                        ref,
                        Soql.select("Id").from("Task").where(Soql.or(chunk)).build());
                get(
                        subs,
                        k == 0 ? "taskGuardCheck" : "taskGuardCheck" + (k + 1),
                        data + "/sobjects/Task/@{" + ref + ".records[" + (tasksInChunk - 1) + "].Id}?fields=Id");
                queries++;
            }
        }
        List<Collection> updates = collections(subs, "PATCH", "updates", pack, true);
        List<Collection> creates = collections(subs, "POST", "creates", pack, false);
        if (queries + updates.size() + creates.size() < SLOTS) {
            query(
                    subs,
                    "after",
                    Soql.select(afterFields())
                            .from("Case")
                            .where(Soql.inIds(
                                    "Id", pack.stream().map(i -> i.caseId).toList()))
                            .build());
        }

        String what = pack.size() == 1 ? pack.get(0).what() : "writing " + pack.size() + " handovers";
        ArrayNode results;
        try {
            results = transport.composite(request, true, what);
        } catch (Transport.WriteOutcomeUnknown unknown) {
            LOG.info("{}: the answer was lost ({}); re-reading to see whether it landed", what, unknown.getMessage());
            recover(pack, unknown.failure());
            return;
        } catch (CrmException refused) {
            // refused before anything ran: rate limited, unauthorized, malformed, or never sent
            pack.forEach(i -> i.fail(refused));
            return;
        }
        Map<String, JsonNode> byRef = new HashMap<>();
        for (JsonNode r : results) {
            byRef.put(r.path("referenceId").asText(), r);
        }
        if (succeeded(results, updates, creates)) {
            applied(pack, byRef, creates, caseChunks, taskChunkSizes);
        } else {
            rejected(pack, byRef, updates, creates);
        }
    }

    private List<String> afterFields() {
        List<String> fields = new ArrayList<>(List.of("Id", "SystemModstamp"));
        config.caseFields().revision().ifPresent(fields::add);
        return fields;
    }

    private void query(ArrayNode subs, String ref, String soql) {
        get(subs, ref, config.dataPath() + "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8));
    }

    private static void get(ArrayNode subs, String ref, String url) {
        ObjectNode sub = subs.addObject();
        sub.put("method", "GET");
        sub.put("url", url);
        sub.put("referenceId", ref);
    }

    /** The Case and task-change updates, or the creates, as sObject Collections of at most 200 records. */
    private List<Collection> collections(ArrayNode subs, String method, String ref, List<Item> pack, boolean updates) {
        List<ObjectNode> records = new ArrayList<>();
        List<Item> owners = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        if (updates) {
            // all Cases first, then all Tasks: one chunk per object type
            for (Item item : pack) {
                records.add(item.plan.caseRecord());
                owners.add(item);
                positions.add(-1);
            }
            for (Item item : pack) {
                for (int i = 0; i < item.plan.taskChanges().size(); i++) {
                    records.add(item.plan.taskChanges().get(i));
                    owners.add(item);
                    positions.add(-1);
                }
            }
        } else {
            for (Item item : pack) { // notes first
                for (int i = 0; i < item.plan.firstTaskCreate(); i++) {
                    records.add(item.plan.creates().get(i));
                    owners.add(item);
                    positions.add(-1);
                }
            }
            for (Item item : pack) { // then the new Tasks
                for (int i = item.plan.firstTaskCreate();
                        i < item.plan.creates().size();
                        i++) {
                    records.add(item.plan.creates().get(i));
                    owners.add(item);
                    positions.add(i - item.plan.firstTaskCreate());
                }
            }
        }
        List<Collection> out = new ArrayList<>();
        for (int from = 0, n = 0; from < records.size(); from += RECORDS_PER_COLLECTION, n++) {
            int to = Math.min(records.size(), from + RECORDS_PER_COLLECTION);
            String referenceId = n == 0 ? ref : ref + (n + 1);
            ObjectNode sub = subs.addObject();
            sub.put("method", method);
            sub.put("url", config.dataPath() + "/composite/sobjects");
            sub.put("referenceId", referenceId);
            sub.putObject("httpHeaders").put("Sforce-Auto-Assign", "FALSE");
            ObjectNode body = sub.putObject("body");
            body.put("allOrNone", true);
            ArrayNode list = body.putArray("records");
            records.subList(from, to).forEach(list::add);
            out.add(new Collection(referenceId, owners.subList(from, to), positions.subList(from, to)));
        }
        return out;
    }

    private static boolean succeeded(ArrayNode results, List<Collection> updates, List<Collection> creates) {
        for (JsonNode r : results) {
            int status = r.path("httpStatusCode").asInt(0);
            if (status < 200 || status > 299) {
                return false;
            }
        }
        for (Collection c : concat(updates, creates)) {
            for (JsonNode r : results) {
                if (r.path("referenceId").asText().equals(c.referenceId())) {
                    JsonNode body = r.path("body");
                    if (!body.isArray() || body.size() != c.owners().size()) {
                        return false;
                    }
                    for (JsonNode saved : body) {
                        if (!saved.path("success").asBoolean(false)) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }

    private static JsonNode ref(Map<String, JsonNode> byRef, String referenceId) {
        JsonNode r = byRef.get(referenceId);
        return r == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : r;
    }

    private static List<Collection> concat(List<Collection> a, List<Collection> b) {
        List<Collection> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private void applied(
            List<Item> pack,
            Map<String, JsonNode> byRef,
            List<Collection> creates,
            List<List<Soql.Cond>> caseChunks,
            List<Integer> taskChunkSizes) {
        boolean guardHeld = true;
        for (int k = 0; k < caseChunks.size(); k++) {
            JsonNode g = ref(byRef, k == 0 ? "guard" : "guard" + (k + 1)).path("body");
            guardHeld &= g.path("totalSize").asInt(-1) == caseChunks.get(k).size();
        }
        for (int k = 0; k < taskChunkSizes.size(); k++) {
            JsonNode g =
                    ref(byRef, k == 0 ? "taskGuard" : "taskGuard" + (k + 1)).path("body");
            guardHeld &= g.path("totalSize").asInt(-1) == taskChunkSizes.get(k);
        }
        if (!guardHeld && guardUnreliable.compareAndSet(false, true)) {
            // Salesforce let the write through although the guard matched fewer records: references to missing
            // rows do not fail here. Stop trusting cached reads; every write now reads its Cases first.
            LOG.error("the in-write version guard did not stop a write although the guard matched fewer records than"
                    + " expected; from now on every write re-reads its Cases first (see docs/salesforce.md)");
        }
        Map<String, JsonNode> after = new HashMap<>();
        for (JsonNode r : ref(byRef, "after").path("body").path("records")) {
            after.put(Json.text(r, "Id"), r);
        }
        // the write committed (every subrequest succeeded, allOrNone): an unreadable after-record only leaves the
        // new version unknown
        Map<Item, Optional<CaseState>> written = new HashMap<>();
        for (Item item : pack) {
            written.put(item, writtenState(item, after.get(item.caseId)));
        }
        Map<Item, List<Task>> created = new HashMap<>();
        Instant now = clock.instant();
        for (Collection c : creates) {
            JsonNode saved = ref(byRef, c.referenceId()).path("body");
            for (int i = 0; i < c.owners().size(); i++) {
                int position = c.positions().get(i);
                if (position < 0) {
                    continue;
                }
                Item item = c.owners().get(i);
                TaskDraft draft = item.update.newTasks().get(position);
                Instant at = written.get(item).map(CaseState::modstamp).orElse(now);
                List<Task> made = created.computeIfAbsent(item, k -> new ArrayList<>());
                try {
                    made.add(tasks.created(
                            Json.text(saved.get(i), "id"), item.update.ticket(), draft, at, Version.of(at.toString())));
                } catch (RuntimeException e) {
                    // committed all the same: only this task stays unreported
                    LOG.warn(
                            "wrote the handover to Case {} but could not read the id of a task it created ({})",
                            item.caseId,
                            e.getClass().getSimpleName());
                }
            }
        }
        for (Item item : pack) {
            Version version = null;
            Optional<CaseState> next = written.get(item);
            if (next.isPresent()) {
                states.put(item.caseId, next.get());
                version = next.get().version();
            } else {
                states.invalidate(item.caseId); // the next write of this Case reads it first
            }
            List<Task> made = created.getOrDefault(item, List.of());
            item.result = UpdateResult.applied(item.update.ticket(), version, made);
            LOG.debug(
                    "wrote handover to Case {} ({} notes, {} tasks)",
                    item.caseId,
                    item.update.notes().size(),
                    made.size());
        }
        // later updates of the same Case in this batch build on what was just written
        for (Item item : pack) {
            item.base = null;
        }
    }

    /** The Case as the write left it, from its {@code after} record; empty when absent or unreadable. */
    private Optional<CaseState> writtenState(Item item, JsonNode a) {
        if (a == null) {
            return Optional.empty();
        }
        try {
            Optional<Instant> modstamp = Json.instant(a, "SystemModstamp");
            if (modstamp.isEmpty()) {
                return Optional.empty();
            }
            long revision = 0L;
            Optional<String> field = config.caseFields().revision();
            if (field.isPresent()) {
                JsonNode v = Json.path(a, field.get());
                if (!v.isNull() && !v.isMissingNode()) {
                    revision = Json.longValue(a, field.get())
                            .orElseThrow(() -> new IllegalStateException(
                                    "Salesforce sent an unreadable number in field " + field.get()));
                }
            }
            CaseState plan = item.plan.next();
            return Optional.of(new CaseState(
                    item.caseId,
                    modstamp.get(),
                    revision,
                    plan.ownerId(),
                    plan.groupField(),
                    plan.tagValues(),
                    plan.markers(),
                    plan.contactId(),
                    plan.withRevision()));
        } catch (RuntimeException e) {
            // the exception's class only: its message could carry record data
            LOG.warn(
                    "wrote the handover to Case {} but could not read its new version ({}); reported without one",
                    item.caseId,
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /**
     * Salesforce refused the call: with allOrNone nothing was written. Items whose records carry their own error fail
     * with it; Cases that changed since they were read are re-read and decided again; the rest go again.
     */
    private void rejected(
            List<Item> pack, Map<String, JsonNode> byRef, List<Collection> updates, List<Collection> creates) {
        Map<Item, VendorError> culprits = new LinkedHashMap<>();
        for (Collection c : concat(updates, creates)) {
            JsonNode body = ref(byRef, c.referenceId()).path("body");
            if (!body.isArray() || body.size() != c.owners().size()) {
                continue;
            }
            for (int i = 0; i < body.size(); i++) {
                JsonNode saved = body.get(i);
                if (!saved.path("success").asBoolean(true)) {
                    VendorError e = Errors.primary(VendorError.parse(saved.path("errors")));
                    if (!Errors.ROLLED_BACK.contains(e.code())) {
                        culprits.putIfAbsent(c.owners().get(i), e);
                    }
                }
            }
        }
        if (!culprits.isEmpty()
                && culprits.values().stream().allMatch(Writer::isLimit)
                && (pack.size() > 1 || culprits.values().stream().noneMatch(Writer::isLock))) {
            // every record that failed failed alike, on a limit of the whole transaction: the org's automation shares
            // it
            VendorError e = culprits.values().iterator().next();
            if (pack.size() > 1) {
                split(pack, Errors.map(400, List.of(e), pack.get(0).what(), null), true);
                if (isLock(e)) {
                    pause(pack.get(0));
                }
            } else {
                pack.get(0).fail(aloneOverLimit(pack.get(0), e));
            }
            return;
        }
        if (!culprits.isEmpty()) {
            boolean transientOnly = true;
            for (Map.Entry<Item, VendorError> e : culprits.entrySet()) {
                Item item = e.getKey();
                CrmException mapped = Errors.map(400, List.of(e.getValue()), item.what(), null);
                if (mapped.isRetryable() && item.attempts < MAX_ATTEMPTS) {
                    item.lastError = mapped; // a locked row: try again after a pause
                } else {
                    item.fail(mapped);
                    transientOnly = false;
                }
            }
            if (transientOnly) {
                pause(pack.get(0));
            }
            return;
        }
        // no record to blame: a guard failed (a Case or task changed), or the call failed as a whole
        Map<String, CaseState> fresh;
        Map<String, String> taskParents = Map.of();
        try {
            fresh = reader.freshStates(
                    pack.stream().map(i -> i.caseId).toList(), "re-reading Cases after a refused write");
            Set<String> taskIds = new LinkedHashSet<>();
            pack.forEach(i -> taskIds.addAll(i.plan.changedTaskIds()));
            if (!taskIds.isEmpty()) {
                taskParents = reader.taskParents(taskIds, "re-reading tasks after a refused write");
            }
        } catch (CrmException e) {
            pack.forEach(i -> i.fail(e));
            return;
        }
        boolean explained = false;
        for (Item item : pack) {
            CaseState now = fresh.get(item.caseId);
            if (now == null) {
                item.fail(Errors.notFound("Case " + item.caseId + " does not exist"));
                explained = true;
                continue;
            }
            Optional<CrmException> taskProblem = taskProblem(item, taskParents);
            if (taskProblem.isPresent()) {
                item.fail(taskProblem.get());
                explained = true;
                continue;
            }
            if (!now.version().equals(item.base.version())) {
                explained = true;
                rebase(item, now);
            }
        }
        if (explained) {
            return;
        }
        VendorError primary = null;
        int status = 0;
        for (JsonNode r : byRef.values()) {
            int s = r.path("httpStatusCode").asInt(0);
            if (s < 200 || s > 299) {
                VendorError e = Errors.primary(VendorError.parse(r.path("body")));
                if (primary == null || Errors.ROLLED_BACK.contains(primary.code())) {
                    primary = e;
                    status = s;
                }
            }
        }
        CrmException error = Errors.map(
                status,
                primary == null ? List.of() : List.of(primary),
                pack.get(0).what(),
                null);
        boolean again = error.isRetryable();
        if (!again && pack.size() > 1 && (primary == null || !CONFIGURATION.contains(primary.code()))) {
            // refused as a whole and no record named (a collection may answer one error array instead of a result per
            // record): halve the call until the records that cause it are alone, and the others land
            split(pack, error, primary != null && isLimit(primary));
            return;
        }
        if (!again && primary != null && isLimit(primary)) {
            pack.get(0).fail(aloneOverLimit(pack.get(0), primary));
            return;
        }
        for (Item item : pack) {
            if (again && item.attempts < MAX_ATTEMPTS) {
                item.lastError = error;
            } else {
                item.fail(error);
            }
        }
        if (again) {
            pause(pack.get(0));
        }
    }

    /**
     * Refusals of the call's shape or of the integration's setup, not of a record: every half would fail the same way,
     * so they are never bisected.
     */
    private static final Set<String> CONFIGURATION = Set.of(
            "INVALID_FIELD",
            "INVALID_TYPE",
            "MALFORMED_QUERY",
            "INVALID_FIELD_FOR_INSERT_UPDATE",
            "API_DISABLED_FOR_ORG",
            "API_CURRENTLY_DISABLED",
            "INSUFFICIENT_ACCESS",
            "INVALID_SESSION_ID",
            "JSON_PARSER_ERROR");

    /**
     * A failure of the whole transaction rather than of a record: a governor limit the org's own triggers and flows
     * exhausted ("Too many DML rows", "Apex CPU time limit exceeded", "Too many SOQL queries", reported as {@code
     * CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY} or {@code LIMIT_EXCEEDED}), or locked rows. Smaller calls pass.
     */
    static boolean isLimit(VendorError e) {
        if (isLock(e)) {
            return true;
        }
        String code = e.code();
        String m = e.message() == null ? "" : e.message().toLowerCase(java.util.Locale.ROOT);
        return (code.equals("CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY") || code.equals("LIMIT_EXCEEDED"))
                && (m.contains("limitexception")
                        || m.contains("limit exceeded")
                        || m.contains("too many")
                        || m.contains("cpu time"));
    }

    private static boolean isLock(VendorError e) {
        return e.code().equals("UNABLE_TO_LOCK_ROW");
    }

    /**
     * Halves the calls these updates share (down to one Case), with the same markers and idempotency keys: what
     * Salesforce refused as a whole was rolled back, so the next round writes each once. A limit failure also lowers
     * the Cases per call of every later write of this connector.
     */
    private void split(List<Item> pack, CrmException why, boolean limit) {
        int half = (pack.size() + 1) / 2;
        if (limit) {
            int was = casesPerCall.getAndAccumulate(half, Math::min);
            if (half < was) {
                LOG.warn(
                        "a write of {} Cases exceeded a limit of the org's transaction ({}); writing at most {} Cases"
                                + " per call from now on",
                        pack.size(),
                        why.vendorCode().orElse("?"),
                        half);
            }
        } else {
            LOG.info(
                    "a write of {} Cases was refused without naming a record ({}); trying halves",
                    pack.size(),
                    why.vendorCode().orElse("?"));
        }
        for (Item item : pack) {
            item.packLimit = Math.min(item.packLimit, half);
            item.attempts--; // a smaller call is not another attempt at the same one
            item.lastError = why;
        }
    }

    private static CrmException aloneOverLimit(Item item, VendorError e) {
        String m = e.message() == null ? "" : e.message().toLowerCase(java.util.Locale.ROOT);
        String which = m.contains("dml rows")
                ? "too many DML rows"
                : m.contains("cpu time")
                        ? "Apex CPU time"
                        : m.contains("soql") ? "too many SOQL queries" : "a governor limit";
        return new dev.handover.spi.error.CrmInvalidRequestException(
                Errors.VENDOR,
                400,
                e.code(),
                "Case " + item.caseId + ": the org's own automation (triggers, flows) exceeds " + which
                        + " when this Case alone is written; nothing was written, and retrying will not help until"
                        + " the automation is changed",
                null);
    }

    private static Optional<CrmException> taskProblem(Item item, Map<String, String> parents) {
        for (String taskId : item.plan.changedTaskIds()) {
            String parent = parents.get(taskId);
            if (parent == null) {
                return Optional.of(
                        Errors.notFound("update of Case " + item.caseId + ": task " + taskId + " does not exist"));
            }
            if (!parent.equals(item.caseId)) {
                return Optional.of(Errors.invalid(
                        "TASK_OF_OTHER_CASE",
                        "update of Case " + item.caseId + ": task " + taskId + " belongs to Case " + parent));
            }
        }
        return Optional.empty();
    }

    /** The Case changed under the write: decide again on what it is now. */
    private void rebase(Item item, CaseState now) {
        item.base = now;
        if (decide(item, now) && item.attempts >= MAX_ATTEMPTS) {
            item.fail(Errors.unavailable(
                    item.what(), "the Case kept changing during " + item.attempts + " attempts", null));
        }
    }

    /** The answer was lost: the attempt marker on the re-read Case says whether the write landed. */
    private void recover(List<Item> pack, CrmException lost) {
        Map<String, CaseState> fresh;
        try {
            fresh = reader.freshStates(
                    pack.stream().map(i -> i.caseId).toList(), "re-reading Cases after a lost answer");
        } catch (CrmException e) {
            for (Item item : pack) {
                item.fail(Errors.unavailable(
                        item.what(),
                        "the answer was lost and the Case could not be re-read; whether the write landed is unknown "
                                + "(retry with the same idempotency key)",
                        lost));
            }
            return;
        }
        boolean pause = false;
        for (Item item : pack) {
            CaseState now = fresh.get(item.caseId);
            if (now == null) {
                item.fail(Errors.notFound("Case " + item.caseId + " does not exist"));
            } else if (now.markers().contains(item.marker)) {
                item.result = UpdateResult.applied(item.update.ticket(), now.version(), List.of());
                item.recovered = true;
            } else if (now.version().equals(item.base.version())) {
                if (item.attempts >= MAX_ATTEMPTS) {
                    item.fail(lost);
                } else {
                    item.lastError = lost; // provably not written: the same write again
                    pause = true;
                }
            } else {
                rebase(item, now);
            }
        }
        if (pause) {
            pause(pack.get(0));
        }
    }

    private void pause(Item item) {
        try {
            backoff.sleep(backoff.delay(item.attempts));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Errors.unavailable(item.what(), "interrupted while waiting to retry", e);
        }
    }

    // ------------------------------------------------------------------ replays

    /** Replayed and recovered writes report the tasks their first application created: one read for all of them. */
    private void lookUpCreatedTasks(List<Item> items) {
        List<Item> wanted = items.stream()
                .filter(i -> i.recovered
                        && i.result.isSuccess()
                        && !i.update.newTasks().isEmpty())
                .toList();
        if (wanted.isEmpty()) {
            return;
        }
        Set<String> handovers = new LinkedHashSet<>();
        wanted.forEach(
                i -> i.update.newTasks().forEach(d -> handovers.add(d.handover().value())));
        List<Task> found;
        try {
            found = reader.tasksOf(
                    wanted.stream().map(i -> i.caseId).toList(), handovers, "reading the tasks of replayed writes");
        } catch (CrmException e) {
            LOG.info("could not read the tasks of {} replayed writes: {}", wanted.size(), e.getMessage());
            return;
        } catch (RuntimeException unreadable) {
            // the writes stand: only the tasks they created stay unknown (class only: the message may hold data)
            LOG.warn(
                    "could not read the tasks of {} replayed writes: Salesforce answered in a form the adapter cannot"
                            + " read ({})",
                    wanted.size(),
                    unreadable.getClass().getSimpleName());
            return;
        }
        for (Item item : wanted) {
            Set<String> keys = new HashSet<>();
            item.update.newTasks().forEach(d -> keys.add(d.handover().value() + "/" + d.key()));
            List<Task> mine = found.stream()
                    .filter(t -> t.ticket().value().equals(item.caseId))
                    .filter(t -> keys.contains(t.handover().value() + "/" + t.key()))
                    .toList();
            UpdateResult r = item.result;
            item.result = r.status() == UpdateResult.Status.REPLAYED
                    ? UpdateResult.replayed(r.ticket(), r.version().orElse(null), mine)
                    : UpdateResult.applied(r.ticket(), r.version().orElse(null), mine);
        }
    }
}
