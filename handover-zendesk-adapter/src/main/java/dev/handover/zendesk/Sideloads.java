package dev.handover.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** Records Zendesk returned beside the tickets ({@code include=users,organizations,metric_sets}), by id. */
record Sideloads(Map<Long, JsonNode> users, Map<Long, JsonNode> organizations, Map<Long, JsonNode> metricSets) {

    static final String INCLUDE = "users,organizations,metric_sets";
    static final String SEARCH_INCLUDE = "tickets(users,organizations,metric_sets)";

    static Sideloads of(JsonNode response) {
        return new Sideloads(
                byId(response.get("users"), "id"),
                byId(response.get("organizations"), "id"),
                byId(response.get("metric_sets"), "ticket_id"));
    }

    private static Map<Long, JsonNode> byId(JsonNode array, String key) {
        Map<Long, JsonNode> out = new HashMap<>();
        if (array != null && array.isArray()) {
            for (JsonNode n : array) {
                JsonNode id = n.get(key);
                if (id != null && !id.isNull()) {
                    out.put(id.asLong(), n);
                }
            }
        }
        return out;
    }
}
