package dev.handover.core.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wording of follow-up notes: tactful check-ins and reminders to the people who owe something, escalations to
 * their managers, re-targets. The defaults check tactfully — asking, not accusing — because the person reminded is a
 * colleague. Templates use {@code {placeholders}}, checked when built.
 *
 * @param checkIn before an action's deadline
 * @param overdue an action past its deadline
 * @param acknowledgement a receiver who has not acknowledged
 * @param contact the customer has not heard from us by the time due
 * @param escalation to a manager or colleague
 * @param retarget an unacknowledged handover moved to someone else
 */
public record FollowUpMessages(
        String checkIn, String overdue, String acknowledgement, String contact, String escalation, String retarget) {

    /** The placeholders a follow-up template may use. */
    public static final Set<String> PLACEHOLDERS = Set.of(
            "recipient",
            "owner",
            "sender",
            "receiver",
            "item",
            "due",
            "handover",
            "ticket",
            "why",
            "impact",
            "count",
            "level");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    /** The default English wording. */
    public static final FollowUpMessages DEFAULT = new FollowUpMessages(
            "Hi {recipient}, just checking in on ticket {ticket} (handover {handover}): \"{item}\" is due {due}."
                    + " Is anything in the way? If you need a hand, reply here or tell {sender}.",
            "Hi {recipient}, \"{item}\" on ticket {ticket} (handover {handover}) was due {due} and is not marked done"
                    + " yet. What we can see: {why}. For the customer: {impact}. Could you update the ticket, or let"
                    + " {sender} know what is blocking it? (reminder {count})",
            "Hi {recipient}, please acknowledge handover {handover} of ticket {ticket} from {sender}: it was due {due}."
                    + " Complete the acknowledgement task or reply on the ticket. (reminder {count})",
            "Hi {recipient}, the customer on ticket {ticket} was to hear from us {due} and no reply has gone out"
                    + " since handover {handover}. For the customer: {impact}. Could you get in touch? (reminder {count})",
            "Escalation (level {level}) to {recipient}: \"{item}\" on ticket {ticket} was due {due}; owner {owner},"
                    + " {count} reminders sent. Why it is not done: {why}. For the customer: {impact}. Please step in:"
                    + " take it over, help {owner}, or agree a new plan with the customer.",
            "{owner} did not acknowledge handover {handover} by {due} after {count} reminders, so the ticket goes to"
                    + " {receiver}. For the customer: {impact}.");

    /** Validates every template. */
    public FollowUpMessages {
        check("check-in", checkIn);
        check("overdue", overdue);
        check("acknowledgement", acknowledgement);
        check("contact", contact);
        check("escalation", escalation);
        check("retarget", retarget);
    }

    private static void check(String name, String template) {
        Objects.requireNonNull(template, name + " template");
        if (template.isBlank()) {
            throw new IllegalArgumentException("follow-up template " + name + " is empty");
        }
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new IllegalArgumentException("follow-up template " + name + ": unknown placeholder {" + m.group(1)
                        + "} at " + m.start() + "; known: "
                        + String.join(", ", PLACEHOLDERS.stream().sorted().toList()));
            }
        }
    }

    /** Fills a template; a placeholder without a value becomes "—". */
    public static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(v == null || v.isBlank() ? "—" : v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The templates by name, for descriptions. */
    public List<String> all() {
        List<String> out = new ArrayList<>();
        out.add(checkIn);
        out.add(overdue);
        out.add(acknowledgement);
        out.add(contact);
        out.add(escalation);
        out.add(retarget);
        return out;
    }
}
