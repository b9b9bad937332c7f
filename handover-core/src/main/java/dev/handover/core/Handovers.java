package dev.handover.core;

import dev.handover.core.calendar.Availability;
import dev.handover.core.event.HandoverEvent;
import dev.handover.core.event.HandoverListener;
import dev.handover.core.policy.ActionOwner;
import dev.handover.core.policy.EscalationStep;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.policy.ReminderPolicy;
import dev.handover.core.retry.Retries;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.Condition;
import dev.handover.core.rule.RuleContext;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.helpers.Sleeper;
import dev.handover.spi.model.Absence;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The handover engine. Build one per CRM connection and policy; it is thread-safe and keeps no state of its own
 * between calls — the CRM is the system of record.
 *
 * <pre>{@code
 * Handovers handovers = Handovers.builder()
 *         .connector(crm)
 *         .policy(policy)
 *         .clock(clock)
 *         .listener(event -> journal.append(event))
 *         .build();
 *
 * handovers.evaluate(tickets);                          // rule-driven
 * handovers.handOver(HandoverRequest.builder(id)        // by hand
 *         .toAgent(AgentId.of("jonas")).reason(HandoverReason.EXPERTISE)
 *         .summary("Refund stuck in the gateway").promise("Refund by Friday", friday)
 *         .build());
 * handovers.shiftChange(GroupId.of("emea-support"), shiftEnd);
 * }</pre>
 *
 * <p>Every handover is one {@link TicketUpdate} — note, reassignment, tags, customer notice, tasks — carrying the
 * version read and an idempotency key derived from the handover's id, so a retry never writes twice. A conflict (the
 * ticket changed since it was read) re-reads and re-plans once, then reports. Bulk work goes through {@link
 * CrmConnector#applyAll} in batches of the connector's declared size.
 */
public final class Handovers {
    private static final Logger LOG = LoggerFactory.getLogger(Handovers.class);

    private final CrmConnector crm;
    private final HandoverPolicy policy;
    private final Clock clock;
    private final List<HandoverListener> listeners;
    private final DirectoryCache directory;
    private final Availability availability;
    private final Planner planner;
    private final List<Planner.TaskPlanning> taskPlanning;
    private final FollowUp followUp;
    private final Retries retries;

    private Handovers(Builder b) {
        this.crm = b.connector;
        this.policy = b.policy;
        this.clock = b.clock;
        this.listeners = new CopyOnWriteArrayList<>(b.listeners);
        this.directory = new DirectoryCache(crm, clock, b.directoryTtl, b.overlay);
        if (b.checked != null) {
            directory.prime(b.checked);
        }
        this.availability =
                new Availability(policy::calendarOf, crm.capabilities().agentPresence());
        this.taskPlanning = List.of(new Planner.ActionTasks(), new FollowUpTasks(policy));
        this.planner = new Planner(policy, crm, availability, taskPlanning);
        this.followUp = new FollowUp(this, policy, crm, clock, availability);
        this.retries = new Retries(b.attempts, b.sleeper, clock);
    }

    /** A builder; connector and policy are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The policy. */
    public HandoverPolicy policy() {
        return policy;
    }

    /** The connector. */
    public CrmConnector connector() {
        return crm;
    }

    /** The engine's view of who is available when. */
    public Availability availability() {
        return availability;
    }

    /** Adds a listener. */
    public void addListener(HandoverListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    // ------------------------------------------------------------------------------------------ dry runs

    /**
     * What the rules would do with this ticket now, without writing anything: the first rule that applies, the
     * receiver, the note and the notice ({@link HandoverResult.Status#PLANNED}), or why nothing happens.
     */
    public HandoverResult plan(Ticket ticket) {
        return dryRun(List.of(ticket)).get(0);
    }

    /** What the rules would do with these tickets, without writing anything. */
    public List<HandoverResult> dryRun(Collection<Ticket> tickets) {
        Instant now = clock.instant();
        Directory dir = directory.get();
        LiveWorkload workload = new LiveWorkload(crm);
        List<HandoverResult> out = new ArrayList<>();
        for (Ticket t : tickets) {
            Optional<HandoverRule> rule = firstApplicable(t, now, dir, workload);
            if (rule.isEmpty()) {
                out.add(HandoverResult.notApplicable(t.id()));
                continue;
            }
            Planner.Outcome o = planner.plan(ruleSpec(t, rule.get(), now, dir), dir, workload);
            if (o instanceof Planner.Planned p) {
                workload.moved(t.assignee(), p.plan().receiver().agent().map(Agent::id));
                emit(new HandoverEvent.Planned(
                        now,
                        t.id(),
                        p.plan().id(),
                        p.plan().rule(),
                        p.plan().reason().code(),
                        receiverId(p.plan())));
                out.add(HandoverResult.planned(p.plan()));
            } else {
                out.add(HandoverResult.refused(t.id(), ((Planner.Refusal) o).why()));
            }
        }
        return out;
    }

    /** What a manual handover would write, without writing it. */
    public HandoverResult plan(HandoverRequest request) {
        Directory dir = directory.get();
        Ticket ticket = read(request.ticket());
        Planner.Outcome o =
                planner.plan(requestSpec(request, ticket, clock.instant(), dir), dir, new LiveWorkload(crm));
        return o instanceof Planner.Planned p
                ? HandoverResult.planned(p.plan())
                : HandoverResult.refused(ticket.id(), ((Planner.Refusal) o).why());
    }

    // ------------------------------------------------------------------------------------------ handovers

    /**
     * Hands a ticket over as a person asks (seed criterion 3.2): the receiver is checked first and refused with the
     * reason when they cannot take it; the note is completed from the ticket; one write does the rest.
     *
     * @throws CrmNotFoundException when the ticket does not exist
     */
    public HandoverResult handOver(HandoverRequest request) {
        Directory dir = directory.get();
        Ticket ticket = read(request.ticket());
        Instant now = clock.instant();
        Pending p = new Pending(
                requestSpec(request, ticket, now, dir),
                t -> Optional.of(requestSpec(request, t, clock.instant(), dir)));
        return execute(List.of(p), dir, new LiveWorkload(crm)).get(0);
    }

    /**
     * Applies the rules to these tickets and hands over those a rule applies to (the first applicable rule decides).
     * Writes go in batches of the connector's size.
     */
    public List<HandoverResult> evaluate(Collection<Ticket> tickets) {
        Instant now = clock.instant();
        Directory dir = directory.get();
        LiveWorkload workload = new LiveWorkload(crm);
        List<Pending> pending = new ArrayList<>();
        Map<TicketId, HandoverResult> skipped = new LinkedHashMap<>();
        List<TicketId> order = new ArrayList<>();
        for (Ticket t : tickets) {
            order.add(t.id());
            Optional<HandoverRule> rule = firstApplicable(t, now, dir, workload);
            if (rule.isEmpty()) {
                skipped.put(t.id(), HandoverResult.notApplicable(t.id()));
                continue;
            }
            HandoverRule r = rule.get();
            pending.add(new Pending(ruleSpec(t, r, now, dir), fresh -> {
                Instant later = clock.instant();
                // after a conflict the rule must still apply to the ticket as it is now
                return applies(r, fresh, later, dir, workload)
                        ? Optional.of(ruleSpec(fresh, r, later, dir))
                        : Optional.empty();
            }));
        }
        return merge(order, skipped, execute(pending, dir, workload));
    }

    /**
     * Hands the open tickets of an agent whose shift ends at {@code at} to the next shift, by the policy's shift-change
     * rule (or the built-in one: the next shift of the agent's team, a review action within 2 h, acknowledgement
     * within 30 min). The rule's condition is not checked: calling this is the decision.
     */
    public List<HandoverResult> shiftChange(AgentId agent, Instant at) {
        Directory dir = directory.get();
        Agent sender = dir.agent(agent)
                .orElseThrow(() -> new IllegalArgumentException("agent " + agent + " is not in the directory"));
        return bulk(List.of(sender), settingsFor(HandoverReason.SHIFT_CHANGE), at, Optional.empty(), dir);
    }

    /**
     * A shift change for a whole team: every member working just before {@code at} and not after it hands their open
     * tickets to the colleagues who work on.
     */
    public List<HandoverResult> shiftChange(GroupId team, Instant at) {
        Directory dir = directory.get();
        if (dir.group(team).isEmpty()) {
            throw new IllegalArgumentException("team " + team + " is not in the directory");
        }
        List<Agent> leaving = dir.members(team).stream()
                .filter(a -> policy.calendarOf(a).isOpen(at.minusSeconds(60))
                        && !policy.calendarOf(a).isOpen(at))
                .toList();
        return bulk(leaving, settingsFor(HandoverReason.SHIFT_CHANGE), at, Optional.empty(), dir);
    }

    /**
     * Hands the open tickets of an agent who is away from {@code from} until {@code until} to colleagues, by the
     * policy's absence rule (or the built-in one: the next shift of the agent's team). Each handover creates a
     * hand-back task for the absent agent, due on their return; {@link #returnFromAbsence} (or the follow-up sweep when
     * it falls due) hands the tickets back.
     */
    public List<HandoverResult> absence(AgentId agent, Instant from, Instant until) {
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("an absence must end after it starts: " + from + " – " + until);
        }
        Directory dir = directory.get();
        Agent sender = dir.agent(agent)
                .orElseThrow(() -> new IllegalArgumentException("agent " + agent + " is not in the directory"));
        Agent away =
                sender.toBuilder().absence(new Absence(from, until, "absence")).build();
        Instant now = clock.instant();
        return bulk(
                List.of(away),
                settingsFor(HandoverReason.ABSENCE),
                now.isAfter(from) ? now : from,
                Optional.of(until),
                dir);
    }

    /**
     * Hands back the tickets handed over during an agent's absence: every open hand-back task of the agent. Tickets
     * solved meanwhile only have their task closed.
     */
    public List<HandoverResult> returnFromAbsence(AgentId agent) {
        Directory dir = directory.get();
        Agent owner = dir.agent(agent)
                .orElseThrow(() -> new IllegalArgumentException("agent " + agent + " is not in the directory"));
        List<Task> handBacks = crm.allTasks(TaskQuery.builder()
                        .open()
                        .owner(agent)
                        .kind(TaskKind.FOLLOW_UP)
                        .build())
                .filter(t -> t.key().equals("hand-back"))
                .toList();
        return handBack(owner, handBacks, dir);
    }

    /** Hands these hand-back tasks' tickets back to their owner. */
    List<HandoverResult> handBack(Agent owner, List<Task> handBacks, Directory dir) {
        Map<TicketId, Ticket> tickets =
                crm.tickets(handBacks.stream().map(Task::ticket).distinct().toList());
        HandoverRule settings = HAND_BACK;
        List<Pending> pending = new ArrayList<>();
        List<HandoverResult> closedOnly = new ArrayList<>();
        for (Task task : handBacks) {
            Ticket t = tickets.get(task.ticket());
            if (t == null
                    || !t.isOpen()
                    || t.assignee().filter(owner.id()::equals).isPresent()) {
                // solved meanwhile, deleted, or already back with the owner: only the task is closed
                try {
                    crm.apply(TicketUpdate.builder(task.ticket())
                            .changeTask(TaskChange.complete(task.id()))
                            .idempotencyKey("hand-back-done:" + task.id().value())
                            .build());
                    closedOnly.add(HandoverResult.notApplicable(task.ticket()));
                } catch (CrmException e) {
                    closedOnly.add(HandoverResult.failed(task.ticket(), Optional.empty(), e));
                }
                continue;
            }
            Function<Ticket, Planner.Spec> spec = fresh -> new Planner.Spec(
                    fresh,
                    clock.instant(),
                    settings.id(),
                    settings,
                    List.of(Target.agent(owner.id())),
                    fresh.assignee().flatMap(dir::agent),
                    HandoverReason.ABSENCE,
                    owner.name() + " is back; the ticket returns to its owner",
                    Optional.empty(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    false,
                    Optional.empty(),
                    Optional.empty(),
                    List.of(TaskChange.complete(task.id())),
                    Optional.of("hand-back:" + task.id().value()),
                    Map.of());
            pending.add(new Pending(spec.apply(t), fresh -> Optional.of(spec.apply(fresh))));
        }
        List<HandoverResult> out = new ArrayList<>(closedOnly);
        out.addAll(execute(pending, dir, new LiveWorkload(crm)));
        return out;
    }

    // ------------------------------------------------------------------------------------------ follow-up

    /**
     * Follows up the handovers that are due now (seed criteria 3.3, 3.4): records acknowledgements and completed
     * actions, sends tactful check-ins and reminders in the recipients' working hours, re-targets unacknowledged
     * handovers, escalates what is overdue with why and what it means for the customer, and hands tickets back after an
     * absence. Reads only what is due. Running it twice at the same instant changes nothing.
     */
    public SweepResult sweep() {
        return sweep(Partition.ALL);
    }

    /** Follows up the due handovers of this worker's share of tickets (worker i of n). */
    public SweepResult sweep(Partition partition) {
        return followUp.sweep(Objects.requireNonNull(partition, "partition"));
    }

    /**
     * The receiver acknowledges a handover (the CLI's {@code ack}, a webhook): completes the acknowledgement task and
     * records it on the ticket. Acknowledging twice is harmless.
     *
     * @throws IllegalArgumentException when the handover has no acknowledgement task or it is someone else's
     */
    public Acknowledgement acknowledge(dev.handover.spi.model.HandoverId handover, AgentId by) {
        return followUp.acknowledge(Objects.requireNonNull(handover, "handover"), Objects.requireNonNull(by, "by"));
    }

    /**
     * Finds handovers on tickets updated since {@code since} whose tasks are missing (a crash or outage between the note
     * and its tasks) and creates them, once. The handover's trailer on the ticket is all it needs.
     */
    public ReconcileResult reconcile(Instant since) {
        return followUp.reconcile(Objects.requireNonNull(since, "since"));
    }

    /**
     * A receiver's feedback on a handover (seed criterion 3.5: share feedback to improve handovers): which sections of
     * the note were missing or unclear, and a comment. Recorded on the ticket as an internal note and told to listeners
     * for the review report.
     *
     * @throws IllegalArgumentException when the agent is unknown or the handover's ticket cannot be found
     */
    public void feedback(
            dev.handover.spi.model.HandoverId handover,
            AgentId from,
            java.util.Set<dev.handover.core.note.NoteSection> missing,
            String comment) {
        Objects.requireNonNull(handover, "handover");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(missing, "missing");
        Objects.requireNonNull(comment, "comment");
        if (missing.isEmpty() && comment.isBlank()) {
            throw new IllegalArgumentException("feedback needs missing sections or a comment");
        }
        Directory dir = directory();
        Agent agent = dir.agent(from)
                .orElseThrow(() -> new IllegalArgumentException("agent " + from + " is not in the directory"));
        TicketId ticket = crm.allTasks(TaskQuery.builder().handover(handover).build())
                .map(Task::ticket)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "handover " + handover + " has no tasks in the CRM, so its ticket cannot be found"));
        Instant now = clock.instant();
        StringBuilder text = new StringBuilder("Feedback on handover ")
                .append(handover)
                .append(" from ")
                .append(agent.name())
                .append(":");
        if (!missing.isEmpty()) {
            text.append("\n• Missing or unclear: ")
                    .append(String.join(
                            ", ", missing.stream().sorted().map(s -> s.label()).toList()));
        }
        if (!comment.isBlank()) {
            text.append("\n• ").append(dev.handover.core.note.NoteTrailer.neutralize(comment.strip()));
        }
        crm.apply(TicketUpdate.builder(ticket)
                .note(dev.handover.spi.NoteDraft.internal(text.toString()))
                .idempotencyKey(
                        "feedback:" + handover.value() + ":" + FollowUp.crc(from + "|" + missing + "|" + comment))
                .build());
        emit(new HandoverEvent.FeedbackGiven(
                now, ticket, handover, from, List.copyOf(new java.util.TreeSet<>(missing)), comment.strip()));
    }

    /** The directory, cached. */
    Directory directory() {
        return directory.get();
    }

    /** The tasks a handover should have, rebuilt from its record (for reconciliation). */
    List<dev.handover.spi.TaskDraft> tasksFor(
            dev.handover.core.note.HandoverRecord r, Ticket ticket, Directory dir, Instant now) {
        HandoverRule settings = settingsOf(r);
        Optional<Agent> sender = r.from().flatMap(dir::agent);
        Optional<Agent> to = r.to().flatMap(dir::agent);
        Optional<dev.handover.spi.model.Group> group = r.group().flatMap(dir::group);
        if (to.isEmpty() && group.isEmpty()) {
            return List.of();
        }
        dev.handover.core.routing.Receiver receiver = new dev.handover.core.routing.Receiver(to, group);
        List<dev.handover.core.note.ActionItem> actions = new ArrayList<>();
        for (dev.handover.core.note.HandoverRecord.Action a : r.actions()) {
            dev.handover.core.note.Party owner = a.owner()
                    .flatMap(dir::agent)
                    .map(agent -> dev.handover.core.note.Party.of(agent, Optional.empty()))
                    .orElseGet(() -> dev.handover.core.note.Party.system("the queue"));
            actions.add(new dev.handover.core.note.ActionItem(a.key(), a.text(), owner, a.due()));
        }
        Planner.Draft d = new Planner.Draft(
                r.id(), ticket, settings, sender, receiver, actions, r.acknowledgeBy(), r.returnAt(), r.at(), r, dir);
        List<dev.handover.spi.TaskDraft> out = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (Planner.TaskPlanning p : taskPlanning) {
            out.addAll(p.tasks(d, ignored));
        }
        return out;
    }

    private HandoverRule settingsOf(dev.handover.core.note.HandoverRecord r) {
        HandoverReason reason = policy.reason(r.reason()).orElse(HandoverReason.ESCALATION);
        return r.rule().equals(Planner.MANUAL)
                ? settingsFor(reason)
                : policy.rule(r.rule()).orElseGet(() -> settingsFor(reason));
    }

    /**
     * Hands an unacknowledged ticket to the next qualified colleague: the handover's rule targets, then the next shift
     * of the receiver's team, without the receiver who did not answer. The new handover cancels the old one's tasks in
     * the same write.
     */
    Optional<HandoverEvent.Retargeted> retarget(
            dev.handover.core.note.HandoverRecord r,
            Ticket ticket,
            List<Task> tasks,
            Directory dir,
            int reminders,
            Instant now) {
        HandoverRule settings = settingsOf(r);
        List<Target> targets = new ArrayList<>(r.rule().equals(Planner.MANUAL) ? List.of() : settings.targets());
        if (!targets.contains(Target.nextShift())) {
            targets.add(Target.nextShift());
        }
        AgentId silent = r.to().get();
        String silentName = dir.agent(silent).map(Agent::name).orElse(silent.value());
        List<TaskChange> closeOld = new ArrayList<>();
        for (Task t : tasks) {
            // an absent owner's hand-back stays theirs: the ticket still returns to them, whoever holds it then
            if (t.isOpen() && t.kind() != TaskKind.ESCALATION && !t.key().equals("hand-back")) {
                closeOld.add(t.key().equals("follow-up") ? TaskChange.complete(t.id()) : TaskChange.cancel(t.id()));
            }
        }
        String detail = silentName + " did not acknowledge handover " + r.id() + " by "
                + Availability.describe(r.acknowledgeBy().orElse(r.at()), java.time.ZoneOffset.UTC) + " after "
                + reminders + " reminder" + (reminders == 1 ? "" : "s")
                + ", so it goes to the next qualified colleague";
        HandoverReason reason = policy.reason(r.reason()).orElse(HandoverReason.ESCALATION);
        Function<Ticket, Planner.Spec> spec = fresh -> new Planner.Spec(
                fresh,
                now,
                settings.id(),
                settings,
                targets,
                fresh.assignee().flatMap(dir::agent),
                reason,
                detail,
                Optional.empty(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                false,
                Optional.empty(),
                // no new hand-back: it would belong to the silent receiver, who is this handover's sender
                Optional.empty(),
                closeOld,
                Optional.of("retarget:" + r.id().value()),
                Map.of(silent, "did not acknowledge handover " + r.id()));
        // after a conflict, re-target only while the ticket is still with the receiver who did not answer: otherwise
        // another worker has moved it already
        HandoverResult result = execute(
                        List.of(new Pending(
                                spec.apply(ticket),
                                fresh -> fresh.assignee().filter(silent::equals).map(x -> spec.apply(fresh)))),
                        dir,
                        new LiveWorkload(crm))
                .get(0);
        if (result.status() != HandoverResult.Status.HANDED_OVER) {
            LOG.info("handover {} of ticket {} could not be re-targeted: {}", r.id(), ticket.id(), result.status());
            return Optional.empty();
        }
        HandoverPlan plan = result.plan().get();
        HandoverEvent.Retargeted e =
                new HandoverEvent.Retargeted(now, ticket.id(), r.id(), plan.id(), silent, receiverId(plan));
        emit(e);
        emit(new HandoverEvent.FollowUpClosed(now, ticket.id(), r.id(), "retargeted"));
        return Optional.of(e);
    }

    // ------------------------------------------------------------------------------------------ internals

    // the id is part of the journal: the review report tells planned returns from bounces by it
    private static final HandoverRule HAND_BACK = HandoverRule.builder("hand-back")
            .description("After an absence, tickets go back to their owner")
            .when(Condition.open())
            .reason(HandoverReason.ABSENCE)
            .to(Target.originalOwner())
            .requireLanguage(false)
            .requireCapacity(false)
            .availableWithin(Duration.ofHours(16))
            .noAcknowledgement()
            .allowHandBack()
            .repeatable()
            .build();

    /** The policy's first rule for a reason, else the built-in one. */
    private HandoverRule settingsFor(HandoverReason reason) {
        return policy.ruleFor(reason)
                .orElseGet(() -> HandoverRule.builder(reason.code())
                        .description("Built-in " + reason.label().toLowerCase(java.util.Locale.ROOT) + " handover")
                        .when(Condition.open())
                        .reason(reason)
                        .to(Target.nextShift())
                        .action(
                                "Review the handover and update the customer",
                                ActionOwner.RECEIVER,
                                Duration.ofHours(2))
                        .acknowledgeWithin(Duration.ofMinutes(30))
                        .reminders(ReminderPolicy.STANDARD.name())
                        .repeatable()
                        .build());
    }

    private List<HandoverResult> bulk(
            List<Agent> senders, HandoverRule settings, Instant at, Optional<Instant> returnAt, Directory dir) {
        LiveWorkload workload = new LiveWorkload(crm);
        List<Pending> pending = new ArrayList<>();
        for (Agent sender : senders) {
            List<Ticket> open = crm.searchAll(
                            TicketQuery.builder().assignee(sender.id()).open().build())
                    .toList();
            for (Ticket t : open) {
                Function<Ticket, Planner.Spec> spec = fresh -> new Planner.Spec(
                        fresh,
                        at,
                        settings.id(),
                        settings,
                        settings.targets(),
                        Optional.of(sender),
                        settings.reason(),
                        detailFor(settings.reason(), sender, at, returnAt),
                        Optional.empty(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        settings.notifyCustomer(),
                        Optional.empty(),
                        returnAt,
                        List.of(),
                        Optional.empty(),
                        Map.of());
                pending.add(new Pending(
                        spec.apply(t),
                        fresh -> fresh.assignee().filter(sender.id()::equals).isPresent()
                                ? Optional.of(spec.apply(fresh))
                                : Optional.empty()));
            }
        }
        return execute(pending, dir, workload);
    }

    private String detailFor(HandoverReason reason, Agent sender, Instant at, Optional<Instant> returnAt) {
        if (reason.equals(HandoverReason.SHIFT_CHANGE)) {
            return sender.name() + "'s shift ends at " + Availability.describe(at, sender.timeZone());
        }
        if (reason.equals(HandoverReason.ABSENCE) && returnAt.isPresent()) {
            return sender.name() + " is away until " + Availability.describe(returnAt.get(), sender.timeZone());
        }
        return "";
    }

    private Optional<HandoverRule> firstApplicable(Ticket t, Instant now, Directory dir, LiveWorkload workload) {
        RuleContext ctx = RuleContext.of(t, now, dir, availability, workload, policy.defaultCalendar());
        for (HandoverRule r : policy.rules()) {
            if ((r.repeatable() || !t.hasTag(Planner.ruleTag(r.id())))
                    && r.condition().test(ctx)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private boolean applies(HandoverRule r, Ticket t, Instant now, Directory dir, LiveWorkload workload) {
        RuleContext ctx = RuleContext.of(t, now, dir, availability, workload, policy.defaultCalendar());
        return (r.repeatable() || !t.hasTag(Planner.ruleTag(r.id())))
                && r.condition().test(ctx);
    }

    private Planner.Spec ruleSpec(Ticket t, HandoverRule r, Instant now, Directory dir) {
        Optional<Agent> sender = t.assignee().flatMap(dir::agent);
        return new Planner.Spec(
                t,
                now,
                r.id(),
                r,
                r.targets(),
                sender,
                r.reason(),
                ruleDetail(r, t, sender, now),
                Optional.empty(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                r.notifyCustomer(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Map.of());
    }

    private String ruleDetail(HandoverRule r, Ticket t, Optional<Agent> sender, Instant now) {
        String who = sender.map(Agent::name).orElse("nobody");
        String code = r.reason().code();
        return switch (code) {
            case "language" ->
                t.effectiveLanguage()
                        .map(l -> "the customer writes in " + l.getDisplayLanguage(java.util.Locale.ENGLISH)
                                + ", which " + who + " does not speak")
                        .orElse(r.description());
            case "shift-change" ->
                sender.flatMap(a -> availability.shiftEnd(a, now))
                        .map(end -> who + "'s shift ends at "
                                + Availability.describe(end, sender.get().timeZone()))
                        .orElse(r.description());
            case "absence" ->
                sender.flatMap(a -> a.absenceAt(now))
                        .map(a -> who + " is away until "
                                + Availability.describe(a.until(), sender.get().timeZone()))
                        .orElse(r.description());
            default -> r.description() + " (rule " + r.id() + ")";
        };
    }

    private Planner.Spec requestSpec(HandoverRequest req, Ticket ticket, Instant now, Directory dir) {
        HandoverRule settings = req.rule()
                .map(id -> policy.rule(id)
                        .orElseThrow(() -> new IllegalArgumentException("the policy has no rule '" + id + "'")))
                .orElseGet(() -> settingsFor(req.reason()));
        Optional<Agent> sender = req.from()
                .map(id -> dir.agent(id)
                        .orElseThrow(() -> new IllegalArgumentException("sender " + id + " is not in the directory")))
                .or(() -> ticket.assignee().flatMap(dir::agent));
        return new Planner.Spec(
                ticket,
                now,
                Planner.MANUAL,
                settings,
                List.of(req.target()),
                sender,
                req.reason(),
                req.detail(),
                req.summary(),
                req.history(),
                req.actionsTaken(),
                req.promises(),
                req.actions(),
                req.notifyCustomer().orElse(settings.notifyCustomer()),
                req.nextContact(),
                Optional.empty(),
                List.of(),
                req.idempotencyKey(),
                Map.of());
    }

    private Ticket read(TicketId id) {
        return crm.ticket(id)
                .orElseThrow(() -> new CrmNotFoundException(crm.vendor(), "ticket " + id + " does not exist"));
    }

    /** A handover to write, and how to plan it again from a fresh read after a conflict. */
    private record Pending(Planner.Spec spec, Function<Ticket, Optional<Planner.Spec>> replan) {}

    private record Attempt(Pending pending, HandoverPlan plan) {}

    private List<HandoverResult> execute(List<Pending> pending, Directory dir, LiveWorkload workload) {
        Map<Pending, HandoverResult> results = new LinkedHashMap<>();
        List<Attempt> toWrite = new ArrayList<>();
        for (Pending p : pending) {
            planInto(p, p.spec(), dir, workload, results, toWrite);
        }
        write(toWrite, dir, workload, results, true);
        List<HandoverResult> out = new ArrayList<>();
        for (Pending p : pending) {
            out.add(results.get(p));
        }
        return out;
    }

    private void planInto(
            Pending p,
            Planner.Spec spec,
            Directory dir,
            LiveWorkload workload,
            Map<Pending, HandoverResult> results,
            List<Attempt> toWrite) {
        Ticket t = spec.ticket();
        try {
            Planner.Outcome o = planner.plan(spec, dir, workload);
            if (o instanceof Planner.Refusal r) {
                LOG.info("handover of ticket {} refused: rule {}", t.id(), spec.ruleId());
                emit(new HandoverEvent.Refused(
                        clock.instant(), t.id(), spec.ruleId(), spec.reason().code(), r.why()));
                results.put(p, HandoverResult.refused(t.id(), r.why()));
                return;
            }
            HandoverPlan plan = ((Planner.Planned) o).plan();
            workload.moved(t.assignee(), plan.receiver().agent().map(Agent::id));
            toWrite.add(new Attempt(p, plan));
        } catch (CrmException e) {
            fail(p, spec, Optional.empty(), e, results);
        }
    }

    private void write(
            List<Attempt> attempts,
            Directory dir,
            LiveWorkload workload,
            Map<Pending, HandoverResult> results,
            boolean mayReplan) {
        if (attempts.isEmpty()) {
            return;
        }
        List<Attempt> remaining = attempts;
        List<Attempt> conflicted = new ArrayList<>();
        java.util.Set<Attempt> failedBefore = new java.util.HashSet<>();
        for (int attempt = 1; !remaining.isEmpty(); attempt++) {
            List<UpdateResult> written = writeAll(remaining);
            List<Attempt> retry = new ArrayList<>();
            CrmException lastRetryable = null;
            for (int i = 0; i < remaining.size(); i++) {
                Attempt a = remaining.get(i);
                UpdateResult r = written.get(i);
                if (r.isSuccess()) {
                    // a replay after our own transient failure is our write that landed (its response was lost)
                    succeeded(a, r.status() == UpdateResult.Status.REPLAYED && !failedBefore.contains(a), results);
                    continue;
                }
                CrmException e = r.error().get();
                if (e instanceof CrmConflictException && mayReplan) {
                    workload.moved(
                            a.plan().receiver().agent().map(Agent::id),
                            a.plan().ticket().assignee());
                    conflicted.add(a);
                } else if (e.isRetryable() && retries.canRetry(attempt)) {
                    retry.add(a);
                    failedBefore.add(a);
                    lastRetryable = e;
                } else {
                    fail(a.pending(), a.pending().spec(), Optional.of(a.plan()), e, results);
                }
            }
            if (!retry.isEmpty()) {
                retries.pause(lastRetryable, attempt);
            }
            remaining = retry;
        }
        if (!conflicted.isEmpty()) {
            replan(conflicted, dir, workload, results);
        }
    }

    Retries retries() {
        return retries;
    }

    private List<UpdateResult> writeAll(List<Attempt> attempts) {
        List<TicketUpdate> updates =
                attempts.stream().map(a -> a.plan().update()).toList();
        if (updates.size() == 1) {
            try {
                return List.of(crm.apply(updates.get(0)));
            } catch (CrmException e) {
                return List.of(UpdateResult.failed(updates.get(0).ticket(), e));
            }
        }
        try {
            return crm.applyAll(updates);
        } catch (CrmException e) {
            // the whole call failed before any per-item outcome was known: every item failed the same way
            return updates.stream().map(u -> UpdateResult.failed(u.ticket(), e)).toList();
        }
    }

    private void replan(
            List<Attempt> conflicted, Directory dir, LiveWorkload workload, Map<Pending, HandoverResult> results) {
        Map<TicketId, Ticket> fresh = crm.tickets(
                conflicted.stream().map(a -> a.plan().ticket().id()).distinct().toList());
        List<Attempt> again = new ArrayList<>();
        for (Attempt a : conflicted) {
            Ticket t = fresh.get(a.plan().ticket().id());
            LOG.info(
                    "ticket {} changed while handover {} was written; re-planning once",
                    a.plan().ticket().id(),
                    a.plan().id());
            if (t == null) {
                fail(
                        a.pending(),
                        a.pending().spec(),
                        Optional.of(a.plan()),
                        new CrmNotFoundException(
                                crm.vendor(), "ticket " + a.plan().ticket().id() + " disappeared"),
                        results);
                continue;
            }
            Optional<Planner.Spec> spec = a.pending().replan().apply(t);
            if (spec.isEmpty()) {
                results.put(
                        a.pending(),
                        new HandoverResult(
                                t.id(),
                                HandoverResult.Status.NOT_APPLICABLE,
                                Optional.empty(),
                                "the ticket changed meanwhile and the handover no longer applies",
                                Optional.empty()));
                continue;
            }
            planInto(a.pending(), spec.get(), dir, workload, results, again);
        }
        write(again, dir, workload, results, false);
    }

    private void succeeded(Attempt a, boolean replayed, Map<Pending, HandoverResult> results) {
        HandoverPlan plan = a.plan();
        Instant now = clock.instant();
        MDC.put("ticket", plan.ticket().id().value());
        MDC.put("handover", plan.id().value());
        try {
            LOG.info(
                    "handover {} of ticket {} {}: rule {}, reason {}, to {}",
                    plan.id(),
                    plan.ticket().id(),
                    replayed ? "was already written (replay)" : "written",
                    plan.rule(),
                    plan.reason().code(),
                    receiverId(plan));
        } finally {
            MDC.remove("ticket");
            MDC.remove("handover");
        }
        emit(new HandoverEvent.Executed(
                now,
                plan.ticket().id(),
                plan.id(),
                plan.rule(),
                plan.reason().code(),
                plan.sender().map(Agent::id),
                plan.receiver().agent().map(Agent::id),
                plan.receiver().group().map(g -> g.id()),
                replayed,
                plan.customerNotice().isPresent(),
                plan.update().newTasks().size(),
                plan.missing(),
                plan.note().chain().size() + 1,
                plan.note().acknowledgeBy()));
        for (String w : plan.warnings()) {
            emit(new HandoverEvent.Warned(now, plan.ticket().id(), plan.id(), w));
        }
        results.put(a.pending(), HandoverResult.done(plan, replayed));
    }

    private void fail(
            Pending p,
            Planner.Spec spec,
            Optional<HandoverPlan> plan,
            CrmException e,
            Map<Pending, HandoverResult> results) {
        TicketId t = spec.ticket().id();
        LOG.warn(
                "handover of ticket {} failed ({}): {}",
                t,
                e.isRetryable() ? "retryable" : "not retryable",
                e.getClass().getSimpleName());
        emit(new HandoverEvent.Failed(
                clock.instant(), t, plan.map(HandoverPlan::id), spec.ruleId(), e.getMessage(), e.isRetryable()));
        results.put(p, HandoverResult.failed(t, plan, e));
    }

    private static String receiverId(HandoverPlan plan) {
        return plan.receiver()
                .agent()
                .map(a -> "agent " + a.id())
                .orElseGet(() -> "group " + plan.receiver().group().get().id());
    }

    private static List<HandoverResult> merge(
            List<TicketId> order, Map<TicketId, HandoverResult> skipped, List<HandoverResult> executed) {
        List<HandoverResult> out = new ArrayList<>();
        int next = 0;
        for (TicketId id : order) {
            HandoverResult s = skipped.get(id);
            out.add(s != null ? s : executed.get(next++));
        }
        return out;
    }

    void emit(HandoverEvent event) {
        for (HandoverListener l : listeners) {
            try {
                l.on(event);
            } catch (RuntimeException e) {
                LOG.warn("a handover listener failed on a {} event of ticket {}", event.type(), event.ticket(), e);
            }
        }
    }

    /** Builds {@link Handovers}; fails fast on a missing connector or policy and on references the CRM does not know. */
    public static final class Builder {
        private CrmConnector connector;
        private HandoverPolicy policy;
        private Clock clock = Clock.systemUTC();
        private final List<HandoverListener> listeners = new ArrayList<>();
        private Duration directoryTtl = Duration.ofMinutes(5);
        private int attempts = 3;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private boolean checkReferences = true;
        private Directory checked;
        private java.util.function.UnaryOperator<Directory> overlay = d -> d;

        private Builder() {}

        /** The CRM. An explicitly passed connector always wins over discovery. */
        public Builder connector(CrmConnector connector) {
            if (this.connector != null) {
                throw new IllegalStateException("connector already set");
            }
            this.connector = Objects.requireNonNull(connector, "connector");
            return this;
        }

        /** The organisation's procedure. */
        public Builder policy(HandoverPolicy policy) {
            if (this.policy != null) {
                throw new IllegalStateException("policy already set");
            }
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The clock (default system UTC); tests pass a fake one. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Adds a listener of handover events. */
        public Builder listener(HandoverListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** How long the agent directory is cached (default 5 min). */
        public Builder directoryTtl(Duration ttl) {
            Objects.requireNonNull(ttl, "directory ttl");
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("directory ttl must not be negative, was " + ttl);
            }
            this.directoryTtl = ttl;
            return this;
        }

        /** How often a write that failed transiently is tried in all (default 3; 1 = no retry). */
        public Builder attempts(int attempts) {
            if (attempts < 1 || attempts > 10) {
                throw new IllegalArgumentException("attempts must be 1–10, was " + attempts);
            }
            this.attempts = attempts;
            return this;
        }

        /**
         * How the engine waits between attempts (default {@link Sleeper#SYSTEM}, the wall clock); tests pass one that
         * advances a simulated clock, such as {@code clock::advance}.
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Merges what the team knows about its people into the CRM's directory on every read: skills, languages, shifts,
         * managers, capacities and absences the CRM does not hold (the runner's {@code team} section).
         */
        public Builder directoryOverlay(java.util.function.UnaryOperator<Directory> overlay) {
            this.overlay = Objects.requireNonNull(overlay, "overlay");
            return this;
        }

        /** Skips checking the policy's agent and group references against the directory at build time. */
        public Builder skipReferenceCheck() {
            this.checkReferences = false;
            return this;
        }

        /**
         * The engine. Reads the directory once to check that every agent and group the policy names exists.
         *
         * @throws IllegalStateException when the connector or policy is missing
         * @throws IllegalArgumentException naming the rule and the id when the policy refers to an unknown agent or
         *     group
         */
        public Handovers build() {
            if (connector == null) {
                throw new IllegalStateException("a connector is required: Handovers.builder().connector(...)");
            }
            if (policy == null) {
                throw new IllegalStateException("a policy is required: Handovers.builder().policy(...)");
            }
            if (checkReferences) {
                checked = overlay.apply(connector.directory());
                checkReferences(checked);
            }
            return new Handovers(this);
        }

        private void checkReferences(Directory dir) {
            for (HandoverRule r : policy.rules()) {
                for (Target t : r.targets()) {
                    String where = "rule " + r.id() + ": target " + t.describe() + " ";
                    if (t instanceof Target.NamedAgent n && dir.agent(n.agent()).isEmpty()) {
                        throw new IllegalArgumentException(where + "names agent " + n.agent() + ", who is not in the "
                                + connector.vendor() + " directory");
                    }
                    Optional<GroupId> g = t instanceof Target.GroupQueue q
                            ? Optional.of(q.group())
                            : t instanceof Target.BestAvailable b
                                    ? Optional.of(b.group())
                                    : t instanceof Target.NextShift s ? s.team() : Optional.empty();
                    if (g.isPresent() && dir.group(g.get()).isEmpty()) {
                        throw new IllegalArgumentException(where + "names group " + g.get() + ", which is not in the "
                                + connector.vendor() + " directory");
                    }
                }
            }
            for (ReminderPolicy p : policy.reminderPolicies().values()) {
                for (EscalationStep s : p.ladder()) {
                    s.agent().filter(a -> dir.agent(a).isEmpty()).ifPresent(a -> {
                        throw new IllegalArgumentException("reminder policy " + p.name() + ": escalation names agent "
                                + a + ", who is not in the directory");
                    });
                    s.group().filter(g -> dir.group(g).isEmpty()).ifPresent(g -> {
                        throw new IllegalArgumentException("reminder policy " + p.name() + ": escalation names group "
                                + g + ", which is not in the directory");
                    });
                }
            }
            for (GroupId team : policy.teamCalendars().keySet()) {
                if (dir.group(team).isEmpty()) {
                    throw new IllegalArgumentException(
                            "the policy has working hours for team " + team + ", which is not in the directory");
                }
            }
        }
    }
}
