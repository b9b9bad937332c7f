package dev.handover.core;

import dev.handover.core.calendar.Availability;
import dev.handover.core.event.HandoverListener;
import dev.handover.core.followup.FollowUp;
import dev.handover.core.followup.FollowUpTasks;
import dev.handover.core.note.NoteSection;
import dev.handover.core.policy.EscalationStep;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.policy.ReminderPolicy;
import dev.handover.core.retry.Retries;
import dev.handover.core.routing.Target;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.helpers.Sleeper;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Ticket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

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
 * handovers.sweep();                                    // every few minutes: the follow-up
 * }</pre>
 *
 * <p>Every handover is one {@link TicketUpdate} — note, reassignment, tags, customer notice, tasks — carrying the
 * version read and an idempotency key derived from the handover's id, so a retry never writes twice. A conflict (the
 * ticket changed since it was read) re-reads and re-plans once, then reports. Bulk work goes through {@link
 * CrmConnector#applyAll} in batches of the connector's declared size. Transient failures are tried again, up to
 * {@link Builder#attempts(int)} in all, waiting the CRM's {@code Retry-After} or 1 s, 2 s, 4 s … (at most a minute).
 */
public final class Handovers {
    private final HandoverPolicy policy;
    private final CrmConnector crm;
    private final Availability availability;
    private final Listeners listeners;
    private final Evaluation evaluation;
    private final Requests requests;
    private final Reassignments reassignments;
    private final FollowUp followUp;
    private final Reconciliation reconciliation;
    private final Feedback feedback;
    private final Inbox inbox;

    private Handovers(Builder b) {
        this.policy = b.policy;
        this.crm = b.connector;
        Clock clock = b.clock;
        this.listeners = new Listeners(b.listeners);
        DirectoryCache directory = new DirectoryCache(crm, clock, b.directoryTtl, b.overlay);
        if (b.checked != null) {
            directory.prime(b.checked);
        }
        this.availability =
                new Availability(policy::calendarOf, crm.capabilities().agentPresence());
        Retries retries = new Retries(b.attempts, b.sleeper, clock);
        BuiltInRules builtIn = new BuiltInRules(policy);
        List<Planner.TaskPlanning> taskPlanning =
                List.of(new Planner.ActionTasks(), Planner.followUp(new FollowUpTasks(policy)));
        Planner planner = new Planner(policy, crm, availability, taskPlanning);
        Execution execution = new Execution(crm, planner, clock, retries, listeners);
        Parts parts = new Parts(
                policy, crm, clock, availability, directory::get, builtIn, taskPlanning, planner, execution, listeners);
        this.evaluation = new Evaluation(parts);
        this.requests = new Requests(parts);
        this.reassignments = new Reassignments(parts);
        this.followUp = new FollowUp(
                policy,
                crm,
                clock,
                directory::get,
                agents -> LiveWorkload.read(crm, agents),
                reassignments,
                retries,
                listeners);
        this.reconciliation = new Reconciliation(parts);
        this.feedback = new Feedback(crm, clock, directory::get, listeners);
        this.inbox = new Inbox(crm, clock, directory::get, followUp, feedback);
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
        listeners.add(listener);
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
        return evaluation.dryRun(tickets);
    }

    /** What a manual handover would write, without writing it. */
    public HandoverResult plan(HandoverRequest request) {
        return requests.plan(request);
    }

    // ------------------------------------------------------------------------------------------ handovers

    /**
     * Hands a ticket over as a person asks: the receiver is checked first and refused with the reason when they cannot
     * take it; the note is completed from the ticket; one write does the rest.
     *
     * @throws CrmNotFoundException when the ticket does not exist
     */
    public HandoverResult handOver(HandoverRequest request) {
        return requests.handOver(request);
    }

    /**
     * Applies the rules to these tickets and hands over those a rule applies to (the first applicable rule decides).
     * Writes go in batches of the connector's size.
     */
    public List<HandoverResult> evaluate(Collection<Ticket> tickets) {
        return evaluation.evaluate(tickets);
    }

    /**
     * Hands the open tickets of an agent whose shift ends at {@code at} to the next shift, by the policy's shift-change
     * rule (or the built-in one: the next shift of the agent's team, a review action within 2 h, acknowledgement
     * within 30 min). The rule's condition is not checked: calling this is the decision.
     */
    public List<HandoverResult> shiftChange(AgentId agent, Instant at) {
        return reassignments.shiftChange(agent, at);
    }

    /**
     * A shift change for a whole team: every member working just before {@code at} and not after it hands their open
     * tickets to the colleagues who work on.
     */
    public List<HandoverResult> shiftChange(GroupId team, Instant at) {
        return reassignments.shiftChange(team, at);
    }

    /**
     * Hands the open tickets of an agent who is away from {@code from} until {@code until} to colleagues, by the
     * policy's absence rule (or the built-in one: the next shift of the agent's team). Each handover creates a
     * hand-back task for the absent agent, due on their return; {@link #returnFromAbsence} (or the follow-up sweep when
     * it falls due) hands the tickets back.
     */
    public List<HandoverResult> absence(AgentId agent, Instant from, Instant until) {
        return reassignments.absence(agent, from, until);
    }

    /**
     * Hands back the tickets handed over during an agent's absence: every open hand-back task of the agent. Tickets
     * solved meanwhile only have their task closed.
     */
    public List<HandoverResult> returnFromAbsence(AgentId agent) {
        return reassignments.returnFromAbsence(agent);
    }

    // ------------------------------------------------------------------------------------------ follow-up

    /**
     * Follows up the handovers that are due now: records acknowledgements and completed actions, sends tactful
     * check-ins and reminders in the recipients' working hours, re-targets unacknowledged handovers, escalates what is
     * overdue with why and what it means for the customer, and hands tickets back after an absence. Reads only what is
     * due. Running it twice at the same instant changes nothing.
     */
    public SweepResult sweep() {
        return sweep(Partition.ALL);
    }

    /** Follows up the due handovers of this worker's share of tickets (worker i of n). */
    public SweepResult sweep(Partition partition) {
        return followUp.sweep(Objects.requireNonNull(partition, "partition"));
    }

    /**
     * Follows up the due handovers of this worker's share, and stops reading further handovers once {@code stop}
     * answers true — for a worker asked to shut down in the middle of a long sweep. The handovers it did not reach stay
     * due for the next sweep, which settles the steps they missed (a reminder is not sent twice); what it read is
     * written as usual.
     */
    public SweepResult sweep(Partition partition, BooleanSupplier stop) {
        return followUp.sweep(Objects.requireNonNull(partition, "partition"), Objects.requireNonNull(stop, "stop"));
    }

    /**
     * The receiver acknowledges a handover (the CLI's {@code ack}, a webhook): completes the acknowledgement task and
     * records it on the ticket. Acknowledging twice is harmless.
     *
     * @throws IllegalArgumentException when the handover has no acknowledgement task or it is someone else's
     */
    public Acknowledgement acknowledge(HandoverId handover, AgentId by) {
        return followUp.acknowledge(Objects.requireNonNull(handover, "handover"), Objects.requireNonNull(by, "by"));
    }

    /**
     * Finds handovers on tickets updated since {@code since} whose tasks are missing (a crash or outage between the note
     * and its tasks) and creates them, once. The handover's trailer on the ticket is all it needs.
     */
    public ReconcileResult reconcile(Instant since) {
        return reconciliation.reconcile(Objects.requireNonNull(since, "since"));
    }

    /**
     * Reconciles as {@link #reconcile(Instant)} does, and also emits the {@code Executed} event (marked replayed) of
     * every handover since {@code since} found on the tickets that {@code recorded} does not know — so a journal kept
     * by the caller matches the CRM after a crash or a write whose outcome was unknown.
     *
     * <pre>{@code
     * handovers.reconcile(now.minus(Duration.ofHours(1)), journal::contains);
     * }</pre>
     */
    public ReconcileResult reconcile(Instant since, java.util.function.Predicate<HandoverId> recorded) {
        return reconciliation.reconcile(
                Objects.requireNonNull(since, "since"), Objects.requireNonNull(recorded, "recorded"));
    }

    /**
     * Settles handovers whose write failed with an unknown outcome ({@link HandoverResult#isOutcomeUnknown()}) by
     * reading each ticket itself, wherever it is now: a handover whose note is on the ticket gets its {@code Executed}
     * event — once — and any missing tasks, and comes back {@code REPLAYED}; one that did not land comes back
     * {@code FAILED}, safe to retry. Other results come back as they are.
     */
    public List<HandoverResult> settle(java.util.Collection<HandoverResult> results) {
        return reconciliation.settle(List.copyOf(Objects.requireNonNull(results, "results")));
    }

    /**
     * A receiver's feedback on a handover, so that handovers improve: which sections of the note were missing or
     * unclear, and a comment. Recorded on the ticket as an internal note and told to listeners for the review report.
     *
     * @throws IllegalArgumentException when the agent is unknown or the handover's ticket cannot be found
     */
    public void feedback(HandoverId handover, AgentId from, Set<NoteSection> missing, String comment) {
        feedback.feedback(handover, from, missing, comment);
    }

    /**
     * Acts on what agents wrote in the internal notes of these tickets ({@link dev.handover.core.inbox.InboxCommand}):
     * {@code #handover ack} acknowledges the handover as its receiver, at the time the note was written; {@code
     * #handover feedback missing: …; comment: …} records feedback, written on the ticket for the sender and told to
     * listeners like {@link #feedback}; a command that cannot be read is answered with an internal note saying what
     * was not understood, and nothing is recorded for it. Each command is answered once: the answer's step marker
     * names it. Only tickets that were handed over are read, one page of recent notes each (in one batch where the
     * CRM can, see {@link dev.handover.spi.CrmConnector#recentComments}); commands older than 7 days are left alone.
     *
     * <pre>{@code
     * List<Ticket> changed = crm.searchAll(TicketQuery.builder().updatedSince(cursor).build()).toList();
     * InboxResult r = handovers.inbox(changed);
     * }</pre>
     */
    public InboxResult inbox(java.util.Collection<Ticket> tickets) {
        return inbox.read(List.copyOf(Objects.requireNonNull(tickets, "tickets")));
    }

    /** Builds {@link Handovers}: a connector and a policy are required, {@link #build()} checks them. */
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
        private UnaryOperator<Directory> overlay = d -> d;

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
        public Builder directoryOverlay(UnaryOperator<Directory> overlay) {
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
                                    : t instanceof Target.NextShift s
                                            ? s.team()
                                            : t instanceof Target.Approver ap ? ap.group() : Optional.empty();
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
