package dev.handover.runner.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Ticket objects as the helpdesk's ticket API writes them ({@code id}, {@code status}, {@code requester_id},
 * {@code assignee_id}, {@code group_id}, {@code tags}, {@code custom_fields}, {@code via.channel},
 * {@code created_at}), with the records sideloaded beside them ({@code users}, {@code groups},
 * {@code organizations}, {@code metric_sets}), mapped to the SPI's ticket exactly as the connector maps the same
 * ticket read over the API: the same status, priority and channel tables, custom fields named by the settings
 * {@code fields.<id>}, the language from {@code ticket.language-field}. People the sideloads do not describe stay ids.
 */
final class TicketObjects {
    private static final Pattern CHANNEL_TOKEN = Pattern.compile("[a-z0-9_-]{1,40}");
    private static final Set<String> WEB =
            Set.of("web", "web_form", "web_widget", "web_service", "help_center", "portal");
    private static final Set<String> PHONE = Set.of("voice", "phone", "phone_call_inbound", "phone_call_outbound");
    private static final Set<String> MESSAGING = Set.of(
            "native_messaging",
            "messaging",
            "sms",
            "whatsapp",
            "line",
            "wechat",
            "telegram",
            "viber",
            "instagram_dm",
            "facebook_messenger",
            "apple_business_chat",
            "google_rcs",
            "kakaotalk",
            "sunshine_conversations_api",
            "mobile_sdk",
            "sdk");
    private static final Set<String> SOCIAL = Set.of("twitter", "x", "facebook", "instagram");

    private final Mapping mapping;
    private final Map<String, JsonNode> users = new LinkedHashMap<>();
    private final Map<String, JsonNode> groups = new LinkedHashMap<>();
    private final Map<String, JsonNode> organizations = new LinkedHashMap<>();
    private final Map<String, JsonNode> metrics = new LinkedHashMap<>();

    TicketObjects(Mapping mapping) {
        this.mapping = mapping;
    }

    /** Keeps the sideloaded records of one page. */
    void sideloads(JsonNode page) {
        index(page.get("users"), "id", users);
        index(page.get("groups"), "id", groups);
        index(page.get("organizations"), "id", organizations);
        index(page.get("metric_sets"), "ticket_id", metrics);
    }

    boolean hasPeople() {
        return !users.isEmpty() || !groups.isEmpty();
    }

    private static void index(JsonNode array, String key, Map<String, JsonNode> into) {
        if (array != null && array.isArray()) {
            for (JsonNode n : array) {
                JsonNode id = n.get(key);
                if (id != null && id.isValueNode() && !id.isNull()) {
                    into.put(id.asText(), n);
                }
            }
        }
    }

    /** One ticket object; {@code where} is {@code file:line} and, for pages, the ticket's index. */
    Ticket ticket(JsonNode t, String where) {
        if (!t.isObject()) {
            throw new IllegalArgumentException(where + ": expected a ticket object");
        }
        JsonNode idNode = t.get("id");
        if (idNode == null || idNode.isNull() || !idNode.isValueNode()) {
            throw new IllegalArgumentException(where + ": field 'id' is required");
        }
        String id = idNode.asText();
        String w = where + " (ticket " + id + ")";
        try {
            String rawStatus = text(t, "status");
            String rawPriority = text(t, "priority");
            String created = text(t, "created_at");
            if (created.isEmpty()) {
                throw new IllegalArgumentException("field 'created_at' is required");
            }
            String updated = text(t, "updated_at");
            Ticket.Builder b = Ticket.builder(TicketId.of(id))
                    .subject(text(t, "subject"))
                    .description(text(t, "description"))
                    .status(status(rawStatus), rawStatus.isEmpty() ? "open" : rawStatus)
                    .priority(priority(rawPriority), rawPriority)
                    .requester(customer(t))
                    .assignee(optional(t, "assignee_id").map(AgentId::of).orElse(null))
                    .group(optional(t, "group_id").map(GroupId::of).orElse(null))
                    .tags(tags(t))
                    .channel(channel(t.path("via").path("channel").asText("")))
                    .createdAt(instant(created, "created_at"))
                    .updatedAt(instant(updated.isEmpty() ? created : updated, "updated_at"))
                    .version(Version.of("file"));
            Map<String, String> names = mapping.under("fields.");
            Optional<String> languageField = mapping.get("ticket.language-field");
            for (JsonNode f : customFields(t)) {
                String fieldId = f.path("id").asText();
                Optional<String> value = render(f.get("value"));
                if (value.isEmpty()) {
                    continue;
                }
                // only the fields the settings name, as the connector reads them: a rule tried here on a field the
                // worker would never see would agree a rule that never fires
                if (names.containsKey(fieldId)) {
                    b.customField(names.get(fieldId), value.get());
                }
                if (languageField.filter(fieldId::equals).isPresent()) {
                    locale(value.get()).ifPresent(b::language);
                }
            }
            JsonNode m = metrics.get(id);
            if (m != null && m.path("reopens").canConvertToInt()) {
                b.reopens(Math.max(0, m.path("reopens").asInt()));
            }
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage();
            throw new IllegalArgumentException(msg.startsWith(where) ? msg : w + ": " + msg);
        }
    }

    private Customer customer(JsonNode t) {
        Optional<String> requester = optional(t, "requester_id");
        if (requester.isEmpty()) {
            return Customer.UNKNOWN;
        }
        Customer.Builder c = Customer.builder().id(requester.get());
        JsonNode user = users.get(requester.get());
        String org = optional(t, "organization_id").orElse("");
        if (user != null) {
            c.name(text(user, "name")).email(text(user, "email")).phone(text(user, "phone"));
            locale(text(user, "locale")).ifPresent(c::language);
            if (org.isEmpty()) {
                org = optional(user, "organization_id").orElse("");
            }
            mapping.get("customer.tier-field")
                    .flatMap(f -> render(user.path("user_fields").get(f)))
                    .ifPresent(c::tier);
            mapping.get("customer.salutation-field")
                    .flatMap(f -> render(user.path("user_fields").get(f)))
                    .ifPresent(c::salutation);
        }
        JsonNode o = organizations.get(org);
        if (o != null) {
            c.organization(text(o, "name"));
        }
        return c.build();
    }

    /**
     * The agents and groups the sideloads describe: users whose role is agent or admin (membership from their
     * {@code default_group_id}, the only membership a sideload carries), and the groups not deleted.
     */
    List<Agent> agents() {
        List<Agent> out = new ArrayList<>();
        String skills = mapping.get("directory.skills-field", "handover_skills");
        String languages = mapping.get("directory.languages-field", "handover_languages");
        String manager = mapping.get("directory.manager-field", "handover_manager");
        String capacity = mapping.get("directory.capacity-field", "handover_capacity");
        String role = mapping.get("directory.role-field", "handover_role");
        for (JsonNode u : users.values()) {
            String r = text(u, "role");
            if (!r.equals("agent") && !r.equals("admin")) {
                continue; // end users are customers, not receivers
            }
            AgentId id = AgentId.of(u.path("id").asText());
            JsonNode fields = u.path("user_fields");
            Agent.Builder b = Agent.builder(id)
                    .name(text(u, "name"))
                    .email(text(u, "email"))
                    .role(render(fields.get(role)).orElse(r))
                    .skills(list(fields.get(skills)))
                    .timeZone(zone(u))
                    .active(u.path("active").asBoolean(true)
                            && !u.path("suspended").asBoolean(false))
                    .cannotTakeTickets(cannotTakeTickets(u));
            optional(u, "default_group_id").map(GroupId::of).ifPresent(b::group);
            List<Locale> spoken = new ArrayList<>();
            list(fields.get(languages)).forEach(tag -> locale(tag).ifPresent(spoken::add));
            if (spoken.isEmpty()) {
                locale(text(u, "locale")).ifPresent(spoken::add);
            }
            b.languages(spoken);
            render(fields.get(manager))
                    .filter(v -> v.matches("\\d+"))
                    .map(AgentId::of)
                    .filter(v -> !v.equals(id))
                    .ifPresent(b::manager);
            render(fields.get(capacity)).flatMap(TicketObjects::wholeNumber).ifPresent(b::capacity);
            out.add(b.build());
        }
        return out;
    }

    List<Group> groups() {
        Set<String> queues = new HashSet<>();
        for (String q : mapping.get("directory.queue-groups", "").split(",")) {
            queues.add(q.strip());
        }
        List<Group> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode g : groups.values()) {
            if (g.path("deleted").asBoolean(false)) {
                continue;
            }
            String id = g.path("id").asText();
            String name = text(g, "name").isBlank() ? "Group " + id : text(g, "name");
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                name = name + " (#" + id + ")"; // equal names are allowed there; the directory looks groups up by name
                names.add(name.toLowerCase(Locale.ROOT));
            }
            out.add(queues.contains(id) ? Group.queue(GroupId.of(id), name) : Group.team(GroupId.of(id), name));
        }
        return out;
    }

    /** Why an active user may not be given tickets, from {@code role_type} and {@code chat_only}, as the connector. */
    static String cannotTakeTickets(JsonNode u) {
        if (u.path("chat_only").asBoolean(false)) {
            return "a chat-only agent: does not work tickets";
        }
        int roleType = u.path("role_type").isNumber() ? u.path("role_type").asInt() : -1;
        return switch (roleType) {
            case 1 -> "a light agent: cannot be assigned tickets";
            case 2 -> "a chat agent: does not work tickets";
            case 3 -> "a contributor: may only view tickets and add private comments";
            default -> "";
        };
    }

    static TicketStatus status(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "new" -> TicketStatus.NEW;
            case "pending" -> TicketStatus.PENDING;
            case "hold" -> TicketStatus.ON_HOLD;
            case "solved" -> TicketStatus.SOLVED;
            case "closed" -> TicketStatus.CLOSED;
            default -> TicketStatus.OPEN; // as the connector: an unexpected value is safest treated as work to do
        };
    }

    static TicketPriority priority(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "low" -> TicketPriority.LOW;
            case "high" -> TicketPriority.HIGH;
            case "urgent" -> TicketPriority.URGENT;
            default -> TicketPriority.NORMAL;
        };
    }

    static Channel channel(String raw) {
        String c = raw.toLowerCase(Locale.ROOT).strip();
        if (c.isEmpty()) {
            return Channel.OTHER;
        }
        if (c.equals("email") || c.equals("mail")) {
            return Channel.EMAIL;
        }
        if (WEB.contains(c)) {
            return Channel.WEB;
        }
        if (PHONE.contains(c)) {
            return Channel.PHONE;
        }
        if (c.equals("chat") || c.equals("chat_transcript")) {
            return Channel.CHAT;
        }
        if (MESSAGING.contains(c)) {
            return Channel.MESSAGING;
        }
        if (SOCIAL.contains(c)) {
            return Channel.SOCIAL;
        }
        if (c.equals("api")) {
            return Channel.API;
        }
        return CHANNEL_TOKEN.matcher(c).matches() ? Channel.of(c) : Channel.OTHER;
    }

    private static List<JsonNode> customFields(JsonNode t) {
        JsonNode fields = t.get("custom_fields");
        if (fields == null || !fields.isArray()) {
            fields = t.get("fields");
        }
        List<JsonNode> out = new ArrayList<>();
        if (fields != null && fields.isArray()) {
            fields.forEach(f -> {
                if (f.hasNonNull("id")) {
                    out.add(f);
                }
            });
        }
        return out;
    }

    private static List<String> tags(JsonNode t) {
        List<String> out = new ArrayList<>();
        JsonNode tags = t.get("tags");
        if (tags != null && tags.isArray()) {
            tags.forEach(x -> out.add(x.asText().toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    /** A value as text: numbers as plain decimals, multi-selects comma-separated, empty as absent. */
    static Optional<String> render(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return Optional.empty();
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> render(x).ifPresent(parts::add));
            return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(",", parts));
        }
        if (v.isNumber()) {
            BigDecimal d = v.decimalValue().stripTrailingZeros();
            return Optional.of(d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString());
        }
        String s = v.asText();
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    static Optional<Locale> locale(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        Locale l = Locale.forLanguageTag(raw.strip().replace('_', '-'));
        return l.getLanguage().isEmpty() ? Optional.empty() : Optional.of(l);
    }

    private static List<String> list(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            v.forEach(x -> {
                if (!x.isNull() && !x.asText().isBlank()) {
                    out.add(x.asText().strip());
                }
            });
            return out;
        }
        for (String part : v.asText().split("[,;\\s]+")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    private static ZoneId zone(JsonNode u) {
        for (String field : List.of("iana_time_zone", "time_zone")) {
            String z = text(u, field);
            if (!z.isBlank()) {
                try {
                    return ZoneId.of(z);
                } catch (DateTimeException notIana) {
                    // time_zone holds Rails names ("Eastern Time (US & Canada)"); iana_time_zone is preferred
                }
            }
        }
        return ZoneOffset.UTC;
    }

    private static Optional<Integer> wholeNumber(String s) {
        try {
            int n = new BigDecimal(s).intValueExact();
            return n >= 0 ? Optional.of(n) : Optional.empty();
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? "" : v.asText();
    }

    private static Optional<String> optional(JsonNode n, String field) {
        String v = text(n, field);
        return v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    private static Instant instant(String raw, String field) {
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "field '" + field + "' must be a time like 2026-03-02T09:00:00Z, found '" + raw + "'");
        }
    }
}
