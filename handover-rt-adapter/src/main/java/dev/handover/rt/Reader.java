package dev.handover.rt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.rt.http.Errors;
import dev.handover.rt.http.HttpCall;
import dev.handover.rt.http.HttpResult;
import dev.handover.rt.http.Json;
import dev.handover.spi.Page;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskStatus;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads tickets, comments and tasks. A ticket's description is the text of its Create transaction, which never
 * changes: it is read once per ticket (two calls for any number of tickets) and kept.
 */
final class Reader {
    private static final int DESCRIPTIONS_KEPT = 20_000;

    private final RtApi api;
    private final Mapper mapper;
    private final Config config;
    private final Map<TicketId, String> descriptions =
            Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<TicketId, String> eldest) {
                    return size() > DESCRIPTIONS_KEPT;
                }
            });

    private final Map<String, JsonNode> requestors = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JsonNode> eldest) {
            return size() > DESCRIPTIONS_KEPT;
        }
    });

    Reader(RtApi api, Mapper mapper, Config config) {
        this.api = api;
        this.mapper = mapper;
        this.config = config;
    }

    /** One ticket with its ETag, or empty; a reminder or another record type reads as absent. */
    Optional<JsonNode> raw(TicketId id, String description) {
        if (!isNumber(id.value())) {
            return Optional.empty();
        }
        HttpResult r = api.http.exchange(
                HttpCall.get("/ticket/" + id.value(), description).query("fields[Requestor]", Mapper.REQUESTOR_FIELDS));
        if (r.error().filter(CrmNotFoundException.class::isInstance).isPresent()) {
            return Optional.empty();
        }
        JsonNode t = r.orThrow();
        if (!"ticket".equalsIgnoreCase(Json.text(t, "Type")) || "deleted".equals(Json.text(t, "Status"))) {
            return Optional.empty();
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) t)
                .put("_etag", r.header("etag").orElse(""));
        return Optional.of(t);
    }

    Optional<Ticket> ticket(TicketId id) {
        return raw(id, "read of ticket " + id).map(t -> {
            expandRequestor(t);
            Map<TicketId, String> d = descriptions(List.of(id));
            return mapper.ticket(t, d.get(id));
        });
    }

    /**
     * A single ticket read names its requestor only by id (REST 2.0 expands fields of search results only): the
     * requestor's name, address and language come from their user record, kept after the first read.
     */
    private void expandRequestor(JsonNode t) {
        JsonNode requestors = t.get("Requestor");
        if (requestors == null || !requestors.isArray() || requestors.isEmpty()) {
            return;
        }
        com.fasterxml.jackson.databind.node.ObjectNode first =
                (com.fasterxml.jackson.databind.node.ObjectNode) requestors.get(0);
        String name = Json.text(first, "id");
        JsonNode user = requestors(name);
        if (user != null) {
            for (String f : Mapper.REQUESTOR_FIELDS.split(",")) {
                first.put(f, Json.text(user, f));
            }
        }
    }

    private JsonNode requestors(String name) {
        JsonNode kept = requestors.get(name);
        if (kept != null || name.isBlank()) {
            return kept;
        }
        HttpResult r = api.http.exchange(HttpCall.get(
                "/user/"
                        + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
                                .replace("+", "%20"),
                "read of a requestor"));
        if (!r.ok()) {
            return null;
        }
        requestors.put(name, r.json());
        return r.json();
    }

    Map<TicketId, Ticket> tickets(Collection<TicketId> ids) {
        List<TicketId> wanted = new ArrayList<>(new LinkedHashSet<>(ids));
        wanted.removeIf(id -> !isNumber(id.value()));
        Map<TicketId, Ticket> found = new HashMap<>();
        for (int from = 0; from < wanted.size(); from += RtApi.MAX_PAGE) {
            List<TicketId> chunk = wanted.subList(from, Math.min(wanted.size(), from + RtApi.MAX_PAGE));
            String sql = "Type = 'ticket' AND "
                    + Sql.ids("id", chunk.stream().map(TicketId::value).toList());
            JsonNode page =
                    api.searchTickets(sql, 1, RtApi.MAX_PAGE, "ASC", "read of " + chunk.size() + " tickets", "id");
            List<JsonNode> items = new ArrayList<>();
            page.path("items").forEach(items::add);
            found.putAll(map(items));
        }
        Map<TicketId, Ticket> out = new LinkedHashMap<>();
        for (TicketId id : wanted) {
            Ticket t = found.get(id);
            if (t != null) {
                out.put(id, t);
            }
        }
        return out;
    }

    private Map<TicketId, Ticket> map(List<JsonNode> items) {
        List<TicketId> ids =
                items.stream().map(i -> TicketId.of(Json.text(i, "id"))).toList();
        Map<TicketId, String> d = descriptions(ids);
        Map<TicketId, Ticket> out = new LinkedHashMap<>();
        for (JsonNode i : items) {
            if ("deleted".equals(Json.text(i, "Status"))) {
                continue;
            }
            TicketId id = TicketId.of(Json.text(i, "id"));
            out.put(id, mapper.ticket(i, d.get(id)));
        }
        return out;
    }

    Page<Ticket> search(TicketQuery query, PageRequest request) {
        List<String> where = new ArrayList<>();
        where.add("Type = 'ticket'");
        config.queueClause().ifPresent(where::add);
        query.assignee().ifPresent(a -> where.add("Owner = " + Sql.quote(a.value())));
        if (query.group().isPresent()) {
            if (!isNumber(query.group().get().value())) {
                return Page.last(List.of());
            }
            where.add("Queue = " + query.group().get().value());
        }
        Set<String> raw = new LinkedHashSet<>();
        for (TicketStatus s : query.statuses()) {
            raw.addAll(config.rawStatuses(s));
        }
        if (!query.statuses().isEmpty()) {
            if (raw.isEmpty()) {
                return Page.last(List.of());
            }
            where.add(Sql.anyOf("Status", raw));
        } else {
            where.add("Status != 'deleted'");
        }
        query.updatedSince().ifPresent(s -> where.add("LastUpdated >= " + Sql.quote(Sql.date(s.minus(Sql.MARGIN)))));
        int page = request.cursor().map(Integer::parseInt).orElse(1);
        JsonNode answer = api.searchTickets(
                String.join(" AND ", where), page, request.size(), "ASC", "ticket search", "LastUpdated", "id");
        List<JsonNode> items = new ArrayList<>();
        answer.path("items").forEach(items::add);
        List<Ticket> tickets = new ArrayList<>(map(items).values());
        tickets.removeIf(t -> !query.matches(t));
        return RtApi.hasNext(answer) && !items.isEmpty()
                ? Page.of(tickets, Integer.toString(page + 1))
                : Page.last(tickets);
    }

    /** Descriptions of these tickets: kept ones, and for the rest their Create transactions' text. */
    Map<TicketId, String> descriptions(Collection<TicketId> ids) {
        Map<TicketId, String> out = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (TicketId id : ids) {
            String d = descriptions.get(id);
            if (d != null) {
                out.put(id, d);
            } else {
                missing.add(id.value());
            }
        }
        for (int from = 0; from < missing.size(); from += RtApi.MAX_PAGE) {
            List<String> chunk = missing.subList(from, Math.min(missing.size(), from + RtApi.MAX_PAGE));
            String sql = "ObjectType = 'RT::Ticket' AND Type = 'Create' AND " + Sql.ids("ObjectId", chunk);
            Map<String, TicketId> byTxn = new LinkedHashMap<>();
            JsonNode txns = api.searchTransactions(sql, 1, RtApi.MAX_PAGE, "ASC", "read of ticket descriptions");
            for (JsonNode t : txns.path("items")) {
                byTxn.put(Json.text(t, "id"), TicketId.of(Json.text(t, "ObjectId")));
            }
            Map<String, String> texts =
                    byTxn.isEmpty() ? Map.of() : api.texts(byTxn.keySet(), "read of ticket descriptions");
            byTxn.forEach((txn, ticket) -> {
                String text = texts.getOrDefault(txn, "").strip();
                descriptions.put(ticket, text);
                out.put(ticket, text);
            });
        }
        return out;
    }

    Page<Comment> comments(TicketId ticket, SortOrder order, PageRequest request) {
        if (!isNumber(ticket.value())) {
            throw new CrmNotFoundException(Errors.VENDOR, "ticket " + ticket + " does not exist");
        }
        int page = request.cursor().map(Integer::parseInt).orElse(1);
        String sql = "ObjectType = 'RT::Ticket' AND ObjectId = " + ticket.value()
                + " AND (Type = 'Comment' OR Type = 'Correspond')";
        JsonNode answer = api.searchTransactions(
                sql,
                page,
                request.size(),
                order == SortOrder.NEWEST_FIRST ? "DESC" : "ASC",
                "read of the comments of ticket " + ticket);
        List<JsonNode> items = new ArrayList<>();
        answer.path("items").forEach(items::add);
        if (items.isEmpty()
                && page == 1
                && raw(ticket, "read of ticket " + ticket).isEmpty()) {
            throw new CrmNotFoundException(Errors.VENDOR, "ticket " + ticket + " does not exist");
        }
        Map<String, String> texts = items.isEmpty()
                ? Map.of()
                : api.texts(items.stream().map(i -> Json.text(i, "id")).toList(), "read of comment texts of " + ticket);
        List<Comment> out = new ArrayList<>();
        for (JsonNode i : items) {
            String id = Json.text(i, "id");
            out.add(new Comment(
                    id,
                    ticket,
                    Json.ref(i, "Creator"),
                    texts.getOrDefault(id, "").strip(),
                    "Comment".equals(Json.text(i, "Type")) ? Visibility.INTERNAL : Visibility.PUBLIC,
                    Sql.instant(Json.text(i, "Created"))));
        }
        return RtApi.hasNext(answer) && !items.isEmpty() ? Page.of(out, Integer.toString(page + 1)) : Page.last(out);
    }

    Page<Task> tasks(TaskQuery query, PageRequest request) {
        List<String> where = new ArrayList<>();
        where.add("Type = 'reminder'");
        config.queueClause().ifPresent(where::add);
        String field = "CF.{" + config.taskField() + "}";
        where.add(query.ticket()
                .map(t -> "'" + field + "' LIKE " + Sql.quote("#" + t.value() + " "))
                .orElse("'" + field + "' LIKE '#'"));
        query.handover().ifPresent(h -> where.add("'" + field + "' LIKE " + Sql.quote(" " + h.value() + "/")));
        query.owner().ifPresent(o -> where.add("Owner = " + Sql.quote(o.value())));
        if (!query.statuses().isEmpty()) {
            Set<String> raw = new LinkedHashSet<>();
            for (TaskStatus s : query.statuses()) {
                switch (s) {
                    case OPEN -> {
                        for (TicketStatus open : List.of(
                                TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD)) {
                            raw.addAll(config.rawStatuses(open));
                        }
                    }
                    case COMPLETED -> raw.addAll(config.rawStatuses(TicketStatus.SOLVED));
                    case CANCELLED -> raw.addAll(config.rawStatuses(TicketStatus.CLOSED));
                }
            }
            where.add(Sql.anyOf("Status", raw));
        }
        query.dueAtOrBefore().ifPresent(d -> where.add("Due <= " + Sql.quote(Sql.date(d.plus(Sql.MARGIN)))));
        int page = request.cursor().map(Integer::parseInt).orElse(1);
        JsonNode answer =
                api.searchTickets(String.join(" AND ", where), page, request.size(), "ASC", "task search", "Due", "id");
        List<Task> out = new ArrayList<>();
        for (JsonNode i : answer.path("items")) {
            mapper.task(i).filter(query::matches).ifPresent(out::add);
        }
        return RtApi.hasNext(answer) && answer.path("items").size() > 0
                ? Page.of(out, Integer.toString(page + 1))
                : Page.last(out);
    }

    Map<AgentId, Integer> openTicketCounts(Collection<AgentId> agents) {
        Map<AgentId, Integer> out = new LinkedHashMap<>();
        agents.forEach(a -> out.put(a, 0));
        List<String> names = out.keySet().stream().map(AgentId::value).toList();
        for (int from = 0; from < names.size(); from += 50) {
            List<String> chunk = names.subList(from, Math.min(names.size(), from + 50));
            String sql = "Type = 'ticket' AND Status = '__Active__' AND " + Sql.anyOf("Owner", chunk);
            for (int page = 1; ; page++) {
                JsonNode answer = api.http.execute(HttpCall.get("/tickets", "open-ticket counts")
                        .query("query", sql)
                        .query("fields", "Owner")
                        .query("page", page)
                        .query("per_page", RtApi.MAX_PAGE));
                for (JsonNode t : answer.path("items")) {
                    out.computeIfPresent(AgentId.of(Json.ref(t, "Owner")), (k, v) -> v + 1);
                }
                if (!RtApi.hasNext(answer) || answer.path("items").isEmpty()) {
                    break;
                }
            }
        }
        return out;
    }

    static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() < 12 && s.chars().allMatch(Character::isDigit);
    }

    /** Instants compare to the second in RT. */
    static Instant seconds(Instant i) {
        return Instant.ofEpochSecond(i.getEpochSecond());
    }
}
