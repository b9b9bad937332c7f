package dev.handover.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.TaskStatus;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import dev.handover.spi.model.Visibility;
import dev.handover.zendesk.http.Json;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns Zendesk's JSON into the SPI's records: tickets, comments, handover tasks. */
final class TicketMapper {
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

    private final Config config;
    private final String agentBase;

    TicketMapper(Config config) {
        this.config = config;
        String b = config.baseUrl().toString();
        this.agentBase = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    // ------------------------------------------------------------------------------------------------ tickets

    Ticket ticket(JsonNode t, Sideloads side) {
        long id = t.get("id").asLong();
        String rawStatus = Json.text(t, "status");
        String rawPriority = Json.text(t, "priority");
        Ticket.Builder b = Ticket.builder(TicketId.of(Long.toString(id)))
                .subject(Json.text(t, "subject"))
                .description(Json.text(t, "description"))
                .status(status(rawStatus), rawStatus.isEmpty() ? "open" : rawStatus)
                .priority(priority(rawPriority), rawPriority)
                .requester(customer(t, side))
                .assignee(agent(t, "assignee_id").orElse(null))
                .group(group(t, "group_id").orElse(null))
                .tags(tags(t))
                .channel(channel(t.path("via").path("channel").asText("")))
                .createdAt(instant(Json.text(t, "created_at")))
                .updatedAt(instant(Json.text(t, "updated_at")))
                .link(URI.create(agentBase + "/agent/tickets/" + id))
                .version(Version.of(Json.text(t, "updated_at")));
        Map<Long, JsonNode> custom = customFields(t);
        config.ticketFields()
                .forEach((fieldId, name) -> render(custom.get(fieldId)).ifPresent(v -> b.customField(name, v)));
        config.languageField()
                .flatMap(f -> render(custom.get(f)))
                .flatMap(TicketMapper::locale)
                .ifPresent(b::language);
        JsonNode metrics = side.metricSets().get(id);
        if (metrics != null && metrics.path("reopens").canConvertToInt()) {
            b.reopens(Math.max(0, metrics.path("reopens").asInt()));
        }
        return b.build();
    }

    private Customer customer(JsonNode t, Sideloads side) {
        JsonNode requesterId = t.get("requester_id");
        if (requesterId == null || requesterId.isNull()) {
            return Customer.UNKNOWN;
        }
        Customer.Builder c = Customer.builder().id(requesterId.asText());
        JsonNode user = side.users().get(requesterId.asLong());
        long orgId = t.path("organization_id").asLong(0);
        if (user != null) {
            c.name(Json.text(user, "name")).email(Json.text(user, "email")).phone(Json.text(user, "phone"));
            locale(Json.text(user, "locale")).ifPresent(c::language);
            if (orgId == 0) {
                orgId = user.path("organization_id").asLong(0);
            }
            config.directoryFields()
                    .customerTier()
                    .flatMap(f -> render(user.path("user_fields").get(f)))
                    .ifPresent(c::tier);
            config.directoryFields()
                    .customerSalutation()
                    .flatMap(f -> render(user.path("user_fields").get(f)))
                    .ifPresent(c::salutation);
        }
        JsonNode org = side.organizations().get(orgId);
        if (org != null) {
            c.organization(Json.text(org, "name"));
        }
        return c.build();
    }

    static TicketStatus status(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "new" -> TicketStatus.NEW;
            case "pending" -> TicketStatus.PENDING;
            case "hold" -> TicketStatus.ON_HOLD;
            case "solved" -> TicketStatus.SOLVED;
            case "closed" -> TicketStatus.CLOSED;
            default -> TicketStatus.OPEN; // "open", and an unexpected value is safest treated as work to do
        };
    }

    /** Zendesk's name for a normalized status. */
    static String zendeskStatus(TicketStatus status) {
        return switch (status) {
            case NEW -> "new";
            case OPEN -> "open";
            case PENDING -> "pending";
            case ON_HOLD -> "hold";
            case SOLVED -> "solved";
            case CLOSED -> "closed";
        };
    }

    static TicketPriority priority(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "low" -> TicketPriority.LOW;
            case "high" -> TicketPriority.HIGH;
            case "urgent" -> TicketPriority.URGENT;
            default -> TicketPriority.NORMAL; // "normal", or no priority set
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

    // ------------------------------------------------------------------------------------------------ comments

    Comment comment(TicketId ticket, JsonNode c) {
        JsonNode author = c.get("author_id");
        return new Comment(
                c.get("id").asText(),
                ticket,
                author == null || author.isNull() ? "" : author.asText(),
                Markers.strip(Json.text(c, "body")),
                c.path("public").asBoolean(true) ? Visibility.PUBLIC : Visibility.INTERNAL,
                instant(Json.text(c, "created_at")));
    }

    // ------------------------------------------------------------------------------------------------ tasks

    /**
     * The handover tasks a task ticket stands for: the items of a checklist ticket, or the one task of a per-item task
     * ticket; empty when it is not one of the adapter's task tickets.
     */
    List<Task> tasks(JsonNode t) {
        List<String> tags = tags(t);
        if (Checklist.isChecklist(tags)) {
            return tags.contains(TaskTags.TASK) ? Checklist.tasks(t, tags) : List.of();
        }
        return task(t).map(List::of).orElse(List.of());
    }

    /** The handover task a per-item task ticket stands for, or empty when it is not one of the adapter's. */
    Optional<Task> task(JsonNode t) {
        List<String> tags = tags(t);
        if (!tags.contains(TaskTags.TASK)) {
            return Optional.empty();
        }
        Optional<String[]> ext = TaskTags.parseExternalId(Json.text(t, "external_id"));
        OptionalLong source = TaskTags.ticketOf(tags);
        Optional<TaskKind> kind = TaskTags.kindOf(tags);
        Optional<AgentId> owner = agent(t, "assignee_id");
        String due = Json.text(t, "due_at");
        if (ext.isEmpty() || source.isEmpty() || kind.isEmpty() || owner.isEmpty() || due.isEmpty()) {
            return Optional
                    .empty(); // damaged by hand (external id, tags, assignee or due date removed): not ours to report
        }
        String raw = Json.text(t, "status");
        TicketStatus st = status(raw);
        // closed by solving, or by tag alone in accounts that refuse to solve without agents' fields
        boolean closed = !st.isOpen() || tags.contains(TaskTags.DONE) || tags.contains(TaskTags.CANCELLED);
        TaskStatus status = !closed
                ? TaskStatus.OPEN
                : tags.contains(TaskTags.CANCELLED) ? TaskStatus.CANCELLED : TaskStatus.COMPLETED;
        Instant updated = instant(Json.text(t, "updated_at"));
        String subject = Json.text(t, "subject");
        return Optional.of(new Task(
                TaskId.of(t.get("id").asText()),
                TicketId.of(Long.toString(source.getAsLong())),
                HandoverId.of(ext.get()[0]),
                ext.get()[1],
                kind.get(),
                owner.get(),
                subject.isBlank() ? "(no subject)" : subject,
                Markers.strip(Json.text(t, "description")),
                instant(due),
                Optional.empty(),
                status,
                instant(Json.text(t, "created_at")),
                // Zendesk keeps no completion time on the ticket: the last update of a solved task is when it was done
                status.isOpen() ? Optional.empty() : Optional.of(updated),
                Version.of(Json.text(t, "updated_at"))));
    }

    // ------------------------------------------------------------------------------------------------ values

    static List<String> tags(JsonNode t) {
        List<String> out = new ArrayList<>();
        JsonNode tags = t.get("tags");
        if (tags != null && tags.isArray()) {
            tags.forEach(x -> out.add(x.asText().toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    static Optional<AgentId> agent(JsonNode t, String field) {
        JsonNode v = t.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(AgentId.of(v.asText()));
    }

    static Optional<GroupId> group(JsonNode t, String field) {
        JsonNode v = t.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(GroupId.of(v.asText()));
    }

    private static Map<Long, JsonNode> customFields(JsonNode t) {
        Map<Long, JsonNode> out = new LinkedHashMap<>();
        JsonNode fields = t.get("custom_fields");
        if (fields == null || !fields.isArray()) {
            fields = t.get("fields");
        }
        if (fields != null && fields.isArray()) {
            for (JsonNode f : fields) {
                if (f.has("id")) {
                    out.put(f.get("id").asLong(), f.get("value"));
                }
            }
        }
        return out;
    }

    /** A custom field value as text: numbers as plain decimals, multi-selects comma-separated, empty as absent. */
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
        if (v.isBoolean()) {
            return Optional.of(Boolean.toString(v.asBoolean()));
        }
        String s = v.asText();
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    /** A Zendesk locale ({@code en-US}, {@code pt_BR}, {@code de}) as a Java locale, when it names a language. */
    static Optional<Locale> locale(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        Locale l = Locale.forLanguageTag(raw.strip().replace('_', '-'));
        return l.getLanguage().isEmpty() ? Optional.empty() : Optional.of(l);
    }

    static Instant instant(String raw) {
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("Zendesk sent a time that is not ISO-8601: '" + raw + "'", e);
        }
    }
}
