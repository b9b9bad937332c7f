package dev.handover.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.spi.model.Version;
import dev.handover.zendesk.http.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * What a write needs to know about a ticket as it was read: its version ({@code updated_at}, the {@code safe_update}
 * stamp), tags, assignment and status — and the raw JSON it came from.
 */
record Snapshot(long id, Version version, List<String> tags, Long assignee, Long group, String status, JsonNode raw) {

    Snapshot {
        tags = List.copyOf(tags);
    }

    static Snapshot of(JsonNode ticket) {
        List<String> tags = new ArrayList<>();
        JsonNode t = ticket.get("tags");
        if (t != null && t.isArray()) {
            t.forEach(x -> tags.add(x.asText()));
        }
        return new Snapshot(
                ticket.get("id").asLong(),
                Version.of(Json.text(ticket, "updated_at")),
                tags,
                number(ticket, "assignee_id"),
                number(ticket, "group_id"),
                Json.text(ticket, "status"),
                ticket);
    }

    boolean isTask() {
        return tags.contains(TaskTags.TASK);
    }

    private static Long number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }
}
