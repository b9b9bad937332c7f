package dev.handover.zendesk.fake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The subset of Zendesk's search syntax the adapter uses, strictly: {@code type:ticket}, {@code ticket_type:}, {@code
 * tags:} (repeated positive tag terms are ORed, as in Zendesk), {@code -tags:}, {@code status} with {@code :}, {@code <},
 * {@code >}, {@code assignee:}/{@code group:} (an id or {@code none}), {@code updated}/{@code created} with {@code <}/{@code >}
 * and ISO-8601 times, {@code due_date} with a date, {@code external_id:}. Anything else is refused, so an adapter relying
 * on made-up syntax fails here instead of silently in production.
 */
final class FakeSearch {
    private static final List<String> STATUS_ORDER = List.of("new", "open", "pending", "hold", "solved", "closed");

    private FakeSearch() {}

    /** A compiled query. */
    static Predicate<FakeState.TicketRec> parse(String query) {
        List<Predicate<FakeState.TicketRec>> all = new ArrayList<>();
        List<String> anyTags = new ArrayList<>();
        for (String raw : query.trim().split("\\s+")) {
            if (raw.isEmpty()) {
                continue;
            }
            boolean negated = raw.startsWith("-");
            String term = negated ? raw.substring(1) : raw;
            int op = indexOfOperator(term);
            if (op <= 0) {
                throw new FakeState.FakeError(400, "InvalidSearch", "unsupported search term '" + raw + "'");
            }
            String key = term.substring(0, op).toLowerCase(Locale.ROOT);
            char operator = term.charAt(op);
            String value = term.substring(op + 1).toLowerCase(Locale.ROOT);
            if (key.equals("tags") && operator == ':' && !negated) {
                anyTags.add(value);
                continue;
            }
            Predicate<FakeState.TicketRec> p = term(key, operator, value, raw);
            all.add(negated ? p.negate() : p);
        }
        if (!anyTags.isEmpty()) {
            all.add(t -> t.tags.stream().anyMatch(anyTags::contains));
        }
        return t -> all.stream().allMatch(p -> p.test(t));
    }

    private static int indexOfOperator(String term) {
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (c == ':' || c == '<' || c == '>') {
                return i;
            }
        }
        return -1;
    }

    private static Predicate<FakeState.TicketRec> term(String key, char op, String value, String raw) {
        switch (key) {
            case "type":
                if (op == ':' && value.equals("ticket")) {
                    return t -> true;
                }
                break;
            case "ticket_type":
                if (op == ':') {
                    return t -> value.equals(t.type);
                }
                break;
            case "tags":
                if (op == ':') {
                    return t -> t.tags.contains(value);
                }
                break;
            case "status":
                int v = STATUS_ORDER.indexOf(value);
                if (v < 0) {
                    break;
                }
                return switch (op) {
                    case ':' -> t -> STATUS_ORDER.indexOf(t.status) == v;
                    case '<' -> t -> STATUS_ORDER.indexOf(t.status) < v;
                    default -> t -> STATUS_ORDER.indexOf(t.status) > v;
                };
            case "assignee":
                if (op == ':') {
                    return value.equals("none")
                            ? t -> t.assigneeId == null
                            : t -> value.equals(String.valueOf(t.assigneeId));
                }
                break;
            case "group":
                if (op == ':') {
                    return value.equals("none") ? t -> t.groupId == null : t -> value.equals(String.valueOf(t.groupId));
                }
                break;
            case "external_id":
                if (op == ':') {
                    return t -> t.externalId != null && value.equalsIgnoreCase(t.externalId);
                }
                break;
            case "updated":
            case "created":
                if (op == '<' || op == '>') {
                    Instant at = Instant.parse(value.toUpperCase(Locale.ROOT));
                    boolean updated = key.equals("updated");
                    return op == '>'
                            ? t -> (updated ? t.updatedAt : t.createdAt).isAfter(at)
                            : t -> (updated ? t.updatedAt : t.createdAt).isBefore(at);
                }
                break;
            case "due_date":
                LocalDate day = LocalDate.parse(value);
                return switch (op) {
                    case ':' ->
                        t -> t.dueAt != null
                                && t.dueAt
                                        .atOffset(ZoneOffset.UTC)
                                        .toLocalDate()
                                        .equals(day);
                    case '<' ->
                        t -> t.dueAt != null
                                && t.dueAt
                                        .atOffset(ZoneOffset.UTC)
                                        .toLocalDate()
                                        .isBefore(day);
                    default ->
                        t -> t.dueAt != null
                                && t.dueAt
                                        .atOffset(ZoneOffset.UTC)
                                        .toLocalDate()
                                        .isAfter(day);
                };
            default:
                break;
        }
        throw new FakeState.FakeError(400, "InvalidSearch", "unsupported search term '" + raw + "'");
    }
}
