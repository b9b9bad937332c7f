package dev.handover.core;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.followup.Keys;
import dev.handover.core.note.ActionItem;
import dev.handover.core.note.HandoverRecord;
import dev.handover.core.note.Party;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.routing.Receiver;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.Ticket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Repairs handovers whose tasks are missing (a crash or an outage between the note and its tasks): the latest
 * handover's trailer on the ticket says which tasks it should have; the missing ones are created, once.
 */
final class Reconciliation {
    private final Parts parts;

    Reconciliation(Parts parts) {
        this.parts = parts;
    }

    ReconcileResult reconcile(Instant since) {
        return reconcile(since, h -> true);
    }

    /**
     * Repairs missing tasks, and emits the {@code Executed} event of every handover since {@code since} found on the
     * tickets that {@code recorded} does not know — so the caller's audit trail matches the CRM.
     */
    ReconcileResult reconcile(Instant since, Predicate<HandoverId> recorded) {
        Instant now = parts.clock().instant();
        Directory dir = parts.directory().get();
        List<Ticket> tickets = parts.crm()
                .searchAll(TicketQuery.builder().updatedSince(since).open().build())
                .filter(t -> t.hasTag(History.HANDOVER_TAG))
                .toList();
        int created = 0;
        int repaired = 0;
        int recovered = 0;
        List<String> failures = new ArrayList<>();
        for (Ticket t : tickets) {
            try {
                History history = History.read(parts.crm(), t, 0);
                if (history.last().isEmpty()) {
                    continue;
                }
                for (HandoverRecord found : history.records()) {
                    if (!found.at().isBefore(since.minusSeconds(1)) && !recorded.test(found.id())) {
                        parts.events().on(executedFrom(found));
                        recovered++;
                    }
                }
                HandoverRecord r = history.last().get();
                List<Task> existing = parts.crm()
                        .allTasks(TaskQuery.builder().handover(r.id()).build())
                        .toList();
                Set<String> have = existing.stream().map(Task::key).collect(Collectors.toSet());
                if (have.contains(Keys.Task.FOLLOW_UP.key())
                        && !existing.isEmpty()
                        && existing.stream().filter(Keys.Task.FOLLOW_UP::is).noneMatch(Task::isOpen)) {
                    continue; // followed up to the end already
                }
                int made = createMissing(t, r, have, dir, now);
                if (made > 0) {
                    created += made;
                    repaired++;
                }
            } catch (CrmException e) {
                failures.add("ticket " + t.id() + ": " + e.getMessage());
            }
        }
        return new ReconcileResult(tickets.size(), created, repaired, failures, recovered);
    }

    /**
     * The handover as its note records it, as an {@code Executed} event marked replayed: it was written before, and
     * its own event was lost. A listener that counts handovers by id counts it once.
     */
    static HandoverEvent.Executed executedFrom(HandoverRecord r) {
        return HandoverEvent.Executed.fromRecord(r, true);
    }

    /**
     * Settles handovers whose write failed with an unknown outcome by reading each ticket itself — by id, wherever it
     * is now — for the handover's note: one that landed gets its {@code Executed} event (once) and its missing tasks,
     * and is answered as replayed; one that did not land is answered as it was, safe to retry.
     */
    List<HandoverResult> settle(Collection<HandoverResult> results) {
        Instant now = parts.clock().instant();
        Directory dir = parts.directory().get();
        List<HandoverResult> out = new ArrayList<>();
        for (HandoverResult res : results) {
            if (!res.isOutcomeUnknown()) {
                out.add(res);
                continue;
            }
            HandoverPlan plan = res.plan().get();
            try {
                Optional<Ticket> t = parts.crm().ticket(plan.ticket().id());
                Optional<HandoverRecord> landed = t.isEmpty()
                        ? Optional.empty()
                        : parts
                                .crm()
                                .comments(t.get().id(), SortOrder.NEWEST_FIRST, PageRequest.first(50))
                                .items()
                                .stream()
                                .filter(Comment::isInternal)
                                .flatMap(c -> HandoverRecord.find(c.body()).stream())
                                .filter(r -> r.id().equals(plan.id()))
                                .findFirst();
                if (landed.isEmpty()) {
                    out.add(new HandoverResult(
                            res.ticket(),
                            HandoverResult.Status.FAILED,
                            res.plan(),
                            "the write did not land (the ticket holds no note of handover " + plan.id()
                                    + "); safe to retry: " + res.message(),
                            res.error()));
                    continue;
                }
                parts.events().on(executedFrom(landed.get()));
                repairTasks(t.get(), landed.get(), dir, now);
                out.add(HandoverResult.done(plan, true));
            } catch (CrmException e) {
                out.add(res);
            }
        }
        return out;
    }

    private void repairTasks(Ticket t, HandoverRecord r, Directory dir, Instant now) {
        Set<String> have = parts.crm()
                .allTasks(TaskQuery.builder().handover(r.id()).build())
                .map(Task::key)
                .collect(Collectors.toSet());
        createMissing(t, r, have, dir, now);
    }

    /** Creates, once, the tasks the handover's record asks for that are not among {@code have}; how many. */
    private int createMissing(Ticket t, HandoverRecord r, Set<String> have, Directory dir, Instant now) {
        List<TaskDraft> missing = tasksFor(r, t, dir, now).stream()
                .filter(d -> !have.contains(d.key()))
                .toList();
        if (missing.isEmpty()) {
            return 0;
        }
        String keys = missing.stream().map(TaskDraft::key).sorted().collect(Collectors.joining(","));
        TicketUpdate.Builder u =
                TicketUpdate.builder(t.id()).idempotencyKey("reconcile:" + r.id() + ":" + HandoverIds.crc(keys));
        missing.forEach(u::createTask);
        if (parts.crm().apply(u.build()).status() != UpdateResult.Status.APPLIED) {
            return 0;
        }
        parts.events().on(new HandoverEvent.Reconciled(now, t.id(), r.id(), missing.size()));
        EngineLog.FOLLOW_UP.info("handover {} of ticket {} was missing tasks {}: created", r.id(), t.id(), keys);
        return missing.size();
    }

    /** The tasks a handover should have, rebuilt from its record (for reconciliation). */
    private List<TaskDraft> tasksFor(HandoverRecord r, Ticket ticket, Directory dir, Instant now) {
        HandoverRule settings = parts.builtIn().settingsOf(r);
        Optional<Agent> sender = r.from().flatMap(dir::agent);
        Optional<Agent> to = r.to().flatMap(dir::agent);
        Optional<Group> group = r.group().flatMap(dir::group);
        if (to.isEmpty() && group.isEmpty()) {
            return List.of();
        }
        Receiver receiver = new Receiver(to, group);
        List<ActionItem> actions = new ArrayList<>();
        for (HandoverRecord.Action a : r.actions()) {
            Party owner = a.owner()
                    .flatMap(dir::agent)
                    .map(agent -> Party.of(agent, Optional.empty()))
                    .orElseGet(() -> Party.system("the queue"));
            actions.add(new ActionItem(a.key(), a.text(), owner, a.due()));
        }
        Planner.Draft d = new Planner.Draft(
                r.id(), ticket, settings, sender, receiver, actions, r.acknowledgeBy(), r.returnAt(), r.at(), r, dir);
        List<TaskDraft> out = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (Planner.TaskPlanning p : parts.taskPlanning()) {
            out.addAll(p.tasks(d, ignored));
        }
        return out;
    }
}
