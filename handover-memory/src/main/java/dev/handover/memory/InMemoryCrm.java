package dev.handover.memory;

import dev.handover.spi.Assignment;
import dev.handover.spi.CrmCapabilities;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.Page;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.helpers.Sleeper;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.NoteFormat;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskId;
import dev.handover.spi.model.TaskStatus;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.Version;
import dev.handover.spi.model.Visibility;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A complete, thread-safe {@link CrmConnector} held in memory: the reference implementation of the SPI, the CRM of the
 * demo, and the test double of the engine's tests and benchmarks.
 *
 * <ul>
 *   <li>Every write advances the ticket's version; a stale expected version is refused with {@link
 *       CrmConflictException} and writes nothing.
 *   <li>An update is all-or-nothing: everything is validated before anything changes.
 *   <li>An idempotency key seen before returns the first result, flagged replayed, and writes nothing.
 *   <li>{@link #applyAll} gives per-item results; one bad item never loses the others.
 *   <li>Creating a task whose handover and key already exist on the ticket is refused, so a double creation by the
 *       engine shows up in tests instead of hiding.
 * </ul>
 *
 * <p>Besides the SPI it offers seeding ({@link #putTicket}, {@link #putAgent}, …), people's actions in the CRM that
 * are not API calls ({@link #addComment(TicketId, String, String, Visibility)}, {@link #completeTask}, {@link
 * #editTicket}), uncounted inspection ({@link #ticketsSnapshot()}, …), call accounting ({@link #calls()}) and fault
 * injection ({@link #faults()}), all driven by the injected {@link Clock}.
 */
public final class InMemoryCrm implements CrmConnector {
    /** The vendor name this connector reports. */
    public static final String VENDOR = "memory";

    /** The author id of comments written through the API. */
    public static final String API_USER = "api";

    private static final Comparator<Ticket> BY_UPDATE =
            Comparator.comparing(Ticket::updatedAt).thenComparing(Ticket::id);

    private final Clock clock;
    private final Sleeper sleeper;
    private final CrmCapabilities capabilities;
    private final Faults faults;
    private final CallStats calls = new CallStats();

    private final Object lock = new Object();
    // everything below is guarded by lock
    private final Map<TicketId, Ticket> tickets = new HashMap<>();
    private final NavigableMap<Ticket, TicketId> ticketsByUpdate = new TreeMap<>(BY_UPDATE);
    private final Map<TicketId, List<StoredComment>> comments = new HashMap<>();
    private final Map<TaskId, Task> tasks = new HashMap<>();
    private final NavigableMap<Task, TaskId> tasksByDue = new TreeMap<>(TaskOrder.BY_DUE);
    private final NavigableMap<Task, TaskId> openTasksByDue = new TreeMap<>(TaskOrder.BY_DUE);
    private final Map<HandoverId, List<TaskId>> tasksByHandover = new HashMap<>();
    private final Map<String, TaskId> taskKeys = new HashMap<>();
    private final Map<AgentId, Agent> agents = new LinkedHashMap<>();
    private final Map<GroupId, Group> groups = new LinkedHashMap<>();
    private final Map<String, Replay> replays = new HashMap<>();
    private long versions;
    private long commentSeq;
    private long taskSeq;

    // told after every change that landed, outside the lock: the sandbox file saves the whole state then
    private volatile Runnable afterWrite = () -> {};

    private InMemoryCrm(Builder b) {
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.capabilities = b.capabilities;
        this.faults = new Faults(clock);
    }

    /** A builder: system UTC clock, real sleeper, default capabilities ({@link #defaultCapabilities()}). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What an in-memory CRM declares unless told otherwise: batches of 100 for reads and writes, atomic updates with
     * their tasks, all note formats (plain text preferred), 64 KiB notes, live presence, no native reminders.
     */
    public static CrmCapabilities defaultCapabilities() {
        return CrmCapabilities.builder()
                .maxReadBatchSize(100)
                .maxWriteBatchSize(100)
                .atomicUpdate(true)
                .tasksInSameWrite(true)
                .agentPresence(true)
                .noteFormat(NoteFormat.MARKDOWN)
                .noteFormat(NoteFormat.HTML)
                .maxNoteBytes(64 * 1024)
                .build();
    }

    // ---------------------------------------------------------------- accounting and faults

    /** Call accounting, per operation. */
    public CallStats calls() {
        return calls;
    }

    /** Fault injection: failures, lost responses, latency, rate limits. */
    public Faults faults() {
        return faults;
    }

    private final MemorySelfTest selfTest = new MemorySelfTest(this);

    /** Test tickets for {@code handover selftest}: stored like any other; discarding closes them. */
    @Override
    public Optional<dev.handover.spi.selftest.SelfTestSupport> selfTest() {
        return Optional.of(selfTest);
    }

    /** The clock this CRM stamps writes with. */
    public Clock clock() {
        return clock;
    }

    private void enter(Operation op) {
        calls.record(op);
        Duration latency = faults.latency();
        if (!latency.isZero()) {
            try {
                sleeper.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CrmUnavailableException(VENDOR, 0, null, "interrupted during " + op, e);
            }
        }
        try {
            faults.before(op);
        } catch (CrmException e) {
            calls.recordFailure();
            throw e;
        }
    }

    private void exitWrite(Operation op) {
        if (faults.loseResponse(op)) {
            calls.recordFailure();
            throw new CrmUnavailableException(
                    VENDOR, 0, "injected", "injected loss of the response to " + op + " (the write did land)", null);
        }
    }

    // ---------------------------------------------------------------- SPI: reads

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
        Objects.requireNonNull(id, "id");
        enter(Operation.READ_TICKET);
        synchronized (lock) {
            return Optional.ofNullable(tickets.get(id));
        }
    }

    @Override
    public Map<TicketId, Ticket> tickets(Collection<TicketId> ids) {
        List<TicketId> unique = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(ids, "ids")));
        Map<TicketId, Ticket> out = new LinkedHashMap<>();
        int batch = capabilities.maxReadBatchSize();
        for (int from = 0; from < unique.size(); from += batch) {
            enter(Operation.READ_TICKETS);
            synchronized (lock) {
                for (TicketId id : unique.subList(from, Math.min(unique.size(), from + batch))) {
                    Ticket t = tickets.get(id);
                    if (t != null) {
                        out.put(id, t);
                    }
                }
            }
        }
        return out;
    }

    @Override
    public Page<Ticket> searchTickets(TicketQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        enter(Operation.SEARCH_TICKETS);
        synchronized (lock) {
            NavigableMap<Ticket, TicketId> from = ticketsByUpdate;
            if (page.cursor().isPresent()) {
                from = ticketsByUpdate.tailMap(decodeTicketCursor(page.cursor().get()), false);
            } else if (query.updatedSince().isPresent()) {
                from = ticketsByUpdate.tailMap(probe(query.updatedSince().get()), true);
            }
            List<Ticket> items = new ArrayList<>();
            for (Ticket t : from.keySet()) {
                if (query.matches(t)) {
                    if (items.size() == page.size()) {
                        return Page.of(items, ticketCursor(items.get(items.size() - 1)));
                    }
                    items.add(t);
                }
            }
            return Page.last(items);
        }
    }

    @Override
    public Page<Comment> comments(TicketId ticket, SortOrder order, PageRequest page) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(page, "page");
        enter(Operation.READ_COMMENTS);
        synchronized (lock) {
            if (!tickets.containsKey(ticket)) {
                throw new CrmNotFoundException(VENDOR, "ticket " + ticket + " does not exist");
            }
            return commentPage(ticket, order, page);
        }
    }

    /** Many tickets' first pages in one call, as a CRM with a batch read answers them. */
    @Override
    public Map<TicketId, Page<Comment>> recentComments(Collection<TicketId> tickets, int perTicket) {
        Objects.requireNonNull(tickets, "tickets");
        PageRequest first = PageRequest.first(perTicket);
        enter(Operation.READ_COMMENTS);
        synchronized (lock) {
            Map<TicketId, Page<Comment>> out = new LinkedHashMap<>();
            for (TicketId t : tickets) {
                if (this.tickets.containsKey(t)) {
                    out.put(t, commentPage(t, SortOrder.NEWEST_FIRST, first));
                }
            }
            return out;
        }
    }

    private Page<Comment> commentPage(TicketId ticket, SortOrder order, PageRequest page) {
        {
            List<StoredComment> all = comments.getOrDefault(ticket, List.of());
            long after = page.cursor()
                    .map(c -> decodeLong(c, "comment cursor"))
                    .orElse(order == SortOrder.OLDEST_FIRST ? Long.MIN_VALUE : Long.MAX_VALUE);
            Stream<StoredComment> stream = order == SortOrder.OLDEST_FIRST
                    ? all.stream().filter(c -> c.seq > after)
                    : reversed(all).stream().filter(c -> c.seq < after);
            List<StoredComment> slice = stream.limit(page.size() + 1L).toList();
            List<Comment> items = slice.stream()
                    .limit(page.size())
                    .map(StoredComment::comment)
                    .toList();
            if (slice.size() > page.size()) {
                return Page.of(items, encode(Long.toString(slice.get(page.size() - 1).seq)));
            }
            return Page.last(items);
        }
    }

    @Override
    public Page<Task> tasks(TaskQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        enter(Operation.QUERY_TASKS);
        synchronized (lock) {
            // the sweep asks for open tasks due by now: served from the open-by-due index so that its cost follows
            // the number of due tasks, not the number of tasks
            if (query.handover().isPresent()) {
                // a handover's tasks are few: answer from the handover index without touching the rest
                List<Task> own = tasksByHandover.getOrDefault(query.handover().get(), List.of()).stream()
                        .map(tasks::get)
                        .filter(query::matches)
                        .sorted(TaskOrder.BY_DUE)
                        .toList();
                return pageOf(own, page);
            }
            NavigableMap<Task, TaskId> index =
                    query.statuses().equals(java.util.Set.of(TaskStatus.OPEN)) ? openTasksByDue : tasksByDue;
            if (page.cursor().isPresent()) {
                index = index.tailMap(decodeTaskCursor(page.cursor().get()), false);
            }
            if (query.dueAtOrBefore().isPresent()) {
                index = index.headMap(TaskOrder.probeAfter(query.dueAtOrBefore().get()), false);
            }
            List<Task> items = new ArrayList<>();
            for (Task t : index.keySet()) {
                if (query.matches(t)) {
                    if (items.size() == page.size()) {
                        return Page.of(items, taskCursor(items.get(items.size() - 1)));
                    }
                    items.add(t);
                }
            }
            return Page.last(items);
        }
    }

    private static Page<Task> pageOf(List<Task> sorted, PageRequest page) {
        int from = 0;
        if (page.cursor().isPresent()) {
            Task after = decodeTaskCursor(page.cursor().get());
            while (from < sorted.size() && TaskOrder.BY_DUE.compare(sorted.get(from), after) <= 0) {
                from++;
            }
        }
        List<Task> items = sorted.subList(from, Math.min(sorted.size(), from + page.size()));
        return from + page.size() < sorted.size()
                ? Page.of(items, taskCursor(items.get(items.size() - 1)))
                : Page.last(items);
    }

    @Override
    public Directory directory() {
        enter(Operation.READ_DIRECTORY);
        return directorySnapshot();
    }

    @Override
    public Map<AgentId, Integer> openTicketCounts(Collection<AgentId> agentIds) {
        Objects.requireNonNull(agentIds, "agents");
        enter(Operation.COUNT_OPEN_TICKETS);
        synchronized (lock) {
            Map<AgentId, Integer> out = new LinkedHashMap<>();
            for (AgentId a : agentIds) {
                out.put(a, 0);
            }
            for (Ticket t : tickets.values()) {
                if (t.isOpen() && t.assignee().isPresent()) {
                    out.computeIfPresent(t.assignee().get(), (k, n) -> n + 1);
                }
            }
            return out;
        }
    }

    // ---------------------------------------------------------------- SPI: writes

    @Override
    public UpdateResult apply(TicketUpdate update) {
        Objects.requireNonNull(update, "update");
        enter(Operation.APPLY);
        UpdateResult result;
        synchronized (lock) {
            result = applyLocked(update);
        }
        changed();
        exitWrite(Operation.APPLY);
        return result;
    }

    @Override
    public List<UpdateResult> applyAll(List<TicketUpdate> updates) {
        List<TicketUpdate> all = List.copyOf(Objects.requireNonNull(updates, "updates"));
        List<UpdateResult> results = new ArrayList<>(all.size());
        int batch = capabilities.maxWriteBatchSize();
        for (int from = 0; from < all.size(); from += batch) {
            List<TicketUpdate> chunk = all.subList(from, Math.min(all.size(), from + batch));
            try {
                enter(Operation.APPLY_BATCH);
            } catch (CrmException e) {
                // this batch call failed as a whole before anything was written: its items fail, the others go on
                chunk.forEach(u -> results.add(UpdateResult.failed(u.ticket(), e)));
                continue;
            }
            List<UpdateResult> chunkResults = new ArrayList<>(chunk.size());
            synchronized (lock) {
                for (TicketUpdate u : chunk) {
                    try {
                        chunkResults.add(applyLocked(u));
                    } catch (CrmException e) {
                        chunkResults.add(UpdateResult.failed(u.ticket(), e));
                    }
                }
            }
            changed();
            try {
                exitWrite(Operation.APPLY_BATCH);
                results.addAll(chunkResults);
            } catch (CrmException lost) {
                // the writes landed but the caller cannot know: report each item as failed-transiently, as a real
                // client would after a dropped connection
                chunk.forEach(u -> results.add(UpdateResult.failed(u.ticket(), lost)));
            }
        }
        return results;
    }

    private UpdateResult applyLocked(TicketUpdate u) {
        Ticket current = tickets.get(u.ticket());
        if (current == null) {
            throw new CrmNotFoundException(VENDOR, "ticket " + u.ticket() + " does not exist");
        }
        if (u.idempotencyKey().isPresent()) {
            Replay replay = replays.get(u.idempotencyKey().get());
            if (replay != null) {
                if (!replay.ticket.equals(u.ticket())) {
                    throw new CrmInvalidRequestException(
                            VENDOR,
                            422,
                            "IdempotencyKeyReused",
                            "idempotency key " + u.idempotencyKey().get() + " was used for ticket " + replay.ticket
                                    + ", not " + u.ticket(),
                            null);
                }
                return UpdateResult.replayed(
                        replay.result.ticket(), replay.result.version().orElse(null), replay.result.createdTasks());
            }
        }
        if (u.expectedVersion().isPresent() && !u.expectedVersion().get().equals(current.version())) {
            throw new CrmConflictException(
                    VENDOR,
                    409,
                    "StaleVersion",
                    "ticket " + u.ticket() + " changed since it was read: expected version "
                            + u.expectedVersion().get() + ", current " + current.version(),
                    null);
        }
        validate(u, current);

        // everything below succeeds: the update is all-or-nothing
        Instant now = now(current.createdAt());
        Version version = nextVersion();
        for (NoteDraft note : u.notes()) {
            appendComment(u.ticket(), API_USER, note.body(), note.visibility(), now);
        }
        Ticket.Builder next = current.toBuilder().updatedAt(now).version(version);
        u.assignment().ifPresent(a -> assign(next, a));
        LinkedHashSet<String> tags = new LinkedHashSet<>(current.tags());
        tags.addAll(u.addTags());
        tags.removeAll(u.removeTags());
        next.tags(tags);
        storeTicket(next.build());

        List<Task> created = new ArrayList<>();
        for (TaskDraft d : u.newTasks()) {
            Task t = new Task(
                    TaskId.of(Long.toString(++taskSeq)),
                    u.ticket(),
                    d.handover(),
                    d.key(),
                    d.kind(),
                    d.owner(),
                    d.subject(),
                    d.body(),
                    d.due(),
                    d.remindAt(),
                    TaskStatus.OPEN,
                    now,
                    Optional.empty(),
                    nextVersion());
            storeTask(null, t);
            created.add(t);
        }
        for (TaskChange c : u.taskChanges()) {
            Task old = tasks.get(c.task());
            storeTask(old, changed(old, c, now));
        }
        UpdateResult result = UpdateResult.applied(u.ticket(), version, created);
        u.idempotencyKey().ifPresent(k -> replays.put(k, new Replay(u.ticket(), result)));
        return result;
    }

    private void validate(TicketUpdate u, Ticket current) {
        String where = "ticket " + u.ticket() + ": ";
        for (NoteDraft note : u.notes()) {
            if (note.utf8Length() > capabilities.maxNoteBytes()) {
                throw invalid(
                        "NoteTooLong",
                        where + "note of " + note.utf8Length() + " bytes is over the limit of "
                                + capabilities.maxNoteBytes());
            }
        }
        if (u.assignment().isPresent()) {
            Assignment a = u.assignment().get();
            if (a.group().isPresent() && !groups.containsKey(a.group().get())) {
                throw invalid("UnknownGroup", where + "group " + a.group().get() + " does not exist");
            }
            if (a.agent().isPresent()) {
                Agent agent = activeAgent(a.agent().get(), where + "assignee");
                if (a.group().isPresent() && !agent.groups().contains(a.group().get())) {
                    throw invalid(
                            "AssigneeNotInGroup",
                            where + "assignee " + agent.id() + " is not a member of group "
                                    + a.group().get());
                }
            }
        }
        for (TaskDraft d : u.newTasks()) {
            activeAgent(d.owner(), where + "owner of task " + d.handover() + "/" + d.key());
            // the key index, not a scan of every task: a 100,000-ticket shift change stays linear
            TaskId existing = taskKeys.get(taskKey(u.ticket(), d.handover(), d.key()));
            if (existing != null) {
                throw invalid(
                        "DuplicateTask",
                        where + "task " + d.handover() + "/" + d.key() + " already exists as task " + existing);
            }
        }
        for (TaskChange c : u.taskChanges()) {
            Task t = tasks.get(c.task());
            if (t == null) {
                throw new CrmNotFoundException(VENDOR, where + "task " + c.task() + " does not exist");
            }
            if (!t.ticket().equals(u.ticket())) {
                throw invalid("TaskOfOtherTicket", where + "task " + c.task() + " belongs to ticket " + t.ticket());
            }
            if (c.owner().isPresent()) {
                activeAgent(c.owner().get(), where + "new owner of task " + c.task());
            }
        }
    }

    private Agent activeAgent(AgentId id, String role) {
        Agent agent = agents.get(id);
        if (agent == null) {
            throw invalid("UnknownAgent", role + " " + id + " does not exist");
        }
        if (!agent.active()) {
            throw invalid("InactiveAgent", role + " " + id + " is inactive");
        }
        return agent;
    }

    private static CrmInvalidRequestException invalid(String code, String message) {
        return new CrmInvalidRequestException(VENDOR, 422, code, message, null);
    }

    private static void assign(Ticket.Builder next, Assignment a) {
        next.assignee(a.agent().orElse(null));
        a.group().ifPresent(next::group);
    }

    private Task changed(Task old, TaskChange c, Instant now) {
        TaskStatus status = c.status().orElse(old.status());
        Optional<Instant> completedAt =
                status.isOpen() ? Optional.empty() : old.status() == status ? old.completedAt() : Optional.of(now);
        return new Task(
                old.id(),
                old.ticket(),
                old.handover(),
                old.key(),
                old.kind(),
                c.owner().orElse(old.owner()),
                old.subject(),
                old.body(),
                c.due().orElse(old.due()),
                old.remindAt(),
                status,
                old.createdAt(),
                completedAt,
                nextVersion());
    }

    // ---------------------------------------------------------------- seeding and people's actions (not API calls)

    /**
     * Adds or replaces a ticket as it is, except that it gets a fresh version. Returns the stored ticket.
     */
    public Ticket putTicket(Ticket ticket) {
        Objects.requireNonNull(ticket, "ticket");
        try {
            synchronized (lock) {
                Ticket stored = ticket.toBuilder().version(nextVersion()).build();
                storeTicket(stored);
                comments.computeIfAbsent(ticket.id(), k -> new ArrayList<>());
                return stored;
            }
        } finally {
            changed();
        }
    }

    /** Adds or replaces an agent. */
    public void putAgent(Agent agent) {
        Objects.requireNonNull(agent, "agent");
        try {
            synchronized (lock) {
                agents.put(agent.id(), agent);
            }
        } finally {
            changed();
        }
    }

    /** Adds or replaces a group or queue. */
    public void putGroup(Group group) {
        Objects.requireNonNull(group, "group");
        try {
            synchronized (lock) {
                groups.put(group.id(), group);
            }
        } finally {
            changed();
        }
    }

    /** Changes an agent as a person would in the CRM's admin screens (absence, deactivation, shifts). */
    public Agent editAgent(AgentId id, UnaryOperator<Agent.Builder> change) {
        try {
            synchronized (lock) {
                Agent old = agents.get(id);
                if (old == null) {
                    throw new CrmNotFoundException(VENDOR, "agent " + id + " does not exist");
                }
                Agent updated = change.apply(old.toBuilder()).build();
                if (!updated.id().equals(id)) {
                    throw new IllegalArgumentException("an edit must not change the agent's id");
                }
                agents.put(id, updated);
                return updated;
            }
        } finally {
            changed();
        }
    }

    /** Adds a seeded comment as it is (keeping its id and time), without touching the ticket's version. */
    public void putComment(Comment comment) {
        Objects.requireNonNull(comment, "comment");
        try {
            synchronized (lock) {
                if (!tickets.containsKey(comment.ticket())) {
                    throw new CrmNotFoundException(VENDOR, "ticket " + comment.ticket() + " does not exist");
                }
                comments.computeIfAbsent(comment.ticket(), k -> new ArrayList<>())
                        .add(new StoredComment(++commentSeq, comment));
            }
        } finally {
            changed();
        }
    }

    /**
     * A person (agent or customer) comments on a ticket in the CRM: the comment is stamped with the clock, and the
     * ticket's update time and version advance. Not counted as an API call.
     */
    public Comment addComment(TicketId ticket, String authorId, String body, Visibility visibility) {
        try {
            synchronized (lock) {
                Ticket current = tickets.get(ticket);
                if (current == null) {
                    throw new CrmNotFoundException(VENDOR, "ticket " + ticket + " does not exist");
                }
                Instant now = now(current.createdAt());
                Comment c = appendComment(ticket, authorId, body, visibility, now);
                storeTicket(current.toBuilder()
                        .updatedAt(now)
                        .version(nextVersion())
                        .build());
                return c;
            }
        } finally {
            changed();
        }
    }

    /**
     * A person changes a ticket in the CRM (status, priority, fields): update time and version advance. Not counted as
     * an API call.
     */
    public Ticket editTicket(TicketId ticket, UnaryOperator<Ticket.Builder> change) {
        try {
            synchronized (lock) {
                Ticket current = tickets.get(ticket);
                if (current == null) {
                    throw new CrmNotFoundException(VENDOR, "ticket " + ticket + " does not exist");
                }
                Ticket updated = change.apply(current.toBuilder())
                        .updatedAt(now(current.createdAt()))
                        .version(nextVersion())
                        .build();
                if (!updated.id().equals(ticket)) {
                    throw new IllegalArgumentException("an edit must not change the ticket's id");
                }
                storeTicket(updated);
                return updated;
            }
        } finally {
            changed();
        }
    }

    /** A person marks a task done in the CRM. Not counted as an API call. */
    public Task completeTask(TaskId task) {
        try {
            synchronized (lock) {
                Task old = tasks.get(task);
                if (old == null) {
                    throw new CrmNotFoundException(VENDOR, "task " + task + " does not exist");
                }
                Task done = changed(old, TaskChange.complete(task), now(old.createdAt()));
                storeTask(old, done);
                return done;
            }
        } finally {
            changed();
        }
    }

    // ---------------------------------------------------------------- inspection (not API calls)

    /** Every ticket, ordered by id. */
    public List<Ticket> ticketsSnapshot() {
        synchronized (lock) {
            return tickets.values().stream()
                    .sorted(Comparator.comparing(Ticket::id))
                    .toList();
        }
    }

    /** One ticket as stored. */
    public Optional<Ticket> ticketSnapshot(TicketId id) {
        synchronized (lock) {
            return Optional.ofNullable(tickets.get(id));
        }
    }

    /** A ticket's comments, oldest first. */
    public List<Comment> commentsSnapshot(TicketId ticket) {
        synchronized (lock) {
            return comments.getOrDefault(ticket, List.of()).stream()
                    .map(StoredComment::comment)
                    .toList();
        }
    }

    /** Every task, ordered by due time then id. */
    public List<Task> tasksSnapshot() {
        synchronized (lock) {
            return List.copyOf(tasksByDue.keySet());
        }
    }

    /** The directory, without counting a call. */
    public Directory directorySnapshot() {
        synchronized (lock) {
            return Directory.of(agents.values(), groups.values());
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "InMemoryCrm[" + tickets.size() + " tickets, " + tasks.size() + " tasks, " + agents.size()
                    + " agents, " + groups.size() + " groups, " + calls + "]";
        }
    }

    // ---------------------------------------------------------------- the whole state, for the sandbox file

    /**
     * Everything a second process needs to carry on where this one stopped: the stored objects, the idempotency keys
     * seen, and the counters that make the next version, comment and task ids unique.
     */
    record State(
            List<Ticket> tickets,
            Map<TicketId, List<SeqComment>> comments,
            List<Task> tasks,
            List<Agent> agents,
            List<Group> groups,
            Map<String, UpdateResult> replays,
            long versions,
            long commentSeq,
            long taskSeq) {}

    /** A comment with its position in the ticket's conversation (what the comment cursors count). */
    record SeqComment(long seq, Comment comment) {}

    State state() {
        synchronized (lock) {
            Map<TicketId, List<SeqComment>> c = new TreeMap<>();
            comments.forEach((t, list) -> c.put(
                    t, list.stream().map(x -> new SeqComment(x.seq, x.comment)).toList()));
            Map<String, UpdateResult> r = new TreeMap<>();
            replays.forEach((k, v) -> r.put(k, v.result));
            return new State(
                    ticketsSnapshot(),
                    c,
                    tasks.values().stream()
                            .sorted(Comparator.comparing(Task::id))
                            .toList(),
                    List.copyOf(agents.values()),
                    List.copyOf(groups.values()),
                    r,
                    versions,
                    commentSeq,
                    taskSeq);
        }
    }

    /** Replaces everything with this state, as stored (no version advances); the write hook is not told. */
    void restore(State s) {
        synchronized (lock) {
            tickets.clear();
            ticketsByUpdate.clear();
            comments.clear();
            tasks.clear();
            tasksByDue.clear();
            openTasksByDue.clear();
            tasksByHandover.clear();
            taskKeys.clear();
            agents.clear();
            groups.clear();
            replays.clear();
            s.tickets().forEach(this::storeTicket);
            s.tickets().forEach(t -> comments.put(t.id(), new ArrayList<>()));
            s.comments().forEach((t, list) -> {
                if (!tickets.containsKey(t)) {
                    throw new IllegalArgumentException("comments of ticket " + t + ", which does not exist");
                }
                list.forEach(x -> comments.get(t).add(new StoredComment(x.seq(), x.comment())));
            });
            s.tasks().forEach(t -> storeTask(tasks.get(t.id()), t));
            s.agents().forEach(a -> agents.put(a.id(), a));
            s.groups().forEach(g -> groups.put(g.id(), g));
            s.replays().forEach((k, v) -> replays.put(k, new Replay(v.ticket(), v)));
            versions = s.versions();
            commentSeq = s.commentSeq();
            taskSeq = s.taskSeq();
        }
    }

    /** Who is told after every change that landed (the sandbox file); called outside the lock. */
    void afterWrite(Runnable hook) {
        this.afterWrite = Objects.requireNonNull(hook, "hook");
    }

    private void changed() {
        afterWrite.run();
    }

    // ---------------------------------------------------------------- internals (hold lock)

    private Instant now(Instant notBefore) {
        Instant now = clock.instant();
        return now.isBefore(notBefore) ? notBefore : now;
    }

    private Version nextVersion() {
        return Version.of("v" + ++versions);
    }

    private Comment appendComment(TicketId ticket, String author, String body, Visibility visibility, Instant at) {
        long seq = ++commentSeq;
        Comment c = new Comment("c" + seq, ticket, author, body, visibility, at);
        comments.computeIfAbsent(ticket, k -> new ArrayList<>()).add(new StoredComment(seq, c));
        return c;
    }

    private void storeTicket(Ticket t) {
        Ticket old = tickets.put(t.id(), t);
        if (old != null) {
            ticketsByUpdate.remove(old);
        }
        ticketsByUpdate.put(t, t.id());
    }

    private static String taskKey(TicketId ticket, HandoverId handover, String key) {
        return ticket.value() + "\n" + handover.value() + "\n" + key;
    }

    private void storeTask(Task old, Task t) {
        if (old != null) {
            tasksByDue.remove(old);
            openTasksByDue.remove(old);
        } else {
            tasksByHandover
                    .computeIfAbsent(t.handover(), k -> new ArrayList<>())
                    .add(t.id());
            taskKeys.put(taskKey(t.ticket(), t.handover(), t.key()), t.id());
        }
        tasks.put(t.id(), t);
        tasksByDue.put(t, t.id());
        if (t.isOpen()) {
            openTasksByDue.put(t, t.id());
        }
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    // cursors are opaque to callers: base64url of the sort key of the last item returned

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor, String what) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("BadCursor", "malformed " + what + " '" + cursor + "'");
        }
    }

    private static long decodeLong(String cursor, String what) {
        try {
            return Long.parseLong(decode(cursor, what));
        } catch (NumberFormatException e) {
            throw invalid("BadCursor", "malformed " + what + " '" + cursor + "'");
        }
    }

    private static String ticketCursor(Ticket t) {
        return encode(t.updatedAt() + "|" + t.id().value());
    }

    private Ticket decodeTicketCursor(String cursor) {
        return decodeKey(cursor, "ticket cursor", (at, id) -> probeTicket(at, TicketId.of(id)));
    }

    private static String taskCursor(Task t) {
        return encode(t.due() + "|" + t.id().value());
    }

    private static Task decodeTaskCursor(String cursor) {
        return decodeKey(cursor, "task cursor", (at, id) -> TaskOrder.probe(at, TaskId.of(id)));
    }

    private static <T> T decodeKey(String cursor, String what, java.util.function.BiFunction<Instant, String, T> make) {
        String raw = decode(cursor, what);
        int bar = raw.indexOf('|');
        try {
            return make.apply(Instant.parse(raw.substring(0, bar)), raw.substring(bar + 1));
        } catch (RuntimeException e) {
            throw invalid("BadCursor", "malformed " + what + " '" + cursor + "'");
        }
    }

    /** A ticket that sorts before every real ticket updated at this instant. */
    private static Ticket probe(Instant updatedAt) {
        return probeTicket(updatedAt, TicketId.of("0"));
    }

    private static Ticket probeTicket(Instant updatedAt, TicketId id) {
        return Ticket.builder(id)
                .createdAt(Instant.MIN)
                .updatedAt(updatedAt)
                .version(Version.of("probe"))
                .build();
    }

    private record StoredComment(long seq, Comment comment) {}

    private record Replay(TicketId ticket, UpdateResult result) {}

    /** Builds an {@link InMemoryCrm}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private CrmCapabilities capabilities = defaultCapabilities();

        private Builder() {}

        /** The clock writes are stamped with and faults are timed by. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How simulated latency is spent. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** What the CRM declares (and enforces: batch sizes, note length). */
        public Builder capabilities(CrmCapabilities capabilities) {
            this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
            return this;
        }

        /** Changes the default capabilities. */
        public Builder capabilities(Function<CrmCapabilities.Builder, CrmCapabilities.Builder> change) {
            CrmCapabilities d = defaultCapabilities();
            CrmCapabilities.Builder b = CrmCapabilities.builder()
                    .maxReadBatchSize(d.maxReadBatchSize())
                    .maxWriteBatchSize(d.maxWriteBatchSize())
                    .atomicUpdate(d.atomicUpdate())
                    .tasksInSameWrite(d.tasksInSameWrite())
                    .nativeReminders(d.nativeReminders())
                    .agentPresence(d.agentPresence())
                    .maxNoteBytes(d.maxNoteBytes());
            d.noteFormats().forEach(b::noteFormat);
            b.preferredNoteFormat(d.preferredNoteFormat());
            this.capabilities = change.apply(b).build();
            return this;
        }

        /** The CRM, empty. */
        public InMemoryCrm build() {
            return new InMemoryCrm(this);
        }
    }
}
