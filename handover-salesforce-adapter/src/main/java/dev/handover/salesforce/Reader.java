package dev.handover.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import dev.handover.salesforce.http.Errors;
import dev.handover.salesforce.http.Json;
import dev.handover.salesforce.http.Transport;
import dev.handover.spi.Page;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every read: Cases by id ({@code Id IN} at most 200 per query, five queries per composite call), Case search with
 * keyset paging, comments from CaseComment and/or FeedItem merged with the Case's e-mails (EmailMessage) in one call,
 * handover Tasks, and open-Case counts. Every Case read
 * selects the same fields and feeds the write cache, so the read a caller did before a handover is the base of its
 * write — no second read.
 */
final class Reader {
    private static final Logger LOG = LoggerFactory.getLogger(Reader.class);

    /** The most Chatter posts {@link #commentedSince} reads in one call: one page of a query's answer. */
    static final int FEED_ITEMS_PER_CALL = 2_000;

    /** Salesforce's recommended most ids in one {@code IN}. */
    static final int IDS_PER_QUERY = 200;

    private final Config config;
    private final Transport transport;
    private final CaseMapper cases;
    private final TaskMapper tasks;
    private final Cache<String, CaseState> states;

    Reader(Config config, Transport transport, CaseMapper cases, TaskMapper tasks, Cache<String, CaseState> states) {
        this.config = config;
        this.transport = transport;
        this.cases = cases;
        this.tasks = tasks;
        this.states = states;
    }

    // ------------------------------------------------------------------ Cases

    /** Case records by 18-character id, in the order asked; missing ids are absent. Caches their states. */
    Map<String, JsonNode> caseRecords(Collection<String> ids, String what) {
        List<String> unique = List.copyOf(new LinkedHashSet<>(ids));
        List<String> soqls = new ArrayList<>();
        for (int from = 0; from < unique.size(); from += IDS_PER_QUERY) {
            List<String> chunk = unique.subList(from, Math.min(unique.size(), from + IDS_PER_QUERY));
            soqls.add(Soql.select(cases.fields())
                    .from("Case")
                    .where(Soql.inIds("Id", chunk))
                    .build());
        }
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (List<JsonNode> records : transport.queries(soqls, Integer.MAX_VALUE, what)) {
            for (JsonNode r : records) {
                byId.put(Json.text(r, "Id"), r);
                remember(r);
            }
        }
        Map<String, JsonNode> ordered = new LinkedHashMap<>();
        for (String id : unique) {
            JsonNode r = byId.get(id);
            if (r != null) {
                ordered.put(id, r);
            }
        }
        return ordered;
    }

    /** Fresh states of these Cases (read now, not from the cache). */
    Map<String, CaseState> freshStates(Collection<String> ids, String what) {
        Map<String, CaseState> out = new LinkedHashMap<>();
        caseRecords(ids, what).forEach((id, r) -> out.put(id, cases.state(r)));
        return out;
    }

    private void remember(JsonNode r) {
        CaseState s = cases.state(r);
        states.put(s.id(), s);
    }

    Optional<Ticket> ticket(TicketId id) {
        String caseId = Ids.caseId(id);
        return Optional.ofNullable(
                        caseRecords(List.of(caseId), "reading Case " + caseId).get(caseId))
                .map(r -> cases.ticket(r, transport.instanceUrl()));
    }

    Map<TicketId, Ticket> tickets(Collection<TicketId> ids) {
        Map<TicketId, String> caseIds = new LinkedHashMap<>();
        for (TicketId id : ids) {
            caseIds.putIfAbsent(id, Ids.caseId(id));
        }
        Map<String, JsonNode> records = caseRecords(caseIds.values(), "reading " + caseIds.size() + " Cases");
        Map<TicketId, Ticket> out = new LinkedHashMap<>();
        caseIds.forEach((id, caseId) -> {
            JsonNode r = records.get(caseId);
            if (r != null) {
                out.put(id, cases.ticket(r, transport.instanceUrl()));
            }
        });
        return out;
    }

    Page<Ticket> search(TicketQuery query, PageRequest page) {
        Soql.Query q = Soql.select(cases.fields()).from("Case");
        query.assignee().ifPresent(a -> q.where(Soql.eqId("OwnerId", Ids.userId(a, "assignee"))));
        query.group().ifPresent(g -> {
            String groupId = Ids.groupId(g);
            Soql.Cond owned = Soql.eqId("OwnerId", groupId);
            q.where(config.caseFields()
                    .group()
                    .map(field -> Soql.or(owned, Soql.eqId(field, groupId)))
                    .orElse(owned));
        });
        cases.statusCondition(query.statuses()).ifPresent(q::where);
        query.updatedSince().ifPresent(since -> q.where(Soql.atOrAfter("LastModifiedDate", since)));
        page.cursor().ifPresent(c -> {
            Cursors.Position p = Cursors.decode("t", c, Ids.CASE);
            q.where(Soql.or(
                    Soql.after("LastModifiedDate", p.at()),
                    Soql.and(Soql.eq("LastModifiedDate", p.at()), Soql.afterId("Id", p.id()))));
        });
        String soql = q.orderBy("LastModifiedDate", false)
                .orderBy("Id", false)
                .limit(page.size() + 1)
                .build();
        List<JsonNode> records = transport.queryUpTo(soql, page.size() + 1, "searching Cases");
        List<Ticket> items = new ArrayList<>();
        for (JsonNode r : records.subList(0, Math.min(page.size(), records.size()))) {
            remember(r);
            items.add(cases.ticket(r, transport.instanceUrl()));
        }
        if (records.size() <= page.size()) {
            return Page.last(items);
        }
        Ticket last = items.get(items.size() - 1);
        return Page.of(
                items,
                Cursors.encode(
                        "t", new Cursors.Position(last.updatedAt(), 0, last.id().value())));
    }

    // ------------------------------------------------------------------ comments

    Page<Comment> comments(TicketId ticket, SortOrder order, PageRequest page) {
        String caseId = Ids.caseId(ticket);
        Cursors.Position cursor = page.cursor().map(c -> Cursors.decode("c", c)).orElse(null);
        List<Notes.Source> sources = new ArrayList<>();
        if (config.readNotes().caseComments()) {
            sources.add(Notes.Source.CASE_COMMENT);
        }
        if (config.readNotes().feedItems()) {
            sources.add(Notes.Source.FEED_ITEM);
        }
        // the customer's e-mails and the agents' replies are the conversation too; one more query in the same call
        // (one GET becomes one composite; with both note objects, three of a composite's five queries)
        sources.add(Notes.Source.EMAIL_MESSAGE);
        List<String> soqls = new ArrayList<>(sources.stream()
                .map(s -> Notes.query(s, caseId, order, cursor, page.size() + 1))
                .toList());
        if (cursor == null) {
            // the first page also says whether the Case exists, in the same call: a Case without comments is common
            // (a shift change reads hundreds), and a second call per Case to tell "none" from "no such Case" doubled it
            soqls.add(Soql.select("Id")
                    .from("Case")
                    .where(Soql.eqId("Id", caseId))
                    .build());
        }
        String what = "reading comments of Case " + caseId;
        List<List<JsonNode>> results = transport.queries(soqls, page.size() + 1, what);
        List<Notes.Keyed> merged = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            List<Notes.Keyed> keyed = new ArrayList<>();
            for (JsonNode r : results.get(i)) {
                keyed.add(Notes.comment(sources.get(i), r, ticket));
            }
            merged = merge(merged, keyed, order == SortOrder.NEWEST_FIRST);
        }
        if (merged.isEmpty() && cursor == null && results.get(sources.size()).isEmpty()) {
            throw Errors.notFound("Case " + caseId + " does not exist");
        }
        List<Comment> items = new ArrayList<>();
        for (Notes.Keyed k : merged.subList(0, Math.min(page.size(), merged.size()))) {
            items.add(k.comment());
        }
        if (merged.size() <= page.size()) {
            return Page.last(items);
        }
        Notes.Keyed last = merged.get(page.size() - 1);
        return Page.of(items, Cursors.encode("c", new Cursors.Position(last.at(), last.rank(), last.id())));
    }

    /**
     * The first newest-first page of many Cases' conversations in one query per 200 Cases: the Cases with their
     * CaseComments and EmailMessages as parent-to-child subqueries, each limited per Case ("LIMIT" in a subquery applies
     * to each parent record; SOQL and SOSL Reference, Relationship Queries). Pages and cursors are those of {@link
     * #comments}. With FeedItems configured (whose Case relationship holds CaseFeed records, not FeedItems), each Case
     * is read as {@link #comments} reads it.
     */
    Map<TicketId, Page<Comment>> recentComments(Collection<TicketId> tickets, int perTicket) {
        Map<TicketId, Page<Comment>> out = new LinkedHashMap<>();
        Map<String, TicketId> byCase = new LinkedHashMap<>();
        for (TicketId t : tickets) {
            Ids.normalize(t.value(), Ids.CASE).ifPresent(id -> byCase.putIfAbsent(id, t));
        }
        if (config.readNotes().feedItems()) {
            byCase.forEach((id, t) -> {
                try {
                    out.put(t, comments(t, SortOrder.NEWEST_FIRST, PageRequest.first(perTicket)));
                } catch (dev.handover.spi.error.CrmNotFoundException gone) {
                    // left out
                }
            });
            return out;
        }
        List<String> ids = new ArrayList<>(byCase.keySet());
        for (int from = 0; from < ids.size(); from += 200) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 200));
            String soql = Soql.select("Id")
                    .from("Case")
                    .where(Soql.inIds("Id", chunk))
                    .build();
            // one more than a page of each source, to tell whether more follow
            String subs = ", (" + Notes.newestOfEachCase(Notes.Source.CASE_COMMENT, "CaseComments", perTicket + 1)
                    + "), (" + Notes.newestOfEachCase(Notes.Source.EMAIL_MESSAGE, "EmailMessages", perTicket + 1)
                    + ")";
            soql = "SELECT Id" + subs + soql.substring("SELECT Id".length());
            String what = "reading the recent comments of " + chunk.size() + " Cases";
            for (JsonNode c : transport.queryUpTo(soql, chunk.size(), what)) {
                TicketId ticket = byCase.get(Json.text(c, "Id"));
                if (ticket == null) {
                    continue;
                }
                List<Notes.Keyed> merged = new ArrayList<>();
                List<Notes.Keyed> comments = new ArrayList<>();
                for (JsonNode r : c.path("CaseComments").path("records")) {
                    comments.add(Notes.comment(Notes.Source.CASE_COMMENT, r, ticket));
                }
                List<Notes.Keyed> mails = new ArrayList<>();
                for (JsonNode r : c.path("EmailMessages").path("records")) {
                    mails.add(Notes.comment(Notes.Source.EMAIL_MESSAGE, r, ticket));
                }
                merged = merge(merge(merged, comments, true), mails, true);
                List<Comment> items = new ArrayList<>();
                for (Notes.Keyed k : merged.subList(0, Math.min(perTicket, merged.size()))) {
                    items.add(k.comment());
                }
                if (merged.size() <= perTicket) {
                    out.put(ticket, Page.last(items));
                } else {
                    Notes.Keyed last = merged.get(perTicket - 1);
                    out.put(
                            ticket,
                            Page.of(
                                    items,
                                    Cursors.encode("c", new Cursors.Position(last.at(), last.rank(), last.id()))));
                }
            }
        }
        return out;
    }

    /**
     * The Cases with a Chatter post (FeedItem, {@code Type = 'TextPost'}) created at or after {@code since}: such a
     * post does not change the Case record — the FeedItem reference (developer.salesforce.com/docs/atlas.en-us.
     * object_reference.meta/object_reference/sforce_api_objects_feeditem.htm: {@code ParentId}, {@code Type}, {@code
     * CreatedDate}, all filterable) does not say that it does, and the selftest probe {@code feed-item-query} tells —
     * so the search by {@code LastModifiedDate} misses it. One query, newest first, at most {@value
     * #FEED_ITEMS_PER_CALL} posts: beyond that the oldest are left out (logged), and their Cases are found when they
     * next change. Posts on other records (users, groups, Accounts) are dropped by the Case key prefix: {@code
     * ParentId} is polymorphic. Empty, without a call, when {@code notes.read} leaves FeedItems out.
     */
    Set<TicketId> commentedSince(Instant since) {
        return commentedSince(since, config.readNotes().feedItems());
    }

    /** {@link #commentedSince(Instant)}, with {@code feedItems} saying whether to ask (the self-test asks always). */
    Set<TicketId> commentedSince(Instant since, boolean feedItems) {
        if (!feedItems) {
            return Set.of();
        }
        String soql = Soql.select("Id", "ParentId")
                .from("FeedItem")
                .where(Soql.eq("Type", "TextPost"))
                .where(Soql.atOrAfter("CreatedDate", since))
                .orderBy("CreatedDate", true)
                .orderBy("Id", true)
                .limit(FEED_ITEMS_PER_CALL)
                .build();
        List<JsonNode> posts = transport.queryUpTo(soql, FEED_ITEMS_PER_CALL, "reading Chatter posts on Cases");
        if (posts.size() >= FEED_ITEMS_PER_CALL) {
            LOG.warn(
                    "{} or more Chatter posts since {}: the older ones are not read in this pass; their Cases are found"
                            + " when they next change",
                    FEED_ITEMS_PER_CALL,
                    since);
        }
        Set<TicketId> out = new LinkedHashSet<>();
        for (JsonNode post : posts) {
            Ids.normalize(Json.text(post, "ParentId"), Ids.CASE)
                    .map(TicketId::of)
                    .ifPresent(out::add);
        }
        return out;
    }

    /**
     * Merges two lists each already in the server's order; ties by time and source keep the server's order of ids, so
     * the cursor conditions (evaluated by Salesforce) and this merge agree.
     */
    private static List<Notes.Keyed> merge(List<Notes.Keyed> a, List<Notes.Keyed> b, boolean descending) {
        List<Notes.Keyed> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (j >= b.size()) {
                out.add(a.get(i++));
            } else if (i >= a.size()) {
                out.add(b.get(j++));
            } else {
                Notes.Keyed x = a.get(i);
                Notes.Keyed y = b.get(j);
                int c = x.at().compareTo(y.at());
                if (c == 0) {
                    c = Integer.compare(x.rank(), y.rank());
                }
                if (descending) {
                    c = -c;
                }
                out.add(c <= 0 ? a.get(i++) : b.get(j++));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ tasks

    Page<Task> tasks(TaskQuery query, PageRequest page) {
        String due = config.taskFields().due();
        Soql.Query q = Soql.select(tasks.fields()).from("Task");
        tasks.conditions(query).forEach(q::where);
        page.cursor().ifPresent(c -> {
            Cursors.Position p = Cursors.decode("k", c, Ids.TASK);
            q.where(Soql.or(Soql.after(due, p.at()), Soql.and(Soql.eq(due, p.at()), Soql.afterId("Id", p.id()))));
        });
        String soql = q.orderBy(due, false)
                .orderBy("Id", false)
                .limit(page.size() + 1)
                .build();
        List<JsonNode> records = transport.queryUpTo(soql, page.size() + 1, "reading handover Tasks");
        List<Task> items = new ArrayList<>();
        JsonNode lastRecord = null;
        for (JsonNode r : records.subList(0, Math.min(page.size(), records.size()))) {
            tasks.task(r).ifPresent(items::add);
            lastRecord = r;
        }
        if (records.size() <= page.size() || lastRecord == null) {
            return Page.last(items);
        }
        return Page.of(
                items,
                Cursors.encode(
                        "k",
                        new Cursors.Position(
                                Json.instant(lastRecord, due).orElseThrow(), 0, Json.text(lastRecord, "Id"))));
    }

    /** The handover tasks on these Cases of these handovers, for replayed writes. */
    List<Task> tasksOf(Collection<String> caseIds, Collection<String> handovers, String what) {
        if (caseIds.isEmpty() || handovers.isEmpty()) {
            return List.of();
        }
        List<String> soqls = new ArrayList<>();
        List<String> ids = List.copyOf(caseIds);
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            soqls.add(Soql.select(tasks.fields())
                    .from("Task")
                    .where(Soql.inIds("WhatId", ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY))))
                    .where(Soql.in(config.taskFields().handover(), List.copyOf(new LinkedHashSet<>(handovers))))
                    .build());
        }
        List<Task> out = new ArrayList<>();
        for (List<JsonNode> records : transport.queries(soqls, Integer.MAX_VALUE, what)) {
            for (JsonNode r : records) {
                tasks.task(r).ifPresent(out::add);
            }
        }
        return out;
    }

    /** Task ids to the Case they belong to; absent ids do not exist. */
    Map<String, String> taskParents(Collection<String> taskIds, String what) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(taskIds));
        List<String> soqls = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            soqls.add(Soql.select("Id", "WhatId")
                    .from("Task")
                    .where(Soql.inIds("Id", ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY))))
                    .build());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (List<JsonNode> records : transport.queries(soqls, Integer.MAX_VALUE, what)) {
            for (JsonNode r : records) {
                out.put(Json.text(r, "Id"), Json.text(r, "WhatId"));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ workload

    Map<AgentId, Integer> openCounts(Collection<AgentId> agents) {
        Map<AgentId, Integer> out = new LinkedHashMap<>();
        Map<String, List<AgentId>> byUser = new LinkedHashMap<>();
        for (AgentId a : agents) {
            out.put(a, 0);
            // an id that is no User cannot own Cases: zero, without asking
            Ids.normalize(a.value(), Ids.USER)
                    .ifPresent(u ->
                            byUser.computeIfAbsent(u, k -> new ArrayList<>()).add(a));
        }
        List<String> users = List.copyOf(byUser.keySet());
        List<String> soqls = new ArrayList<>();
        for (int from = 0; from < users.size(); from += IDS_PER_QUERY) {
            soqls.add(Soql.select("OwnerId", "COUNT(Id) n")
                    .from("Case")
                    .where(Soql.inIds("OwnerId", users.subList(from, Math.min(users.size(), from + IDS_PER_QUERY))))
                    .where(cases.openCondition())
                    .groupBy("OwnerId")
                    .build());
        }
        for (List<JsonNode> records : transport.queries(soqls, Integer.MAX_VALUE, "counting open Cases")) {
            for (JsonNode r : records) {
                int n = (int) Json.longValue(r, "n").orElse(0L).longValue();
                for (AgentId a : byUser.getOrDefault(Json.text(r, "OwnerId"), List.of())) {
                    out.put(a, n);
                }
            }
        }
        return out;
    }
}
