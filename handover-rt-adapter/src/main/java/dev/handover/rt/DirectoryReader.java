package dev.handover.rt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.rt.http.HttpCall;
import dev.handover.rt.http.Json;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.error.CrmUnauthorizedException;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The agent directory from RT: every queue is a group; a queue's team is its AdminCc watchers (users, and the members
 * of watcher groups, through nested groups); agents are those users and the managers they name, with skills, languages,
 * manager, capacity and role from user custom fields, the time zone from the user's own setting. Kept for the
 * configured time.
 */
final class DirectoryReader {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DirectoryReader.class);

    /** The queue RT keeps for its approvals workflow; not a team's queue. */
    private static final String APPROVALS = "___Approvals";

    private final RtApi api;
    private final Config config;
    private final Clock clock;
    private volatile Directory cached;
    private volatile Instant cachedAt = Instant.MIN;

    DirectoryReader(RtApi api, Config config, Clock clock) {
        this.api = api;
        this.config = config;
        this.clock = clock;
    }

    Directory directory() {
        Directory d = cached;
        Instant now = clock.instant();
        if (d != null && now.isBefore(cachedAt.plus(config.directoryTtl()))) {
            return d;
        }
        d = load();
        cached = d;
        cachedAt = now;
        return d;
    }

    void invalidate() {
        cached = null;
    }

    private Directory load() {
        List<Group> groups = new ArrayList<>();
        Map<String, Set<GroupId>> membership = new LinkedHashMap<>();
        Map<String, Set<String>> groupMembers = new HashMap<>();
        List<JsonNode> queues = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode answer = api.http.execute(HttpCall.get("/queues/all", "read of the queues")
                    .query("fields", "Name")
                    .query("page", page)
                    .query("per_page", RtApi.MAX_PAGE));
            answer.path("items").forEach(queues::add);
            if (!RtApi.hasNext(answer) || answer.path("items").isEmpty()) {
                break;
            }
        }
        for (JsonNode q : queues) {
            String name = Json.text(q, "Name");
            if (name.equals(APPROVALS) || !config.inScope(name)) {
                continue;
            }
            GroupId id = GroupId.of(Json.text(q, "id"));
            JsonNode queue = api.http.execute(HttpCall.get("/queue/" + id.value(), "read of queue " + name));
            // a queue's AdminCc lists users and groups; a group's record lists its direct members by user name
            Set<String> members = new LinkedHashSet<>();
            for (JsonNode w : queue.path("AdminCc")) {
                if ("group".equals(Json.text(w, "type"))) {
                    members.addAll(members(Json.text(w, "id"), groupMembers, new HashSet<>()));
                } else {
                    members.add(Json.text(w, "id"));
                }
            }
            members.forEach(m ->
                    membership.computeIfAbsent(m, k -> new LinkedHashSet<>()).add(id));
            groups.add(members.isEmpty() ? Group.queue(id, name) : Group.team(id, name));
        }
        Map<String, JsonNode> users = users(membership.keySet());
        Set<String> managers = new LinkedHashSet<>();
        for (JsonNode u : users.values()) {
            Mapper.first(Mapper.customFields(u), config.managerField())
                    .map(String::strip)
                    .filter(m -> !users.containsKey(m))
                    .ifPresent(managers::add);
        }
        users.putAll(users(managers));
        Set<String> enabled = enabled(users.keySet());
        Set<String> privileged = privileged();
        List<Agent> agents = new ArrayList<>();
        for (JsonNode u : users.values()) {
            String name = Json.text(u, "Name");
            agents.add(agent(
                    u, membership.getOrDefault(name, Set.of()), enabled.contains(name) && privileged.contains(name)));
        }
        return Directory.of(agents, groups);
    }

    /** The user names in a group, through nested groups (each group read once per load, cycles cut). */
    private Set<String> members(String group, Map<String, Set<String>> known, Set<String> path) {
        Set<String> done = known.get(group);
        if (done != null) {
            return done;
        }
        if (!path.add(group)) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        JsonNode g;
        try {
            g = api.http.execute(HttpCall.get("/group/" + group, "read of group " + group));
        } catch (CrmUnauthorizedException | CrmNotFoundException e) {
            // one group the API user may not see (no SeeGroup) costs its members, not the whole directory
            LOG.warn("group {} cannot be read ({}): its members are left out of the directory", group, e.getMessage());
            known.put(group, out);
            return out;
        }
        for (JsonNode m : g.path("Members")) {
            if ("group".equals(Json.text(m, "type"))) {
                out.addAll(members(Json.text(m, "id"), known, path));
            } else {
                out.add(Json.text(m, "id"));
            }
        }
        known.put(group, out);
        return out;
    }

    /**
     * RT's collections leave {@code Disabled} and {@code Privileged} blank (they live on the principal, not the user
     * row), so the privileged are read as the members of the system group Privileged.
     */
    private Set<String> privileged() {
        ArrayNode query = Json.array();
        query.addObject().put("field", "Domain").put("value", "SystemInternal");
        query.addObject().put("field", "Name").put("value", "Privileged");
        JsonNode found = api.http.execute(
                HttpCall.write("POST", "/groups", Json.write(query), "read of the group of privileged users")
                        .repeatable(true)
                        .query("fields", "Name,Domain"));
        for (JsonNode g : found.path("items")) {
            if ("Privileged".equals(Json.text(g, "Name")) && "SystemInternal".equals(Json.text(g, "Domain"))) {
                return members(Json.text(g, "id"), new HashMap<>(), new HashSet<>());
            }
        }
        return Set.of();
    }

    /** Users by name, disabled ones included, keyed by name; only the names asked for (never trust a filter). */
    private Map<String, JsonNode> users(Collection<String> names) {
        return search(names, true, "Name,RealName,EmailAddress,Timezone,Lang,CustomFields");
    }

    /** The names among these that RT has enabled: a search without {@code find_disabled_rows} leaves out the rest. */
    private Set<String> enabled(Collection<String> names) {
        return search(names, false, "Name").keySet();
    }

    private Map<String, JsonNode> search(Collection<String> names, boolean disabledToo, String fields) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(new LinkedHashSet<>(names));
        Set<String> wanted = new HashSet<>(all);
        for (int from = 0; from < all.size(); from += RtApi.MAX_PAGE) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + RtApi.MAX_PAGE));
            ArrayNode query = Json.array();
            ObjectNode in = query.addObject();
            in.put("field", "Name");
            in.put("operator", "IN");
            ArrayNode values = in.putArray("value");
            chunk.forEach(values::add);
            HttpCall call = HttpCall.write("POST", "/users", Json.write(query), "read of " + chunk.size() + " users")
                    .repeatable(true)
                    .query("fields", fields)
                    .query("per_page", RtApi.MAX_PAGE);
            JsonNode answer = api.http.execute(disabledToo ? call.query("find_disabled_rows", 1) : call);
            answer.path("items").forEach(u -> {
                if (wanted.contains(Json.text(u, "Name"))) {
                    out.put(Json.text(u, "Name"), u);
                }
            });
        }
        return out;
    }

    private Agent agent(JsonNode u, Set<GroupId> groups, boolean active) {
        Map<String, List<String>> cfs = Mapper.customFields(u);
        String name = Json.text(u, "Name");
        Agent.Builder b = Agent.builder(AgentId.of(name))
                .name(Json.text(u, "RealName").isBlank() ? name : Json.text(u, "RealName"))
                .email(Json.text(u, "EmailAddress"))
                .role(Mapper.first(cfs, config.roleField()).orElse("agent"))
                .groups(groups)
                .skills(values(cfs.get(config.skillsField())))
                .timeZone(zone(Json.text(u, "Timezone")))
                .active(active);
        List<String> languages = new ArrayList<>(values(cfs.get(config.languagesField())));
        String lang = Json.text(u, "Lang");
        if (languages.isEmpty() && !lang.isBlank()) {
            languages.add(lang);
        }
        b.speaks(languages.stream().map(l -> l.replace('_', '-')).toArray(String[]::new));
        Mapper.first(cfs, config.managerField()).ifPresent(m -> b.manager(AgentId.of(m.strip())));
        Mapper.first(cfs, config.capacityField()).ifPresent(c -> {
            try {
                b.capacity(Integer.parseInt(c.strip()));
            } catch (IllegalArgumentException e) {
                // a capacity that is not a number leaves the default: no limit
            }
        });
        return b.build();
    }

    private static List<String> values(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String v : raw) {
            for (String part : v.split("[,\\n]")) {
                if (!part.isBlank()) {
                    out.add(part.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    private static ZoneId zone(String tz) {
        if (tz == null || tz.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
