package dev.handover.core.followup;

import static dev.handover.core.followup.Wording.when;

import dev.handover.core.SweepResult;
import dev.handover.core.event.HandoverEvent;
import dev.handover.core.event.HandoverEvent.FollowUpOutcome;
import dev.handover.core.marker.Markers;
import dev.handover.core.marker.StepRecord;
import dev.handover.spi.Assignment;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the follow-up of one handover writes now, in one update: a note of the check-ins, reminders and escalations
 * ending in the step marker that records them, task changes, escalation tasks and, for a group escalation, the
 * reassignment. Its events and counts count only once the write is applied.
 */
final class Work {
    final Task watcher;
    final Ticket ticket;
    final HandoverId handover;
    final Instant now;
    final List<String> paragraphs = new ArrayList<>();
    final Set<String> steps = new LinkedHashSet<>();
    final List<TaskChange> changes = new ArrayList<>();
    final List<TaskDraft> creates = new ArrayList<>();
    final List<HandoverEvent> events = new ArrayList<>();
    final Counts counts = new Counts();
    /** Who was escalated to for which item in this write, so nobody is told the same thing twice. */
    final Set<String> escalatedTo = new LinkedHashSet<>();

    Assignment assignment;

    Work(Task watcher, Ticket ticket, HandoverId handover, Instant now) {
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
    void close(FollowUpOutcome outcome, String why, List<Task> tasks, boolean note) {
        Set<TaskId> changing = changes.stream().map(TaskChange::task).collect(Collectors.toSet());
        for (Task t : tasks) {
            // the absent owner's hand-back outlives the follow-up: the ticket returns to them all the same
            if (!t.isOpen()
                    || changing.contains(t.id())
                    || t.kind() == TaskKind.ESCALATION
                    || Keys.Task.HAND_BACK.is(t)) {
                continue;
            }
            changes.add(t.id().equals(watcher.id()) ? TaskChange.complete(t.id()) : TaskChange.cancel(t.id()));
        }
        if (note) {
            record(Keys.closed(outcome));
        }
        counts.add(SweepResult.Kind.CLOSED);
        events.add(new HandoverEvent.FollowUpClosed(now, ticket.id(), handover, outcome.code()));
        if (why != null) {
            FollowUpLog.LOG.info(
                    "follow-up of handover {} of ticket {} closed: {}", handover, ticket.id(), outcome.code());
        }
    }

    /**
     * Ends the follow-up with work still undone: only the follow-up task completes; acknowledgement and action tasks
     * stay open with their owners, so nothing undone disappears from anyone's list.
     */
    void closeKeepingOpenWork(FollowUpOutcome outcome) {
        Set<TaskId> changing = changes.stream().map(TaskChange::task).collect(Collectors.toSet());
        if (watcher.isOpen() && !changing.contains(watcher.id())) {
            changes.add(TaskChange.complete(watcher.id()));
        }
        record(Keys.closed(outcome));
        counts.add(SweepResult.Kind.CLOSED);
        events.add(new HandoverEvent.FollowUpClosed(now, ticket.id(), handover, outcome.code()));
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
                text.append("\n• ").append(Markers.neutralize(p));
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
        u.idempotencyKey("followup:" + handover.value() + ":" + Wording.crc(material));
        return u.build();
    }
}
