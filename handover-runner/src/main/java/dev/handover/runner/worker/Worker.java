package dev.handover.runner.worker;

import dev.handover.core.HandoverResult;
import dev.handover.core.Handovers;
import dev.handover.core.InboxResult;
import dev.handover.core.ReconcileResult;
import dev.handover.core.SweepResult;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.runner.config.WorkerConfig;
import dev.handover.runner.journal.Journal;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.model.Absence;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker: each pass reads the tickets changed since the last one and applies the rules to them, hands over the open
 * tickets of agents whose shift has just ended or whose absence has just begun (when the policy has a rule for it),
 * sweeps due follow-ups and, now and then, reconciles. Tickets a webhook reports are evaluated between passes, at once.
 *
 * <p>Its position is kept in a state file, written after each step; a pass cut off by a crash is noticed at the next
 * start, and the handovers it wrote to the CRM but not to the journal are journaled then (see {@link Recovery}).
 *
 * <p>One thread runs the worker; {@link #stop()} may be called from any thread and lets the current batch finish.
 */
public final class Worker {
    private static final Logger LOG = LoggerFactory.getLogger("handover.worker");
    /** Re-read a little before the cursor: ticket times are kept to the second and searches lag a little. */
    static final Duration OVERLAP = Duration.ofMinutes(1);
    /** How long before its first failure a failed handover may have been written (the engine's retries, job polls). */
    private static final Duration RETRY_WINDOW = Duration.ofHours(1);

    private final Handovers handovers;
    private final CrmConnector crm;
    private final Journal journal;
    private final WriteAhead writeAhead;
    private final WorkerConfig config;
    private final HandoverPolicy policy;
    private final Supplier<Directory> directory;
    private final Clock clock;
    /** Wakes a waiting worker; compared by identity, so no real ticket id can be mistaken for it. */
    private static final TicketId WAKE = new TicketId("wake");

    private static final InboxResult NO_INBOX = new InboxResult(0, 0, 0, 0, List.of());

    private final BlockingQueue<TicketId> incoming = new LinkedBlockingQueue<>();
    private volatile boolean stopping;
    private Progress progress = (done, total) -> {};
    private WorkerState state;
    private WorkerHealth health;
    private java.util.Optional<java.nio.file.Path> healthFile = java.util.Optional.empty();

    private long journalFailuresAtBegin;

    /**
     * A worker.
     *
     * @param handovers the engine
     * @param crm the connector the engine uses (wrapped by {@code writeAhead})
     * @param journal the journal the engine's events go to
     * @param writeAhead the record of tickets written to, for recovery
     * @param config the worker settings
     * @param policy the policy (for the shift-change and absence rules)
     * @param directory the directory with the team overlay
     * @param clock the clock
     */
    public Worker(
            Handovers handovers,
            CrmConnector crm,
            Journal journal,
            WriteAhead writeAhead,
            WorkerConfig config,
            HandoverPolicy policy,
            Supplier<Directory> directory,
            Clock clock) {
        this.handovers = Objects.requireNonNull(handovers, "handovers");
        this.crm = Objects.requireNonNull(crm, "crm");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.writeAhead = Objects.requireNonNull(writeAhead, "write-ahead");
        this.config = Objects.requireNonNull(config, "config");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What one pass did.
     *
     * @param polled changed tickets read
     * @param results what became of the tickets evaluated (polled, webhook, shift ends, absences)
     * @param sweep the follow-up sweep, if one was due
     * @param reconcile the reconcile, if one was due
     * @param recovered handovers journaled after a crash
     * @param failures what failed, in words
     * @param inbox what agents wrote in the changed tickets' notes ({@code #handover ack}, {@code #handover
     *     feedback …}) and what was done about it
     */
    public record Pass(
            int polled,
            Map<HandoverResult.Status, Integer> results,
            java.util.Optional<SweepResult> sweep,
            java.util.Optional<ReconcileResult> reconcile,
            int recovered,
            List<String> failures,
            InboxResult inbox) {
        /** Copies. */
        public Pass {
            results = Map.copyOf(results);
            failures = List.copyOf(failures);
            java.util.Objects.requireNonNull(inbox, "inbox");
        }

        /** How many tickets ended in this state. */
        public int count(HandoverResult.Status s) {
            return results.getOrDefault(s, 0);
        }

        /** True when nothing failed. */
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    /** Told how far the evaluation of a pass's tickets has got, after each batch. */
    @FunctionalInterface
    public interface Progress {
        /** {@code done} of {@code total} tickets evaluated. */
        void evaluated(int done, int total);
    }

    /** Reports progress of long passes (a first pass over a long look-back) to this listener. */
    public void progress(Progress listener) {
        this.progress = Objects.requireNonNull(listener, "progress");
    }

    /**
     * Tells this health record how the loop goes, and touches {@code file} (when given) after every pass without a
     * failure, for a probe that looks at its modification time.
     */
    public void health(WorkerHealth record, java.util.Optional<java.nio.file.Path> file) {
        this.health = Objects.requireNonNull(record, "health");
        this.healthFile = Objects.requireNonNull(file, "file");
    }

    /** Asks the worker to stop after the current batch. */
    public void stop() {
        stopping = true;
        if (health != null) {
            health.stopping();
        }
        incoming.offer(WAKE);
    }

    /** True once {@link #stop()} was called. */
    public boolean stopping() {
        return stopping;
    }

    /** Queues a ticket a webhook reported; evaluated at once by the running worker. */
    public void submit(TicketId ticket) {
        if (!stopping) {
            incoming.offer(Objects.requireNonNull(ticket, "ticket"));
        }
    }

    /** Runs passes until stopped, evaluating webhook tickets in between. */
    public void run() {
        while (!stopping) {
            Pass p = pass();
            log(p);
            Instant next = clock.instant().plus(config.pollInterval());
            while (!stopping && clock.instant().isBefore(next)) {
                long waitMs =
                        Math.max(1, Duration.between(clock.instant(), next).toMillis());
                try {
                    TicketId first = incoming.poll(waitMs, TimeUnit.MILLISECONDS);
                    if (first != null && !stopping) {
                        evaluateQueued(first);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                }
            }
        }
        LOG.info("stopped");
    }

    /** Evaluates the tickets webhooks reported since the last call; returns how many. */
    public int evaluateQueued() {
        TicketId first = incoming.poll();
        return first == null ? 0 : evaluateQueued(first);
    }

    private int evaluateQueued(TicketId first) {
        List<TicketId> drained = new ArrayList<>();
        drained.add(first);
        incoming.drainTo(drained);
        Set<TicketId> ids = new LinkedHashSet<>();
        drained.stream().filter(id -> id != WAKE).forEach(ids::add);
        if (ids.isEmpty() || stopping) {
            return 0;
        }
        Map<HandoverResult.Status, Integer> counts = new EnumMap<>(HandoverResult.Status.class);
        List<String> failures = new ArrayList<>();
        // a webhook's handovers are covered by the write-ahead record as a pass's are: the state says an evaluation
        // runs until its events are journaled, so a crash in between is recovered at the next start
        if (begin(clock.instant(), failures) >= 0) {
            try {
                List<Ticket> tickets = crm.tickets(ids).values().stream()
                        .filter(t -> config.partition().owns(t.id()))
                        .toList();
                evaluate(tickets, counts, failures);
                inbox(tickets, failures);
            } catch (CrmException e) {
                failures.add("webhook tickets " + ids + ": " + e.getMessage());
            }
            end(failures);
        }
        LOG.info("webhook tickets={} {} failures={}", ids.size(), counts(counts), failures.size());
        failures.forEach(f -> LOG.warn("failed {}", f));
        return ids.size();
    }

    /** One pass: recover if the last one was cut off, poll, schedule, sweep and reconcile when due. */
    public Pass pass() {
        Instant now = clock.instant();
        if (health != null) {
            health.beat();
        }
        List<String> failures = new ArrayList<>();
        int recovered = begin(now, failures);
        if (recovered < 0) {
            passEnded(false, false);
            return new Pass(0, Map.of(), java.util.Optional.empty(), java.util.Optional.empty(), 0, failures, NO_INBOX);
        }
        boolean crmRead = true;

        Map<HandoverResult.Status, Integer> counts = new EnumMap<>(HandoverResult.Status.class);
        int polled = 0;
        InboxResult inbox = NO_INBOX;
        Instant since = state.cursor();
        boolean keepCursor = false;
        try {
            List<Ticket> changed = crm.searchAll(
                            TicketQuery.builder().updatedSince(since).open().build())
                    .filter(t -> config.partition().owns(t.id()))
                    .toList();
            polled = changed.size();
            evaluate(withRetries(changed, now, failures), counts, failures);
            if (!stopping) {
                inbox = inbox(changed, failures);
                try {
                    inbox = plus(inbox, inbox(commentedOnly(since, changed), failures));
                } catch (CrmException e) {
                    failures.add("inbox: reading tickets commented since " + since + ": " + e.getMessage());
                    // after a passing outage the next pass asks from this cursor again; a refusal would hold it for
                    // good
                    keepCursor = e.isRetryable();
                }
            }
            if (!stopping && !keepCursor) {
                Instant next = now.minus(OVERLAP);
                state = state.withCursor(next.isAfter(state.cursor()) ? next : state.cursor());
            }
        } catch (CrmException e) {
            failures.add("reading changed tickets: " + e.getMessage());
            crmRead = false;
        }
        if (!stopping) {
            schedule(now, counts, failures);
        }
        java.util.Optional<SweepResult> sweep = java.util.Optional.empty();
        if (!stopping && !now.isBefore(state.lastSweep().plus(config.sweepEvery()))) {
            try {
                SweepResult s = handovers.sweep(config.partition(), () -> stopping);
                sweep = java.util.Optional.of(s);
                s.failures().forEach(f -> failures.add("sweep: " + f));
                if (!stopping) {
                    // a sweep cut short by a stop left due follow-ups: the next start sweeps at once
                    state = state.swept(now);
                }
            } catch (CrmException e) {
                failures.add("sweep: " + e.getMessage());
            }
        }
        java.util.Optional<ReconcileResult> reconcile = java.util.Optional.empty();
        // due by time, or at once after a recovery (see WorkerState.reconcileDue)
        if (!stopping && !now.isBefore(state.lastReconcile().plus(config.reconcileEvery()))) {
            Duration window = config.reconcileEvery().multipliedBy(2);
            if (window.compareTo(config.lookback()) < 0) {
                window = config.lookback();
            }
            try {
                ReconcileResult r = handovers.reconcile(now.minus(window));
                reconcile = java.util.Optional.of(r);
                r.failures().forEach(f -> failures.add("reconcile: " + f));
                state = state.reconciled(now);
            } catch (CrmException e) {
                failures.add("reconcile: " + e.getMessage());
            }
        }
        end(failures);
        passEnded(crmRead, failures.isEmpty());
        return new Pass(polled, counts, sweep, reconcile, recovered, failures, inbox);
    }

    /** Tells the health record, and touches the health file after a pass without failures. */
    private void passEnded(boolean crmRead, boolean ok) {
        if (health != null) {
            health.passEnded(crmRead, ok);
        }
        if (ok && healthFile.isPresent()) {
            java.nio.file.Path f = healthFile.get();
            try {
                // its modification time is what a probe reads; the text says the same for a person
                java.nio.file.Files.writeString(f, clock.instant() + "\n", java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException | RuntimeException e) {
                LOG.warn("the health file {} cannot be written: {}", f, e.getMessage());
            }
        }
    }

    /**
     * Starts a pass or a webhook evaluation: recovers what a cut-off one wrote but did not journal, then records in the
     * state that one runs. Returns how many handovers were recovered, or -1 (with the failure added) when recovery
     * could not read the CRM and nothing may run yet.
     */
    private int begin(Instant now, List<String> failures) {
        if (state == null) {
            state = WorkerState.read(config.state())
                    .orElseGet(() -> WorkerState.fresh(now.minus(config.lookback()), now));
        }
        int recovered = 0;
        if (state.passStartedAt().isPresent()) {
            state = state.reconcileDue();
            Instant since = state.passStartedAt().get().minus(OVERLAP);
            LOG.warn(
                    "the last pass (started {}) did not finish: recovering handovers written since {}",
                    state.passStartedAt().get(),
                    since);
            try {
                replay(writeAhead.pendingUpdates());
                recovered = new Recovery(crm, journal, directory).recover(writeAhead.tickets(), since);
                writeAhead.clear();
            } catch (CrmException e) {
                failures.add("recovery: " + e.getMessage());
                return -1;
            }
        }
        if (health != null) {
            health.stateLoaded();
        }
        state = state.started(now);
        state.write(config.state());
        journalFailuresAtBegin = journal.failedAppends();
        return recovered;
    }

    /**
     * Sends the kept writes of a cut-off pass again, where the CRM writes a handover in several requests: with the same
     * idempotency key the connector writes what the killed process did not (the notice after the note, the tasks).
     * A write that another writer overtook meanwhile is refused as a conflict and left alone.
     */
    private void replay(List<TicketUpdate> pending) {
        for (TicketUpdate u : pending) {
            try {
                UpdateResult r = crm.apply(u);
                LOG.info(
                        "completed the cut-off write {} to ticket {}: {}",
                        u.idempotencyKey().orElse("?"),
                        u.ticket(),
                        r.status());
            } catch (CrmConflictException | CrmInvalidRequestException | CrmNotFoundException e) {
                LOG.warn(
                        "the cut-off write {} to ticket {} is not sent again: {}",
                        u.idempotencyKey().orElse("?"),
                        u.ticket(),
                        e.getMessage());
            }
        }
    }

    /**
     * Ends a pass or a webhook evaluation: the handovers of writes whose answer was lost are recovered from the CRM;
     * every write it made is journaled now — unless a journal line could not be
     * written (a full disk), when it stays marked as cut off, with its write-ahead record, so the next pass recovers
     * those handovers from the CRM.
     */
    private void end(List<String> failures) {
        Set<TicketId> uncertain = writeAhead.uncertain();
        if (!uncertain.isEmpty()) {
            // a write whose answer was lost may have landed: a handover no evaluation reported (a sweep's re-target)
            // would otherwise be in the CRM and in no journal, for no later pass looks at that ticket for it
            try {
                Instant since = state.passStartedAt().orElse(clock.instant()).minus(OVERLAP);
                if (new Recovery(crm, journal, directory).recover(uncertain, since) > 0) {
                    state = state.reconcileDue();
                }
            } catch (CrmException e) {
                failures.add("recovering the handovers of failed writes " + uncertain + ": " + e.getMessage()
                        + "; the next pass recovers them");
                state.write(config.state());
                return;
            }
        }
        long lost = journal.failedAppends() - journalFailuresAtBegin;
        if (lost > 0) {
            failures.add("the journal " + journal.file() + ": " + lost + " event(s) could not be written; the next pass"
                    + " recovers the handovers from the CRM");
            state.write(config.state());
            return;
        }
        state = state.finished();
        state.write(config.state());
        writeAhead.clear();
    }

    /** Shift ends and absences that began since the last look, for the agents this worker owns. */
    private void schedule(Instant now, Map<HandoverResult.Status, Integer> counts, List<String> failures) {
        boolean shifts = policy.ruleFor(HandoverReason.SHIFT_CHANGE).isPresent();
        boolean absences = policy.ruleFor(HandoverReason.ABSENCE).isPresent();
        Instant last = state.lastSchedule();
        if ((shifts || absences) && now.isAfter(last)) {
            Directory dir;
            try {
                dir = directory.get();
            } catch (CrmException e) {
                failures.add("reading the directory: " + e.getMessage());
                return;
            }
            for (Agent a : dir.agents()) {
                if (stopping) {
                    return; // the schedule is looked at again from the same instant next time
                }
                if (!a.active() || !config.partition().owns(a.id().value())) {
                    continue;
                }
                try {
                    if (shifts
                            && policy.calendarOf(a).isOpen(last)
                            && !policy.calendarOf(a).isOpen(now)) {
                        tally(handovers.shiftChange(a.id(), now), counts, failures);
                    }
                    if (absences) {
                        for (Absence x : a.absences()) {
                            if (x.from().isAfter(last)
                                    && !x.from().isAfter(now)
                                    && x.until().isAfter(now)) {
                                tally(handovers.absence(a.id(), x.from(), x.until()), counts, failures);
                            }
                        }
                    }
                } catch (CrmException e) {
                    failures.add("agent " + a.id() + ": " + e.getMessage());
                }
            }
        }
        state = state.scheduled(now);
    }

    /**
     * Acts on the commands agents wrote in the tickets' internal notes. Its events reach the journal as the
     * handovers' do; a failure is tried again when the ticket next changes.
     */
    private InboxResult inbox(List<Ticket> tickets, List<String> failures) {
        InboxResult r = handovers.inbox(tickets);
        r.failures().forEach(f -> failures.add("inbox: " + f));
        return r;
    }

    /**
     * The tickets commented since the poll's cursor in a way the poll does not see (a Chatter post leaves a Salesforce
     * Case unchanged), without those it found.
     */
    private List<Ticket> commentedOnly(Instant since, List<Ticket> changed) {
        java.util.Set<TicketId> polled = changed.stream().map(Ticket::id).collect(java.util.stream.Collectors.toSet());
        List<TicketId> ids = crm.commentedSince(since).stream()
                .filter(id -> !polled.contains(id) && config.partition().owns(id))
                .toList();
        return ids.isEmpty() ? List.of() : List.copyOf(crm.tickets(ids).values());
    }

    private static InboxResult plus(InboxResult a, InboxResult b) {
        List<String> failures = new ArrayList<>(a.failures());
        failures.addAll(b.failures());
        return new InboxResult(
                a.ticketsRead() + b.ticketsRead(),
                a.acknowledged() + b.acknowledged(),
                a.feedback() + b.feedback(),
                a.notUnderstood() + b.notUnderstood(),
                failures);
    }

    /** Evaluates in batches of the connector's size, so a stop lets the current batch finish. */
    private void evaluate(List<Ticket> tickets, Map<HandoverResult.Status, Integer> counts, List<String> failures) {
        int batch = Math.max(1, crm.capabilities().maxWriteBatchSize());
        Map<String, Instant> retry = new LinkedHashMap<>(state.retry());
        for (int i = 0; i < tickets.size() && !stopping; i += batch) {
            int end = Math.min(tickets.size(), i + batch);
            List<HandoverResult> results = handovers.evaluate(tickets.subList(i, end));
            tally(results, counts, failures);
            for (HandoverResult r : results) {
                if (r.status() == HandoverResult.Status.FAILED) {
                    retry.putIfAbsent(r.ticket().value(), clock.instant());
                } else {
                    retry.remove(r.ticket().value());
                }
            }
            progress.evaluated(end, tickets.size());
            if (health != null) {
                health.beat();
            }
        }
        state = state.withRetry(retry);
    }

    /**
     * The changed tickets and those whose handover failed in an earlier pass: the cursor has moved past them, so
     * without this a handover that failed (an outage outlasting the retries, a misconfigured proxy) would wait for the
     * ticket's next change. Each is retried for up to {@code lookback} after its first failure, then given up with a
     * warning.
     */
    private List<Ticket> withRetries(List<Ticket> changed, Instant now, List<String> failures) {
        if (state.retry().isEmpty()) {
            return changed;
        }
        Map<String, Instant> retry = new LinkedHashMap<>(state.retry());
        retry.entrySet().removeIf(e -> {
            boolean old = e.getValue().plus(config.lookback()).isBefore(now);
            if (old) {
                LOG.warn("giving up on ticket={}: its handover has failed since {}", e.getKey(), e.getValue());
            }
            return old;
        });
        if (retry.isEmpty()) {
            state = state.withRetry(retry);
            return changed;
        }
        List<TicketId> failed = retry.keySet().stream().map(TicketId::new).toList();
        try {
            // a failed handover may have landed in part (its note, not all its tasks): journal it from the CRM first,
            // as after a crash; re-evaluating it then finds it done, and the reconcile adds its tasks
            Instant since =
                    retry.values().stream().min(Instant::compareTo).orElse(now).minus(RETRY_WINDOW);
            if (new Recovery(crm, journal, directory).recover(failed, since) > 0) {
                state = state.reconcileDue();
            }
        } catch (CrmException e) {
            // not evaluated before the journal has what landed of them: next pass
            failures.add("recovering failed handovers " + failed + ": " + e.getMessage());
            state = state.withRetry(retry);
            return changed.stream()
                    .filter(t -> !retry.containsKey(t.id().value()))
                    .toList();
        }
        Set<String> seen = new LinkedHashSet<>();
        changed.forEach(t -> seen.add(t.id().value()));
        List<TicketId> again =
                failed.stream().filter(id -> !seen.contains(id.value())).toList();
        List<Ticket> out = new ArrayList<>(changed);
        if (!again.isEmpty()) {
            try {
                Map<TicketId, Ticket> read = crm.tickets(again);
                for (TicketId id : again) {
                    Ticket t = read.get(id);
                    if (t == null || !t.isOpen()) {
                        retry.remove(id.value()); // gone or closed meanwhile: nothing to hand over any more
                    } else {
                        out.add(t);
                    }
                }
            } catch (CrmException e) {
                failures.add("reading tickets to retry " + again + ": " + e.getMessage());
            }
        }
        state = state.withRetry(retry);
        return out;
    }

    private static void tally(
            List<HandoverResult> results, Map<HandoverResult.Status, Integer> counts, List<String> failures) {
        for (HandoverResult r : results) {
            counts.merge(r.status(), 1, Integer::sum);
            if (r.status() == HandoverResult.Status.FAILED) {
                failures.add("ticket " + r.ticket() + ": " + r.message());
            }
        }
    }

    /** One line per pass: counts only, never ticket text. */
    static void log(Pass p) {
        StringBuilder sb =
                new StringBuilder("pass polled=").append(p.polled()).append(' ').append(counts(p.results()));
        p.sweep()
                .ifPresent(s -> sb.append(" due=")
                        .append(s.due())
                        .append(" reminders=")
                        .append(s.reminders())
                        .append(" escalations=")
                        .append(s.escalations())
                        .append(" retargets=")
                        .append(s.retargets()));
        p.reconcile().ifPresent(r -> sb.append(" reconciled=").append(r.handoversRepaired()));
        if (p.recovered() > 0) {
            sb.append(" recovered=").append(p.recovered());
        }
        if (p.inbox().commands() > 0) {
            sb.append(" acknowledged_in_crm=")
                    .append(p.inbox().acknowledged())
                    .append(" feedback_in_crm=")
                    .append(p.inbox().feedback())
                    .append(" not_understood=")
                    .append(p.inbox().notUnderstood());
        }
        sb.append(" failures=").append(p.failures().size());
        LOG.info("{}", sb);
        p.failures().forEach(f -> LOG.warn("failed {}", f));
    }

    private static String counts(Map<HandoverResult.Status, Integer> counts) {
        return "handed_over=" + counts.getOrDefault(HandoverResult.Status.HANDED_OVER, 0) + " replayed="
                + counts.getOrDefault(HandoverResult.Status.REPLAYED, 0) + " refused="
                + counts.getOrDefault(HandoverResult.Status.REFUSED, 0) + " failed="
                + counts.getOrDefault(HandoverResult.Status.FAILED, 0);
    }
}
