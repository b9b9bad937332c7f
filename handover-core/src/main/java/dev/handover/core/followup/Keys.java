package dev.handover.core.followup;

import dev.handover.core.event.HandoverEvent.FollowUpOutcome;
import java.util.Collection;
import java.util.Optional;

/**
 * The follow-up's names as the CRM holds them, and the one place that spells them: the keys of the tasks a handover
 * keeps, and the step keys its follow-up notes record in their step markers ({@code ack:reminder-1}, {@code
 * action-1:done}, {@code follow-up:completed}). Tickets written earlier are read with the same strings, so they never
 * change; everything else works with the typed forms. Item and outcome codes, which events carry as well, come from
 * the event's {@link dev.handover.core.event.HandoverEvent.ItemKind} and {@link FollowUpOutcome}.
 */
public final class Keys {
    private Keys() {}

    /** The tasks of a handover the engine tells apart by their key. */
    public enum Task {
        /** The receiving agent confirms the handover: {@code ack}, the acknowledgement item's own key. */
        ACKNOWLEDGEMENT(Item.ACKNOWLEDGEMENT.key()),
        /** The follow-up's watch point, moved from checkpoint to checkpoint: {@code follow-up}. */
        FOLLOW_UP("follow-up"),
        /** After an absence, the absent owner takes the ticket back on return: {@code hand-back}. */
        HAND_BACK("hand-back");

        private final String key;

        Task(String key) {
            this.key = key;
        }

        /** The key the task carries in the CRM. */
        public String key() {
            return key;
        }

        /** True when this CRM task plays this part. */
        public boolean is(dev.handover.spi.model.Task task) {
            return task.key().equals(key);
        }
    }

    /** The key of a step: {@code ack:reminder-1}, {@code action-1:check-in}, {@code action-1:escalation-2}. */
    static String step(Item item, StepKind kind, int index) {
        String step = switch (kind) {
            case CHECK_IN -> "check-in";
            case ACKNOWLEDGEMENT_REMINDER, CONTACT_REMINDER -> "reminder-" + index;
            case OVERDUE_REMINDER -> "overdue-" + index;
            case RETARGET -> "retarget";
            case ESCALATION -> "escalation-" + index;
        };
        return item.key() + ":" + step;
    }

    /** The marker that an item is done: {@code ack:done}, {@code action-1:done}. */
    static String done(Item item) {
        return item.key() + ":done";
    }

    /** The marker that the follow-up ended: {@code follow-up:completed}. */
    static String closed(FollowUpOutcome outcome) {
        return Task.FOLLOW_UP.key + ":" + outcome.code();
    }

    /**
     * The outcome a recorded step says the follow-up ended with, if any of these steps is a close ({@code
     * follow-up:completed} …).
     */
    static Optional<FollowUpOutcome> closedIn(Collection<String> steps) {
        String prefix = Task.FOLLOW_UP.key + ":";
        for (String s : steps) {
            if (s.startsWith(prefix)) {
                Optional<FollowUpOutcome> o = FollowUpOutcome.fromCode(s.substring(prefix.length()));
                if (o.isPresent()) {
                    return o;
                }
            }
        }
        return Optional.empty();
    }

    /** The key of the task an escalation creates: {@code escalation-action-1-2}. */
    static String escalationTask(Item item, int level) {
        return "escalation-" + item.key() + "-" + level;
    }
}
