package dev.handover.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.salesforce.http.Errors;
import dev.handover.salesforce.http.Json;
import dev.handover.salesforce.http.Transport;
import dev.handover.salesforce.http.VendorError;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.GroupKind;
import dev.handover.spi.model.Presence;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the agent directory in one composite call of five queries (the most a composite may hold): internal users
 * with their licence, public groups and queues ({@code Group Type IN ('Regular','Queue')}) with the Case row of each
 * queue's {@code QueueSobject}s, their direct user members, and the Task status and priority picklists (the cheap
 * "describe" the write path checks its settings against). Large orgs page with {@code nextRecordsUrl}.
 *
 * <p>The directory holds only what the engine may target: a queue that cannot own Cases (a Lead queue) is left out, so
 * the writer refuses it as an unknown group before spending a write; a user whose licence gives no access to Cases
 * (Chatter, Salesforce Platform) is an agent that {@link Agent#cannotTakeTickets() cannot take tickets}.
 */
final class DirectoryReader {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryReader.class);
    private static final Pattern LIST_SPLIT = Pattern.compile("[\\s,;]+");
    /** Each user's licence, through the profile (User.ProfileId → Profile.UserLicenseId → UserLicense). */
    static final String LICENCE = "Profile.UserLicense.Name";
    /** Group's child relationship of QueueSobject (QueueSobject.QueueId): the objects a queue may own. */
    static final String QUEUE_TYPES = "QueueSobjects";

    /** The directory and the Task picklists as loaded. */
    record Snapshot(
            Directory directory,
            Map<String, Boolean> taskStatuses,
            Set<String> taskPriorities,
            Map<String, ZoneId> zones,
            Instant loadedAt) {

        /** The owner's zone, for a task's due day; UTC for an unknown user. */
        ZoneId zoneOf(String userId) {
            return zones.getOrDefault(userId, ZoneOffset.UTC);
        }

        /**
         * Checks the configured Task picklist values against the org's; empty when fine or when the picklists could
         * not be read.
         */
        Optional<String> picklistProblem(Config.TaskPicklists p) {
            if (taskStatuses.isEmpty()) {
                return Optional.empty();
            }
            for (var e : List.of(
                    Map.entry("task.status.open", p.open()),
                    Map.entry("task.status.completed", p.completed()),
                    Map.entry("task.status.cancelled", p.cancelled()))) {
                if (!taskStatuses.containsKey(e.getValue())) {
                    return Optional.of("salesforce setting '" + e.getKey() + "' is '" + e.getValue()
                            + "', which is not a Task Status of this org; the org has " + taskStatuses.keySet());
                }
            }
            if (taskStatuses.get(p.open())) {
                return Optional.of("salesforce setting 'task.status.open' is '" + p.open()
                        + "', a closed Task Status: new tasks would be born done");
            }
            if (!taskStatuses.get(p.completed())) {
                return Optional.of("salesforce setting 'task.status.completed' is '" + p.completed()
                        + "', which is not a closed Task Status: completed tasks would stay open in Salesforce");
            }
            if (!taskPriorities.isEmpty() && !taskPriorities.contains(p.priority())) {
                return Optional.of("salesforce setting 'task.priority' is '" + p.priority()
                        + "', which is not a Task Priority of this org; the org has " + taskPriorities);
            }
            return Optional.empty();
        }
    }

    private final Config config;
    private final Transport transport;

    DirectoryReader(Config config, Transport transport) {
        this.config = config;
        this.transport = transport;
    }

    Snapshot load(Instant now) {
        Config.UserFields uf = config.userFields();
        List<String> userFields = new ArrayList<>(List.of(
                "Id", "Name", "Email", "IsActive", "TimeZoneSidKey", "ManagerId", "LanguageLocaleKey", LICENCE));
        uf.skills().ifPresent(userFields::add);
        uf.languages().ifPresent(userFields::add);
        uf.capacity().ifPresent(userFields::add);
        uf.role().ifPresent(userFields::add);
        List<String> types = List.of("Regular", "Queue");
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put(
                "users",
                Soql.select(userFields)
                        .from("User")
                        .where(Soql.eq("UserType", "Standard"))
                        .orderBy("Id", false)
                        .build());
        queries.put(
                "groups",
                // the queue's types ride in the group query as a parent-to-child subquery: the composite's five query
                // slots are taken, and the Case row alone is asked for, so each queue brings at most one
                Soql.select("Id", "Name", "DeveloperName", "Type")
                        .children(Soql.select("SobjectType").from(QUEUE_TYPES).where(Soql.eq("SobjectType", "Case")))
                        .from("Group")
                        .where(Soql.in("Type", types))
                        .orderBy("Id", false)
                        .build());
        queries.put(
                "members",
                Soql.select("GroupId", "UserOrGroupId")
                        .from("GroupMember")
                        .where(Soql.in("Group.Type", types))
                        .build());
        queries.put(
                "statuses",
                Soql.select("ApiName", "IsClosed").from("TaskStatus").build());
        queries.put("priorities", Soql.select("ApiName").from("TaskPriority").build());

        ObjectNode request = Json.MAPPER.createObjectNode();
        request.put("allOrNone", false);
        ArrayNode subs = request.putArray("compositeRequest");
        queries.forEach((ref, soql) -> {
            ObjectNode sub = subs.addObject();
            sub.put("method", "GET");
            sub.put("url", config.dataPath() + "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8));
            sub.put("referenceId", ref);
        });
        String what = "reading the agent directory";
        ArrayNode results = transport.composite(request, false, what);
        Map<String, List<JsonNode>> records = new HashMap<>();
        int i = 0;
        for (String ref : queries.keySet()) {
            JsonNode r = results.get(i++);
            int status = r.path("httpStatusCode").asInt();
            if (status >= 200 && status <= 299) {
                records.put(ref, transport.remainingRecords(r.path("body"), what));
            } else if (ref.equals("statuses") || ref.equals("priorities")) {
                // the describe check is a convenience: without it, Salesforce still refuses a bad picklist value
                LOG.info("could not read Task {} to check the settings (HTTP {}); skipping the check", ref, status);
                records.put(ref, List.of());
            } else {
                throw Errors.map(status, VendorError.parse(r.path("body")), what + " (" + ref + ")", null);
            }
        }
        return snapshot(records, now);
    }

    private Snapshot snapshot(Map<String, List<JsonNode>> records, Instant now) {
        Config.UserFields uf = config.userFields();
        Map<String, Group> groups = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        List<String> notForCases = new ArrayList<>();
        for (JsonNode g : records.get("groups")) {
            String id = Json.text(g, "Id");
            boolean queue = "Queue".equals(Json.text(g, "Type"));
            if (queue && !ownsCases(g)) {
                // assigning a Case to it fails with FIELD_INTEGRITY_EXCEPTION: not a target, so not in the directory
                notForCases.add(id);
                continue;
            }
            String name = Json.optionalText(g, "Name").orElse(Json.text(g, "DeveloperName"));
            if (name.isBlank()) {
                name = id;
            }
            // a queue and a public group may share a name; the directory needs unique names, so disambiguate
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                name = name + " (" + Json.text(g, "DeveloperName") + ")";
                if (!names.add(name.toLowerCase(Locale.ROOT))) {
                    name = name + " " + id;
                    names.add(name.toLowerCase(Locale.ROOT));
                }
            }
            groups.put(id, new Group(GroupId.of(id), name, queue ? GroupKind.QUEUE : GroupKind.TEAM));
        }
        if (!notForCases.isEmpty()) {
            LOG.debug("left out {} queues that cannot own Cases: {}", notForCases.size(), notForCases);
        }
        Map<String, Set<GroupId>> membership = new HashMap<>();
        for (JsonNode m : records.get("members")) {
            String member = Json.text(m, "UserOrGroupId");
            String group = Json.text(m, "GroupId");
            if (member.startsWith(Ids.USER) && groups.containsKey(group)) {
                membership.computeIfAbsent(member, k -> new LinkedHashSet<>()).add(GroupId.of(group));
            }
        }
        Set<String> userIds = new HashSet<>();
        for (JsonNode u : records.get("users")) {
            userIds.add(Json.text(u, "Id"));
        }
        List<Agent> agents = new ArrayList<>();
        Map<String, ZoneId> zones = new HashMap<>();
        for (JsonNode u : records.get("users")) {
            String id = Json.text(u, "Id");
            ZoneId zone = zone(Json.text(u, "TimeZoneSidKey"));
            zones.put(id, zone);
            Agent.Builder a = Agent.builder(AgentId.of(id))
                    .name(Json.text(u, "Name"))
                    .email(Json.text(u, "Email"))
                    .active(u.path("IsActive").asBoolean(false))
                    .timeZone(zone)
                    .presence(Presence.UNKNOWN)
                    .groups(membership.getOrDefault(id, Set.of()));
            String licence = Json.text(u, LICENCE);
            if (config.licencesWithoutCases().contains(licence.toLowerCase(Locale.ROOT))) {
                a.cannotTakeTickets("on the '" + licence + "' user licence, which gives no access to Cases");
            }
            Json.optionalText(u, "ManagerId")
                    .filter(mgr -> !mgr.equals(id) && userIds.contains(mgr))
                    .ifPresent(mgr -> a.manager(AgentId.of(mgr)));
            uf.skills().ifPresent(f -> a.skills(list(Json.text(u, f))));
            List<Locale> languages = new ArrayList<>();
            if (uf.languages().isPresent()) {
                for (String l : list(Json.text(u, uf.languages().get()))) {
                    CaseMapper.language(l).ifPresent(languages::add);
                }
            } else {
                CaseMapper.language(Json.text(u, "LanguageLocaleKey")).ifPresent(languages::add);
            }
            a.languages(languages);
            uf.capacity()
                    .flatMap(f -> Json.longValue(u, f))
                    .ifPresent(c -> a.capacity((int) Math.max(0, Math.min(Integer.MAX_VALUE, c))));
            uf.role().ifPresent(f -> a.role(Json.text(u, f)));
            agents.add(a.build());
        }
        Map<String, Boolean> statuses = new LinkedHashMap<>();
        for (JsonNode s : records.get("statuses")) {
            statuses.put(Json.text(s, "ApiName"), s.path("IsClosed").asBoolean(false));
        }
        Set<String> priorities = new LinkedHashSet<>();
        for (JsonNode p : records.get("priorities")) {
            priorities.add(Json.text(p, "ApiName"));
        }
        return new Snapshot(Directory.of(agents, groups.values()), statuses, priorities, zones, now);
    }

    /** True when the group's QueueSobject rows (as the subquery asked: the Case row only) name Case. */
    private static boolean ownsCases(JsonNode group) {
        for (JsonNode t : group.path(QUEUE_TYPES).path("records")) {
            if ("Case".equals(Json.text(t, "SobjectType"))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> list(String raw) {
        List<String> out = new ArrayList<>();
        if (raw == null || raw.isBlank()) {
            return out;
        }
        for (String s : LIST_SPLIT.split(raw.strip())) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static ZoneId zone(String sid) {
        if (sid == null || sid.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(sid);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
