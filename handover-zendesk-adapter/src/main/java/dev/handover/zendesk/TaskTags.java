package dev.handover.zendesk;

import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TaskKind;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a handover task is recognised on a Zendesk task ticket: tags that search can filter on, and an {@code external_id}
 * that names the task exactly ({@code handover:<handover id>:<key>}).
 */
final class TaskTags {
    /** Every task ticket the adapter creates carries this tag; ticket searches exclude it. */
    static final String TASK = "handover_task";
    /** Marks a task that was cancelled rather than completed (both are solved in Zendesk). */
    static final String CANCELLED = "handover_cancelled";
    /** A task closed as done (by tag where the account will not let it be solved, else beside the solve). */
    static final String DONE = "handover_done";

    static final String TICKET_PREFIX = "handover_ticket_";
    static final String HANDOVER_PREFIX = "handover_id_";
    static final String KIND_PREFIX = "handover_kind_";

    private static final Pattern EXTERNAL_ID =
            Pattern.compile("handover:([a-z0-9][a-z0-9-]{0,63}):([a-z0-9][a-z0-9-]{0,31})");

    private TaskTags() {}

    static String ticket(long ticketId) {
        return TICKET_PREFIX + ticketId;
    }

    static String handover(HandoverId handover) {
        return HANDOVER_PREFIX + handover.value();
    }

    static String kind(TaskKind kind) {
        return KIND_PREFIX + kind.name().toLowerCase(Locale.ROOT);
    }

    static String externalId(HandoverId handover, String key) {
        return "handover:" + handover.value() + ":" + key;
    }

    /** The handover id and key of an external id, when it is one of ours. */
    static Optional<String[]> parseExternalId(String externalId) {
        if (externalId == null) {
            return Optional.empty();
        }
        Matcher m = EXTERNAL_ID.matcher(externalId);
        return m.matches() ? Optional.of(new String[] {m.group(1), m.group(2)}) : Optional.empty();
    }

    /** The source ticket named by a task's tags. */
    static OptionalLong ticketOf(Iterable<String> tags) {
        for (String t : tags) {
            if (t.startsWith(TICKET_PREFIX)) {
                OptionalLong id = Ids.parse(t.substring(TICKET_PREFIX.length()));
                if (id.isPresent()) {
                    return id;
                }
            }
        }
        return OptionalLong.empty();
    }

    /** The task kind named by a task's tags. */
    static Optional<TaskKind> kindOf(Iterable<String> tags) {
        for (String t : tags) {
            if (t.startsWith(KIND_PREFIX)) {
                String k = t.substring(KIND_PREFIX.length()).toUpperCase(Locale.ROOT);
                for (TaskKind kind : TaskKind.values()) {
                    if (kind.name().equals(k)) {
                        return Optional.of(kind);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
