package dev.handover.core.followup;

import static dev.handover.core.followup.Wording.firstName;
import static dev.handover.core.followup.Wording.name;
import static dev.handover.core.followup.Wording.positive;
import static dev.handover.core.followup.Wording.when;

import dev.handover.core.SweepResult;
import dev.handover.core.calendar.Availability;
import dev.handover.core.calendar.BusinessCalendar;
import dev.handover.core.event.HandoverEvent;
import dev.handover.core.event.HandoverEvent.FollowUpOutcome;
import dev.handover.core.event.HandoverEvent.ReminderKind;
import dev.handover.core.note.HandoverRecord;
import dev.handover.core.policy.EscalationStep;
import dev.handover.core.policy.FollowUpMessages;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.ReminderPolicy;
import dev.handover.core.rule.Workload;
import dev.handover.spi.Assignment;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.TaskStatus;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One due follow-up at its checkpoint: what is done (the acknowledgement, each action, the customer contact), which
 * step is due for each item still open, and what the follow-up writes now — or that it ends.
 */
final class Checkpoint {
    private final HandoverPolicy policy;
    private final FollowUpTasks followUpTasks;
    private final Reassigning reassigning;
    private final Diagnosis diagnosis;
    private final Ladder ladder;

    Checkpoint(HandoverPolicy policy, FollowUpTasks followUpTasks, Reassigning reassigning) {
        this.policy = policy;
        this.followUpTasks = followUpTasks;
        this.reassigning = reassigning;
        this.diagnosis = new Diagnosis(policy);
        this.ladder = new Ladder(new Availability(policy::calendarOf, false));
    }

    /** A due follow-up with what the CRM says about it. */
    record Loaded(Task watcher, Ticket ticket, FollowUpThread thread, List<Task> tasks) {}

    /** Works out what the follow-up of one handover does now; null when nothing is to be written. */
    Work evaluate(Loaded l, Directory dir, Workload workload, Instant now, Counts sweepCounts) {
        Task watcher = l.watcher();
        Ticket ticket = l.ticket();
        HandoverId h = watcher.handover();
        FollowUpThread thread = l.thread();
        Work work = new Work(watcher, ticket, h, now);
        List<Task> tasks = l.tasks();
        Map<String, Task> byKey = new HashMap<>();
        tasks.forEach(t -> byKey.put(t.key(), t));
        Task ack = byKey.get(Keys.Task.ACKNOWLEDGEMENT.key());

        if (thread.record.isEmpty()) {
            work.close(FollowUpOutcome.RECORD_MISSING, "its handover note is no longer on the ticket", tasks, false);
            return work;
        }
        HandoverRecord r = thread.record.get();
        Optional<FollowUpOutcome> closedBefore = Keys.closedIn(thread.recorded);
        if (closedBefore.isPresent()) {
            // an earlier sweep's close note landed but its task changes did not (a refused or lost batch): the close
            // is recorded on the ticket, so only the task changes are finished now — the note is never written twice
            if (closedBefore.get() == FollowUpOutcome.TICKET_SOLVED) {
                solvedActions(work, r, byKey, thread, ticket, now);
            }
            work.close(closedBefore.get(), "finishing the close recorded earlier", tasks, false);
            return work;
        }
        if (thread.latest.isPresent() && !thread.latest.get().id().equals(h)) {
            work.close(
                    FollowUpOutcome.SUPERSEDED,
                    "handover " + thread.latest.get().id() + " took over",
                    tasks,
                    false);
            return work;
        }
        if (!ticket.isOpen()) {
            solvedActions(work, r, byKey, thread, ticket, now);
            work.say("The ticket is " + ticket.status().name().toLowerCase(Locale.ROOT) + ": the follow-up of handover "
                    + h + " is closed; open actions close with the ticket.");
            work.close(FollowUpOutcome.TICKET_SOLVED, null, tasks, true);
            return work;
        }

        ReminderPolicy reminders = policy.reminderPolicy(r.reminderPolicy());
        ReminderSchedule schedule = followUpTasks.schedule(r, ticket.priority(), dir);
        List<FollowUpStep> steps = schedule.steps(r);
        Set<String> recorded = new LinkedHashSet<>(thread.recorded);

        // what is done
        Set<Item> openItems = new LinkedHashSet<>();
        boolean ackWithdrawn = ack != null
                && ack.status() == TaskStatus.CANCELLED
                && !recorded.contains(Keys.done(Item.ACKNOWLEDGEMENT));
        if (ackWithdrawn) {
            // cancelled is not acknowledged: the engine cancels it when it closes or re-targets a follow-up (another
            // worker may have just done so), a person when it is not wanted. Nobody acknowledged; nobody is chased
            FollowUpLog.LOG.debug("the acknowledgement task of handover {} was cancelled", h);
        } else if (r.acknowledgeBy().isPresent() && r.to().isPresent()) {
            Optional<Instant> ackAt = acknowledgedAt(r, ack, thread, reminders);
            if (ackAt.isPresent()) {
                if (!recorded.contains(Keys.done(Item.ACKNOWLEDGEMENT))) {
                    boolean byComment = ack == null || ack.isOpen();
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
                    work.counts.add(SweepResult.Kind.ACKNOWLEDGEMENTS);
                    work.record(Keys.done(Item.ACKNOWLEDGEMENT));
                    work.say(name(r.to().get(), dir) + " acknowledged handover " + h + " at " + when(ackAt.get())
                            + (byComment ? " by replying on the ticket." : "."));
                    if (byComment && ack != null) {
                        work.changes.add(TaskChange.complete(ack.id()));
                    }
                }
            } else {
                openItems.add(Item.ACKNOWLEDGEMENT);
            }
        }
        for (HandoverRecord.Action a : r.actions()) {
            if (a.owner().isEmpty()) {
                continue;
            }
            Item item = Item.action(a.key());
            Task t = byKey.get(a.key());
            if (t != null && t.status() == TaskStatus.CANCELLED && !recorded.contains(Keys.done(item))) {
                // cancelled is not done: no completion nobody made is reported, and a withdrawn action is not chased
                continue;
            }
            if (t != null && !t.isOpen()) {
                if (!recorded.contains(Keys.done(item))) {
                    Instant doneAt = t.completedAt().orElse(now);
                    boolean onTime = !doneAt.isAfter(a.due());
                    work.events.add(new HandoverEvent.ActionCompleted(now, ticket.id(), h, a.key(), onTime, "task"));
                    work.counts.add(SweepResult.Kind.COMPLETIONS);
                    work.record(Keys.done(item));
                    work.say("Done: \"" + a.text() + "\" (" + name(a.owner().get(), dir) + ", "
                            + (onTime ? "on time" : "late") + ", " + when(doneAt) + ").");
                }
            } else {
                openItems.add(item);
            }
        }
        if (r.contactBy().isPresent() && r.to().isPresent()) {
            Optional<Comment> reply = thread.since.stream()
                    .filter(c -> !c.isInternal())
                    .filter(c -> c.isBy(r.to().get())
                            || ticket.assignee().map(c::isBy).orElse(false))
                    .findFirst();
            if (reply.isPresent()) {
                if (!recorded.contains(Keys.done(Item.CONTACT))) {
                    work.record(Keys.done(Item.CONTACT));
                    work.say("The customer heard from "
                            + name(AgentId.of(reply.get().authorId()), dir) + " at "
                            + when(reply.get().createdAt()) + ".");
                }
            } else {
                openItems.add(Item.CONTACT);
            }
        }

        // a dated promise is watched until its check-in is taken: whether it was kept is the receiver's to say
        for (HandoverRecord.Promise p : r.promises()) {
            Item item = Item.promise(p.key());
            if (steps.stream().anyMatch(st -> st.item().equals(item) && !recorded.contains(st.key()))) {
                openItems.add(item);
            }
        }

        // what is due now, per open item: the strongest step due settles the earlier ones
        boolean retargeted = false;
        for (Item item : openItems) {
            List<FollowUpStep> due = steps.stream()
                    .filter(s -> s.item().equals(item) && !s.at().isAfter(now) && !recorded.contains(s.key()))
                    .toList();
            if (due.isEmpty()) {
                continue;
            }
            FollowUpStep step = due.get(due.size() - 1);
            due.forEach(s -> work.record(s.key()));
            if (step.kind().reminder().isPresent() && unavailable(step.owner(), dir, now)) {
                // reminding someone who is away helps nobody: go to the next rung (or re-target) now
                Optional<FollowUpStep> stronger = steps.stream()
                        .filter(s -> s.item().equals(item) && !recorded.contains(s.key()))
                        .filter(s -> s.kind().reminder().isEmpty())
                        .findFirst();
                if (stronger.isPresent()) {
                    step = stronger.get();
                    work.record(step.key());
                }
            }
            int sent = reminderCount(steps, recorded, item);
            int count = sent + 1;
            String why = diagnosis.why(step.owner(), ticket, r, dir, workload, now);
            String impact = Diagnosis.impact(r, ticket, now, readerZone(step, dir));
            FollowUpStep taken = step;
            boolean moved = switch (step.kind()) {
                case RETARGET -> {
                    if (reassigning.retarget(r, ticket, tasks, dir, sent, now).isPresent()) {
                        yield true;
                    }
                    // nobody else could take it: the owner's managers hear of it, the line manager first
                    List<FollowUpStep> fallback = List.of(
                            new FollowUpStep(
                                    item,
                                    StepKind.ESCALATION,
                                    1,
                                    now,
                                    taken.owner(),
                                    Optional.of(EscalationStep.lineManager(Duration.ZERO))),
                            new FollowUpStep(
                                    item,
                                    StepKind.ESCALATION,
                                    2,
                                    now,
                                    taken.owner(),
                                    Optional.of(EscalationStep.headOfTeam(Duration.ZERO))));
                    escalate(
                            work,
                            item,
                            r,
                            fallback.get(0),
                            fallback,
                            new LinkedHashSet<>(),
                            sent,
                            why + "; nobody else could take the ticket",
                            impact,
                            ticket,
                            dir,
                            now);
                    yield false;
                }
                case ESCALATION -> {
                    // rungs due together are each taken, lowest first: the line manager is never skipped because
                    // the head of team is due too (both moved into the same working morning, or a late sweep)
                    List<FollowUpStep> itemRungs = steps.stream()
                            .filter(s -> s.item().equals(item) && s.kind() == StepKind.ESCALATION)
                            .sorted(Comparator.comparingInt(FollowUpStep::index))
                            .toList();
                    Set<String> takenNow = new LinkedHashSet<>();
                    List<FollowUpStep> rungs = new ArrayList<>(due);
                    if (!rungs.contains(taken)) {
                        rungs.add(taken); // brought forward: the owner is away
                    }
                    for (FollowUpStep rung : rungs) {
                        if (rung.kind() != StepKind.ESCALATION || takenNow.contains(rung.key())) {
                            continue;
                        }
                        escalate(work, item, r, rung, itemRungs, takenNow, sent, why, impact, ticket, dir, now);
                    }
                    yield false;
                }
                case CHECK_IN, ACKNOWLEDGEMENT_REMINDER, CONTACT_REMINDER, OVERDUE_REMINDER -> {
                    remind(work, item, taken, count, r, why, impact, ticket, dir);
                    yield false;
                }
            };
            if (moved) {
                sweepCounts.add(SweepResult.Kind.RETARGETS);
                retargeted = true;
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
            work.close(FollowUpOutcome.COMPLETED, null, tasks, true);
        } else if (remaining.isEmpty()) {
            // the ladder is spent, the work is not: undone tasks stay open with their owners, and whoever the last
            // escalation reached answers for them
            work.say("Follow-up of handover " + h + " ends after the last escalation with "
                    + openItems.stream()
                            .map(i -> "\"" + Wording.clip(Wording.itemText(r, i), 80) + "\"")
                            .collect(Collectors.joining(", "))
                    + " still not done; " + accountable(r, openItems, tasks, work.creates, dir)
                    + ". Their tasks stay open.");
            work.closeKeepingOpenWork(FollowUpOutcome.EXHAUSTED);
        } else {
            Optional<Instant> next = ReminderSchedule.next(remaining, settled, now);
            Instant nextAt = next.orElse(now.plus(reminders.repeatEvery()));
            if (!nextAt.equals(watcher.due())) {
                work.changes.add(TaskChange.reschedule(watcher.id(), nextAt));
            }
        }
        return work;
    }

    /** Who answers for the items a spent ladder leaves undone: the last escalation's recipient of each. */
    private static String accountable(
            HandoverRecord r, Set<Item> open, List<Task> tasks, List<TaskDraft> creating, Directory dir) {
        Map<String, AgentId> escalated = new HashMap<>();
        tasks.stream().filter(t -> t.kind() == TaskKind.ESCALATION).forEach(t -> escalated.put(t.key(), t.owner()));
        creating.forEach(d -> escalated.put(d.key(), d.owner()));
        List<String> out = new ArrayList<>();
        for (Item item : open) {
            String prefix = Keys.escalationTask(item, 0).replaceAll("0$", "");
            Optional<AgentId> last = escalated.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(prefix))
                    .max(Comparator.comparingInt(e -> level(e.getKey().substring(prefix.length()))))
                    .map(Map.Entry::getValue);
            String what = "\"" + Wording.clip(Wording.itemText(r, item), 80) + "\"";
            out.add(last.map(o -> name(o, dir) + " (the last escalation) is accountable for " + what)
                    .orElse("no escalation reached anyone for " + what));
        }
        return String.join("; ", out);
    }

    private static int level(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The actions a solved ticket closes: each not recorded done and still open counts as completed with it. */
    private static void solvedActions(
            Work work, HandoverRecord r, Map<String, Task> byKey, FollowUpThread thread, Ticket ticket, Instant now) {
        for (HandoverRecord.Action a : r.actions()) {
            Task t = byKey.get(a.key());
            if (!thread.recorded.contains(Keys.done(Item.action(a.key()))) && (t == null || t.isOpen())) {
                work.events.add(new HandoverEvent.ActionCompleted(
                        now, ticket.id(), r.id(), a.key(), !ticket.updatedAt().isAfter(a.due()), "ticket-solved"));
                work.counts.add(SweepResult.Kind.COMPLETIONS);
            }
        }
    }

    private static Optional<Instant> acknowledgedAt(
            HandoverRecord r, Task ack, FollowUpThread thread, ReminderPolicy reminders) {
        if (ack != null
                && ack.status() == TaskStatus.COMPLETED
                && (reminders.implicitAcknowledgement().contains(ReminderPolicy.AcknowledgementSignal.TASK_COMPLETED)
                        || thread.recorded.contains(Keys.done(Item.ACKNOWLEDGEMENT)))) {
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

    private static int reminderCount(List<FollowUpStep> steps, Set<String> recorded, Item item) {
        return (int) steps.stream()
                .filter(s -> s.item().equals(item) && recorded.contains(s.key()))
                .filter(s -> s.kind().countsAsReminder())
                .count();
    }

    private void remind(
            Work work,
            Item item,
            FollowUpStep step,
            int count,
            HandoverRecord r,
            String why,
            String impact,
            Ticket ticket,
            Directory dir) {
        FollowUpMessages m = policy.followUpMessages();
        ReminderKind kind = step.kind()
                .reminder()
                .orElseThrow(() -> new IllegalArgumentException("a " + step.kind() + " step is not a reminder"));
        String template = switch (kind) {
            case CHECK_IN -> m.checkIn();
            case ACKNOWLEDGEMENT -> m.acknowledgement();
            case CONTACT -> m.contact();
            case OVERDUE -> m.overdue();
        };
        work.counts.add(
                switch (kind) {
                    case CHECK_IN -> SweepResult.Kind.CHECK_INS;
                    case ACKNOWLEDGEMENT, CONTACT, OVERDUE -> SweepResult.Kind.REMINDERS;
                });
        Map<String, String> v =
                Wording.values(r, item, step.owner(), why, impact, count, dir, Wording.zoneOf(step.owner(), dir));
        v.put("recipient", firstName(name(step.owner(), dir)));
        work.say(FollowUpMessages.fill(template, v));
        work.events.add(new HandoverEvent.Reminded(
                work.now,
                ticket.id(),
                r.id(),
                item.key(),
                step.owner(),
                kind.code(),
                kind == ReminderKind.CHECK_IN ? 0 : count,
                why,
                impact));
    }

    private void escalate(
            Work work,
            Item item,
            HandoverRecord r,
            FollowUpStep due,
            List<FollowUpStep> itemRungs,
            Set<String> taken,
            int sent,
            String why,
            String impact,
            Ticket ticket,
            Directory dir,
            Instant now) {
        AgentId owner = due.owner();
        boolean blocked = ticket.status() == TicketStatus.PENDING || ticket.status() == TicketStatus.ON_HOLD;
        ReminderPolicy reminders = policy.reminderPolicy(r.reminderPolicy());
        Duration window = reminders.scaled(reminders.repeatEvery(), ticket.priority());
        if (blocked) {
            // waiting on the customer or a third party is not the owner's failure: remind instead of escalating
            taken.add(due.key());
            Map<String, String> v = Wording.values(r, item, owner, why, impact, sent, dir, Wording.zoneOf(owner, dir));
            v.put("level", Integer.toString(due.index()));
            v.put("recipient", firstName(name(owner, dir)));
            work.say(FollowUpMessages.fill(policy.followUpMessages().overdue(), v) + " (Not escalated: " + why + ".)");
            work.counts.add(SweepResult.Kind.REMINDERS);
            work.events.add(new HandoverEvent.Reminded(
                    now,
                    ticket.id(),
                    r.id(),
                    item.key(),
                    owner,
                    ReminderKind.OVERDUE.code(),
                    due.index(),
                    why,
                    impact));
            return;
        }
        // whoever is to step in must be able to within the escalation's window, counted in the owner's hours
        Instant actBy = dir.agent(owner)
                .map(policy::calendarOf)
                .orElse(policy.defaultCalendar())
                .plus(now, window);
        Ladder.Reach reach = ladder.resolve(due, itemRungs, taken, dir, now, actBy);
        FollowUpStep rungStep = reach.rung();
        taken.add(due.key());
        taken.add(rungStep.key());
        work.record(rungStep.key());
        EscalationStep rung = rungStep.escalation().orElseThrow();
        int level = rungStep.index();
        ZoneId zone = reach.agent().map(Agent::timeZone).orElseGet(() -> Wording.zoneOf(owner, dir));
        Map<String, String> v = Wording.values(r, item, owner, why, impact, sent, dir, zone);
        v.put("level", Integer.toString(level));
        String passedOver = reach.passedOver().isEmpty()
                ? ""
                : " " + Wording.capitalize(String.join("; ", reach.passedOver())) + "; escalated to "
                        + reach.agent()
                                .map(a -> (reach.deputy() ? "their deputy " : "") + a.name())
                                .orElseGet(() -> rung.group()
                                        .map(g ->
                                                dir.group(g).map(x -> x.name()).orElse(g.value()))
                                        .orElse("nobody"))
                        + ".";
        if (rung.level() == EscalationStep.Level.GROUP) {
            GroupId group = rung.group().get();
            String groupName = dir.group(group).map(g -> g.name()).orElse(group.value());
            v.put("recipient", groupName);
            work.say(FollowUpMessages.fill(policy.followUpMessages().escalation(), v) + " The ticket moves to "
                    + groupName + "." + passedOver);
            if (work.assignment == null) {
                work.assignment = Assignment.toGroup(group);
            }
            work.counts.add(SweepResult.Kind.ESCALATIONS);
            work.events.add(new HandoverEvent.Escalated(
                    now, ticket.id(), r.id(), item.key(), level, "group " + group, why, impact));
            return;
        }
        if (reach.agent().isEmpty()) {
            work.say("Escalation level " + due.index() + " of \"" + Wording.itemText(r, item) + "\" found nobody: "
                    + (reach.passedOver().isEmpty()
                            ? rung.describeTarget() + " of " + name(owner, dir)
                                    + " is not in the directory or not active"
                            : String.join("; ", reach.passedOver()))
                    + ".");
            work.counts.add(SweepResult.Kind.ESCALATIONS);
            work.events.add(
                    new HandoverEvent.Escalated(now, ticket.id(), r.id(), item.key(), level, "nobody", why, impact));
            return;
        }
        Agent to = reach.agent().get();
        if (work.escalatedTo.contains(to.id() + "|" + item.key())) {
            return; // the next rung is the same person (a deputy who is also the head of team): told once
        }
        work.escalatedTo.add(to.id() + "|" + item.key());
        v.put("recipient", to.name());
        work.say(FollowUpMessages.fill(policy.followUpMessages().escalation(), v) + passedOver);
        BusinessCalendar hours = policy.calendarOf(to);
        work.creates.add(TaskDraft.builder(r.id(), Keys.escalationTask(item, level), TaskKind.ESCALATION)
                .owner(to.id())
                .subject("Escalated: " + Wording.clip(Wording.itemText(r, item), 150) + " (ticket " + ticket.id() + ")")
                .body("Level " + level + " escalation of handover " + r.id() + ". Why it is not done: " + why
                        + ". For the customer: " + impact + "."
                        + (reach.passedOver().isEmpty()
                                ? ""
                                : " Passed over: " + String.join("; ", reach.passedOver()) + "."))
                .due(hours.plus(now, window))
                .remindAt(now)
                .build());
        work.counts.add(SweepResult.Kind.ESCALATIONS);
        work.events.add(new HandoverEvent.Escalated(
                now, ticket.id(), r.id(), item.key(), level, "agent " + to.id(), why, impact));
    }

    /** The zone the person a step goes to reads times in: the escalation's recipient, else the owner. */
    private static ZoneId readerZone(FollowUpStep step, Directory dir) {
        return step.escalation()
                .flatMap(rung -> escalationTarget(rung, step.owner(), dir))
                .map(Agent::timeZone)
                .orElseGet(() -> Wording.zoneOf(step.owner(), dir));
    }

    /** Away for a while: not in the directory, deactivated, or on a planned absence now. */
    private static boolean unavailable(AgentId owner, Directory dir, Instant now) {
        Optional<Agent> a = dir.agent(owner);
        return a.isEmpty() || !a.get().active() || a.get().isAbsentAt(now);
    }

    private static Optional<Agent> escalationTarget(EscalationStep rung, AgentId owner, Directory dir) {
        return Ladder.target(rung, owner, dir)
                .flatMap(dir::agent)
                .filter(Agent::active)
                .filter(Agent::canTakeTickets);
    }
}
