package dev.handover.rt;

import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How this RT is read and written: the custom fields that hold what RT has no field for, the status and priority
 * mapping, and the cache lifetime. Built by {@link RtConnector.Builder}.
 */
record Config(
        URI url,
        String tagsField,
        String channelField,
        String keyField,
        String taskField,
        String taskBodyField,
        Map<String, String> ticketFields,
        String skillsField,
        String languagesField,
        String managerField,
        String capacityField,
        String roleField,
        Map<String, TicketStatus> statuses,
        int normalPriority,
        int highPriority,
        int urgentPriority,
        Duration directoryTtl,
        int maxNoteBytes,
        java.util.List<String> queues) {

    /** RT 5's default lifecycle. */
    static Map<String, TicketStatus> defaultStatuses() {
        Map<String, TicketStatus> m = new LinkedHashMap<>();
        m.put("new", TicketStatus.NEW);
        m.put("open", TicketStatus.OPEN);
        m.put("stalled", TicketStatus.PENDING);
        m.put("resolved", TicketStatus.SOLVED);
        m.put("rejected", TicketStatus.CLOSED);
        m.put("deleted", TicketStatus.CLOSED);
        return m;
    }

    Config {
        ticketFields = Map.copyOf(ticketFields);
        statuses = Map.copyOf(statuses);
        queues = java.util.List.copyOf(queues);
    }

    /** Whether the connector works in this queue: every queue when none were named. */
    boolean inScope(String queueName) {
        return queues.isEmpty() || queues.stream().anyMatch(q -> q.equalsIgnoreCase(queueName));
    }

    /** The TicketSQL that keeps a search in the named queues, or empty when every queue is in scope. */
    Optional<String> queueClause() {
        return queues.isEmpty() ? Optional.empty() : Optional.of(Sql.anyOf("Queue", queues));
    }

    /** The handover status of an RT status; an unknown (custom lifecycle) status reads as open. */
    TicketStatus status(String raw) {
        return Optional.ofNullable(statuses.get(raw.toLowerCase(Locale.ROOT))).orElse(TicketStatus.OPEN);
    }

    /** The RT statuses that read as this status. */
    java.util.List<String> rawStatuses(TicketStatus status) {
        return statuses.entrySet().stream()
                .filter(e -> e.getValue() == status)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    TicketPriority priority(int value) {
        if (value >= urgentPriority) {
            return TicketPriority.URGENT;
        }
        if (value >= highPriority) {
            return TicketPriority.HIGH;
        }
        return value >= normalPriority ? TicketPriority.NORMAL : TicketPriority.LOW;
    }
}
