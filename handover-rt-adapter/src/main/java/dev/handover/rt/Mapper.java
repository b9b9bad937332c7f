package dev.handover.rt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.rt.http.Json;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.TaskStatus;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.Version;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RT's JSON to handover's model, as docs/rt.md's mapping says. */
final class Mapper {
    /** RT's owner of an unowned ticket. */
    static final String NOBODY = "Nobody";

    /** The value of the task custom field: {@code #<ticket> <handover>/<key> <kind>}. */
    private static final Pattern TASK = Pattern.compile("#(\\d+) (\\S+)/([a-z0-9][a-z0-9-]{0,31}) ([a-z_]+)");

    /** The ticket fields every read asks for. */
    static final String TICKET_FIELDS =
            "Subject,Status,Priority,Owner,Queue,Requestor,Created,LastUpdated,CustomFields,Type,Due,Resolved";

    /** The requestor fields expanded in every ticket read. */
    static final String REQUESTOR_FIELDS = "Name,EmailAddress,RealName,Lang";

    private final Config config;

    Mapper(Config config) {
        this.config = config;
    }

    /** Custom field values by name; RT sends an array of {name, values} or, where none apply, an empty string. */
    static Map<String, List<String>> customFields(JsonNode record) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        JsonNode cfs = record.get("CustomFields");
        if (cfs == null || !cfs.isContainerNode()) {
            return out;
        }
        if (cfs.isArray()) {
            for (JsonNode cf : cfs) {
                List<String> values = new ArrayList<>();
                JsonNode v = cf.get("values");
                if (v != null) {
                    v.forEach(x -> values.add(x.asText()));
                }
                out.put(Json.text(cf, "name"), values);
            }
        } else {
            cfs.fields().forEachRemaining(e -> {
                List<String> values = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(x -> values.add(x.asText()));
                } else if (!e.getValue().isNull()) {
                    values.add(e.getValue().asText());
                }
                out.put(e.getKey(), values);
            });
        }
        return out;
    }

    static Optional<String> first(Map<String, List<String>> cfs, String name) {
        List<String> v = cfs.get(name);
        return v == null || v.isEmpty() || v.get(0).isBlank() ? Optional.empty() : Optional.of(v.get(0));
    }

    /**
     * The version a write is checked against: RT's last update to the second, and a digest of the fields read (status,
     * owner, queue, priority, subject, due date, custom fields), so that two changes within one second still differ.
     * A single read and a search give the same version; RT's ETag (its latest transaction id) is only on single reads,
     * so it serves the write's own {@code If-Match}, not the version.
     */
    static Version version(JsonNode record) {
        Instant updated = Sql.instant(Json.text(record, "LastUpdated"));
        StringBuilder seen = new StringBuilder();
        for (String f : List.of("Status", "Priority", "Subject", "Due")) {
            seen.append(Json.text(record, f)).append('\u0000');
        }
        seen.append(Json.ref(record, "Owner")).append('\u0000').append(Json.ref(record, "Queue"));
        new java.util.TreeMap<>(customFields(record))
                .forEach((k, v) -> seen.append('\u0000').append(k).append('=').append(v));
        String digest = String.format("%08x", seen.toString().hashCode());
        return Version.of((updated == null ? 0 : updated.getEpochSecond()) + "." + digest);
    }

    Ticket ticket(JsonNode t, String description) {
        TicketId id = TicketId.of(Json.text(t, "id"));
        Map<String, List<String>> cfs = customFields(t);
        String rawStatus = Json.text(t, "Status");
        String rawPriority = Json.text(t, "Priority");
        int priority;
        try {
            priority = rawPriority.isBlank() ? 0 : Integer.parseInt(rawPriority.strip());
        } catch (NumberFormatException e) {
            priority = 0;
        }
        Ticket.Builder b = Ticket.builder(id)
                .subject(Json.text(t, "Subject"))
                .description(description == null ? "" : description)
                .status(config.status(rawStatus), rawStatus)
                .priority(config.priority(priority), rawPriority.isBlank() ? "0" : rawPriority)
                .requester(requester(t.get("Requestor")))
                .channel(first(cfs, config.channelField()).map(Channel::of).orElse(Channel.EMAIL))
                .createdAt(orEpoch(Json.text(t, "Created")))
                .updatedAt(orEpoch(Json.text(t, "LastUpdated")))
                .link(URI.create(base() + "/Ticket/Display.html?id=" + id.value()))
                .version(version(t));
        String owner = Json.ref(t, "Owner");
        if (!owner.isBlank() && !owner.equals(NOBODY)) {
            b.assignee(AgentId.of(owner));
        }
        String queue = Json.ref(t, "Queue");
        if (!queue.isBlank()) {
            b.group(GroupId.of(queue));
        }
        List<String> tags = cfs.getOrDefault(config.tagsField(), List.of());
        b.tags(tags.stream()
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .toList());
        config.ticketFields().forEach((ours, rts) -> first(cfs, rts).ifPresent(v -> b.customField(ours, v)));
        return b.build();
    }

    private String base() {
        String s = config.url().toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static Instant orEpoch(String text) {
        Instant i = Sql.instant(text);
        return i == null ? Instant.EPOCH : i;
    }

    private static Customer requester(JsonNode requestors) {
        if (requestors == null || !requestors.isArray() || requestors.isEmpty()) {
            return Customer.UNKNOWN;
        }
        JsonNode r = requestors.get(0);
        String name = Json.text(r, "Name").isBlank() ? Json.text(r, "id") : Json.text(r, "Name");
        String email =
                Json.text(r, "EmailAddress").isBlank() && name.contains("@") ? name : Json.text(r, "EmailAddress");
        Customer.Builder c = Customer.builder()
                .id(name)
                .name(Json.text(r, "RealName").isBlank() ? email : Json.text(r, "RealName"))
                .email(email);
        String lang = Json.text(r, "Lang");
        if (!lang.isBlank()) {
            c.language(Locale.forLanguageTag(lang.replace('_', '-')));
        }
        return c.build();
    }

    /** The task custom field's value for a draft. */
    static String taskValue(TicketId ticket, HandoverId handover, String key, TaskKind kind) {
        return "#" + ticket.value() + " " + handover.value() + "/" + key + " "
                + kind.name().toLowerCase(Locale.ROOT);
    }

    /** A reminder as a task, or empty when it carries no (well-formed) task field: it is not handover's. */
    Optional<Task> task(JsonNode r) {
        Map<String, List<String>> cfs = customFields(r);
        Optional<String> value = first(cfs, config.taskField());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = TASK.matcher(value.get().strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        TaskKind kind;
        try {
            kind = TaskKind.valueOf(m.group(4).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String raw = Json.text(r, "Status").toLowerCase(Locale.ROOT);
        TaskStatus status = switch (config.status(raw)) {
            case SOLVED -> TaskStatus.COMPLETED;
            case CLOSED -> TaskStatus.CANCELLED;
            default -> TaskStatus.OPEN;
        };
        Instant created = orEpoch(Json.text(r, "Created"));
        Instant due = Sql.instant(Json.text(r, "Due"));
        Instant resolved = Sql.instant(Json.text(r, "Resolved"));
        String owner = Json.ref(r, "Owner");
        return Optional.of(new Task(
                TaskId.of(Json.text(r, "id")),
                TicketId.of(m.group(1)),
                HandoverId.of(m.group(2)),
                m.group(3),
                kind,
                AgentId.of(owner.isBlank() ? NOBODY : owner),
                Json.text(r, "Subject").isBlank() ? "(no subject)" : Json.text(r, "Subject"),
                String.join("\n", cfs.getOrDefault(config.taskBodyField(), List.of())),
                due == null ? created : due,
                Optional.empty(),
                status,
                created,
                status == TaskStatus.OPEN ? Optional.empty() : Optional.ofNullable(resolved),
                version(r)));
    }
}
