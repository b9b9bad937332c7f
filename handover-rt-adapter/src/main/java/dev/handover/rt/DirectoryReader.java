package dev.handover.rt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.rt.http.HttpCall;
import dev.handover.rt.http.Json;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The agent directory from RT: every queue is a group; a queue's team is its AdminCc watchers (users, and the members
 * of watcher groups, recursively); agents are those users and the managers they name, with skills, languages,
 * manager, capacity and role from user custom fields, the time zone from the user's own setting. Kept for the
 * configured time.
 */
final class DirectoryReader {
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
        JsonNode queues = api.http.execute(HttpCall.get("/queues/all", "read of the queues")
                .query("fields", "Name,Disabled")
                .query("per_page", RtApi.MAX_PAGE));
        for (JsonNode q : queues.path("items")) {
            String name = Json.text(q, "Name");
            if (name.equals(APPROVALS)) {
                continue;
            }
            GroupId id = GroupId.of(Json.text(q, "id"));
            JsonNode queue = api.http.execute(HttpCall.get("/queue/" + id.value(), "read of queue " + name));
            Set<String> members = new LinkedHashSet<>();
            for (JsonNode w : queue.path("AdminCc")) {
                if ("group".equals(Json.text(w, "type"))) {
                    members.addAll(groupMembers(Json.text(w, "id")));
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
                    .filter(m -> !users.containsKey(m))
                    .ifPresent(managers::add);
        }
        users.putAll(users(managers));
        List<Agent> agents = new ArrayList<>();
        for (JsonNode u : users.values()) {
            agents.add(agent(u, membership.getOrDefault(Json.text(u, "Name"), Set.of())));
        }
        return Directory.of(agents, groups);
    }

    private List<String> groupMembers(String group) {
        List<String> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode answer = api.http.execute(
                    HttpCall.get("/group/" + group + "/members", "read of the members of group " + group)
                            .query("recursively", 1)
                            .query("groups", 0)
                            .query("find_disabled_rows", 1)
                            .query("page", page)
                            .query("per_page", RtApi.MAX_PAGE));
            answer.path("items").forEach(m -> out.add(Json.text(m, "id")));
            if (!RtApi.hasNext(answer) || answer.path("items").isEmpty()) {
                return out;
            }
        }
    }

    private Map<String, JsonNode> users(Collection<String> names) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(names);
        for (int from = 0; from < all.size(); from += RtApi.MAX_PAGE) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + RtApi.MAX_PAGE));
            ArrayNode query = Json.array();
            ObjectNode in = query.addObject();
            in.put("field", "Name");
            in.put("operator", "IN");
            ArrayNode values = in.putArray("value");
            chunk.forEach(values::add);
            JsonNode answer = api.http.execute(HttpCall.write(
                            "POST", "/users", Json.write(query), "read of " + chunk.size() + " users")
                    .repeatable(true)
                    .query("fields", "Name,RealName,EmailAddress,Timezone,Lang,Disabled,Privileged,CustomFields")
                    .query("find_disabled_rows", 1)
                    .query("per_page", RtApi.MAX_PAGE));
            answer.path("items").forEach(u -> out.put(Json.text(u, "Name"), u));
        }
        return out;
    }

    private Agent agent(JsonNode u, Set<GroupId> groups) {
        Map<String, List<String>> cfs = Mapper.customFields(u);
        String name = Json.text(u, "Name");
        boolean disabled = "1".equals(Json.text(u, "Disabled"));
        boolean privileged = !"0".equals(Json.text(u, "Privileged"))
                && !Json.text(u, "Privileged").isBlank();
        Agent.Builder b = Agent.builder(AgentId.of(name))
                .name(Json.text(u, "RealName").isBlank() ? name : Json.text(u, "RealName"))
                .email(Json.text(u, "EmailAddress"))
                .role(Mapper.first(cfs, config.roleField()).orElse("agent"))
                .groups(groups)
                .skills(values(cfs.get(config.skillsField())))
                .timeZone(zone(Json.text(u, "Timezone")))
                .active(!disabled && privileged);
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
