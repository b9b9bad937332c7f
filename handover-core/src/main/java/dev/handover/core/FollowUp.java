package dev.handover.core;

import dev.handover.core.calendar.Availability;
import dev.handover.core.calendar.BusinessCalendar;
import dev.handover.core.event.HandoverEvent;
import dev.handover.core.event.HandoverListener;
import dev.handover.core.note.HandoverRecord;
import dev.handover.core.note.StepRecord;
import dev.handover.core.policy.EscalationStep;
import dev.handover.core.policy.FollowUpMessages;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.ReminderPolicy;
import dev.handover.core.reminder.FollowUpStep;
import dev.handover.core.reminder.ReminderSchedule;
import dev.handover.core.retry.Retries;
import dev.handover.core.rule.Durations;
import dev.handover.core.rule.Workload;
import dev.handover.spi.Assignment;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.TaskStatus;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows handovers up (seed criteria 1.3, 3.3, 3.4; B8 2.1–2.4): acknowledgements, check-ins, reminders,
 * completion checks, re-targeting and escalation, driven by each handover's follow-up task and recorded on the ticket.
 *
 * <p>The sweep reads only what is due — open follow-up tasks due now — so its cost follows the number of due items,
 * not the number of open handovers. For each it reads the ticket, the handover's tasks and its conversation since the
 * handover; works out what is done, what is due, why the rest is not done and what it means for the customer; and
 * writes one update: a note whose last line records the steps taken, task changes, and the follow-up task moved to
 * the next checkpoint. The recorded steps make a second sweep at the same instant a no-op; the ticket version and a
 * key derived from the steps make two sweepers at once write once.
 */
final class FollowUp {
    private static final Logger LOG = LoggerFactory.getLogger(FollowUp.class);

    private final HandoverPolicy policy;
    private final CrmConnector crm;
    private final Clock clock;
    private final Supplier<Directory> directory;
    private final Function<Set<AgentId>, Workload> workloads;
    private final Reassigning reassigning;
    private final Retries retries;
    private final HandoverListener events;
    private final FollowUpTasks followUpTasks;

    /**
     * @param directory the agent directory, as the engine caches it
     * @param workloads reads the open tickets of these agents in one call, and of others when asked
     * @param reassigning makes the hand-backs and re-targets the follow-up decides on
     * @param retries how writes that failed transiently are tried again
     * @param events where the follow-up's events go
     */
    FollowUp(
            HandoverPolicy policy,
            CrmConnector crm,
            Clock clock,
            Supplier<Directory> directory,
            Function<Set<AgentId>, Workload> workloads,
            Reassigning reassigning,
            Retries retries,
            HandoverListener events) {
        this.policy = policy;
        this.crm = crm;
        this.clock = clock;
        this.directory = directory;
        this.workloads = workloads;
        this.reassigning = reassigning;
        this.retries = retries;
        this.events = events;
        this.followUpTasks = new FollowUpTasks(policy);
    }

    // ------------------------------------------------------------------------------------------ sweep

    SweepResult sweep(Partition partition) {
        Instant now = clock.instant();
        Counts counts = new Counts();
        List<String> failures = new ArrayList<>();
        List<dev.handover.spi.model.Task> due = crm.allTasks(TaskQuery.builder()
                        .open()
                        .kind(TaskKind.FOLLOW_UP)
                        .dueAtOrBefore(now)
                        .build())
                .toList();
        List<dev.handover.spi.model.Task> mine =
                due.stream().filter(t -> partition.owns(t.ticket())).toList();
        int others = due.size() - mine.size();
        if (mine.isEmpty()) {
            return new SweepResult(now, 0, others, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of());
        }
        Directory dir = directory.get();

        // hand-backs after an absence: one engine call per returning owner
        Map<AgentId, List<dev.handover.spi.model.Task>> handBacks = new LinkedHashMap<>();
        List<dev.handover.spi.model.Task> watchers = new ArrayList<>();
        for (dev.handover.spi.model.Task t : mine) {
            if (t.key().equals("hand-back")) {
                handBacks.computeIfAbsent(t.owner(), k -> new ArrayList<>()).add(t);
            } else if (t.key().equals(FollowUpTasks.WATCH)) {
                watchers.add(t);
            }
        }
        handBacks.forEach((owner, tasks) -> dir.agent(owner)
                .ifPresentOrElse(
                        agent -> {
                            for (HandoverResult r : reassigning.handBack(agent, tasks, dir)) {
                                if (r.isHandedOver()) {
                                    counts.handedBack++;
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
        List<Loaded> loaded = new ArrayList<>();
        for (dev.handover.spi.model.Task w : watchers) {
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
        for (Loaded l : loaded) {
            l.thread().record.ifPresent(r -> {
                r.to().ifPresent(owners::add);
                r.actions().forEach(a -> a.owner().ifPresent(owners::add));
            });
        }
        Workload workload = workloads.apply(owners);

        List<Work> batch = new ArrayList<>();
        for (Loaded l : loaded) {
            try {
                Work work = evaluate(l, dir, workload, now, counts);
                if (work != null && !work.isEmpty()) {
                    batch.add(work);
                }
            } catch (CrmException e) {
                failures.add("ticket " + l.ticket().id() + ": " + e.getMessage());
            }
        }
        write(batch, dir, workload, now, counts, failures, true);
        SweepResult result = new SweepResult(
                now,
                mine.size(),
                others,
                counts.handedBack,
                counts.acknowledgements,
                counts.completions,
                counts.checkIns,
                counts.reminders,
                counts.escalations,
                counts.retargets,
                counts.closed,
                counts.writes,
                failures);
        LOG.info("{}", result.summary());
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
        Set<Work> failedBefore = new java.util.HashSet<>();
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
                    LOG.debug("follow-up of handover {} was already written (another sweep)", w.handover);
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
                Work redo = evaluate(load(w.watcher, t), dir, workload, now, new Counts());
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

    /** A due follow-up with what the CRM says about it. */
    private record Loaded(
            dev.handover.spi.model.Task watcher,
            Ticket ticket,
            FollowUpThread thread,
            List<dev.handover.spi.model.Task> tasks) {}

    private Loaded load(dev.handover.spi.model.Task watcher, Ticket ticket) {
        FollowUpThread thread = FollowUpThread.read(crm, ticket.id(), watcher.handover());
        List<dev.handover.spi.model.Task> tasks = crm.allTasks(
                        TaskQuery.builder().handover(watcher.handover()).build())
                .toList();
        return new Loaded(watcher, ticket, thread, tasks);
    }

    /** Works out what the follow-up of one handover does now; null when nothing is to be written. */
    private Work evaluate(Loaded l, Directory dir, Workload workload, Instant now, Counts sweepCounts) {
        dev.handover.spi.model.Task watcher = l.watcher();
        Ticket ticket = l.ticket();
        HandoverId h = watcher.handover();
        FollowUpThread thread = l.thread();
        Work work = new Work(watcher, ticket, h, now);
        List<dev.handover.spi.model.Task> tasks = l.tasks();
        Map<String, dev.handover.spi.model.Task> byKey = new HashMap<>();
        tasks.forEach(t -> byKey.put(t.key(), t));

        if (thread.record.isEmpty()) {
            work.close("record-missing", "its handover note is no longer on the ticket", tasks, false);
            return work;
        }
        HandoverRecord r = thread.record.get();
        if (thread.latest.isPresent() && !thread.latest.get().id().equals(h)) {
            work.close("superseded", "handover " + thread.latest.get().id() + " took over", tasks, false);
            return work;
        }
        if (!ticket.isOpen()) {
            for (HandoverRecord.Action a : r.actions()) {
                dev.handover.spi.model.Task t = byKey.get(a.key());
                if (!thread.recorded.contains(a.key() + ":done") && (t == null || t.isOpen())) {
                    work.events.add(new HandoverEvent.ActionCompleted(
                            now, ticket.id(), h, a.key(), !ticket.updatedAt().isAfter(a.due()), "ticket-solved"));
                    work.counts.completions++;
                }
            }
            work.say("The ticket is " + ticket.status().name().toLowerCase(java.util.Locale.ROOT)
                    + ": the follow-up of handover " + h + " is closed; open actions close with the ticket.");
            work.close("ticket-solved", null, tasks, true);
            return work;
        }

        ReminderPolicy reminders = policy.reminderPolicy(r.reminderPolicy());
        ReminderSchedule schedule = followUpTasks.schedule(r, ticket.priority(), dir);
        List<FollowUpStep> steps = schedule.steps(r);
        Set<String> recorded = new LinkedHashSet<>(thread.recorded);

        // what is done
        Set<String> openItems = new LinkedHashSet<>();
        if (r.acknowledgeBy().isPresent() && r.to().isPresent()) {
            Optional<Instant> ackAt = acknowledgedAt(r, byKey.get(FollowUpTasks.ACK), thread, reminders);
            if (ackAt.isPresent()) {
                if (!recorded.contains("ack:done")) {
                    boolean byComment = byKey.get(FollowUpTasks.ACK) == null
                            || byKey.get(FollowUpTasks.ACK).isOpen();
                    work.events.add(new HandoverEvent.Acknowledged(
                            now,
                            ticket.id(),
                            h,
                            r.to().get(),
                            byComment
                                    ? HandoverEvent.AcknowledgementMethod.COMMENT
                                    : HandoverEvent.AcknowledgementMethod.TASK,
                            ackAt.get(),
                            positive(Duration.between(r.at(), ackAt.get()))));
                    work.counts.acknowledgements++;
                    work.record("ack:done");
                    work.say(name(r.to().get(), dir) + " acknowledged handover " + h + " at " + when(ackAt.get())
                            + (byComment ? " by replying on the ticket." : "."));
                    if (byComment && byKey.get(FollowUpTasks.ACK) != null) {
                        work.changes.add(
                                TaskChange.complete(byKey.get(FollowUpTasks.ACK).id()));
                    }
                }
            } else {
                openItems.add("ack");
            }
        }
        for (HandoverRecord.Action a : r.actions()) {
            if (a.owner().isEmpty()) {
                continue;
            }
            dev.handover.spi.model.Task t = byKey.get(a.key());
            if (t != null && !t.isOpen()) {
                if (!recorded.contains(a.key() + ":done")) {
                    Instant doneAt = t.completedAt().orElse(now);
                    boolean onTime = !doneAt.isAfter(a.due());
                    work.events.add(new HandoverEvent.ActionCompleted(now, ticket.id(), h, a.key(), onTime, "task"));
                    work.counts.completions++;
                    work.record(a.key() + ":done");
                    work.say("Done: \"" + a.text() + "\" (" + name(a.owner().get(), dir) + ", "
                            + (onTime ? "on time" : "late") + ", " + when(doneAt) + ").");
                }
            } else {
                openItems.add(a.key());
            }
        }
        if (r.contactBy().isPresent() && r.to().isPresent()) {
            Optional<Comment> reply = thread.since.stream()
                    .filter(c -> !c.isInternal())
                    .filter(c -> c.isBy(r.to().get())
                            || ticket.assignee().map(c::isBy).orElse(false))
                    .findFirst();
            if (reply.isPresent()) {
                if (!recorded.contains("contact:done")) {
                    work.record("contact:done");
                    work.say("The customer heard from "
                            + name(AgentId.of(reply.get().authorId()), dir) + " at "
                            + when(reply.get().createdAt()) + ".");
                }
            } else {
                openItems.add("contact");
            }
        }

        // what is due now, per open item: the strongest step due settles the earlier ones
        boolean retargeted = false;
        for (String item : openItems) {
            List<FollowUpStep> due = steps.stream()
                    .filter(s -> s.item().equals(item) && !s.at().isAfter(now) && !recorded.contains(s.key()))
                    .toList();
            if (due.isEmpty()) {
                continue;
            }
            FollowUpStep step = due.get(due.size() - 1);
            due.forEach(s -> work.record(s.key()));
            if (step.kind() != FollowUpStep.Kind.ESCALATION
                    && step.kind() != FollowUpStep.Kind.RETARGET
                    && unavailable(step.owner(), dir, now)) {
                // reminding someone who is away helps nobody: go to the next rung (or re-target) now
                Optional<FollowUpStep> stronger = steps.stream()
                        .filter(s -> s.item().equals(item) && !recorded.contains(s.key()))
                        .filter(s -> s.kind() == FollowUpStep.Kind.RETARGET || s.kind() == FollowUpStep.Kind.ESCALATION)
                        .findFirst();
                if (stronger.isPresent()) {
                    step = stronger.get();
                    work.record(step.key());
                }
            }
            int sent = reminderCount(steps, recorded, item);
            int count = sent + 1;
            String why = why(step.owner(), ticket, r, dir, workload, now);
            String impact = impact(r, ticket, now);
            switch (step.kind()) {
                case RETARGET -> {
                    Optional<HandoverEvent.Retargeted> moved = reassigning.retarget(r, ticket, tasks, dir, sent, now);
                    if (moved.isPresent()) {
                        sweepCounts.retargets++;
                        retargeted = true;
                    } else {
                        escalate(
                                work,
                                item,
                                r,
                                EscalationStep.lineManager(Duration.ZERO),
                                1,
                                step.owner(),
                                sent,
                                why + "; nobody else could take the ticket",
                                impact,
                                ticket,
                                dir,
                                now);
                    }
                }
                case ESCALATION ->
                    escalate(
                            work,
                            item,
                            r,
                            step.escalation().get(),
                            step.index(),
                            step.owner(),
                            sent,
                            why,
                            impact,
                            ticket,
                            dir,
                            now);
                default -> remind(work, item, step, count, r, why, impact, ticket, dir);
            }
        }
        if (retargeted) {
            return null; // the re-target wrote its own handover and closed this one's tasks
        }

        // all done, or the next checkpoint
        Set<String> settled = new TreeSet<>(recorded);
        settled.addAll(work.steps);
        List<FollowUpStep> remaining = steps.stream()
                .filter(s -> openItems.contains(s.item()) && !settled.contains(s.key()))
                .toList();
        if (openItems.isEmpty()) {
            work.say("Follow-up of handover " + h + " complete.");
            work.close("completed", null, tasks, true);
        } else if (remaining.isEmpty()) {
            work.say("Follow-up of handover " + h + " ends with " + String.join(", ", openItems)
                    + " still not done after the last escalation.");
            work.close("exhausted", null, tasks, true);
        } else {
            Optional<Instant> next = ReminderSchedule.next(remaining, settled, now);
            Instant nextAt = next.orElse(now.plus(reminders.repeatEvery()));
            if (!nextAt.equals(watcher.due())) {
                work.changes.add(TaskChange.reschedule(watcher.id(), nextAt));
            }
        }
        return work;
    }

    private Optional<Instant> acknowledgedAt(
            HandoverRecord r, dev.handover.spi.model.Task ack, FollowUpThread thread, ReminderPolicy reminders) {
        if (ack != null
                && ack.status() == TaskStatus.COMPLETED
                && (reminders.implicitAcknowledgement().contains(ReminderPolicy.AcknowledgementSignal.TASK_COMPLETED)
                        || thread.recorded.contains("ack:done"))) {
            return Optional.of(ack.completedAt().orElse(r.at()));
        }
        if (ack != null && ack.status() == TaskStatus.CANCELLED) {
            return Optional.of(ack.completedAt().orElse(r.at()));
        }
        if (reminders.implicitAcknowledgement().contains(ReminderPolicy.AcknowledgementSignal.RECEIVER_COMMENTED)) {
            return thread.since.stream()
                    .filter(c -> c.isBy(r.to().get()))
                    .map(Comment::createdAt)
                    .findFirst();
        }
        return Optional.empty();
    }

    private static int reminderCount(List<FollowUpStep> steps, Set<String> recorded, String item) {
        return (int) steps.stream()
                .filter(s -> s.item().equals(item) && recorded.contains(s.key()))
                .filter(s -> s.kind() != FollowUpStep.Kind.ESCALATION && s.kind() != FollowUpStep.Kind.CHECK_IN)
                .count();
    }

    private void remind(
            Work work,
            String item,
            FollowUpStep step,
            int count,
            HandoverRecord r,
            String why,
            String impact,
            Ticket ticket,
            Directory dir) {
        FollowUpMessages m = policy.followUpMessages();
        String kind;
        String template;
        switch (step.kind()) {
            case CHECK_IN -> {
                kind = "check-in";
                template = m.checkIn();
                work.counts.checkIns++;
            }
            case ACKNOWLEDGEMENT_REMINDER -> {
                kind = "acknowledgement";
                template = m.acknowledgement();
                work.counts.reminders++;
            }
            case CONTACT_REMINDER -> {
                kind = "contact";
                template = m.contact();
                work.counts.reminders++;
            }
            default -> {
                kind = "overdue";
                template = m.overdue();
                work.counts.reminders++;
            }
        }
        Map<String, String> v = values(r, item, step.owner(), why, impact, count, dir);
        v.put("recipient", firstName(name(step.owner(), dir)));
        work.say(FollowUpMessages.fill(template, v));
        work.events.add(new HandoverEvent.Reminded(
                work.now,
                ticket.id(),
                r.id(),
                item,
                step.owner(),
                kind,
                step.kind() == FollowUpStep.Kind.CHECK_IN ? 0 : count,
                why,
                impact));
    }

    private void escalate(
            Work work,
            String item,
            HandoverRecord r,
            EscalationStep rung,
            int level,
            AgentId owner,
            int sent,
            String why,
            String impact,
            Ticket ticket,
            Directory dir,
            Instant now) {
        boolean blocked = ticket.status() == TicketStatus.PENDING || ticket.status() == TicketStatus.ON_HOLD;
        Map<String, String> v = values(r, item, owner, why, impact, sent, dir);
        v.put("level", Integer.toString(level));
        if (blocked) {
            // waiting on the customer or a third party is not the owner's failure: remind instead of escalating
            v.put("recipient", firstName(name(owner, dir)));
            work.say(FollowUpMessages.fill(policy.followUpMessages().overdue(), v) + " (Not escalated: " + why + ".)");
            work.counts.reminders++;
            work.events.add(
                    new HandoverEvent.Reminded(now, ticket.id(), r.id(), item, owner, "overdue", level, why, impact));
            return;
        }
        Optional<Agent> target = escalationTarget(rung, owner, dir);
        if (rung.level() == EscalationStep.Level.GROUP) {
            GroupId group = rung.group().get();
            String groupName = dir.group(group).map(g -> g.name()).orElse(group.value());
            v.put("recipient", groupName);
            work.say(FollowUpMessages.fill(policy.followUpMessages().escalation(), v) + " The ticket moves to "
                    + groupName + ".");
            if (work.assignment == null) {
                work.assignment = Assignment.toGroup(group);
            }
            work.counts.escalations++;
            work.events.add(
                    new HandoverEvent.Escalated(now, ticket.id(), r.id(), item, level, "group " + group, why, impact));
            return;
        }
        if (target.isEmpty()) {
            work.say("Escalation level " + level + " of \"" + itemText(r, item) + "\" found nobody: "
                    + rung.describeTarget() + " of " + name(owner, dir) + " is not in the directory or not active.");
            work.counts.escalations++;
            work.events.add(new HandoverEvent.Escalated(now, ticket.id(), r.id(), item, level, "nobody", why, impact));
            return;
        }
        Agent to = target.get();
        v.put("recipient", to.name());
        work.say(FollowUpMessages.fill(policy.followUpMessages().escalation(), v));
        BusinessCalendar hours = policy.calendarOf(to);
        ReminderPolicy reminders = policy.reminderPolicy(r.reminderPolicy());
        work.creates.add(TaskDraft.builder(r.id(), ("escalation-" + item + "-" + level), TaskKind.ESCALATION)
                .owner(to.id())
                .subject("Escalated: " + clip(itemText(r, item), 150) + " (ticket " + ticket.id() + ")")
                .body("Level " + level + " escalation of handover " + r.id() + ". Why it is not done: " + why
                        + ". For the customer: " + impact + ".")
                .due(hours.plus(now, reminders.scaled(reminders.repeatEvery(), ticket.priority())))
                .remindAt(now)
                .build());
        work.counts.escalations++;
        work.events.add(
                new HandoverEvent.Escalated(now, ticket.id(), r.id(), item, level, "agent " + to.id(), why, impact));
    }

    /** Away for a while: not in the directory, deactivated, or on a planned absence now. */
    private static boolean unavailable(AgentId owner, Directory dir, Instant now) {
        Optional<Agent> a = dir.agent(owner);
        return a.isEmpty() || !a.get().active() || a.get().isAbsentAt(now);
    }

    private static Optional<Agent> escalationTarget(EscalationStep rung, AgentId owner, Directory dir) {
        Optional<Agent> found = switch (rung.level()) {
            case LINE_MANAGER -> dir.agent(owner).flatMap(Agent::manager).flatMap(dir::agent);
            case HEAD_OF_TEAM ->
                dir.agent(owner)
                        .flatMap(Agent::manager)
                        .flatMap(dir::agent)
                        .flatMap(Agent::manager)
                        .flatMap(dir::agent);
            case AGENT -> rung.agent().flatMap(dir::agent);
            case GROUP -> Optional.empty();
        };
        return found.filter(Agent::active);
    }

    // ------------------------------------------------------------------------------------------ diagnosis

    /** Why an item is not done, as far as the CRM shows: blocked, absent, off shift, overloaded, or simply overdue. */
    private String why(AgentId owner, Ticket ticket, HandoverRecord r, Directory dir, Workload workload, Instant now) {
        if (ticket.status() == TicketStatus.PENDING) {
            return "blocked: the ticket is waiting on the customer";
        }
        if (ticket.status() == TicketStatus.ON_HOLD) {
            return "blocked: the ticket is on hold, waiting on a third party";
        }
        Optional<Agent> agent = dir.agent(owner);
        if (agent.isEmpty()) {
            return owner + " is no longer in the directory";
        }
        Agent a = agent.get();
        if (!a.active()) {
            return a.name() + " has been deactivated";
        }
        Optional<dev.handover.spi.model.Absence> absent = a.absenceAt(now);
        if (absent.isPresent()) {
            return a.name() + " is absent"
                    + (absent.get().reason().isBlank()
                            ? ""
                            : " (" + absent.get().reason() + ")") + " until "
                    + Availability.describe(absent.get().until(), a.timeZone());
        }
        BusinessCalendar hours = policy.calendarOf(a);
        if (!hours.isOpen(now)) {
            return a.name() + " is off shift until "
                    + hours.nextOpen(now)
                            .map(t -> Availability.describe(t, a.timeZone()))
                            .orElse("further notice");
        }
        if (hours.between(r.at(), now).compareTo(Duration.ofMinutes(30)) < 0) {
            return a.name() + " has had less than 30 minutes of working time since the handover";
        }
        int load = workload.openTickets(a.id());
        if (a.capacity() != Agent.UNLIMITED && load >= a.capacity()) {
            return a.name() + " holds " + load + " open tickets, at or over their capacity of " + a.capacity();
        }
        return "overdue: nothing on the ticket shows it done";
    }

    /** What an unfinished item means for the customer: promises passed or at risk, the next contact due. */
    private static String impact(HandoverRecord r, Ticket ticket, Instant now) {
        List<String> parts = new ArrayList<>();
        for (HandoverRecord.Promise p : r.promises()) {
            if (p.due().isEmpty()) {
                continue;
            }
            Instant due = p.due().get();
            if (!due.isAfter(now)) {
                parts.add("the promise \"" + p.text() + "\" was due " + when(due) + " and has passed");
            } else if (Duration.between(now, due).compareTo(Duration.ofHours(24)) <= 0) {
                parts.add("the promise \"" + p.text() + "\" is due " + when(due) + " and at risk");
            }
        }
        r.contactBy()
                .ifPresent(c -> parts.add(
                        !c.isAfter(now)
                                ? "the customer expected to hear from us by " + when(c)
                                : "the customer expects to hear from us by " + when(c)));
        String who = "";
        String tier = ticket.requester().tier();
        if (tier.equalsIgnoreCase("gold")
                || tier.equalsIgnoreCase("platinum")
                || ticket.priority().isAtLeast(TicketPriority.HIGH)) {
            who = (tier.isBlank() ? "a" : "a " + tier) + " customer with a "
                    + ticket.priority().name().toLowerCase(java.util.Locale.ROOT) + "-priority ticket: ";
        }
        if (parts.isEmpty()) {
            return who + "no promise to the customer depends on it yet";
        }
        return who + String.join("; ", parts);
    }

    private Map<String, String> values(
            HandoverRecord r, String item, AgentId owner, String why, String impact, int count, Directory dir) {
        Map<String, String> v = new HashMap<>();
        v.put("owner", name(owner, dir));
        v.put("sender", r.from().map(a -> firstName(name(a, dir))).orElse("your team lead"));
        v.put(
                "receiver",
                r.to().map(a -> name(a, dir))
                        .or(() -> r.group().map(GroupId::value))
                        .orElse("the team"));
        v.put("item", itemText(r, item));
        v.put("due", "at " + when(dueOf(r, item)));
        v.put("handover", r.id().value());
        v.put("ticket", r.ticket().value());
        v.put("why", why);
        v.put("impact", impact);
        v.put("count", Integer.toString(count));
        return v;
    }

    private static String itemText(HandoverRecord r, String item) {
        if (item.equals("ack")) {
            return "acknowledge the handover";
        }
        if (item.equals("contact")) {
            return "contact the customer";
        }
        return r.actions().stream()
                .filter(a -> a.key().equals(item))
                .map(HandoverRecord.Action::text)
                .findFirst()
                .orElse(item);
    }

    private static Instant dueOf(HandoverRecord r, String item) {
        if (item.equals("ack")) {
            return r.acknowledgeBy().orElse(r.at());
        }
        if (item.equals("contact")) {
            return r.contactBy().orElse(r.at());
        }
        return r.actions().stream()
                .filter(a -> a.key().equals(item))
                .map(HandoverRecord.Action::due)
                .findFirst()
                .orElse(r.at());
    }

    // ------------------------------------------------------------------------------------------ acknowledgement

    Acknowledgement acknowledge(HandoverId handover, AgentId by) {
        Instant now = clock.instant();
        List<dev.handover.spi.model.Task> tasks =
                crm.allTasks(TaskQuery.builder().handover(handover).build()).toList();
        dev.handover.spi.model.Task ack = tasks.stream()
                .filter(t -> t.key().equals(FollowUpTasks.ACK))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "handover " + handover + " has no acknowledgement task: it asked for none, or it is unknown"));
        if (!ack.owner().equals(by)) {
            throw new IllegalArgumentException(
                    "handover " + handover + " is for " + ack.owner() + " to acknowledge," + " not " + by);
        }
        Instant handedOver = ack.createdAt();
        if (!ack.isOpen()) {
            Instant at = ack.completedAt().orElse(now);
            return new Acknowledgement(
                    handover, ack.ticket(), by, at, positive(Duration.between(handedOver, at)), true);
        }
        Directory dir = directory.get();
        Duration latency = positive(Duration.between(handedOver, now));
        String text = "Handover " + handover + " acknowledged by " + name(by, dir) + " at " + when(now) + " ("
                + Durations.describe(latency.isZero() ? Duration.ofSeconds(1) : latency) + " after the handover)."
                + "\n" + new StepRecord(handover, Set.of("ack:done"), now).format();
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

    // ------------------------------------------------------------------------------------------ helpers

    private static String name(AgentId id, Directory dir) {
        return dir.agent(id).map(Agent::name).filter(n -> !n.isBlank()).orElse(id.value());
    }

    private static String firstName(String full) {
        int space = full.indexOf(' ');
        return space < 0 ? full : full.substring(0, space);
    }

    private static String when(Instant t) {
        return Availability.describe(t, ZoneOffset.UTC);
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String crc(String s) {
        CRC32 c = new CRC32();
        c.update(s.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", c.getValue());
    }

    /** Counts of one handover's follow-up, added to the sweep's once its write is applied. */
    static final class Counts {
        int handedBack;
        int acknowledgements;
        int completions;
        int checkIns;
        int reminders;
        int escalations;
        int retargets;
        int closed;
        int writes;

        void addTo(Counts total) {
            total.acknowledgements += acknowledgements;
            total.completions += completions;
            total.checkIns += checkIns;
            total.reminders += reminders;
            total.escalations += escalations;
            total.closed += closed;
        }
    }

    /** What the follow-up of one handover writes now. */
    private final class Work {
        final dev.handover.spi.model.Task watcher;
        final Ticket ticket;
        final HandoverId handover;
        final Instant now;
        final List<String> paragraphs = new ArrayList<>();
        final Set<String> steps = new LinkedHashSet<>();
        final List<TaskChange> changes = new ArrayList<>();
        final List<TaskDraft> creates = new ArrayList<>();
        final List<HandoverEvent> events = new ArrayList<>();
        final Counts counts = new Counts();
        Assignment assignment;

        Work(dev.handover.spi.model.Task watcher, Ticket ticket, HandoverId handover, Instant now) {
            this.watcher = watcher;
            this.ticket = ticket;
            this.handover = handover;
            this.now = now;
        }

        void say(String paragraph) {
            paragraphs.add(paragraph);
        }

        void record(String step) {
            steps.add(step);
        }

        /** Ends the follow-up: the follow-up task completes, open acknowledgement and action tasks are cancelled. */
        void close(String outcome, String why, List<dev.handover.spi.model.Task> tasks, boolean note) {
            Set<dev.handover.spi.model.TaskId> changing =
                    changes.stream().map(TaskChange::task).collect(Collectors.toSet());
            for (dev.handover.spi.model.Task t : tasks) {
                // the absent owner's hand-back outlives the follow-up: the ticket returns to them all the same
                if (!t.isOpen()
                        || changing.contains(t.id())
                        || t.kind() == TaskKind.ESCALATION
                        || t.key().equals("hand-back")) {
                    continue;
                }
                changes.add(t.id().equals(watcher.id()) ? TaskChange.complete(t.id()) : TaskChange.cancel(t.id()));
            }
            if (note) {
                record("follow-up:" + outcome);
            }
            counts.closed++;
            events.add(new HandoverEvent.FollowUpClosed(now, ticket.id(), handover, outcome));
            if (why != null) {
                LOG.info("follow-up of handover {} of ticket {} closed: {}", handover, ticket.id(), outcome);
            }
        }

        boolean isEmpty() {
            return paragraphs.isEmpty() && steps.isEmpty() && changes.isEmpty() && creates.isEmpty();
        }

        TicketUpdate update() {
            TicketUpdate.Builder u = TicketUpdate.builder(ticket.id());
            if (!paragraphs.isEmpty() || !steps.isEmpty()) {
                StringBuilder text = new StringBuilder("Follow-up of handover ")
                        .append(handover)
                        .append(" · ticket ")
                        .append(ticket.id())
                        .append(" · ")
                        .append(when(now))
                        .append('\n');
                for (String p : paragraphs) {
                    text.append("\n• ").append(dev.handover.core.note.NoteTrailer.neutralize(p));
                }
                if (!steps.isEmpty()) {
                    text.append("\n\n").append(new StepRecord(handover, steps, now).format());
                }
                u.note(NoteDraft.internal(text.toString()));
            }
            changes.forEach(u::changeTask);
            creates.forEach(u::createTask);
            if (assignment != null) {
                u.assign(assignment);
            }
            u.expectedVersion(ticket.version());
            String material = steps.stream().sorted().collect(Collectors.joining(",")) + "|"
                    + changes.stream()
                            .map(c -> c.task().value() + c.status() + c.due())
                            .sorted()
                            .collect(Collectors.joining(","));
            u.idempotencyKey("followup:" + handover.value() + ":" + crc(material));
            return u.build();
        }
    }
}
