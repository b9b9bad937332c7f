package dev.handover.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.spi.error.CrmException;
import dev.handover.zendesk.http.HttpCall;
import dev.handover.zendesk.http.HttpResult;
import dev.handover.zendesk.http.Json;
import dev.handover.zendesk.http.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates one task ticket as the connector creates them (form, requester, tags) and closes it as the connector closes
 * them (solve with the solve fields, or by tag), then deletes it: proof that this account lets handover tasks be
 * completed. Ticket forms with conditions and custom statuses can require more than field definitions show, so only
 * doing it proves it. The probe ticket is tagged {@code handover_task} and {@code handover_probe}, so the SLA, survey and
 * view conditions that exclude task tickets exclude it too.
 */
final class TaskProbe {
    static final String TAG = "handover_probe";
    private static final Logger LOG = LoggerFactory.getLogger(TaskProbe.class);

    private final Transport http;
    private final Config config;

    TaskProbe(Transport http, Config config) {
        this.http = http;
        this.config = config;
    }

    List<String> problems() {
        List<String> out = new ArrayList<>();
        long me;
        try {
            me = http.execute(HttpCall.get("/api/v2/users/me", "read of the authenticated user"))
                    .path("user")
                    .path("id")
                    .asLong();
        } catch (CrmException e) {
            out.add("tasks: the authenticated user cannot be read, so no task ticket was tried: " + e.getMessage());
            return out;
        }
        ObjectNode t = Json.object();
        t.put("type", "task");
        t.put("subject", "handover check: can task tickets be created and closed here?");
        t.putObject("comment")
                .put(
                        "body",
                        "A probe of handover's settings check: created, closed and deleted again at once. Nothing to do.")
                .put("public", false);
        t.put("assignee_id", me);
        t.put("due_at", TaskWriter.iso(config.clock().instant().plus(Duration.ofHours(1))));
        ArrayNode tags = t.putArray("tags");
        tags.add(TaskTags.TASK);
        tags.add(TAG);
        config.taskRequester().ifPresent(id -> t.put("requester_id", id));
        config.taskTickets().form().ifPresent(id -> t.put("ticket_form_id", id));
        HttpResult created = http.exchange(HttpCall.write(
                        "POST", "/api/v2/tickets", Json.write(TaskWriter.wrap(t)), "creation of a probe task ticket")
                .header("Idempotency-Key", "handover-probe-" + UUID.randomUUID())
                .repeatable(true));
        if (!created.ok()) {
            out.add("tasks: a task ticket cannot be created in this account (nothing was written): "
                    + created.error().orElseThrow().getMessage()
                    + config.taskTickets()
                            .form()
                            .map(f -> "; check tasks.form-id " + f)
                            .orElse(""));
            return out;
        }
        JsonNode ticket = created.json().path("ticket");
        long id = ticket.path("id").asLong();
        ObjectNode close = Json.object();
        Config.TaskTickets s = config.taskTickets();
        if (s.byTag()) {
            ArrayNode a = close.putArray("tags");
            TicketMapper.tags(ticket).forEach(a::add);
            a.add(TaskTags.DONE);
        } else {
            close.put("status", "solved");
            if (!s.solveFields().isEmpty()) {
                ArrayNode f = close.putArray("custom_fields");
                for (Map.Entry<Long, String> e : s.solveFields().entrySet()) {
                    f.addObject().put("id", e.getKey()).put("value", e.getValue());
                }
            }
        }
        close.put("safe_update", true);
        close.put("updated_stamp", Json.text(ticket, "updated_at"));
        HttpResult closed = http.exchange(HttpCall.write(
                        "PUT",
                        "/api/v2/tickets/" + id,
                        Json.write(TaskWriter.wrap(close)),
                        "closing of probe task ticket " + id)
                .repeatable(true));
        if (!closed.ok()) {
            out.add("tasks: a task ticket was created (#" + id + ") but this account refused to close it "
                    + (s.byTag() ? "by tag" : "by solving it") + ": "
                    + closed.error().orElseThrow().getMessage()
                    + (s.byTag() ? "" : "; set tasks.solve-fields for the fields it needs, or tasks.close-by: tag"));
        }
        HttpResult deleted = http.exchange(
                HttpCall.write("DELETE", "/api/v2/tickets/" + id, null, "deletion of probe task ticket " + id)
                        .repeatable(true));
        if (!deleted.ok()) {
            // not a problem of the settings: the API user may lack the permission to delete tickets
            LOG.warn(
                    "the probe task ticket #{} could not be deleted ({}); it is tagged {} and can be deleted by hand",
                    id,
                    deleted.error().orElseThrow().getMessage(),
                    TAG);
        }
        return out;
    }
}
