package dev.handover.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.spi.helpers.DidYouMean;
import dev.handover.zendesk.http.HttpCall;
import dev.handover.zendesk.http.Json;
import dev.handover.zendesk.http.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the settings against the account: every configured ticket-field id must be one of the account's ticket fields
 * ({@code GET /api/v2/ticket_fields}) and every user-field key one of its user fields ({@code GET /api/v2/user_fields},
 * https://developer.zendesk.com/api-reference/ticketing/users/user_fields/). A typo there reads as "no value" at run
 * time — an agent without skills — so it is found before, with the closest title or key. It also says what would keep
 * a task ticket from being closed in this account (fields required to solve that the settings do not fill).
 */
final class SettingsCheck {
    private final Transport http;
    private final Config config;

    SettingsCheck(Transport http, Config config) {
        this.http = http;
        this.config = config;
    }

    List<String> problems() {
        List<String> out = new ArrayList<>();
        Map<String, String> ticketFields = new LinkedHashMap<>(); // id -> title
        Map<String, String> requiredToSolve = new LinkedHashMap<>();
        for (JsonNode f : pages("/api/v2/ticket_fields", "read of ticket fields", "ticket_fields")) {
            ticketFields.put(f.path("id").asText(), Json.text(f, "title"));
            if (f.path("required").asBoolean(false) && f.path("active").asBoolean(true)) {
                requiredToSolve.put(f.path("id").asText(), Json.text(f, "title"));
            }
        }
        tasks(ticketFields, requiredToSolve, out);
        config.ticketFields().forEach((id, name) -> {
            if (!ticketFields.containsKey(Long.toString(id))) {
                out.add("fields." + id + " (" + name + "): no ticket field " + id + " in this Zendesk account"
                        + closestField(name, ticketFields));
            }
        });
        config.languageField().ifPresent(id -> {
            if (!ticketFields.containsKey(Long.toString(id))) {
                out.add("ticket.language-field: no ticket field " + id + " in this Zendesk account");
            }
        });
        List<String> userKeys = new ArrayList<>();
        for (JsonNode f : pages("/api/v2/user_fields", "read of user fields", "user_fields")) {
            userKeys.add(Json.text(f, "key"));
        }
        Config.DirectoryFields d = config.directoryFields();
        userField("directory.skills-field", Optional.of(d.skills()), userKeys, out);
        userField("directory.languages-field", Optional.of(d.languages()), userKeys, out);
        userField("directory.manager-field", Optional.of(d.manager()), userKeys, out);
        userField("directory.capacity-field", Optional.of(d.capacity()), userKeys, out);
        userField("directory.role-field", Optional.of(d.role()), userKeys, out);
        userField("customer.tier-field", d.customerTier(), userKeys, out);
        userField("customer.salutation-field", d.customerSalutation(), userKeys, out);
        return out;
    }

    /**
     * What would keep a task ticket from being closed: a field the account requires to solve ("required: If true,
     * agents must enter a value in the field to change the ticket status to solved", Ticket Fields API) that the solve
     * fields do not fill, or a solve field that does not exist. Closing by tag ({@code tasks.close-by: tag}) changes no
     * status, so nothing blocks it. Ticket forms and their conditions can require more; selftest creates and closes a
     * task ticket to prove it.
     */
    private void tasks(Map<String, String> fields, Map<String, String> requiredToSolve, List<String> out) {
        Config.TaskTickets t = config.taskTickets();
        t.solveFields().keySet().forEach(id -> {
            if (!fields.containsKey(Long.toString(id))) {
                out.add("tasks.solve-fields: no ticket field " + id + " in this Zendesk account");
            }
        });
        if (t.byTag()) {
            return;
        }
        requiredToSolve.forEach((id, title) -> {
            if (!t.solveFields().containsKey(Long.parseLong(id))) {
                out.add("tasks.solve-fields: ticket field " + id + " '" + title + "' is required to solve a ticket"
                        + " in this account, so task tickets could not be closed (Zendesk answers 422 \"" + title
                        + ": needed\"); set tasks.solve-fields: " + id + "=<value> or tasks.close-by: tag");
            }
        });
    }

    private static void userField(String setting, Optional<String> key, List<String> keys, List<String> out) {
        key.filter(k -> !k.isBlank() && !keys.contains(k))
                .ifPresent(k -> out.add(setting + ": no user field '" + k + "' in this Zendesk account"
                        + DidYouMean.closest(k, keys)
                                .map(s -> " (did you mean '" + s + "'?)")
                                .orElse("")
                        + "; agents would read as having no such value"));
    }

    /** "(did you mean 360001 'Refund amount'?)" by the configured name against the account's field titles. */
    private static String closestField(String name, Map<String, String> fields) {
        Map<String, String> byTitle = new LinkedHashMap<>();
        fields.forEach((id, title) ->
                byTitle.put(title.toLowerCase(java.util.Locale.ROOT).replace(' ', '_'), id));
        return DidYouMean.closest(name.toLowerCase(java.util.Locale.ROOT), byTitle.keySet())
                .map(t -> " (did you mean " + byTitle.get(t) + " '" + fields.get(byTitle.get(t)) + "'?)")
                .orElse("");
    }

    private List<JsonNode> pages(String path, String what, String field) {
        return DirectoryReader.pages(http, HttpCall.get(path, what), field);
    }
}
