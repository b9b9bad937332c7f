package dev.handover.core;

import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.reminder.FollowUpStep;
import dev.handover.core.reminder.ReminderSchedule;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The follow-up a handover materializes in the CRM (seed criterion 1.3 and the "not confirming receipt" mistake): an
 * acknowledgement task for the receiving agent, due at the acknowledgement deadline, and one follow-up task for the
 * sender, due at the first checkpoint of the handover's reminder schedule. The sweep moves the follow-up task from
 * checkpoint to checkpoint, so asking the CRM for follow-up tasks due now finds exactly the handovers that need
 * attention.
 */
final class FollowUpTasks implements Planner.TaskPlanning {
    static final String ACK = "ack";
    static final String WATCH = "follow-up";

    private final HandoverPolicy policy;

    FollowUpTasks(HandoverPolicy policy) {
        this.policy = policy;
    }

    @Override
    public List<TaskDraft> tasks(Planner.Draft d, List<String> warnings) {
        List<TaskDraft> out = new ArrayList<>();
        Optional<Agent> receiver = d.receiver().agent();
        String ticket = d.ticket().id().value();
        String from = d.sender().map(Agent::name).orElse("the handover rules");
        if (d.acknowledgeBy().isPresent() && receiver.isPresent()) {
            out.add(TaskDraft.builder(d.id(), ACK, TaskKind.ACKNOWLEDGEMENT)
                    .owner(receiver.get().id())
                    .subject("Acknowledge the handover of ticket " + ticket + " from " + from)
                    .body("Handover " + d.id() + ": read the handover note on ticket " + ticket
                            + " and complete this task (or reply on the ticket) to confirm you have taken it over.")
                    .due(d.acknowledgeBy().get())
                    .remindAt(d.acknowledgeBy().get())
                    .build());
        }
        List<FollowUpStep> steps =
                schedule(d.record(), d.ticket().priority(), d.directory()).steps(d.record());
        if (steps.isEmpty()) {
            return out;
        }
        Optional<AgentId> owner = watcher(d, d.directory());
        if (owner.isEmpty()) {
            warnings.add("nobody can follow this handover up (no sending agent, no receiver's manager): it has no"
                    + " follow-up task");
            return out;
        }
        String to = d.receiver().name();
        out.add(TaskDraft.builder(d.id(), WATCH, TaskKind.FOLLOW_UP)
                .owner(owner.get())
                .subject("Follow up the handover of ticket " + ticket + " to " + to)
                .body("Handover " + d.id() + ": check that " + to + " acknowledged it and that the actions are done."
                        + " The engine reminds, checks and escalates at each checkpoint; this task moves to the next"
                        + " one and closes when everything is done.")
                .due(steps.get(0).at())
                .remindAt(steps.get(0).at())
                .build());
        return out;
    }

    ReminderSchedule schedule(
            dev.handover.core.note.HandoverRecord record,
            dev.handover.spi.model.TicketPriority priority,
            Directory dir) {
        return new ReminderSchedule(
                policy.reminderPolicy(record.reminderPolicy()),
                priority,
                dir::agent,
                policy::calendarOf,
                policy.defaultCalendar());
    }

    /** Who follows up: the sender (unless away), else the receiver's manager, else the receiving agent. */
    static Optional<AgentId> watcher(Planner.Draft d, Directory dir) {
        return d.sender()
                .filter(Agent::active)
                .filter(a -> !a.isAbsentAt(d.now()))
                .map(Agent::id)
                .or(() -> d.receiver()
                        .agent()
                        .flatMap(Agent::manager)
                        .filter(m -> dir.agent(m).isPresent()))
                .or(() -> d.receiver().agent().map(Agent::id));
    }
}
