package dev.handover.core.followup;

import dev.handover.core.event.HandoverEvent.ReminderKind;
import java.util.Optional;

/**
 * What a follow-up step does, weakest first. A new kind of step is compiler-guided: every switch over the kinds — the
 * step keys ({@link Keys}), whether it reminds ({@link #reminder()}) and counts as a reminder, what the sweep does with
 * it ({@link Checkpoint}) — is a switch expression without a default, and fails to compile until it handles it.
 */
enum StepKind {
    /** A tactful word before an action's deadline. */
    CHECK_IN,
    /** Reminds the receiver to acknowledge. */
    ACKNOWLEDGEMENT_REMINDER,
    /** Reminds the owner that the customer is due to hear from us. */
    CONTACT_REMINDER,
    /** Reminds the owner of an overdue action. */
    OVERDUE_REMINDER,
    /** Hands an unacknowledged ticket to the next qualified colleague. */
    RETARGET,
    /** Escalates to the next rung of the ladder. */
    ESCALATION;

    /** The reminder this step sends, if it is one; a re-target or an escalation acts instead of reminding. */
    Optional<ReminderKind> reminder() {
        return switch (this) {
            case CHECK_IN -> Optional.of(ReminderKind.CHECK_IN);
            case ACKNOWLEDGEMENT_REMINDER -> Optional.of(ReminderKind.ACKNOWLEDGEMENT);
            case CONTACT_REMINDER -> Optional.of(ReminderKind.CONTACT);
            case OVERDUE_REMINDER -> Optional.of(ReminderKind.OVERDUE);
            case RETARGET, ESCALATION -> Optional.empty();
        };
    }

    /**
     * True when a recorded step of this kind counts among the reminders an item has had: reminders and the
     * re-target that follows them, not check-ins before the deadline nor escalations to someone else.
     */
    boolean countsAsReminder() {
        return switch (this) {
            case ACKNOWLEDGEMENT_REMINDER, CONTACT_REMINDER, OVERDUE_REMINDER, RETARGET -> true;
            case CHECK_IN, ESCALATION -> false;
        };
    }
}
