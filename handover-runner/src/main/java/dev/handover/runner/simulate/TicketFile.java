package dev.handover.runner.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import dev.handover.spi.model.Visibility;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the tickets to replay, in whichever of the accepted shapes the file is ({@link Format}), told apart by its
 * content, not its name. Every problem names the file, the line (and column for a syntax error) and the field; nothing
 * of the parser's own wording reaches the user.
 */
public final class TicketFile {
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
    /** Fields only a helpdesk's own ticket object has: they tell it from this project's format. */
    private static final List<String> TICKET_OBJECT =
            List.of("requester_id", "assignee_id", "group_id", "created_at", "custom_fields", "via");

    private TicketFile() {}

    /** The shapes a ticket file may have. */
    public enum Format {
        /** This project's JSON lines: the SPI's ticket, one per line ({@code docs/runner.md}). */
        LINES("JSON lines in this tool's own shape, one ticket per line with \"id\" and \"createdAt\""),
        /** Pages of a helpdesk's incremental ticket export, one after another or one per line. */
        INCREMENTAL_EXPORT("pages of an incremental ticket export: objects with \"tickets\" and \"end_of_stream\""
                + " (or \"next_page\"), sideloaded \"users\" and \"groups\" optional"),
        /** Pages of a helpdesk's search API. */
        SEARCH("pages of a ticket search: objects with \"results\" (each with \"result_type\") and \"count\""),
        /** One helpdesk ticket object per line, as {@code jq -c '.tickets[]'} writes them. */
        TICKET_OBJECTS("one ticket object per line as the helpdesk's API writes it (\"requester_id\","
                + " \"assignee_id\", \"group_id\", \"created_at\"), or a JSON array of them"),
        /** A Data Loader CSV export of Case records. */
        CASE_CSV("a Data Loader CSV export of Case with a header of field names (ID, CASENUMBER, STATUS,"
                + " OWNERID, CREATEDDATE, …)");

        private final String description;

        Format(String description) {
            this.description = description;
        }

        /** What the shape looks like, in words. */
        public String description() {
            return description;
        }
    }

    /**
     * The tickets of a file, and what came with them.
     *
     * @param format the shape the file had
     * @param tickets in file order, each once
     * @param comments every comment, oldest first per ticket
     * @param people agents and groups the file itself describes (sideloaded users and groups), or empty
     * @param skipped records left out: search results that are not tickets, deleted tickets, older copies of a ticket
     */
    public record Contents(Format format, List<Ticket> tickets, List<Comment> comments, Directory people, int skipped) {
        /** Copies. */
        public Contents {
            tickets = List.copyOf(tickets);
            comments = List.copyOf(comments);
        }

        /** Tickets and comments in this project's own format. */
        public Contents(List<Ticket> tickets, List<Comment> comments) {
            this(Format.LINES, tickets, comments, Directory.empty(), 0);
        }
    }

    /** Reads a file with the connector's default field names. */
    public static Contents read(Path file) {
        return read(file, Mapping.none());
    }

    /**
     * Reads a file, mapping custom fields, language, status and priority as the configuration's CRM settings say;
     * throws {@link IllegalArgumentException} naming file, line and field on the first problem.
     */
    public static Contents read(Path file, Mapping mapping) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--tickets " + file + ": the file does not exist");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException("--tickets " + file + ": the file is not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException("--tickets " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark, as spreadsheet programs write
        }
        String name = file.toString();
        if (text.isBlank()) {
            return new Contents(List.of(), List.of());
        }
        if (JsonInput.looksLikeJson(text)) {
            return json(JsonInput.read(text, name), name, mapping);
        }
        if (CaseCsv.looksLikeCsv(text)) {
            return new Contents(Format.CASE_CSV, CaseCsv.read(text, name, mapping), List.of(), Directory.empty(), 0);
        }
        throw unknown(name, "it is neither JSON nor a CSV file with an Id column");
    }

    private static IllegalArgumentException unknown(String file, String why) {
        StringBuilder m = new StringBuilder(file + ": not a ticket file this command reads (" + why + "). Accepted:");
        for (Format f : Format.values()) {
            m.append("\n  - ").append(f.description());
        }
        m.append("\nSee docs/simulate.md for how to export each.");
        return new IllegalArgumentException(m.toString());
    }

    private static Format kind(JsonNode n, String file, int line) {
        if (n.isArray()) {
            return Format.TICKET_OBJECTS;
        }
        if (!n.isObject()) {
            throw unknown(file + ":" + line, "the value is not a JSON object");
        }
        if (n.path("tickets").isArray()) {
            return Format.INCREMENTAL_EXPORT;
        }
        if (n.path("results").isArray()) {
            return Format.SEARCH;
        }
        if (n.has("id") && TICKET_OBJECT.stream().anyMatch(n::has)) {
            return Format.TICKET_OBJECTS;
        }
        if (n.has("createdAt") || n.has("id")) {
            return Format.LINES;
        }
        List<String> fields = new ArrayList<>();
        n.fieldNames().forEachRemaining(fields::add);
        throw unknown(
                file + ":" + line,
                "an object with " + (fields.isEmpty() ? "no fields" : "the fields " + String.join(", ", fields)));
    }

    private static Contents json(List<JsonInput.Value> values, String file, Mapping mapping) {
        if (values.isEmpty()) {
            return new Contents(List.of(), List.of());
        }
        Format format = kind(values.get(0).node(), file, values.get(0).line());
        if (format == Format.LINES) {
            return lines(values, file);
        }
        TicketObjects mapper = new TicketObjects(mapping);
        // sideloads first: a page's users may describe the requesters of an earlier page's tickets
        for (JsonInput.Value v : values) {
            if (v.node().isObject()) {
                mapper.sideloads(v.node());
            }
        }
        Map<String, Ticket> byId = new LinkedHashMap<>();
        int skipped = 0;
        for (JsonInput.Value v : values) {
            String where = file + ":" + v.line();
            Format here = kind(v.node(), file, v.line());
            if (here != format) {
                throw new IllegalArgumentException(where + ": expected " + format.description() + " like the first"
                        + " line, found " + here.description());
            }
            List<JsonNode> records = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            switch (format) {
                case INCREMENTAL_EXPORT -> add(v.node().get("tickets"), "tickets", records, labels);
                case SEARCH -> add(v.node().get("results"), "results", records, labels);
                default -> {
                    if (v.node().isArray()) {
                        add(v.node(), "", records, labels);
                    } else {
                        records.add(v.node());
                        labels.add("");
                    }
                }
            }
            for (int i = 0; i < records.size(); i++) {
                JsonNode t = records.get(i);
                String at = labels.get(i).isEmpty() ? where : where + ": " + labels.get(i);
                if (format == Format.SEARCH
                        && !t.path("result_type").asText("ticket").equals("ticket")) {
                    skipped++; // a user or organization the query also found
                    continue;
                }
                if (t.path("status").asText("").equals("deleted")) {
                    skipped++; // the incremental export lists deleted tickets too
                    continue;
                }
                Ticket ticket = mapper.ticket(t, at);
                Ticket earlier = byId.get(ticket.id().value());
                if (earlier != null) {
                    skipped++; // a ticket changed again while the export ran: keep its newest copy
                    if (earlier.updatedAt().isAfter(ticket.updatedAt())) {
                        continue;
                    }
                }
                byId.put(ticket.id().value(), ticket);
            }
        }
        Directory people = mapper.hasPeople() ? Directory.of(mapper.agents(), mapper.groups()) : Directory.empty();
        return new Contents(format, List.copyOf(byId.values()), List.of(), people, skipped);
    }

    private static void add(JsonNode array, String label, List<JsonNode> records, List<String> labels) {
        for (int i = 0; i < array.size(); i++) {
            records.add(array.get(i));
            labels.add(label.isEmpty() ? "[" + i + "]" : label + "[" + i + "]");
        }
    }

    private static Contents lines(List<JsonInput.Value> values, String file) {
        List<Ticket> tickets = new ArrayList<>();
        List<Comment> comments = new ArrayList<>();
        for (JsonInput.Value v : values) {
            String where = file + ":" + v.line();
            JsonNode node = v.node();
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
