package dev.handover.core.followup;

import static dev.handover.core.followup.Wording.name;
import static dev.handover.core.followup.Wording.positive;
import static dev.handover.core.followup.Wording.when;

import dev.handover.core.Acknowledgement;
import dev.handover.core.HandoverResult;
import dev.handover.core.Partition;
import dev.handover.core.SweepResult;
import dev.handover.core.event.HandoverEvent;
import dev.handover.core.event.HandoverListener;
import dev.handover.core.marker.StepRecord;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.retry.Retries;
import dev.handover.core.rule.Workload;
import dev.handover.core.wording.Durations;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Follows handovers up: acknowledgements, check-ins, reminders, completion checks, re-targeting and escalation, driven
 * by each handover's follow-up task and recorded on the ticket.
 *
 * <p>The sweep reads only what is due — open follow-up tasks due now — so its cost follows the number of due items,
 * not the number of open handovers. For each it reads the ticket, the handover's tasks and its conversation since the
 * handover; works out what is done, what is due, why the rest is not done and what it means for the customer
 * ({@link Checkpoint}); and writes one update: a note whose last line records the steps taken, task changes, and the
 * follow-up task moved to the next checkpoint. The recorded steps make a second sweep at the same instant a no-op;
 * the ticket version and a key derived from the steps make two sweepers at once write once.
 *
 * <p>It needs of the engine only what it is given: the directory, a workload reader, the {@link Reassigning} that
 * writes hand-backs and re-targets, the retries and a sink for its events.
 */
public final class FollowUp {
    private final CrmConnector crm;
    private final Clock clock;
    private final Supplier<Directory> directory;
    private final Function<Set<AgentId>, Workload> workloads;
    private final Reassigning reassigning;
    private final Retries retries;
    private final HandoverListener events;
    private final Checkpoint checkpoint;

    /**
     * @param policy the organisation's procedure, with its reminder policies and wording
     * @param crm the CRM
     * @param clock the engine's clock
     * @param directory the agent directory, as the engine caches it
     * @param workloads reads the open tickets of these agents in one call, and of others when asked
     * @param reassigning writes the hand-backs and re-targets the follow-up decides on
     * @param retries how writes that failed transiently are tried again
     * @param events where the follow-up's events go
     */
    public FollowUp(
            HandoverPolicy policy,
            CrmConnector crm,
            Clock clock,
            Supplier<Directory> directory,
            Function<Set<AgentId>, Workload> workloads,
            Reassigning reassigning,
            Retries retries,
            HandoverListener events) {
        this.crm = crm;
        this.clock = clock;
        this.directory = directory;
        this.workloads = workloads;
        this.reassigning = reassigning;
        this.retries = retries;
        this.events = events;
        this.checkpoint = new Checkpoint(policy, new FollowUpTasks(policy), reassigning);
    }

    /** Follows up the due handovers of this worker's share of tickets. */
    public SweepResult sweep(Partition partition) {
        return sweep(partition, () -> false);
    }

    /**
     * Follows up the due handovers of this worker's share, reading no further handover once {@code stop} answers true:
     * those stay due for the next sweep, and what was read is written.
     */
    public SweepResult sweep(Partition partition, BooleanSupplier stop) {
        Instant now = clock.instant();
        Counts counts = new Counts();
        List<String> failures = new ArrayList<>();
        List<Task> due = crm.allTasks(TaskQuery.builder()
                        .open()
                        .kind(TaskKind.FOLLOW_UP)
                        .dueAtOrBefore(now)
                        .build())
                .toList();
        List<Task> mine = due.stream().filter(t -> partition.owns(t.ticket())).toList();
        int others = due.size() - mine.size();
        if (mine.isEmpty()) {
            return new SweepResult(now, 0, others, Map.of(), 0, List.of());
        }
        Directory dir = directory.get();

        // hand-backs after an absence: one engine call per returning owner
        Map<AgentId, List<Task>> handBacks = new LinkedHashMap<>();
        List<Task> watchers = new ArrayList<>();
        for (Task t : mine) {
            if (Keys.Task.HAND_BACK.is(t)) {
                handBacks.computeIfAbsent(t.owner(), k -> new ArrayList<>()).add(t);
            } else if (Keys.Task.FOLLOW_UP.is(t)) {
                watchers.add(t);
            }
        }
        handBacks.forEach((owner, tasks) -> dir.agent(owner)
                .ifPresentOrElse(
                        agent -> {
                            for (HandoverResult r : reassigning.handBack(agent, tasks, dir)) {
                                if (r.isHandedOver()) {
                                    counts.add(SweepResult.Kind.HAND_BACKS);
                                } else if (r.status() == HandoverResult.Status.FAILED) {
                                    failures.add("ticket " + r.ticket() + ": hand-back failed: " + r.message());
                                }
                            }
                        },
                        () -> failures.add(
                                "hand-back tasks of " + owner + ", who is not in the directory, were left open")));

        Map<TicketId, Ticket> tickets =
                crm.tickets(watchers.stream().map(t -> t.ticket()).distinct().toList());
        // read every due handover's conversation and tasks first, so everyone's workload is read in one call
        List<Checkpoint.Loaded> loaded = new ArrayList<>();
        int reached = 0;
        for (Task w : watchers) {
            // a stop (SIGTERM) must not wait for every due handover's reads, each retried through faults: the rest
            // stay due, and a later sweep settles the steps they missed
            if (stop.getAsBoolean()) {
                FollowUpLog.LOG.info(
                        "sweep stopped: {} due follow-ups left for the next sweep", watchers.size() - reached);
                break;
            }
            reached++;
            Ticket ticket = tickets.get(w.ticket());
            if (ticket == null) {
                failures.add("ticket " + w.ticket() + " of handover " + w.handover()
                        + " no longer exists; its follow-up task was left open");
                continue;
            }
            try {
                loaded.add(load(w, ticket));
            } catch (CrmException e) {
                failures.add("ticket " + w.ticket() + ": " + e.getMessage());
            }
        }
        Set<AgentId> owners = new LinkedHashSet<>();
        for (Checkpoint.Loaded l : loaded) {
            l.thread().record.ifPresent(r -> {
                r.to().ifPresent(owners::add);
                r.actions().forEach(a -> a.owner().ifPresent(owners::add));
            });
        }
        Workload workload = workloads.apply(owners);

        List<Work> batch = new ArrayList<>();
        for (Checkpoint.Loaded l : loaded) {
            try {
                Work work = checkpoint.evaluate(l, dir, workload, now, counts);
                if (work != null && !work.isEmpty()) {
                    batch.add(work);
                }
            } catch (CrmException e) {
                failures.add("ticket " + l.ticket().id() + ": " + e.getMessage());
            }
        }
        // a ticket with several due follow-ups (a chain: the superseded ones close beside the current one) is written
        // once per round, each round reading the ticket as the round before left it — never a conflict with itself
        Map<TicketId, List<Work>> byTicket = new LinkedHashMap<>();
        batch.forEach(w ->
                byTicket.computeIfAbsent(w.ticket.id(), k -> new ArrayList<>()).add(w));
        write(byTicket.values().stream().map(l -> l.get(0)).toList(), dir, workload, now, counts, failures, true);
        for (int round = 1; ; round++) {
            int k = round;
            List<Work> next = byTicket.values().stream()
                    .filter(l -> l.size() > k)
                    .map(l -> l.get(k))
                    .toList();
            if (next.isEmpty()) {
                break;
            }
            Map<TicketId, Ticket> fresh =
                    crm.tickets(next.stream().map(w -> w.ticket.id()).toList());
            List<Work> again = new ArrayList<>();
            for (Work w : next) {
                Ticket t = fresh.get(w.ticket.id());
                if (t == null) {
                    continue;
                }
                try {
                    Work redo = checkpoint.evaluate(load(w.watcher, t), dir, workload, now, counts);
                    if (redo != null && !redo.isEmpty()) {
                        again.add(redo);
                    }
                } catch (CrmException e) {
                    failures.add("ticket " + t.id() + ": " + e.getMessage());
                }
            }
            write(again, dir, workload, now, counts, failures, true);
        }
        SweepResult result = new SweepResult(now, mine.size(), others, counts.byKind(), counts.writes, failures);
        FollowUpLog.LOG.info("{}", result.summary());
        return result;
    }

    private void write(
            List<Work> batch,
            Directory dir,
            Workload workload,
            Instant now,
            Counts counts,
            List<String> failures,
            boolean mayRetry) {
        List<Work> remaining = batch;
        Set<Work> failedBefore = new HashSet<>();
        List<Work> conflicted = new ArrayList<>();
        for (int attempt = 1; !remaining.isEmpty(); attempt++) {
            List<TicketUpdate> updates = remaining.stream().map(Work::update).toList();
            int size = crm.capabilities().maxWriteBatchSize();
            counts.writes += (updates.size() + size - 1) / size;
            List<UpdateResult> results;
            try {
                results = updates.size() == 1 ? List.of(applyOne(updates.get(0))) : crm.applyAll(updates);
            } catch (CrmException e) {
                results = updates.stream()
                        .map(u -> UpdateResult.failed(u.ticket(), e))
                        .toList();
            }
            List<Work> retry = new ArrayList<>();
            CrmException transientError = null;
            for (int i = 0; i < remaining.size(); i++) {
                Work w = remaining.get(i);
                UpdateResult r = results.get(i);
                // a replay after our own transient failure is our write that landed; otherwise another sweep's
                if (r.status() == UpdateResult.Status.APPLIED
                        || (r.status() == UpdateResult.Status.REPLAYED && failedBefore.contains(w))) {
                    w.counts.addTo(counts);
                    w.events.forEach(events::on);
                } else if (r.status() == UpdateResult.Status.REPLAYED) {
                    FollowUpLog.LOG.debug("follow-up of handover {} was already written (another sweep)", w.handover);
                } else if (r.error().get() instanceof CrmConflictException && mayRetry) {
                    conflicted.add(w);
                } else if (r.error().get().isRetryable() && retries.canRetry(attempt)) {
                    failedBefore.add(w);
                    retry.add(w);
                    transientError = r.error().get();
                } else {
                    failures.add("ticket " + w.ticket.id() + ": follow-up of handover " + w.handover + " failed: "
                            + r.error().get().getMessage());
                }
            }
            if (!retry.isEmpty()) {
                retries.pause(transientError, attempt);
            }
            remaining = retry;
        }
        if (!conflicted.isEmpty()) {
            // the ticket changed since it was read (a person, or another sweep): read again and redo once
            Map<TicketId, Ticket> fresh =
                    crm.tickets(conflicted.stream().map(w -> w.ticket.id()).toList());
            List<Work> again = new ArrayList<>();
            for (Work w : conflicted) {
                Ticket t = fresh.get(w.ticket.id());
                if (t == null) {
                    continue;
                }
                Work redo = checkpoint.evaluate(load(w.watcher, t), dir, workload, now, new Counts());
                if (redo != null && !redo.isEmpty()) {
                    again.add(redo);
                }
            }
            write(again, dir, workload, now, counts, failures, false);
        }
    }

    private UpdateResult applyOne(TicketUpdate u) {
        try {
            return crm.apply(u);
        } catch (CrmException e) {
            return UpdateResult.failed(u.ticket(), e);
        }
    }

    private Checkpoint.Loaded load(Task watcher, Ticket ticket) {
        FollowUpThread thread = FollowUpThread.read(crm, ticket.id(), watcher.handover());
        List<Task> tasks = crm.allTasks(
                        TaskQuery.builder().handover(watcher.handover()).build())
                .toList();
        return new Checkpoint.Loaded(watcher, ticket, thread, tasks);
    }

    /**
     * The receiver acknowledges: the acknowledgement task completes and a note records it, once.
     *
     * @throws IllegalArgumentException when the handover has no acknowledgement task or it is someone else's
     */
    public Acknowledgement acknowledge(HandoverId handover, AgentId by) {
        return acknowledge(handover, by, clock.instant(), java.util.Optional.empty(), Set.of(), "");
    }

    /**
     * The receiver acknowledges at {@code at} (when they wrote it, which may be before this call), as {@link
     * #acknowledge(HandoverId, AgentId)} does; the note also records {@code steps} (the inbox's mark of the command it
     * answers) and says {@code how} (" in the ticket"), and an acknowledgement given before is answered with a note
     * that says so when {@code steps} is not empty, so the command is answered once. {@code handedOver} is when the
     * handover's note was written, where the caller read it; otherwise the acknowledgement task's creation (a CRM that
     * keeps tasks in the ticket may date them by its last change).
     */
    public Acknowledgement acknowledge(
            HandoverId handover,
            AgentId by,
            Instant at,
            java.util.Optional<Instant> handedOverAt,
            Set<String> steps,
            String how) {
        Instant now = at;
        List<Task> tasks =
                crm.allTasks(TaskQuery.builder().handover(handover).build()).toList();
        Task ack = tasks.stream()
                .filter(Keys.Task.ACKNOWLEDGEMENT::is)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "handover " + handover + " has no acknowledgement task: it asked for none, or it is unknown"));
        if (!ack.owner().equals(by)) {
            throw new IllegalArgumentException(
                    "handover " + handover + " is for " + ack.owner() + " to acknowledge," + " not " + by);
        }
        Instant handedOver = handedOverAt.orElse(ack.createdAt());
        if (!ack.isOpen()) {
            Instant earlier = ack.completedAt().orElse(now);
            if (!steps.isEmpty()) {
                crm.apply(TicketUpdate.builder(ack.ticket())
                        .note(NoteDraft.internal("Handover " + handover + " was acknowledged already, at "
                                + when(earlier) + "; nothing more to do." + "\n"
                                + new StepRecord(handover, steps, clock.instant()).format()))
                        .idempotencyKey("ack-again:" + handover.value() + ":" + String.join(",", steps))
                        .build());
            }
            return new Acknowledgement(
                    handover, ack.ticket(), by, earlier, positive(Duration.between(handedOver, earlier)), true);
        }
        Directory dir = directory.get();
        Duration latency = positive(Duration.between(handedOver, now));
        Set<String> recorded = new java.util.LinkedHashSet<>();
        recorded.add(Keys.done(Item.ACKNOWLEDGEMENT));
        recorded.addAll(steps);
        String text = "Handover " + handover + " acknowledged by " + name(by, dir) + how + " at " + when(now) + " ("
                + Durations.describe(latency.isZero() ? Duration.ofSeconds(1) : latency) + " after the handover)."
                + "\n" + new StepRecord(handover, recorded, now).format();
        UpdateResult r = crm.apply(TicketUpdate.builder(ack.ticket())
                .note(NoteDraft.internal(text))
                .changeTask(TaskChange.complete(ack.id()))
                .idempotencyKey("ack:" + handover.value())
                .build());
        if (r.status() == UpdateResult.Status.APPLIED) {
            events.on(new HandoverEvent.Acknowledged(
                    now, ack.ticket(), handover, by, HandoverEvent.AcknowledgementMethod.EXPLICIT, now, latency));
        }
        return new Acknowledgement(
                handover, ack.ticket(), by, now, latency, r.status() == UpdateResult.Status.REPLAYED);
    }
}
