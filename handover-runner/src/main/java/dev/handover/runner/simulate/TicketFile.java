package dev.handover.runner.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import dev.handover.spi.model.Visibility;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads tickets from a JSON-lines file, one ticket per line, in the shape {@code docs/runner.md} documents (the SPI's
 * ticket, with its comments). Every problem names the file, the line and the field.
 */
public final class TicketFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of(
            "id",
            "subject",
            "description",
            "status",
            "priority",
            "requester",
            "assignee",
            "group",
            "tags",
            "channel",
            "language",
            "customFields",
            "createdAt",
            "updatedAt",
            "reopens",
            "comments");

    private TicketFile() {}

    /**
     * The tickets of a file, and their comments.
     *
     * @param tickets in file order
     * @param comments every comment, oldest first per ticket
     */
    public record Contents(List<Ticket> tickets, List<Comment> comments) {
        /** Copies. */
        public Contents {
            tickets = List.copyOf(tickets);
            comments = List.copyOf(comments);
        }
    }

    /** Reads a file; throws {@link IllegalArgumentException} naming file, line and field on the first bad line. */
    public static Contents read(Path file) {
        List<Ticket> tickets = new ArrayList<>();
        List<Comment> comments = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String where = file + ":" + n;
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    throw new IllegalArgumentException(where + ": not a JSON object: "
                            + e.getMessage().lines().findFirst().orElse(""));
                }
                if (!node.isObject()) {
                    throw new IllegalArgumentException(where + ": expected a JSON object, one ticket per line");
                }
                Ticket t = ticket(node, where);
                tickets.add(t);
                JsonNode cs = node.path("comments");
                for (int i = 0; i < cs.size(); i++) {
                    comments.add(comment(cs.get(i), t, i, where + ": comments[" + i + "]"));
                }
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--tickets " + file + ": the file does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("--tickets " + file + " cannot be read: " + e.getMessage(), e);
        }
        return new Contents(tickets, comments);
    }

    private static Ticket ticket(JsonNode n, String where) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException(where + ": unknown field '" + f + "'; fields: "
                        + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        String id = text(n, "id", where, true);
        String w = where + " (ticket " + id + ")";
        try {
            Ticket.Builder b = Ticket.builder(TicketId.of(id))
                    .subject(text(n, "subject", w, false))
                    .description(text(n, "description", w, false))
                    .status(choice(n, "status", TicketStatus.class, TicketStatus.OPEN, w))
                    .priority(choice(n, "priority", TicketPriority.class, TicketPriority.NORMAL, w))
                    .createdAt(instant(n, "createdAt", w, true))
                    .version(Version.of("file"));
            if (n.has("updatedAt")) {
                b.updatedAt(instant(n, "updatedAt", w, true));
            }
            if (n.hasNonNull("assignee")) {
                b.assignee(AgentId.of(text(n, "assignee", w, true)));
            }
            if (n.hasNonNull("group")) {
                b.group(GroupId.of(text(n, "group", w, true)));
            }
            List<String> tags = new ArrayList<>();
            n.path("tags").forEach(t -> tags.add(t.asText()));
            b.tags(tags);
            if (n.hasNonNull("channel")) {
                b.channel(new Channel(text(n, "channel", w, true).toLowerCase(Locale.ROOT)));
            }
            if (n.hasNonNull("language")) {
                b.language(Locale.forLanguageTag(text(n, "language", w, true)));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            n.path("customFields").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                b.customField(f.getKey(), f.getValue().asText());
            }
            if (n.has("reopens")) {
                b.reopens(n.get("reopens").asInt());
            }
            b.requester(customer(n.path("requester")));
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(where)) {
                throw e;
            }
            throw new IllegalArgumentException(w + ": " + e.getMessage());
        }
    }

    private static Customer customer(JsonNode r) {
        Customer.Builder c = Customer.builder();
        if (r.hasNonNull("id")) {
            c.id(r.get("id").asText());
        }
        if (r.hasNonNull("name")) {
            c.name(r.get("name").asText());
        }
        if (r.hasNonNull("email")) {
            c.email(r.get("email").asText());
        }
        if (r.hasNonNull("phone")) {
            c.phone(r.get("phone").asText());
        }
        if (r.hasNonNull("language")) {
            c.language(Locale.forLanguageTag(r.get("language").asText()));
        }
        if (r.hasNonNull("organization")) {
            c.organization(r.get("organization").asText());
        }
        if (r.hasNonNull("tier")) {
            c.tier(r.get("tier").asText());
        }
        return c.build();
    }

    private static Comment comment(JsonNode c, Ticket t, int i, String where) {
        try {
            boolean isPublic = c.path("public").asBoolean(true);
            return new Comment(
                    t.id() + "-c" + i,
                    t.id(),
                    c.path("author").asText("customer"),
                    c.path("body").asText(""),
                    isPublic ? Visibility.PUBLIC : Visibility.INTERNAL,
                    instant(c, "at", where, true));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    e.getMessage().startsWith(where) ? e.getMessage() : where + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode n, String field, String where, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException(where + ": field '" + field + "' is required");
            }
            return "";
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' must be a single value");
        }
        return v.asText();
    }

    private static Instant instant(JsonNode n, String field, String where, boolean required) {
        String v = text(n, field, where, required);
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": field '" + field + "' must be an instant like"
                    + " 2026-03-02T09:00:00Z, found '" + v + "'");
        }
    }

    private static <E extends Enum<E>> E choice(JsonNode n, String field, Class<E> type, E fallback, String where) {
        if (!n.hasNonNull(field)) {
            return fallback;
        }
        String v = n.get(field).asText().strip().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                allowed.add(c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            throw new IllegalArgumentException(where + ": field '" + field + "' must be one of "
                    + String.join(", ", allowed) + ", found '" + n.get(field).asText() + "'");
        }
    }
}
