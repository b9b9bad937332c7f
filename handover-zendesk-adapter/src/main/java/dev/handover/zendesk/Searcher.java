package dev.handover.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.spi.Page;
import dev.handover.spi.PageRequest;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Ticket;
import dev.handover.zendesk.http.Errors;
import dev.handover.zendesk.http.HttpCall;
import dev.handover.zendesk.http.Json;
import dev.handover.zendesk.http.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Ticket search over {@code GET /api/v2/search}, which pages by offset, caps a query at 1,000 results and trails writes
 * by minutes.
 *
 * <p>Pages are cut by key, not offset: the cursor holds the last ticket's {@code (updated_at, id)}, and each page runs
 * the query again from that second ({@code updated>…}), sorted by {@code updated_at}. It reads search pages until the
 * page is complete — a result updated after the page's last item shows every earlier one was seen — so paging has no
 * gaps or duplicates and never reaches the 1,000-result cap. Tickets this connector wrote within the index lag are read
 * fresh by id and merged in, and every result is filtered again against the query, so a stale index entry neither hides
 * nor misplaces a ticket this process changed.
 */
final class Searcher {
    static final int PER_PAGE = 100;
    private static final int MAX_PAGES = 10; // Zendesk answers page 11 of 100 with a 422
    private static final int MAX_ROUNDS = 50;
    private static final Comparator<Keyed> BY_KEY = Comparator.comparing(Keyed::key);

    private final Transport http;
    private final Reader reader;
    private final TicketMapper mapper;
    private final RecentWrites recent;

    Searcher(Transport http, Reader reader, TicketMapper mapper, RecentWrites recent) {
        this.http = http;
        this.reader = reader;
        this.mapper = mapper;
        this.recent = recent;
    }

    // ------------------------------------------------------------------------------------------------ tickets

    Page<Ticket> searchTickets(TicketQuery q, PageRequest request) {
        // a search page of 100 holds the cursor's own ticket (the query repeats its second), the page, and one result
        // more that proves the page complete: 98 per page costs one search per page
        int size = Math.min(PER_PAGE - 2, request.size());
        Key after = request.cursor().map(Searcher::decode).orElse(null);
        List<Sideloads> side = new ArrayList<>();
        Map<Long, JsonNode> fresh = fresh(recent.tickets(), side);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Instant from = after != null ? after.at() : q.updatedSince().orElse(null);
            Optional<String> query = SearchQueries.tickets(q, from);
            if (query.isEmpty()) {
                return Page.last(List.of());
            }
            List<JsonNode> hits = new ArrayList<>();
            boolean exhausted = false;
            for (int p = 1; ; p++) {
                SearchPage sp = page(query.get(), "updated_at", p, "search of tickets");
                side.add(sp.side());
                hits.addAll(sp.results());
                if (!sp.more() || sp.results().isEmpty()) {
                    exhausted = true;
                    break;
                }
                if (complete(hits, after, size) || p == MAX_PAGES) {
                    break;
                }
            }
            Instant boundary = exhausted || hits.isEmpty() ? null : updated(hits.get(hits.size() - 1));
            if (boundary != null && !anyBefore(hits, after, boundary)) {
                boundary = null; // every result shares one second: take them all rather than loop
                exhausted = true;
            }
            Map<Long, JsonNode> merged = new LinkedHashMap<>();
            hits.forEach(h -> merged.put(h.get("id").asLong(), h));
            merged.putAll(fresh);
            Sideloads all = merge(side);
            List<Keyed> candidates = new ArrayList<>();
            for (JsonNode t : merged.values()) {
                if (TicketMapper.tags(t).contains(TaskTags.TASK) || !beyond(t, after)) {
                    continue;
                }
                if (boundary != null && !updated(t).isBefore(boundary)) {
                    continue;
                }
                java.util.Optional<Ticket> mapped =
                        Reader.lenient(() -> mapper.ticket(t, all), "ticket " + t.get("id"));
                if (mapped.isEmpty()) {
                    continue;
                }
                Ticket ticket = mapped.get();
                if (q.matches(ticket)) {
                    reader.remember(Snapshot.of(t));
                    candidates.add(new Keyed(key(t), ticket));
                }
            }
            candidates.sort(BY_KEY);
            boolean more = candidates.size() > size || !exhausted;
            List<Ticket> items =
                    candidates.stream().limit(size).map(Keyed::ticket).toList();
            if (!items.isEmpty()) {
                return more
                        ? Page.of(items, encode(candidates.get(items.size() - 1).key()))
                        : Page.last(items);
            }
            if (!more) {
                return Page.last(List.of());
            }
            after = new Key(
                    boundary.minusNanos(1), Long.MAX_VALUE); // nothing matched in this range: go on from its end
        }
        throw new CrmInvalidRequestException(
                Errors.VENDOR, "search did not reach the end of its results after " + MAX_ROUNDS + " rounds");
    }

    private static boolean anyBefore(List<JsonNode> hits, Key after, Instant boundary) {
        for (JsonNode h : hits) {
            if (beyond(h, after) && updated(h).isBefore(boundary)) {
                return true;
            }
        }
        return false;
    }

    /** True when the hits read so far hold a full page and a later result proves no earlier one is missing. */
    private static boolean complete(List<JsonNode> hits, Key after, int size) {
        List<Instant> times = hits.stream()
                .filter(h -> beyond(h, after))
                .map(Searcher::updated)
                .toList();
        return times.size() > size && updated(hits.get(hits.size() - 1)).isAfter(times.get(size - 1));
    }

    // ------------------------------------------------------------------------------------------------ counts

    /**
     * Open tickets per agent. A ticket's assignee is always a member of its group (Zendesk refuses an assignee outside
     * the ticket's group), so the open tickets of an agent's groups hold all of theirs: when the agents asked for share
     * groups, one search per group (a page per 100 open tickets of the group) counts them all, instead of one search
     * per agent. Agents without groups, or asked for alone, are searched one by one.
     */
    Map<AgentId, Integer> openTicketCounts(Collection<AgentId> agents, Function<AgentId, Set<Long>> groupsOf) {
        Map<AgentId, Integer> out = new LinkedHashMap<>();
        agents.forEach(a -> out.put(a, 0));
        Map<Long, AgentId> wanted = new LinkedHashMap<>();
        for (AgentId a : out.keySet()) {
            Ids.parse(a.value()).ifPresent(id -> wanted.put(id, a));
        }
        if (wanted.isEmpty()) {
            return out;
        }
        Map<Long, JsonNode> fresh = fresh(recent.tickets(), new ArrayList<>());
        Set<Long> groups = new LinkedHashSet<>();
        List<Long> alone = new ArrayList<>();
        for (Map.Entry<Long, AgentId> e : wanted.entrySet()) {
            Set<Long> g = groupsOf.apply(e.getValue());
            if (g.isEmpty()) {
                alone.add(e.getKey());
            } else {
                groups.addAll(g);
            }
        }
        if (groups.size() >= wanted.size() - alone.size()) {
            // no fewer searches by group than by agent
            alone = new ArrayList<>(wanted.keySet());
            groups.clear();
        }
        Map<Long, Integer> counts = new HashMap<>();
        Set<Long> seen = new HashSet<>();
        for (long g : groups) {
            for (JsonNode hit :
                    scanAll(SearchQueries.openInGroup(g), new ArrayList<>(), "search of open tickets of group " + g)) {
                long id = hit.get("id").asLong();
                long assignee = hit.path("assignee_id").asLong(-1);
                if (!fresh.containsKey(id)
                        && wanted.containsKey(assignee)
                        && isOpenFor(hit, assignee)
                        && seen.add(id)) {
                    counts.merge(assignee, 1, Integer::sum);
                }
            }
        }
        for (long agent : alone) {
            for (JsonNode hit : scanAll(
                    SearchQueries.openAssigned(agent), new ArrayList<>(), "search of open tickets of agent " + agent)) {
                long id = hit.get("id").asLong();
                if (!fresh.containsKey(id) && isOpenFor(hit, agent) && seen.add(id)) {
                    counts.merge(agent, 1, Integer::sum);
                }
            }
        }
        // this connector's own writes within the index lag, as they are now
        for (JsonNode t : fresh.values()) {
            long assignee = t.path("assignee_id").asLong(-1);
            if (wanted.containsKey(assignee) && isOpenFor(t, assignee)) {
                counts.merge(assignee, 1, Integer::sum);
            }
        }
        counts.forEach((id, n) -> out.put(wanted.get(id), n));
        return out;
    }

    private static boolean isOpenFor(JsonNode t, long agent) {
        return t.path("assignee_id").asLong(-1) == agent
                && TicketMapper.status(Json.text(t, "status")).isOpen()
                && !TicketMapper.tags(t).contains(TaskTags.TASK);
    }

    // ------------------------------------------------------------------------------------------------ scans

    /**
     * Every result of a query, sorted by creation: past the 1,000-result cap by running the query again from the last
     * creation time read ({@code created>…}).
     */
    List<JsonNode> scanAll(String baseQuery, List<Sideloads> side, String what) {
        Map<Long, JsonNode> out = new LinkedHashMap<>();
        String query = baseQuery;
        Instant progress = null;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Instant last = null;
            for (int p = 1; p <= MAX_PAGES; p++) {
                SearchPage sp = page(query, "created_at", p, what);
                side.add(sp.side());
                sp.results().forEach(r -> out.put(r.get("id").asLong(), r));
                if (!sp.more() || sp.results().isEmpty()) {
                    return List.copyOf(out.values());
                }
                last = TicketMapper.instant(
                        Json.text(sp.results().get(sp.results().size() - 1), "created_at"));
            }
            if (last == null || (progress != null && !last.isAfter(progress))) {
                break; // more than 1,000 results created in one second: nothing further can be reached
            }
            progress = last;
            query = baseQuery + " created>" + SearchQueries.second(last.minusSeconds(1));
        }
        return List.copyOf(out.values());
    }

    /** Fresh copies of recently written tickets, read by id (not subject to the index lag). */
    Map<Long, JsonNode> fresh(Set<Long> ids, List<Sideloads> side) {
        Map<Long, JsonNode> out = new HashMap<>();
        if (!ids.isEmpty()) {
            reader.raw(ids, side).forEach(t -> out.put(t.get("id").asLong(), t));
        }
        return out;
    }

    private SearchPage page(String query, String sortBy, int page, String what) {
        JsonNode body = http.execute(HttpCall.get("/api/v2/search", what)
                .query("query", query)
                .query("sort_by", sortBy)
                .query("sort_order", "asc")
                .query("per_page", PER_PAGE)
                .query("page", page)
                .query("include", Sideloads.SEARCH_INCLUDE));
        List<JsonNode> results = new ArrayList<>();
        for (JsonNode r : body.path("results")) {
            String type = Json.text(r, "result_type");
            if ((type.isEmpty() || type.equals("ticket")) && r.hasNonNull("id")) {
                results.add(r);
            }
        }
        return new SearchPage(results, !Json.isNull(body, "next_page"), Sideloads.of(body));
    }

    static Sideloads merge(List<Sideloads> parts) {
        Map<Long, JsonNode> users = new HashMap<>();
        Map<Long, JsonNode> orgs = new HashMap<>();
        Map<Long, JsonNode> metrics = new HashMap<>();
        for (Sideloads s : parts) {
            users.putAll(s.users());
            orgs.putAll(s.organizations());
            metrics.putAll(s.metricSets());
        }
        return new Sideloads(users, orgs, metrics);
    }

    private static Instant updated(JsonNode t) {
        return TicketMapper.instant(Json.text(t, "updated_at"));
    }

    private static Key key(JsonNode t) {
        return new Key(updated(t), t.get("id").asLong());
    }

    private static boolean beyond(JsonNode t, Key after) {
        return after == null || key(t).compareTo(after) > 0;
    }

    // cursors are opaque to callers: base64url of the last item's update time and id

    private static String encode(Key k) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((k.at() + "|" + k.id()).getBytes(StandardCharsets.UTF_8));
    }

    private static Key decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return new Key(Instant.parse(raw.substring(0, bar)), Long.parseLong(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new CrmInvalidRequestException(Errors.VENDOR, 0, "BadCursor", "malformed search cursor", null);
        }
    }

    private record SearchPage(List<JsonNode> results, boolean more, Sideloads side) {}

    private record Key(Instant at, long id) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(id, o.id);
        }
    }

    private record Keyed(Key key, Ticket ticket) {}
}
