package dev.handover.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Presence;
import dev.handover.zendesk.http.HttpCall;
import dev.handover.zendesk.http.HttpResult;
import dev.handover.zendesk.http.Json;
import dev.handover.zendesk.http.Transport;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent directory: agents and admins ({@code /api/v2/users?role[]=agent&role[]=admin}), groups and group
 * memberships, read with cursor pagination and cached for a configurable time (the cache's ticker follows the injected
 * clock). Zendesk has no fields for an agent's handover profile, so skills, languages, manager, capacity and role come
 * from user fields named by the settings. Presence comes from omnichannel agent availability when enabled; otherwise it
 * is unknown and the policy's calendars decide.
 */
final class DirectoryReader {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryReader.class);
    private static final String KEY = "directory";

    private final Transport http;
    private final Config config;
    private final LoadingCache<String, Directory> cache;
    private final AtomicBoolean presenceRefused = new AtomicBoolean();

    DirectoryReader(Transport http, Config config) {
        this.http = http;
        this.config = config;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(config.directoryTtl())
                .ticker(RecentWrites.ticker(config.clock()))
                .build(k -> load());
    }

    Directory directory() {
        return cache.get(KEY);
    }

    /** Reads the directory again now (an id missing from the cached copy may be a new agent). */
    Directory refresh() {
        cache.invalidateAll();
        return directory();
    }

    private Directory load() {
        List<JsonNode> users = pages(
                HttpCall.get("/api/v2/users", "read of agents")
                        .query("role[]", "agent")
                        .query("role[]", "admin"),
                "users");
        List<JsonNode> groups = pages(HttpCall.get("/api/v2/groups", "read of groups"), "groups");
        List<JsonNode> memberships =
                pages(HttpCall.get("/api/v2/group_memberships", "read of group memberships"), "group_memberships");
        Map<Long, Presence> presence = config.presence() ? presence() : Map.of();
        // custom roles exist on Enterprise plans only, and matter only when someone has one
        Map<Long, JsonNode> customRoles =
                users.stream().anyMatch(u -> u.hasNonNull("custom_role_id")) ? customRoles() : Map.of();

        Map<Long, Set<GroupId>> groupsOf = new HashMap<>();
        for (JsonNode m : memberships) {
            groupsOf.computeIfAbsent(m.path("user_id").asLong(), k -> new LinkedHashSet<>())
                    .add(GroupId.of(m.path("group_id").asText()));
        }
        List<Group> groupList = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode g : groups) {
            if (g.path("deleted").asBoolean(false)) {
                continue;
            }
            long id = g.path("id").asLong();
            String name = Json.text(g, "name").isBlank() ? "Group " + id : Json.text(g, "name");
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                name = name + " (#" + id + ")"; // Zendesk allows equal names; the directory looks groups up by name
                names.add(name.toLowerCase(Locale.ROOT));
            }
            GroupId gid = GroupId.of(Long.toString(id));
            groupList.add(config.queueGroups().contains(id) ? Group.queue(gid, name) : Group.team(gid, name));
        }
        List<Agent> agents = new ArrayList<>();
        for (JsonNode u : users) {
            long id = u.path("id").asLong();
            try {
                agents.add(agent(
                        u,
                        groupsOf.getOrDefault(id, Set.of()),
                        presence.getOrDefault(id, Presence.UNKNOWN),
                        customRoles));
            } catch (RuntimeException unreadable) {
                // one agent with unusable data must not cost the engine the whole directory
                LOG.warn("agent {} left out of the directory: {}", id, unreadable.getMessage());
            }
        }
        LOG.debug("read the directory: {} agents, {} groups", agents.size(), groupList.size());
        return Directory.of(agents, groupList);
    }

    private Agent agent(JsonNode u, Set<GroupId> groups, Presence presence, Map<Long, JsonNode> customRoles) {
        AgentId id = AgentId.of(u.path("id").asText());
        JsonNode fields = u.path("user_fields");
        Config.DirectoryFields f = config.directoryFields();
        Agent.Builder b = Agent.builder(id)
                .name(Json.text(u, "name"))
                .email(Json.text(u, "email"))
                .role(TicketMapper.render(fields.get(f.role())).orElse(Json.text(u, "role")))
                .groups(groups)
                .skills(list(fields.get(f.skills())))
                .timeZone(zone(u))
                .active(u.path("active").asBoolean(true) && !u.path("suspended").asBoolean(false))
                .presence(presence)
                .cannotTakeTickets(cannotTakeTickets(u, customRoles));
        List<Locale> languages = new ArrayList<>();
        for (String tag : list(fields.get(f.languages()))) {
            TicketMapper.locale(tag).ifPresent(languages::add);
        }
        if (languages.isEmpty()) {
            TicketMapper.locale(Json.text(u, "locale")).ifPresent(languages::add);
        }
        b.languages(languages);
        TicketMapper.render(fields.get(f.manager()))
                .map(Ids::parse)
                .filter(OptionalLong::isPresent)
                .map(n -> AgentId.of(Long.toString(n.getAsLong())))
                .filter(m -> !m.equals(id))
                .ifPresent(b::manager);
        TicketMapper.render(fields.get(f.capacity()))
                .flatMap(DirectoryReader::wholeNumber)
                .ifPresent(b::capacity);
        return b.build();
    }

    private Map<Long, Presence> presence() {
        if (presenceRefused.get()) {
            return Map.of();
        }
        Map<Long, Presence> out = new HashMap<>();
        HttpCall call = HttpCall.get("/api/v2/agent_availabilities", "read of agent availability")
                .query("page[size]", 100);
        try {
            while (true) {
                HttpResult r = http.exchange(call);
                if (r.status() == 403 || r.status() == 404) {
                    // not an admin token, or omnichannel routing is off: presence stays unknown
                    presenceRefused.set(true);
                    LOG.warn("Zendesk refused agent availability (HTTP {}); agent presence stays unknown", r.status());
                    return Map.of();
                }
                JsonNode body = r.orThrow();
                for (JsonNode a : body.path("data")) {
                    JsonNode attrs = a.path("attributes");
                    out.put(
                            attrs.path("agent_id").asLong(),
                            presenceOf(attrs.path("agent_status").path("name").asText("")));
                }
                String after = Json.text(body.path("meta"), "after_cursor");
                if (!body.path("meta").path("has_more").asBoolean(false) || after.isEmpty()) {
                    return out;
                }
                call = HttpCall.get("/api/v2/agent_availabilities", "read of agent availability")
                        .query("page[size]", 100)
                        .query("page[after]", after);
            }
        } catch (CrmException e) {
            LOG.warn("could not read agent availability ({}); agent presence stays unknown", e.getMessage());
            return Map.of();
        }
    }

    /**
     * Why an active agent may not be given tickets, from the Users API's {@code role_type} ("0 for a custom agent, 1
     * for a light agent, 2 for a chat agent, 3 for a chat agent added to the Support account as a contributor, 4 for
     * an admin, and 5 for a billing admin"), {@code chat_only}, and a custom role's {@code light_agent} and
     * {@code ticket_editing} (https://developer.zendesk.com/api-reference/ticketing/users/users/,
     * https://developer.zendesk.com/api-reference/ticketing/account-configuration/custom_roles/); empty when they may.
     */
    static String cannotTakeTickets(JsonNode u, Map<Long, JsonNode> customRoles) {
        if (u.path("chat_only").asBoolean(false)) {
            return "a chat-only agent in Zendesk: does not work tickets";
        }
        int roleType = u.path("role_type").isNumber() ? u.path("role_type").asInt() : -1;
        switch (roleType) {
            case 1 -> {
                return "a light agent in Zendesk: cannot be assigned tickets";
            }
            case 2 -> {
                return "a chat agent in Zendesk: does not work tickets";
            }
            case 3 -> {
                return "a contributor in Zendesk: may only view tickets and add private comments";
            }
            default -> {
                // a standard agent, an admin, a billing admin, or a custom role, checked below
            }
        }
        JsonNode role = u.hasNonNull("custom_role_id")
                ? customRoles.get(u.path("custom_role_id").asLong())
                : null;
        if (role != null) {
            JsonNode c = role.path("configuration");
            String name = Json.text(role, "name");
            if (c.path("light_agent").asBoolean(false)) {
                return "custom role '" + name + "' in Zendesk is a light agent's: cannot be assigned tickets";
            }
            if (c.has("ticket_editing") && !c.path("ticket_editing").asBoolean(true)) {
                return "custom role '" + name + "' in Zendesk may not edit tickets";
            }
        }
        return "";
    }

    /** The account's custom roles by id; none when the plan has none or the token may not read them. */
    private Map<Long, JsonNode> customRoles() {
        try {
            HttpResult r = http.exchange(HttpCall.get("/api/v2/custom_roles", "read of custom roles"));
            if (r.status() == 403 || r.status() == 404) {
                return Map.of();
            }
            Map<Long, JsonNode> out = new HashMap<>();
            r.orThrow().path("custom_roles").forEach(x -> out.put(x.path("id").asLong(), x));
            return out;
        } catch (CrmException e) {
            LOG.warn(
                    "could not read custom roles ({}); agents with one are taken as able to take tickets",
                    e.getMessage());
            return Map.of();
        }
    }

    static Presence presenceOf(String status) {
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "online" -> Presence.ONLINE;
            case "offline" -> Presence.OFFLINE;
            case "" -> Presence.UNKNOWN;
            default -> Presence.AWAY; // away, transfers only and custom statuses: signed in, not taking new work
        };
    }

    /** All records of a cursor-paginated list. */
    private List<JsonNode> pages(HttpCall first, String field) {
        return pages(http, first, field);
    }

    /** All records of a cursor-paginated list ({@code page[size]}, {@code meta.after_cursor}), read with this client. */
    static List<JsonNode> pages(Transport http, HttpCall first, String field) {
        List<JsonNode> out = new ArrayList<>();
        HttpCall call = first.query("page[size]", 100);
        while (true) {
            JsonNode body = http.execute(call);
            body.path(field).forEach(out::add);
            JsonNode meta = body.path("meta");
            String after = Json.text(meta, "after_cursor");
            if (!meta.path("has_more").asBoolean(false) || after.isEmpty()) {
                return out;
            }
            call = first.query("page[size]", 100).query("page[after]", after);
        }
    }

    /** A multi-select (array of option values) or a text list separated by commas, semicolons or spaces. */
    static List<String> list(JsonNode v) {
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
            String z = Json.text(u, field);
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
            int n = new java.math.BigDecimal(s).intValueExact();
            return n >= 0 ? Optional.of(n) : Optional.empty();
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
