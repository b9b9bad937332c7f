package dev.handover.core.followup;

import dev.handover.core.event.HandoverEvent.FollowUpOutcome;
import dev.handover.core.event.HandoverEvent.ReminderKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One step key of a follow-up note's step marker ({@link dev.handover.core.marker.StepRecord}) read back: what the
 * follow-up did for which item — {@code ack:reminder-1} is the first reminder to acknowledge, {@code
 * action-1:escalation-2} the second rung of the first action's ladder, {@code follow-up:completed} the close. A key is
 * only read as what {@link Keys} spells for it, so the reading cannot drift from the writing.
 *
 * @param item the item's code ({@code ack}, {@code action-1}, {@code contact}, {@code promise-1}); {@code follow-up}
 *     for a close, {@code feedback} for a receiver's feedback
 * @param step what was done
 * @param index the reminder's number or the escalation's level; 0 otherwise
 * @param outcome for a close, how the follow-up ended
 */
public record RecordedStep(String item, Step step, int index, Optional<FollowUpOutcome> outcome) {
    private static final Pattern NUMBERED = Pattern.compile("(reminder|overdue|escalation)-([1-9]\\d{0,5})");

    /** What a recorded step did. */
    public enum Step {
        /** A check-in before an item's deadline. */
        CHECK_IN,
        /** A reminder to acknowledge, or to contact the customer. */
        REMINDER,
        /** A reminder of an overdue action. */
        OVERDUE,
        /** The unacknowledged ticket was to go to the next colleague. */
        RETARGET,
        /** An escalation to a rung of the ladder. */
        ESCALATION,
        /** The item was done (acknowledged, completed, the customer heard from us). */
        DONE,
        /** The follow-up ended. */
        CLOSED,
        /** A receiver's feedback on the handover. */
        FEEDBACK
    }

    /** Validates. */
    public RecordedStep {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** The key read back, or empty for a key this version does not write (a newer writer's). */
    public static Optional<RecordedStep> parse(String key) {
        int colon = key.indexOf(':');
        if (colon < 1 || colon == key.length() - 1) {
            return Optional.empty();
        }
        String item = key.substring(0, colon);
        String rest = key.substring(colon + 1);
        if (item.equals("feedback")) {
            return Optional.of(new RecordedStep(item, Step.FEEDBACK, 0, Optional.empty()));
        }
        if (item.equals(Keys.Task.FOLLOW_UP.key())) {
            return Keys.closedIn(List.of(key)).map(o -> new RecordedStep(item, Step.CLOSED, 0, Optional.of(o)));
        }
        Item it = item(item);
        if (key.equals(Keys.done(it))) {
            return Optional.of(new RecordedStep(item, Step.DONE, 0, Optional.empty()));
        }
        Matcher m = NUMBERED.matcher(rest);
        int index = m.matches() ? Integer.parseInt(m.group(2)) : 0;
        for (StepKind kind : StepKind.values()) {
            boolean numbered = kind != StepKind.CHECK_IN && kind != StepKind.RETARGET;
            if ((!numbered || index > 0) && Keys.step(it, kind, index).equals(key)) {
                Step step = switch (kind) {
                    case CHECK_IN -> Step.CHECK_IN;
                    case ACKNOWLEDGEMENT_REMINDER, CONTACT_REMINDER -> Step.REMINDER;
                    case OVERDUE_REMINDER -> Step.OVERDUE;
                    case RETARGET -> Step.RETARGET;
                    case ESCALATION -> Step.ESCALATION;
                };
                return Optional.of(new RecordedStep(item, step, index, Optional.empty()));
            }
        }
        return Optional.empty();
    }

    /** The reminder this step sent, for the steps that remind. */
    public Optional<ReminderKind> reminder() {
        return switch (step) {
            case CHECK_IN -> Optional.of(ReminderKind.CHECK_IN);
            case OVERDUE -> Optional.of(ReminderKind.OVERDUE);
            case REMINDER ->
                Optional.of(item.equals(Item.CONTACT.key()) ? ReminderKind.CONTACT : ReminderKind.ACKNOWLEDGEMENT);
            default -> Optional.empty();
        };
    }

    /** True when the engine counts this step among an item's reminders (the next reminder's number follows it). */
    public boolean countsAsReminder() {
        return step == Step.REMINDER || step == Step.OVERDUE || step == Step.RETARGET;
    }

    private static Item item(String code) {
        if (code.equals(Item.ACKNOWLEDGEMENT.key())) {
            return Item.ACKNOWLEDGEMENT;
        }
        if (code.equals(Item.CONTACT.key())) {
            return Item.CONTACT;
        }
        return code.startsWith("promise-") ? Item.promise(code) : Item.action(code);
    }
}
