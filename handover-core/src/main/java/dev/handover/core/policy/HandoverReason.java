package dev.handover.core.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Why responsibility passes to a colleague. The ten built-in reasons come with a sentence that explains why passing
 * the work on is appropriate; custom reasons give their own.
 *
 * @param code a lower-case code used in config, tags and note trailers ({@code shift-change})
 * @param label a short name for people ({@code Shift change})
 * @param why one sentence: why it is right to pass the work on for this reason
 */
public record HandoverReason(String code, String label, String why) {
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    /** The owner's shift ends. */
    public static final HandoverReason SHIFT_CHANGE = new HandoverReason(
            "shift-change",
            "Shift change",
            "the owner's shift ends, and the next shift carries on so the customer is not kept waiting");

    /** The issue needs a more senior colleague or a specialist team. */
    public static final HandoverReason ESCALATION = new HandoverReason(
            "escalation", "Escalation", "the issue needs a more senior colleague or a specialist team");

    /** A complaint. */
    public static final HandoverReason COMPLAINT = new HandoverReason(
            "complaint",
            "Complaint",
            "a complaint goes to someone with the authority and the time to resolve it and restore the customer's"
                    + " confidence");

    /** A compliment. */
    public static final HandoverReason COMPLIMENT = new HandoverReason(
            "compliment",
            "Compliment",
            "a compliment goes to the team lead so that good work is recognised and shared with the team");

    /** The customer's language. */
    public static final HandoverReason LANGUAGE = new HandoverReason(
            "language", "Language", "the customer is best served in their own language by a colleague who speaks it");

    /** Expertise the owner lacks. */
    public static final HandoverReason EXPERTISE =
            new HandoverReason("expertise", "Expertise", "the issue needs skills the current owner does not have");

    /** The owner is away. */
    public static final HandoverReason ABSENCE = new HandoverReason(
            "absence",
            "Absence",
            "the owner is away; a colleague keeps the promises made and hands the ticket back on the owner's return");

    /** The owner has too much work. */
    public static final HandoverReason WORKLOAD =
            new HandoverReason("workload", "Workload", "the owner holds more open work than they can handle in time");

    /** The resolution needs more authority. */
    public static final HandoverReason AUTHORITY_LIMIT = new HandoverReason(
            "authority-limit",
            "Limit of authority",
            "the resolution needs more authority than the owner's role has, for example a larger refund");

    /** The customer asked for someone else. */
    public static final HandoverReason CUSTOMER_REQUEST =
            new HandoverReason("customer-request", "Customer request", "the customer asked to deal with someone else");

    /** The built-in reasons. */
    public static final List<HandoverReason> BUILT_IN = List.of(
            SHIFT_CHANGE,
            ESCALATION,
            COMPLAINT,
            COMPLIMENT,
            LANGUAGE,
            EXPERTISE,
            ABSENCE,
            WORKLOAD,
            AUTHORITY_LIMIT,
            CUSTOMER_REQUEST);

    /** Validates the components. */
    public HandoverReason {
        Objects.requireNonNull(code, "reason code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("reason code must be 1–40 lower-case letters, digits or hyphens starting"
                    + " with a letter, was '" + code + "'");
        }
        if (Objects.requireNonNull(label, "reason label").isBlank()) {
            throw new IllegalArgumentException("reason " + code + ": label must not be blank");
        }
        if (Objects.requireNonNull(why, "reason why").isBlank()) {
            throw new IllegalArgumentException("reason " + code + ": why must not be blank");
        }
    }

    /** A custom reason. */
    public static HandoverReason custom(String code, String label, String why) {
        HandoverReason r = new HandoverReason(code, label, why);
        if (builtIn(code).isPresent()) {
            throw new IllegalArgumentException("reason code '" + code + "' is built in; choose another code");
        }
        return r;
    }

    /** The built-in reason with this code. */
    public static Optional<HandoverReason> builtIn(String code) {
        return BUILT_IN.stream().filter(r -> r.code.equals(code)).findFirst();
    }

    /** True for the ten reasons every policy knows. */
    public boolean isBuiltIn() {
        return BUILT_IN.contains(this);
    }

    @Override
    public String toString() {
        return code;
    }
}
