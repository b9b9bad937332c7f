package dev.handover.core;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Handovers#inbox} found in the tickets' internal notes and did about it.
 *
 * @param ticketsRead handed-over tickets whose recent notes were read
 * @param acknowledged {@code #handover ack} commands that acknowledged a handover
 * @param feedback {@code #handover feedback} commands recorded as feedback
 * @param notUnderstood commands answered on the ticket with what was not understood; nothing was recorded for them
 * @param failures what failed, per ticket, in words (tried again at the next call)
 */
public record InboxResult(int ticketsRead, int acknowledged, int feedback, int notUnderstood, List<String> failures) {
    /** Validates. */
    public InboxResult {
        failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
    }

    /** Commands acted on or answered. */
    public int commands() {
        return acknowledged + feedback + notUnderstood;
    }
}
