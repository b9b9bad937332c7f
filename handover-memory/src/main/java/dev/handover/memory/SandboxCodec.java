package dev.handover.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.memory.InMemoryCrm.SeqComment;
import dev.handover.memory.InMemoryCrm.State;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.model.Absence;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.GroupKind;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Presence;
import dev.handover.spi.model.Shift;
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
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The sandbox file's form, written by hand on Jackson's tree rather than by reflection: the SPI's records stay free of
 * annotations and closed to Jackson on the module path, and the form is ours to keep stable. Version {@value #FORMAT};
 * an absent optional is an absent field, ids are plain strings, instants ISO-8601.
 *
 * <p>A value that does not fit is reported with its path in the document ({@code tickets[3].createdAt}).
 */
final class SandboxCodec {
    /** The version of the form; a file of another version is refused rather than half read. */
    static final int FORMAT = 1;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SandboxCodec() {}

    /** A problem with the content of a syntactically good file, at a path like {@code tickets[3].createdAt}. */
    static final class BadContent extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String path;

        BadContent(String path, String message) {
            super(message);
            this.path = path;
        }
    }

    // ---------------------------------------------------------------- writing

    static ObjectNode write(State s) {
        ObjectNode root = F.objectNode();
        root.put("format", FORMAT);
        ObjectNode counters = root.putObject("counters");
        counters.put("versions", s.versions());
        counters.put("comments", s.commentSeq());
        counters.put("tasks", s.taskSeq());
        ArrayNode groups = root.putArray("groups");
        s.groups().forEach(g -> groups.add(group(g)));
        ArrayNode agents = root.putArray("agents");
        s.agents().forEach(a -> agents.add(agent(a)));
        ArrayNode tickets = root.putArray("tickets");
        for (Ticket t : s.tickets()) {
            ObjectNode n = ticket(t);
            ArrayNode comments = n.putArray("comments");
            for (SeqComment c : s.comments().getOrDefault(t.id(), List.of())) {
                comments.add(comment(c));
            }
            tickets.add(n);
        }
        ArrayNode tasks = root.putArray("tasks");
        s.tasks().forEach(t -> tasks.add(task(t)));
        ObjectNode replays = root.putObject("idempotencyKeys");
        s.replays().forEach((k, r) -> {
            ObjectNode n = replays.putObject(k);
            n.put("ticket", r.ticket().value());
            r.version().ifPresent(v -> n.put("version", v.value()));
            ArrayNode created = n.putArray("createdTasks");
            r.createdTasks().forEach(t -> created.add(task(t)));
        });
        return root;
    }

    private static ObjectNode group(Group g) {
        ObjectNode n = F.objectNode();
        n.put("id", g.id().value());
        n.put("name", g.name());
        n.put("kind", g.kind().name());
        return n;
    }

    private static ObjectNode agent(Agent a) {
        ObjectNode n = F.objectNode();
        n.put("id", a.id().value());
        n.put("name", a.name());
        n.put("email", a.email());
        n.put("role", a.role());
        strings(n.putArray("groups"), a.groups(), GroupId::value);
        strings(n.putArray("skills"), new java.util.TreeSet<>(a.skills()), s -> s);
        strings(n.putArray("languages"), a.languages(), Locale::toLanguageTag);
        n.put("timeZone", a.timeZone().getId());
        a.manager().ifPresent(m -> n.put("manager", m.value()));
        n.put("active", a.active());
        n.put("capacity", a.capacity());
        n.put("presence", a.presence().name());
        ArrayNode shifts = n.putArray("shifts");
        for (Shift s : a.shifts()) {
            ObjectNode sn = shifts.addObject();
            strings(sn.putArray("days"), EnumSet.copyOf(s.days()), DayOfWeek::name);
            sn.put("start", s.start().toString());
            sn.put("end", s.end().toString());
        }
        ArrayNode absences = n.putArray("absences");
        for (Absence x : a.absences()) {
            ObjectNode an = absences.addObject();
            an.put("from", x.from().toString());
            an.put("until", x.until().toString());
            an.put("reason", x.reason());
            x.deputy().ifPresent(d -> an.put("deputy", d.value()));
        }
        n.put("cannotTakeTickets", a.cannotTakeTickets());
        return n;
    }

    private static ObjectNode ticket(Ticket t) {
        ObjectNode n = F.objectNode();
        n.put("id", t.id().value());
        n.put("subject", t.subject());
        n.put("description", t.description());
        n.put("status", t.status().name());
        n.put("rawStatus", t.rawStatus());
        n.put("priority", t.priority().name());
        n.put("rawPriority", t.rawPriority());
        Customer c = t.requester();
        ObjectNode r = n.putObject("requester");
        r.put("id", c.id());
        r.put("name", c.name());
        r.put("email", c.email());
        r.put("phone", c.phone());
        c.language().ifPresent(l -> r.put("language", l.toLanguageTag()));
        r.put("organization", c.organization());
        r.put("tier", c.tier());
        c.preferredChannel().ifPresent(ch -> r.put("preferredChannel", ch.name()));
        r.put("salutation", c.salutation());
        t.assignee().ifPresent(a -> n.put("assignee", a.value()));
        t.group().ifPresent(g -> n.put("group", g.value()));
        strings(n.putArray("tags"), t.tags(), s -> s);
        n.put("channel", t.channel().name());
        t.language().ifPresent(l -> n.put("language", l.toLanguageTag()));
        ObjectNode fields = n.putObject("customFields");
        new TreeMap<>(t.customFields()).forEach(fields::put);
        n.put("createdAt", t.createdAt().toString());
        n.put("updatedAt", t.updatedAt().toString());
        n.put("reopens", t.reopens());
        t.link().ifPresent(l -> n.put("link", l.toString()));
        n.put("version", t.version().value());
        return n;
    }

    private static ObjectNode comment(SeqComment sc) {
        Comment c = sc.comment();
        ObjectNode n = F.objectNode();
        n.put("seq", sc.seq());
        n.put("id", c.id());
        n.put("authorId", c.authorId());
        n.put("visibility", c.visibility().name());
        n.put("createdAt", c.createdAt().toString());
        n.put("body", c.body());
        return n;
    }

    private static ObjectNode task(Task t) {
        ObjectNode n = F.objectNode();
        n.put("id", t.id().value());
        n.put("ticket", t.ticket().value());
        n.put("handover", t.handover().value());
        n.put("key", t.key());
        n.put("kind", t.kind().name());
        n.put("owner", t.owner().value());
        n.put("subject", t.subject());
        n.put("body", t.body());
        n.put("due", t.due().toString());
        t.remindAt().ifPresent(r -> n.put("remindAt", r.toString()));
        n.put("status", t.status().name());
        n.put("createdAt", t.createdAt().toString());
        t.completedAt().ifPresent(c -> n.put("completedAt", c.toString()));
        n.put("version", t.version().value());
        return n;
    }

    private static <T> void strings(ArrayNode into, Collection<T> values, Function<T, String> text) {
        values.forEach(v -> into.add(text.apply(v)));
    }

    // ---------------------------------------------------------------- reading

    static State read(JsonNode root) {
        Node r = new Node(root, "");
        if (!root.isObject()) {
            throw new BadContent("(top)", "expected an object with \"format\": " + FORMAT);
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isInt() || format.intValue() != FORMAT) {
            throw new BadContent(
                    "format",
                    "expected \"format\": " + FORMAT + ", found " + (format == null ? "none" : format.toString())
                            + " (written by another version of handover?)");
        }
        Node counters = r.object("counters");
        List<Group> groups = new ArrayList<>();
        r.array("groups")
                .forEach(n -> groups.add(n.make(() ->
                        new Group(GroupId.of(n.text("id")), n.text("name"), n.enumValue("kind", GroupKind.class)))));
        List<Agent> agents = new ArrayList<>();
        r.array("agents").forEach(n -> agents.add(readAgent(n)));
        List<Ticket> tickets = new ArrayList<>();
        Map<TicketId, List<SeqComment>> comments = new LinkedHashMap<>();
        for (Node n : r.array("tickets")) {
            Ticket t = readTicket(n);
            tickets.add(t);
            List<SeqComment> list = new ArrayList<>();
            for (Node c : n.array("comments")) {
                list.add(c.make(() -> new SeqComment(
                        c.integer("seq"),
                        new Comment(
                                c.text("id"),
                                t.id(),
                                c.text("authorId"),
                                c.text("body"),
                                c.enumValue("visibility", Visibility.class),
                                c.instant("createdAt")))));
            }
            comments.put(t.id(), list);
        }
        List<Task> tasks = new ArrayList<>();
        r.array("tasks").forEach(n -> tasks.add(readTask(n)));
        Map<String, UpdateResult> replays = new LinkedHashMap<>();
        Node keys = r.object("idempotencyKeys");
        Iterator<Map.Entry<String, JsonNode>> it = keys.json.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Node n = keys.child(e.getKey(), e.getValue());
            List<Task> created = new ArrayList<>();
            n.array("createdTasks").forEach(t -> created.add(readTask(t)));
            replays.put(
                    e.getKey(),
                    n.make(() -> UpdateResult.applied(
                            TicketId.of(n.text("ticket")),
                            n.optionalText("version").map(Version::of).orElse(null),
                            created)));
        }
        return new State(
                tickets,
                comments,
                tasks,
                agents,
                groups,
                replays,
                counters.integer("versions"),
                counters.integer("comments"),
                counters.integer("tasks"));
    }

    private static Agent readAgent(Node n) {
        return n.make(() -> {
            List<Shift> shifts = new ArrayList<>();
            for (Node s : n.array("shifts")) {
                Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                s.array("days").forEach(d -> days.add(d.enumSelf(DayOfWeek.class)));
                shifts.add(s.make(() -> new Shift(days, s.time("start"), s.time("end"))));
            }
            List<Absence> absences = new ArrayList<>();
            for (Node a : n.array("absences")) {
                absences.add(a.make(() -> new Absence(
                        a.instant("from"),
                        a.instant("until"),
                        a.text("reason"),
                        a.optionalText("deputy").map(AgentId::of))));
            }
            Set<GroupId> groups = new LinkedHashSet<>();
            n.array("groups").forEach(g -> groups.add(GroupId.of(g.self())));
            Set<String> skills = new LinkedHashSet<>();
            n.array("skills").forEach(g -> skills.add(g.self()));
            Set<Locale> languages = new LinkedHashSet<>();
            n.array("languages").forEach(g -> languages.add(Locale.forLanguageTag(g.self())));
            return new Agent(
                    AgentId.of(n.text("id")),
                    n.text("name"),
                    n.text("email"),
                    n.text("role"),
                    groups,
                    skills,
                    languages,
                    n.parse("timeZone", "a time zone like Europe/London", ZoneId::of),
                    n.optionalText("manager").map(AgentId::of),
                    n.bool("active"),
                    (int) n.integer("capacity"),
                    n.enumValue("presence", Presence.class),
                    shifts,
                    absences,
                    n.text("cannotTakeTickets"));
        });
    }

    private static Ticket readTicket(Node n) {
        return n.make(() -> {
            Node r = n.object("requester");
            Customer requester = r.make(() -> new Customer(
                    r.text("id"),
                    r.text("name"),
                    r.text("email"),
                    r.text("phone"),
                    r.optionalText("language").map(Locale::forLanguageTag),
                    r.text("organization"),
                    r.text("tier"),
                    r.optionalText("preferredChannel").map(Channel::of),
                    r.text("salutation")));
            Set<String> tags = new LinkedHashSet<>();
            n.array("tags").forEach(t -> tags.add(t.self()));
            Map<String, String> fields = new LinkedHashMap<>();
            Node f = n.object("customFields");
            f.json.fields()
                    .forEachRemaining(e -> fields.put(
                            e.getKey(), f.child(e.getKey(), e.getValue()).self()));
            return new Ticket(
                    TicketId.of(n.text("id")),
                    n.text("subject"),
                    n.text("description"),
                    n.enumValue("status", TicketStatus.class),
                    n.text("rawStatus"),
                    n.enumValue("priority", TicketPriority.class),
                    n.text("rawPriority"),
                    requester,
                    n.optionalText("assignee").map(AgentId::of),
                    n.optionalText("group").map(GroupId::of),
                    tags,
                    Channel.of(n.text("channel")),
                    n.optionalText("language").map(Locale::forLanguageTag),
                    fields,
                    n.instant("createdAt"),
                    n.instant("updatedAt"),
                    (int) n.integer("reopens"),
                    n.optionalText("link").map(URI::create),
                    Version.of(n.text("version")));
        });
    }

    private static Task readTask(Node n) {
        return n.make(() -> new Task(
                TaskId.of(n.text("id")),
                TicketId.of(n.text("ticket")),
                HandoverId.of(n.text("handover")),
                n.text("key"),
                n.enumValue("kind", TaskKind.class),
                AgentId.of(n.text("owner")),
                n.text("subject"),
                n.text("body"),
                n.instant("due"),
                n.optionalText("remindAt").map(x -> n.parse("remindAt", "an ISO-8601 instant", Instant::parse)),
                n.enumValue("status", TaskStatus.class),
                n.instant("createdAt"),
                n.optionalText("completedAt").map(x -> n.parse("completedAt", "an ISO-8601 instant", Instant::parse)),
                Version.of(n.text("version"))));
    }

    /** A JSON node with its path, for messages. */
    private static final class Node {
        final JsonNode json;
        final String path;

        Node(JsonNode json, String path) {
            this.json = json;
            this.path = path;
        }

        Node child(String key, JsonNode value) {
            return new Node(value, path.isEmpty() ? key : path + "." + key);
        }

        private String at(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        private JsonNode field(String key) {
            JsonNode v = json.get(key);
            if (v == null || v.isNull()) {
                throw new BadContent(at(key), "missing");
            }
            return v;
        }

        String text(String key) {
            JsonNode v = field(key);
            if (!v.isTextual()) {
                throw new BadContent(
                        at(key),
                        "expected a string, found " + v.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            return v.textValue();
        }

        String self() {
            if (!json.isTextual()) {
                throw new BadContent(
                        path,
                        "expected a string, found " + json.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            return json.textValue();
        }

        Optional<String> optionalText(String key) {
            JsonNode v = json.get(key);
            return v == null || v.isNull() ? Optional.empty() : Optional.of(text(key));
        }

        long integer(String key) {
            JsonNode v = field(key);
            if (!v.canConvertToLong() || !v.isIntegralNumber()) {
                throw new BadContent(at(key), "expected a whole number, found " + v);
            }
            return v.longValue();
        }

        boolean bool(String key) {
            JsonNode v = field(key);
            if (!v.isBoolean()) {
                throw new BadContent(at(key), "expected true or false, found " + v);
            }
            return v.booleanValue();
        }

        Instant instant(String key) {
            return parse(key, "an ISO-8601 instant like 2026-03-02T09:30:00Z", Instant::parse);
        }

        LocalTime time(String key) {
            return parse(key, "a time like 08:00", LocalTime::parse);
        }

        <T> T parse(String key, String expected, Function<String, T> parser) {
            String text = text(key);
            try {
                return parser.apply(text);
            } catch (RuntimeException e) {
                throw new BadContent(at(key), "expected " + expected + ", found '" + text + "'");
            }
        }

        <E extends Enum<E>> E enumValue(String key, Class<E> type) {
            return child(key, field(key)).enumSelf(type);
        }

        <E extends Enum<E>> E enumSelf(Class<E> type) {
            String text = self();
            try {
                return Enum.valueOf(type, text);
            } catch (IllegalArgumentException e) {
                throw new BadContent(path, "expected one of " + EnumSet.allOf(type) + ", found '" + text + "'");
            }
        }

        Node object(String key) {
            JsonNode v = field(key);
            if (!v.isObject()) {
                throw new BadContent(at(key), "expected an object");
            }
            return child(key, v);
        }

        List<Node> array(String key) {
            JsonNode v = field(key);
            if (!v.isArray()) {
                throw new BadContent(at(key), "expected a list");
            }
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                out.add(new Node(v.get(i), at(key) + "[" + i + "]"));
            }
            return out;
        }

        /** Builds a value; the model's own check (a blank id, an end before a start) is reported at this node. */
        <T> T make(java.util.function.Supplier<T> build) {
            try {
                return build.get();
            } catch (BadContent e) {
                throw e;
            } catch (RuntimeException e) {
                throw new BadContent(path.isEmpty() ? "(top)" : path, e.getMessage());
            }
        }
    }
}
