package dev.handover.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.handover.spi.Page;
import dev.handover.spi.PageRequest;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskId;
import dev.handover.zendesk.http.Errors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Handover task queries. Zendesk cannot sort by {@code due_at} and does not confirm a due-date search keyword, so a
 * query is answered from the search for its task tickets plus the ones this connector created or changed within the
 * index lag (read fresh by id), mapped, filtered exactly and sorted by due time then id. The sorted result is kept
 * briefly so the following pages are served without searching again; the cursor also holds the last task's due time
 * and id, so paging continues correctly when that copy has expired.
 */
final class TaskReader {
    private static final Comparator<Task> BY_DUE =
            Comparator.comparing(Task::due).thenComparing(Task::id);

    private final Searcher searcher;
    private final TicketMapper mapper;
    private final RecentWrites recent;
    private final Config config;
    private final Cache<String, List<Task>> results;

    TaskReader(Searcher searcher, TicketMapper mapper, RecentWrites recent, Config config) {
        this.searcher = searcher;
        this.mapper = mapper;
        this.recent = recent;
        this.config = config;
        this.results = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofMinutes(2))
                .maximumSize(100)
                .ticker(RecentWrites.ticker(config.clock()))
                .build();
    }

    Page<Task> tasks(TaskQuery query, PageRequest page) {
        Cursor after = page.cursor().map(TaskReader::decode).orElse(null);
        String id = after == null ? null : after.result();
        List<Task> all = id == null ? null : results.getIfPresent(id);
        if (all == null) {
            all = compute(query);
            id = UUID.randomUUID().toString();
            results.put(id, all);
        }
        int start = 0;
        if (after != null) {
            while (start < all.size() && !isAfter(all.get(start), after)) {
                start++;
            }
        }
        int end = Math.min(all.size(), start + page.size());
        List<Task> items = all.subList(start, end);
        if (end < all.size()) {
            Task last = items.get(items.size() - 1);
            return Page.of(items, encode(new Cursor(id, last.due(), last.id().value())));
        }
        return Page.last(items);
    }

    private List<Task> compute(TaskQuery query) {
        Optional<String> search = SearchQueries.tasks(
                query,
                config.searchDueDate(),
                config.taskTickets().perItem(),
                config.taskTickets().perItem() && !config.taskTickets().byTag());
        if (search.isEmpty()) {
            return List.of();
        }
        Map<Long, JsonNode> tickets = new LinkedHashMap<>();
        for (JsonNode t : searcher.scanAll(search.get(), new ArrayList<>(), "search of handover tasks")) {
            tickets.put(t.get("id").asLong(), t);
        }
        tickets.putAll(searcher.fresh(recent.tasks(), new ArrayList<>()));
        List<Task> out = new ArrayList<>();
        for (JsonNode t : tickets.values()) {
            mapper.tasks(t).stream().filter(query::matches).forEach(out::add);
        }
        out.sort(BY_DUE);
        return List.copyOf(out);
    }

    private static boolean isAfter(Task t, Cursor c) {
        int byDue = t.due().compareTo(c.due());
        return byDue > 0 || (byDue == 0 && t.id().compareTo(TaskId.of(c.task())) > 0);
    }

    private static String encode(Cursor c) {
        String raw = c.result() + "|" + c.due() + "|" + c.task();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Cursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
            return new Cursor(
                    parts[0], Instant.parse(parts[1]), TaskId.of(parts[2]).value());
        } catch (RuntimeException e) {
            throw new CrmInvalidRequestException(Errors.VENDOR, 0, "BadCursor", "malformed task cursor", null);
        }
    }

    private record Cursor(String result, Instant due, String task) {}
}
