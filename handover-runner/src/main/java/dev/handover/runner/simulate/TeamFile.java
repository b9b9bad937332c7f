package dev.handover.runner.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Shift;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A directory file for {@code simulate --offline --directory}: the team as the CRM would describe it, in YAML or JSON
 * ({@code docs/simulate.md} documents the shape). Every problem names the file, the entry and the key.
 *
 * @param directory the agents and groups
 * @param openTickets open tickets each agent holds besides the replayed ones, where the file says
 */
public record TeamFile(Directory directory, Map<AgentId, Integer> openTickets) {
    private static final Set<String> TOP = Set.of("groups", "agents");
    private static final Set<String> GROUP = Set.of("id", "name", "kind");
    private static final Set<String> AGENT = Set.of(
            "id",
            "name",
            "email",
            "role",
            "groups",
            "skills",
            "languages",
            "timeZone",
            "shifts",
            "manager",
            "capacity",
            "active",
            "canTakeTickets",
            "openTickets");
    private static final Pattern SHIFT = Pattern.compile(
            "(?i)\\s*([a-z]{3})(?:\\s*-\\s*([a-z]{3}))?((?:\\s*,\\s*[a-z]{3})*)\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})\\s*");
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    /** Copies. */
    public TeamFile {
        openTickets = Map.copyOf(openTickets);
    }

    /** Reads a {@code .yaml}, {@code .yml} or {@code .json} file. */
    public static TeamFile read(Path file) {
        String name = file.toString();
        JsonNode root;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            root = (JsonInput.looksLikeJson(text) ? new ObjectMapper() : new ObjectMapper(new YAMLFactory()))
                    .readTree(text);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--directory " + name + ": the file does not exist");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            int col = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getColumnNr());
            throw new IllegalArgumentException(name + ":" + line + ":" + col + ": not a valid directory file: "
                    + JsonInput.plain(e.getOriginalMessage(), false));
        } catch (IOException e) {
            throw new IllegalArgumentException("--directory " + name + " cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(name + ": expected 'groups:' and 'agents:' at the top");
        }
        known(root, TOP, name);
        List<Group> groups = new ArrayList<>();
        JsonNode gs = root.path("groups");
        for (int i = 0; i < gs.size(); i++) {
            String where = name + ": groups[" + i + "]";
            JsonNode g = gs.get(i);
            known(g, GROUP, where);
            String id = required(g, "id", where);
            String kind = g.path("kind").asText("team").toLowerCase(Locale.ROOT);
            String label = g.path("name").asText(id);
            switch (kind) {
                case "team" -> groups.add(Group.team(GroupId.of(id), label));
                case "queue" -> groups.add(Group.queue(GroupId.of(id), label));
                default ->
                    throw new IllegalArgumentException(where + ".kind: must be team or queue, found '" + kind + "'");
            }
        }
        List<Agent> agents = new ArrayList<>();
        Map<AgentId, Integer> open = new LinkedHashMap<>();
        JsonNode as = root.path("agents");
        for (int i = 0; i < as.size(); i++) {
            JsonNode a = as.get(i);
            String where = name + ": agents[" + i + "]";
            known(a, AGENT, where);
            String id = required(a, "id", where);
            where = where + " (" + id + ")";
            try {
                Agent.Builder b = Agent.builder(AgentId.of(id))
                        .name(a.path("name").asText(id))
                        .email(a.path("email").asText(""))
                        .role(a.path("role").asText(""))
                        .active(a.path("active").asBoolean(true));
                for (String g : strings(a, "groups")) {
                    b.group(GroupId.of(g));
                }
                b.skills(strings(a, "skills"));
                for (String l : strings(a, "languages")) {
                    b.speaks(l);
                }
                if (a.hasNonNull("timeZone")) {
                    b.timeZone(zone(a.get("timeZone").asText(), where));
                }
                List<Shift> shifts = new ArrayList<>();
                for (String s : strings(a, "shifts")) {
                    shifts.add(shift(s, where));
                }
                b.shifts(shifts);
                if (a.hasNonNull("manager")) {
                    b.manager(AgentId.of(a.get("manager").asText()));
                }
                if (a.hasNonNull("capacity")) {
                    b.capacity(whole(a, "capacity", where));
                }
                if (a.has("canTakeTickets") && !a.get("canTakeTickets").asBoolean(true)) {
                    b.cannotTakeTickets("the directory file says this person cannot take tickets");
                }
                if (a.hasNonNull("openTickets")) {
                    open.put(AgentId.of(id), whole(a, "openTickets", where));
                }
                agents.add(b.build());
            } catch (IllegalArgumentException | IllegalStateException e) {
                String m = e.getMessage();
                throw new IllegalArgumentException(m.startsWith(name) ? m : where + ": " + m);
            }
        }
        try {
            return new TeamFile(Directory.of(agents, groups), open);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }

    private static void known(JsonNode n, Set<String> fields, String where) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(where + ": expected a map of keys");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) {
                throw new IllegalArgumentException(where + ": unknown key '" + f + "'; keys: "
                        + String.join(", ", fields.stream().sorted().toList()));
            }
        }
    }

    private static String required(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": '" + field + "' is required");
        }
        return v.asText().strip();
    }

    private static List<String> strings(JsonNode n, String field) {
        List<String> out = new ArrayList<>();
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            v.forEach(x -> out.add(x.asText().strip()));
        } else {
            out.add(v.asText().strip());
        }
        return out;
    }

    private static int whole(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
            throw new IllegalArgumentException(
                    field + ": must be a whole number of 0 or more, found '" + v.asText() + "'");
        }
        return v.asInt();
    }

    private static ZoneId zone(String raw, String where) {
        try {
            return ZoneId.of(raw.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timeZone: '" + raw + "' is not a time zone like Europe/Berlin");
        }
    }

    /** {@code Mon-Fri 08:00-18:00} or {@code Sat,Sun 10:00-14:00}, as in the configuration. */
    static Shift shift(String raw, String where) {
        Matcher m = SHIFT.matcher(raw);
        String expected =
                "shifts: '" + raw + "' is not working hours like 'Mon-Fri 08:00-18:00' or" + " 'Sat,Sun 10:00-14:00'";
        if (!m.matches()) {
            throw new IllegalArgumentException(expected);
        }
        int from = DAYS.indexOf(m.group(1).toLowerCase(Locale.ROOT));
        int to = m.group(2) == null ? from : DAYS.indexOf(m.group(2).toLowerCase(Locale.ROOT));
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException(expected);
        }
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int d = from; ; d = (d + 1) % 7) {
            days.add(DayOfWeek.of(d + 1));
            if (d == to) {
                break;
            }
        }
        for (String more : m.group(3).split(",")) {
            if (!more.isBlank()) {
                int d = DAYS.indexOf(more.strip().toLowerCase(Locale.ROOT));
                if (d < 0) {
                    throw new IllegalArgumentException(expected);
                }
                days.add(DayOfWeek.of(d + 1));
            }
        }
        try {
            return Shift.of(days, time(m.group(4)), time(m.group(5)));
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new IllegalArgumentException(expected);
        }
    }

    private static LocalTime time(String t) {
        return LocalTime.parse(t.length() == 4 ? "0" + t : t);
    }
}
