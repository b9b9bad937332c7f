package dev.handover.salesforce;

import dev.handover.salesforce.http.Errors;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.TicketId;
import java.util.Optional;

/**
 * Salesforce record ids: 15 case-sensitive or 18 case-insensitive alphanumerics, the first three naming the object
 * ({@code 500} Case, {@code 005} User, {@code 00G} Group or Queue, {@code 00T} Task, {@code 003} Contact).
 *
 * <p>Every id that reaches SOQL or a request path passes through here first, so a hostile "id" never becomes query
 * text. Ids are normalized to their 18-character form, the form Salesforce returns, so that ids read back compare
 * equal to ids passed in.
 */
final class Ids {
    static final String CASE = "500";
    static final String USER = "005";
    static final String GROUP = "00G";
    static final String TASK = "00T";
    static final String CONTACT = "003";

    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private Ids() {}

    /** The 18-character form of a well-formed id, or empty when it is not a Salesforce id at all. */
    static Optional<String> normalize(String raw) {
        if (raw == null || (raw.length() != 15 && raw.length() != 18)) {
            return Optional.empty();
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return Optional.empty();
            }
        }
        if (raw.length() == 15) {
            return Optional.of(raw + suffix(raw));
        }
        // an 18-character id may have been case-folded on its way here (a URL, a spreadsheet): its suffix tells the
        // case of each of the first 15 characters, so restore it and check that the suffix is consistent
        String suffix = raw.substring(15).toUpperCase(java.util.Locale.ROOT);
        StringBuilder restored = new StringBuilder(15);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = SUFFIX_ALPHABET.indexOf(suffix.charAt(chunk));
            if (bits < 0) {
                return Optional.empty();
            }
            for (int i = 0; i < 5; i++) {
                char c = raw.charAt(chunk * 5 + i);
                boolean upper = (bits & (1 << i)) != 0;
                if (Character.isLetter(c)) {
                    restored.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
                } else if (upper) {
                    return Optional.empty(); // a digit cannot be upper case: the suffix does not belong to this id
                } else {
                    restored.append(c);
                }
            }
        }
        return Optional.of(restored + suffix);
    }

    /** True when the id is well formed and names an object with this key prefix. */
    static boolean isOf(String raw, String prefix) {
        return normalize(raw).filter(id -> id.startsWith(prefix)).isPresent();
    }

    /** The 18-character form, or empty when malformed or of another object. */
    static Optional<String> normalize(String raw, String prefix) {
        return normalize(raw).filter(id -> id.startsWith(prefix));
    }

    private static String suffix(String id15) {
        StringBuilder sb = new StringBuilder(3);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            sb.append(SUFFIX_ALPHABET.charAt(bits));
        }
        return sb.toString();
    }

    /** What an object's key prefix names, for messages. */
    static String objectOf(String prefix) {
        return switch (prefix) {
            case CASE -> "Case";
            case USER -> "User";
            case GROUP -> "Group or Queue";
            case TASK -> "Task";
            case CONTACT -> "Contact";
            default -> "record";
        };
    }

    /** The Case id of a ticket id, or an invalid-request error naming it. */
    static String caseId(TicketId ticket) {
        return normalize(ticket.value(), CASE)
                .orElseThrow(() -> Errors.invalid(
                        "NOT_A_CASE_ID",
                        "ticket id '" + shown(ticket.value())
                                + "' is not a Salesforce Case id (15 or 18 characters starting with 500)"));
    }

    /** The User id of an agent id, or an invalid-request error naming its role. */
    static String userId(AgentId agent, String role) {
        return normalize(agent.value(), USER)
                .orElseThrow(() -> Errors.invalid(
                        "NOT_A_USER_ID",
                        role + " '" + shown(agent.value())
                                + "' is not a Salesforce User id (15 or 18 characters starting with 005)"));
    }

    /** The Group or Queue id of a group id, or an invalid-request error. */
    static String groupId(GroupId group) {
        return normalize(group.value(), GROUP)
                .orElseThrow(() -> Errors.invalid(
                        "NOT_A_GROUP_ID",
                        "group '" + shown(group.value())
                                + "' is not a Salesforce Group or Queue id (15 or 18 characters starting with 00G)"));
    }

    /** An id as shown in a message: ids are not secret, but a hostile one need not be repeated whole. */
    static String shown(String raw) {
        return raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    }
}
