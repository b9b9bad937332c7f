package dev.handover.core;

import dev.handover.core.calendar.Availability;
import dev.handover.core.event.HandoverEvent;
import dev.handover.core.followup.Keys;
import dev.handover.core.followup.Reassigning;
import dev.handover.core.note.HandoverRecord;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.routing.Target;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.model.Absence;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Moves tickets between people: the open tickets of agents whose shift ends or who go away, the hand-back on their
 * return, and the re-target of a handover nobody acknowledged. Each is an ordinary handover, written by {@link
 * Execution}; after a conflict it is planned again only while the ticket is still where it was.
 */
final class Reassignments implements Reassigning {
    private final Parts parts;

    Reassignments(Parts parts) {
        this.parts = parts;
    }

    /** One agent's shift change: calling it is the decision, so the rule's condition is not checked. */
    List<HandoverResult> shiftChange(AgentId agent, Instant at) {
        Directory dir = parts.directory().get();
        Agent sender = dir.agent(agent)
                .orElseThrow(() -> new IllegalArgumentException("agent " + agent + " is not in the directory"));
        return bulk(
                List.of(sender), parts.builtIn().settingsFor(HandoverReason.SHIFT_CHANGE), at, Optional.empty(), dir);
    }

    /** A team's shift change: the members working just before {@code at} and not after it. */
    List<HandoverResult> shiftChange(GroupId team, Instant at) {
        Directory dir = parts.directory().get();
        if (dir.group(team).isEmpty()) {
            throw new IllegalArgumentException("team " + team + " is not in the directory");
        }
        List<Agent> leaving = dir.members(team).stream()
                .filter(a -> parts.policy().calendarOf(a).isOpen(at.minusSeconds(60))
                        && !parts.policy().calendarOf(a).isOpen(at))
                .toList();
        return bulk(leaving, parts.builtIn().settingsFor(HandoverReason.SHIFT_CHANGE), at, Optional.empty(), dir);
    }

    /** An absence: each handover carries a hand-back task for the absent agent, due on their return. */
    List<HandoverResult> absence(AgentId agent, Instant from, Instant until) {
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("an absence must end after it starts: " + from + " – " + until);
        }
        Directory dir = parts.directory().get();
        Agent sender = dir.agent(agent)
                .orElseThrow(() -> new IllegalArgumentException("agent " + agent + " is not in the directory"));
        Agent away =
                sender.toBuilder().absence(new Absence(from, until, "absence")).build();
        Instant now = parts.clock().instant();
        return bulk(
                List.of(away),
                parts.builtIn().settingsFor(HandoverReason.ABSENCE),
                now.isAfter(from) ? now : from,
                Optional.of(until),
                dir);
    }

    /** The return: every open hand-back task of the agent. */
    List<HandoverResult> returnFromAbsence(AgentId agent) {
        Directory dir = parts.directory().get();
        Agent owner = dir.agent(agent)
                .orElseThrow(() -> new IllegalArgumentException("agent " + agent + " is not in the directory"));
        List<Task> handBacks = parts.crm()
                .allTasks(TaskQuery.builder()
                        .open()
                        .owner(agent)
                        .kind(TaskKind.FOLLOW_UP)
                        .build())
                .filter(Keys.Task.HAND_BACK::is)
                .toList();
        return handBack(owner, handBacks, dir);
    }

    /** Hands these hand-back tasks' tickets back to their owner. */
    @Override
    public List<HandoverResult> handBack(Agent owner, List<Task> handBacks, Directory dir) {
        Map<TicketId, Ticket> tickets = parts.crm()
                .tickets(handBacks.stream().map(Task::ticket).distinct().toList());
        HandoverRule settings = BuiltInRules.HAND_BACK;
        List<Execution.Pending> pending = new ArrayList<>();
        List<HandoverResult> closedOnly = new ArrayList<>();
        for (Task task : handBacks) {
            Ticket t = tickets.get(task.ticket());
            if (t == null
                    || !t.isOpen()
                    || t.assignee().filter(owner.id()::equals).isPresent()) {
                // solved meanwhile, deleted, or already back with the owner: only the task is closed
                try {
                    parts.crm()
                            .apply(TicketUpdate.builder(task.ticket())
                                    .changeTask(TaskChange.complete(task.id()))
                                    .idempotencyKey(
                                            "hand-back-done:" + task.id().value())
                                    .build());
                    closedOnly.add(HandoverResult.notApplicable(task.ticket()));
                } catch (CrmException e) {
                    closedOnly.add(HandoverResult.failed(task.ticket(), Optional.empty(), e));
                }
                continue;
            }
            Function<Ticket, Planner.Spec> spec = fresh -> Planner.Spec.fromRule(
                    fresh,
                    parts.clock().instant(),
                    settings,
                    List.of(Target.agent(owner.id())),
                    fresh.assignee().flatMap(dir::agent),
                    HandoverReason.ABSENCE,
                    owner.name() + " is back; the ticket returns to its owner",
                    false,
                    Optional.empty(),
                    List.of(TaskChange.complete(task.id())),
                    Optional.of("hand-back:" + task.id().value()),
                    Map.of());
            pending.add(new Execution.Pending(spec.apply(t), fresh -> Optional.of(spec.apply(fresh))));
        }
        List<HandoverResult> out = new ArrayList<>(closedOnly);
        out.addAll(parts.execution().execute(pending, dir, new LiveWorkload(parts.crm())));
        return out;
    }

    /**
     * Hands an unacknowledged ticket to the next qualified colleague: the handover's rule targets, then the next shift
     * of the receiver's team, without the receiver who did not answer. The new handover cancels the old one's tasks in
     * the same write.
     */
    @Override
    public Optional<HandoverEvent.Retargeted> retarget(
            HandoverRecord r, Ticket ticket, List<Task> tasks, Directory dir, int reminders, Instant now) {
        HandoverRule settings = parts.builtIn().settingsOf(r);
        List<Target> targets = new ArrayList<>(r.rule().equals(HandoverRule.MANUAL) ? List.of() : settings.targets());
        if (!targets.contains(Target.nextShift())) {
            targets.add(Target.nextShift());
        }
        AgentId silent = r.to().get();
        String silentName = dir.agent(silent).map(Agent::name).orElse(silent.value());
        List<TaskChange> closeOld = new ArrayList<>();
        for (Task t : tasks) {
            // an absent owner's hand-back stays theirs: the ticket still returns to them, whoever holds it then
            if (t.isOpen() && t.kind() != TaskKind.ESCALATION && !Keys.Task.HAND_BACK.is(t)) {
                closeOld.add(Keys.Task.FOLLOW_UP.is(t) ? TaskChange.complete(t.id()) : TaskChange.cancel(t.id()));
            }
        }
        String detail = silentName + " did not acknowledge handover " + r.id() + " by "
                + Availability.describe(r.acknowledgeBy().orElse(r.at()), ZoneOffset.UTC) + " after "
                + reminders + " reminder" + (reminders == 1 ? "" : "s")
                + ", so it goes to the next qualified colleague";
        HandoverReason reason = parts.policy().reason(r.reason()).orElse(HandoverReason.ESCALATION);
        Function<Ticket, Planner.Spec> spec = fresh -> Planner.Spec.fromRule(
                fresh,
                now,
                settings,
                targets,
                fresh.assignee().flatMap(dir::agent),
                reason,
                detail,
                // the customer told of the silent receiver is told who has the ticket now
                settings.notifyCustomer(),
                // no new hand-back: it would belong to the silent receiver, who is this handover's sender
                Optional.empty(),
                closeOld,
                Optional.of("retarget:" + r.id().value()),
                passedOver(r, silent));
        // after a conflict, re-target only while the ticket is still with the receiver who did not answer: otherwise
        // another worker has moved it already
        HandoverResult result = parts.execution()
                .execute(
                        List.of(new Execution.Pending(
                                spec.apply(ticket),
                                fresh -> fresh.assignee().filter(silent::equals).map(x -> spec.apply(fresh)))),
                        dir,
                        new LiveWorkload(parts.crm()))
                .get(0);
        if (result.status() != HandoverResult.Status.HANDED_OVER) {
            EngineLog.LOG.info(
                    "handover {} of ticket {} could not be re-targeted: {}", r.id(), ticket.id(), result.status());
            return Optional.empty();
        }
        HandoverPlan plan = result.plan().get();
        HandoverEvent.Retargeted e =
                new HandoverEvent.Retargeted(now, ticket.id(), r.id(), plan.id(), silent, Execution.receiverId(plan));
        parts.events().on(e);
        parts.events()
                .on(new HandoverEvent.FollowUpClosed(
                        now, ticket.id(), r.id(), HandoverEvent.FollowUpOutcome.RETARGETED.code()));
        return Optional.of(e);
    }

    /**
     * Who a re-target passes over: the receiver who did not answer, and whoever had the ticket before them in this
     * handover — its sender, or the receiver an earlier re-target took it from. The ping-pong guard covers them for a
     * few hours only; a re-target the next morning would otherwise hand the ticket back to someone who let it lapse (and
     * tell the customer a second time that they take over).
     */
    private static Map<AgentId, String> passedOver(HandoverRecord r, AgentId silent) {
        Map<AgentId, String> out = new java.util.LinkedHashMap<>();
        out.put(silent, "did not acknowledge handover " + r.id());
        r.from().filter(f -> !f.equals(silent)).ifPresent(f -> out.put(f, "gave this ticket up in handover " + r.id()));
        return out;
    }

    private List<HandoverResult> bulk(
            List<Agent> senders, HandoverRule settings, Instant at, Optional<Instant> returnAt, Directory dir) {
        LiveWorkload workload = new LiveWorkload(parts.crm());
        List<Execution.Pending> pending = new ArrayList<>();
        for (Agent sender : senders) {
            List<Ticket> open = parts.crm()
                    .searchAll(
                            TicketQuery.builder().assignee(sender.id()).open().build())
                    .toList();
            for (Ticket t : open) {
                Function<Ticket, Planner.Spec> spec = fresh -> Planner.Spec.fromRule(
                        fresh,
                        at,
                        settings,
                        settings.targets(),
                        Optional.of(sender),
                        settings.reason(),
                        detailFor(settings.reason(), sender, at, returnAt),
                        settings.notifyCustomer(),
                        returnAt,
                        List.of(),
                        Optional.empty(),
                        Map.of());
                pending.add(new Execution.Pending(
                        spec.apply(t),
                        fresh -> fresh.assignee().filter(sender.id()::equals).isPresent()
                                ? Optional.of(spec.apply(fresh))
                                : Optional.empty()));
            }
        }
        return parts.execution().execute(pending, dir, workload);
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
}
