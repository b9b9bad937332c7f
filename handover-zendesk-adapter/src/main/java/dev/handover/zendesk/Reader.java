package dev.handover.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.handover.spi.Page;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.zendesk.http.Errors;
import dev.handover.zendesk.http.HttpCall;
import dev.handover.zendesk.http.HttpResult;
import dev.handover.zendesk.http.Json;
import dev.handover.zendesk.http.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads tickets ({@code GET /api/v2/tickets/{id}}, {@code show_many} in hundreds; handover task tickets are left out)
 * and comments (cursor pages), and keeps
 * the last-read {@link Snapshot} of each ticket: when an update's expected version is the one read, its tags are
 * known without another call, so a handover stays one read and one write.
 */
final class Reader {
    private static final Logger LOG = LoggerFactory.getLogger(Reader.class);
    /**
     * The most tickets one bulk call names, as Zendesk documents it for {@code show_many}, {@code update_many} ("an
     * array of up to 100 ticket objects", more is a 400) and {@code create_many}
     * (https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#update-many-tickets). Every write path
     * chunks by it, whatever the number of items one update carries.
     */
    static final int MAX_BATCH = 100;

    private final Transport http;
    private final TicketMapper mapper;
    private final Cache<Long, Snapshot> snapshots;

    Reader(Transport http, TicketMapper mapper, Config config) {
        this.http = http;
        this.mapper = mapper;
        this.snapshots = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofMinutes(30))
                .maximumSize(20_000)
                .ticker(RecentWrites.ticker(config.clock()))
                .build();
    }

    Optional<Ticket> ticket(TicketId id) {
        OptionalLong n = Ids.parse(id.value());
        if (n.isEmpty()) {
            return Optional.empty();
        }
        HttpResult r = http.exchange(HttpCall.get("/api/v2/tickets/" + n.getAsLong(), "read of ticket " + id)
                .query("include", Sideloads.INCLUDE));
        if (r.status() == 404) {
            return Optional.empty();
        }
        JsonNode body = r.orThrow();
        JsonNode t = body.get("ticket");
        Snapshot s = Snapshot.of(t);
        remember(s);
        if (s.isTask()) {
            return Optional.empty(); // a handover task shares the ticket ids but is never a ticket
        }
        return Optional.of(map(() -> mapper.ticket(t, Sideloads.of(body)), "ticket " + id));
    }

    Map<TicketId, Ticket> tickets(Collection<TicketId> ids) {
        List<TicketId> unique = List.copyOf(new LinkedHashSet<>(ids));
        Map<Long, Ticket> found = new LinkedHashMap<>();
        List<Long> numbers = new ArrayList<>();
        for (TicketId id : unique) {
            Ids.parse(id.value()).ifPresent(numbers::add);
        }
        for (int from = 0; from < numbers.size(); from += MAX_BATCH) {
            List<Long> chunk = numbers.subList(from, Math.min(numbers.size(), from + MAX_BATCH));
            JsonNode body = http.execute(showMany(chunk, true));
            Sideloads side = Sideloads.of(body);
            for (JsonNode t : body.path("tickets")) {
                Snapshot s = Snapshot.of(t);
                remember(s);
                if (!s.isTask()) {
                    lenient(() -> mapper.ticket(t, side), "ticket " + s.id()).ifPresent(x -> found.put(s.id(), x));
                }
            }
        }
        Map<TicketId, Ticket> out = new LinkedHashMap<>();
        for (TicketId id : unique) {
            OptionalLong n = Ids.parse(id.value());
            if (n.isPresent() && found.containsKey(n.getAsLong())) {
                out.put(id, found.get(n.getAsLong()));
            }
        }
        return out;
    }

    /** Fresh snapshots of these tickets (absent ids are left out), refreshing the cache. */
    Map<Long, Snapshot> snapshots(Collection<Long> ids) {
        Map<Long, Snapshot> out = new LinkedHashMap<>();
        List<Long> unique = List.copyOf(new LinkedHashSet<>(ids));
        for (int from = 0; from < unique.size(); from += MAX_BATCH) {
            JsonNode body =
                    http.execute(showMany(unique.subList(from, Math.min(unique.size(), from + MAX_BATCH)), false));
            for (JsonNode t : body.path("tickets")) {
                Snapshot s = Snapshot.of(t);
                remember(s);
                out.put(s.id(), s);
            }
        }
        return out;
    }

    /** Fresh tickets as raw JSON with their sideloads, for searches that merge recent writes. */
    List<JsonNode> raw(Collection<Long> ids, List<Sideloads> sideloads) {
        List<JsonNode> out = new ArrayList<>();
        List<Long> unique = List.copyOf(new LinkedHashSet<>(ids));
        for (int from = 0; from < unique.size(); from += MAX_BATCH) {
            JsonNode body =
                    http.execute(showMany(unique.subList(from, Math.min(unique.size(), from + MAX_BATCH)), true));
            sideloads.add(Sideloads.of(body));
            for (JsonNode t : body.path("tickets")) {
                remember(Snapshot.of(t));
                out.add(t);
            }
        }
        return out;
    }

    private static HttpCall showMany(List<Long> ids, boolean sideloads) {
        StringBuilder csv = new StringBuilder();
        for (Long id : ids) {
            if (csv.length() > 0) {
                csv.append(',');
            }
            csv.append(id);
        }
        HttpCall call = HttpCall.get("/api/v2/tickets/show_many", "batch read of " + ids.size() + " tickets")
                .query("ids", csv);
        return sideloads ? call.query("include", Sideloads.INCLUDE) : call;
    }

    Page<Comment> comments(TicketId ticket, SortOrder order, PageRequest page) {
        OptionalLong n = Ids.parse(ticket.value());
        if (n.isEmpty()) {
            throw new CrmNotFoundException(Errors.VENDOR, "ticket " + ticket + " does not exist");
        }
        int size = Math.min(MAX_BATCH, page.size());
        HttpCall call = HttpCall.get(
                        "/api/v2/tickets/" + n.getAsLong() + "/comments", "read of comments of ticket " + ticket)
                .query("page[size]", size)
                .query("sort", order == SortOrder.OLDEST_FIRST ? "created_at" : "-created_at");
        if (page.cursor().isPresent()) {
            call = call.query("page[after]", page.cursor().get());
        }
        JsonNode body = http.execute(call);
        List<Comment> items = new ArrayList<>();
        for (JsonNode c : body.path("comments")) {
            items.add(map(() -> mapper.comment(ticket, c), "a comment of ticket " + ticket));
        }
        JsonNode meta = body.path("meta");
        String after = Json.text(meta, "after_cursor");
        if (meta.path("has_more").asBoolean(false) && !after.isEmpty()) {
            return Page.of(items, after);
        }
        return Page.last(items);
    }

    /** The newest comments of a ticket, raw (write markers kept), for replay detection. */
    List<JsonNode> latestComments(long ticket, int count) {
        JsonNode body = http.execute(HttpCall.get(
                        "/api/v2/tickets/" + ticket + "/comments", "read of the latest comments of ticket " + ticket)
                .query("page[size]", Math.min(MAX_BATCH, count))
                .query("sort", "-created_at"));
        List<JsonNode> out = new ArrayList<>();
        body.path("comments").forEach(out::add);
        return out;
    }

    /**
     * The write keys ({@code metadata.custom.handover_write}) of a ticket's audits, reading at most {@code maxPages}
     * pages of 100 ({@code GET /api/v2/tickets/{id}/audits}, cursor-paginated, oldest first as the endpoint lists
     * them). The boolean says whether every audit was read. Needs the global {@code read} OAuth scope; a 403 is thrown
     * as it is.
     */
    Map.Entry<Set<String>, Boolean> auditKeys(long ticket, int maxPages) {
        Set<String> keys = new HashSet<>();
        String after = null;
        for (int page = 0; page < maxPages; page++) {
            HttpCall call = HttpCall.get(
                            "/api/v2/tickets/" + ticket + "/audits", "read of the audits of ticket " + ticket)
                    .query("page[size]", MAX_BATCH);
            if (after != null) {
                call = call.query("page[after]", after);
            }
            JsonNode body = http.execute(call);
            for (JsonNode a : body.path("audits")) {
                String k = Json.text(a.path("metadata").path("custom"), Markers.AUDIT_KEY);
                if (!k.isEmpty()) {
                    keys.add(k);
                }
            }
            JsonNode meta = body.path("meta");
            after = Json.text(meta, "after_cursor");
            if (!meta.path("has_more").asBoolean(false) || after.isEmpty()) {
                return Map.entry(keys, true);
            }
        }
        return Map.entry(keys, false);
    }

    Snapshot cached(long id) {
        return snapshots.getIfPresent(id);
    }

    void remember(Snapshot s) {
        snapshots.asMap().merge(s.id(), s, (old, now) -> isNewer(now, old) ? now : old);
    }

    void forget(long id) {
        snapshots.invalidate(id);
    }

    private static boolean isNewer(Snapshot candidate, Snapshot current) {
        // versions are ISO-8601 instants of the same shape, so text order is time order; equal means same data
        return candidate.version().value().compareTo(current.version().value()) >= 0;
    }

    /** Maps vendor data to a record; data the SPI refuses is reported as a vendor failure, not a bug of the caller. */
    /**
     * The record mapped, or empty — with a warning naming it — when the SPI refuses what Zendesk sent (an unexpected
     * tag, a value out of range): one such record must not fail a whole page of a search or a batch read.
     */
    static <T> Optional<T> lenient(Supplier<T> mapping, String what) {
        try {
            return Optional.of(map(mapping, what));
        } catch (CrmUnavailableException e) {
            if (!"UnreadableRecord".equals(e.vendorCode().orElse(null))) {
                throw e;
            }
            LOG.warn("{} left out: {}", what, e.getMessage());
            return Optional.empty();
        }
    }

    static <T> T map(Supplier<T> mapping, String what) {
        try {
            return mapping.get();
        } catch (CrmException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CrmUnavailableException(
                    Errors.VENDOR,
                    0,
                    "UnreadableRecord",
                    "Zendesk sent " + what + " the adapter cannot read: " + e.getMessage(),
                    e);
        }
    }
}
