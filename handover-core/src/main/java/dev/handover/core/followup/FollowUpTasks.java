package dev.handover.core.followup;

import dev.handover.core.note.HandoverRecord;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.routing.Receiver;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.TicketPriority;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The follow-up a handover leaves in the CRM, so that nobody forgets to confirm receipt: an acknowledgement task for
 * the receiving agent, due at the acknowledgement deadline, and one follow-up task for the sender, due at the first
 * checkpoint of the handover's reminder schedule. The sweep moves the follow-up task from checkpoint to checkpoint, so
 * asking the CRM for follow-up tasks due now finds exactly the handovers that need attention.
 */
public final class FollowUpTasks {
    private final HandoverPolicy policy;

    /** The follow-up tasks of handovers under this policy. */
    public FollowUpTasks(HandoverPolicy policy) {
        this.policy = policy;
    }

    /**
     * What a handover's follow-up tasks are planned from.
     *
     * @param record the handover as its note's trailer records it
     * @param priority the ticket's priority, which scales the reminder schedule
     * @param sender who hands over, if an agent (for an absence, with the absence)
     * @param receiver who takes over
     * @param acknowledgeBy when the receiver must acknowledge, to the instant, if asked
     * @param now the handover's instant
     * @param directory the agent directory
     */
    public record Draft(
            HandoverRecord record,
            TicketPriority priority,
            Optional<Agent> sender,
            Receiver receiver,
            Optional<Instant> acknowledgeBy,
            Instant now,
            Directory directory) {}

    /** The tasks; a warning says so when nobody can follow the handover up. */
    public List<TaskDraft> tasks(Draft d, List<String> warnings) {
        List<TaskDraft> out = new ArrayList<>();
        Optional<Agent> receiver = d.receiver().agent();
        String ticket = d.record().ticket().value();
        HandoverId id = d.record().id();
        String from = d.sender().map(Agent::name).orElse("the handover rules");
        if (d.acknowledgeBy().isPresent() && receiver.isPresent()) {
            out.add(TaskDraft.builder(id, Keys.Task.ACKNOWLEDGEMENT.key(), TaskKind.ACKNOWLEDGEMENT)
                    .owner(receiver.get().id())
                    .subject("Acknowledge the handover of ticket " + ticket + " from " + from)
                    .body("Handover " + id + ": read the handover note on ticket " + ticket
                            + " and complete this task (or reply on the ticket) to confirm you have taken it over.")
                    .due(d.acknowledgeBy().get())
                    .remindAt(d.acknowledgeBy().get())
                    .build());
        }
        List<FollowUpStep> steps =
                schedule(d.record(), d.priority(), d.directory()).steps(d.record());
        if (steps.isEmpty()) {
            return out;
        }
        Optional<AgentId> owner = watcher(d);
        if (owner.isEmpty()) {
            warnings.add("nobody can follow this handover up (no sending agent, no receiver's manager): it has no"
                    + " follow-up task");
            return out;
        }
        String to = d.receiver().name();
        out.add(TaskDraft.builder(id, Keys.Task.FOLLOW_UP.key(), TaskKind.FOLLOW_UP)
                .owner(owner.get())
                .subject("Follow up the handover of ticket " + ticket + " to " + to)
                .body("Handover " + id + ": check that " + to + " acknowledged it and that the actions are done."
                        + " The engine reminds, checks and escalates at each checkpoint; this task moves to the next"
                        + " one and closes when everything is done.")
                .due(steps.get(0).at())
                .remindAt(steps.get(0).at())
                .build());
        return out;
    }

    ReminderSchedule schedule(HandoverRecord record, TicketPriority priority, Directory dir) {
        return new ReminderSchedule(
                policy.reminderPolicy(record.reminderPolicy()),
                priority,
                dir::agent,
                policy::calendarOf,
                policy.defaultCalendar());
    }

    /** Who follows up: the sender (unless away), else the receiver's manager, else the receiving agent. */
    private static Optional<AgentId> watcher(Draft d) {
        return d.sender()
                .filter(Agent::active)
                .filter(a -> !a.isAbsentAt(d.now()))
                .map(Agent::id)
                .or(() -> d.receiver()
                        .agent()
                        .flatMap(Agent::manager)
                        .filter(m -> d.directory().agent(m).isPresent()))
                .or(() -> d.receiver().agent().map(Agent::id));
    }
}
