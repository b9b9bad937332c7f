package dev.handover.runner.report;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Groups the engine's explanations into causes a team can act on. The texts name people and times ("Jonas Weber is
 * off shift until Mon 9 Mar 14:00 Europe/London"), so counted as they are no two would be alike; the patterns follow
 * the wording of {@code FollowUp.why} and {@code Planner} in {@code handover-core}. A text no pattern knows is kept,
 * with its times and instants replaced by "…".
 */
final class Causes {
    /** The ping-pong guard's refusals name it; the report counts them as refused hand-backs. */
    static final String PING_PONG = "ping-pong guard";

    /** "Mon 9 Mar 14:00 Europe/London", as {@code Availability.describe} writes times. */
    private static final Pattern TIME = Pattern.compile("\\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \\d{1,2} [A-Z][a-z]{2}"
            + " \\d{2}:\\d{2}(?: (?:UTC|[A-Za-z_]+/[A-Za-z_/+-]+))?");

    private static final Pattern INSTANT =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?Z?");

    private static final int MAX_LABEL = 160;

    /** Why an item was not done, the way {@code FollowUp.why} says it. */
    private static final List<Kind> NOT_DONE = List.of(
            new Kind(
                    "waiting-on-customer",
                    "Waiting on the customer",
                    "blocked: the ticket is waiting on the customer",
                    "the ticket was waiting on the customer",
                    null),
            new Kind(
                    "on-hold",
                    "On hold, waiting on a third party",
                    "blocked: the ticket is on hold",
                    "the ticket was on hold, waiting on a third party",
                    "agree with the third party when they will answer, and set deadlines after it"),
            new Kind(
                    "owner-gone",
                    "Owner no longer in the directory",
                    " is no longer in the directory",
                    "the owner had left",
                    "reassign a leaver's handed-over tickets when they leave"),
            new Kind(
                    "owner-deactivated",
                    "Owner deactivated",
                    " has been deactivated",
                    "the owner had been deactivated",
                    "reassign a leaver's handed-over tickets when they leave"),
            new Kind(
                    "owner-absent",
                    "Owner absent",
                    " is absent",
                    "the owner was absent",
                    "record absences in the team calendar so tickets are handed over before the leave starts"),
            new Kind(
                    "owner-off-shift",
                    "Owner off shift",
                    " is off shift until ",
                    "the owner was off shift",
                    "hand over to someone on shift, or set deadlines inside the receiver's working hours"),
            new Kind(
                    "too-soon",
                    "Less than 30 minutes of working time since the handover",
                    " has had less than 30 minutes of working time since the handover",
                    "the owner had had less than 30 minutes of working time",
                    "give receivers deadlines they can meet"),
            new Kind(
                    "owner-at-capacity",
                    "Owner at capacity",
                    " open tickets, at or over their capacity of ",
                    "the owner was at capacity",
                    "hand over to colleagues with room (the rule's capacity requirement)"),
            new Kind(
                    "overdue",
                    "Overdue, nothing shows it done",
                    "overdue: nothing on the ticket shows it done",
                    "actions went overdue with nothing on the ticket showing progress",
                    "ask receivers whether the deadlines are realistic"));

    private Causes() {}

    /**
     * A recognised cause.
     *
     * @param key a stable code
     * @param label the cause in words
     * @param marker the text by which it is recognised
     * @param because the cause as a clause, for the suggestions
     * @param advice what to do about it, for the suggestions; null when there is nothing to change
     */
    record Kind(String key, String label, String marker, String because, String advice) {}

    /** The cause of an escalation or reminder: why the item was not done. */
    static Kind notDone(String why) {
        for (Kind k : NOT_DONE) {
            if (why.contains(k.marker())) {
                return k;
            }
        }
        String text = normalize(why);
        return new Kind(text, text, why, text, null);
    }

    /** The recognised cause with this key. */
    static Optional<Kind> known(String key) {
        return NOT_DONE.stream().filter(k -> k.key().equals(key)).findFirst();
    }

    /** The cause of a refusal. */
    static String refusal(String why) {
        return why.contains(PING_PONG)
                ? "Hand-back to the previous owner blocked by the ping-pong guard"
                : normalize(why);
    }

    /** A text with times and instants replaced by "…", shortened to a label. */
    static String normalize(String text) {
        String s = INSTANT.matcher(text).replaceAll("…");
        s = TIME.matcher(s).replaceAll("…").replaceAll("\\s+", " ").strip();
        if (s.isEmpty()) {
            return "(no reason given)";
        }
        return Format.shorten(s, MAX_LABEL);
    }
}
