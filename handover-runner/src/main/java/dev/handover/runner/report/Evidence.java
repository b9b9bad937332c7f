package dev.handover.runner.report;

import dev.handover.core.event.HandoverEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The journal events behind the figures: lists of rows, each list named by the figure's path in the JSON document
 * ({@code acknowledgement.late}, {@code handovers.byReason.shift-change}), which is also its CSV section, dimension and
 * key joined by dots. A row is shared by every list it belongs to, so a handover in ten breakdowns costs one row.
 */
final class Evidence {
    /** Newest first, then by handover, ticket and kind, so that lists read the same in any journal order. */
    static final Comparator<Row> NEWEST_FIRST = Comparator.comparing(Row::at)
            .reversed()
            .thenComparing(Row::handover)
            .thenComparing(Row::ticket)
            .thenComparing(Row::kind)
            .thenComparing(Row::what);

    private final Map<String, List<Row>> lists = new LinkedHashMap<>();

    /**
     * One event behind a figure.
     *
     * @param at when it happened
     * @param kind what kind of event ({@code handover}, {@code acknowledged}, {@code escalated} …)
     * @param ticket the ticket
     * @param handover the handover, or "" (a refusal has none)
     * @param from the handover's sender (a name), or ""
     * @param to the handover's receiver (a name, a team), or ""
     * @param what what happened, in words
     */
    record Row(Instant at, String kind, String ticket, String handover, String from, String to, String what) {}

    /** Adds the row to the list. */
    void add(String list, Row row) {
        lists.computeIfAbsent(list, k -> new ArrayList<>()).add(row);
    }

    /** The rows of a list so far, in the order added. */
    List<Row> rows(String list) {
        return lists.getOrDefault(list, List.of());
    }

    /** Adds the row to every list. */
    void add(Row row, String... names) {
        for (String n : names) {
            add(n, row);
        }
    }

    /** The lists, each sorted newest first. */
    Map<String, List<Row>> sorted() {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        lists.forEach((k, v) -> {
            List<Row> rows = new ArrayList<>(v);
            rows.sort(NEWEST_FIRST);
            out.put(k, Collections.unmodifiableList(rows));
        });
        return Collections.unmodifiableMap(out);
    }

    /** A list's name for the element {@code key} of a figure's list ({@code handovers.byReason} + key). */
    static String of(String figure, String key) {
        return figure + "." + key;
    }

    /**
     * The fragment id of a list in the HTML page: {@code ev-} and the name, characters other than letters, digits,
     * {@code .}, {@code _} and {@code -} replaced, then a hash of the name when anything was replaced, so that two
     * names never share an id.
     */
    static String htmlId(String list) {
        StringBuilder s = new StringBuilder("ev-");
        boolean replaced = false;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == '-') {
                s.append(c);
            } else {
                s.append('_');
                replaced = true;
            }
        }
        if (replaced) {
            s.append('-').append(String.format(Locale.ROOT, "%08x", list.hashCode()));
        }
        return s.toString();
    }

    /**
     * Every row once, oldest first, with the names of the lists it belongs to (the JSON and CSV form: a row in ten lists
     * is written once).
     */
    static List<Map.Entry<Row, List<String>>> inverted(Map<String, List<Row>> lists) {
        Map<Row, List<String>> by = new IdentityHashMap<>();
        lists.forEach((name, rows) ->
                rows.forEach(r -> by.computeIfAbsent(r, k -> new ArrayList<>(4)).add(name)));
        List<Map.Entry<Row, List<String>>> out = new ArrayList<>(by.entrySet());
        out.sort(Map.Entry.comparingByKey(NEWEST_FIRST.reversed()));
        return out;
    }

    /** The event's kind as rows name it. */
    static String kind(HandoverEvent e) {
        return e.type();
    }

    /** Rows by list, for lookups that must not fail. */
    static Optional<List<Row>> list(Map<String, List<Row>> lists, String name) {
        return Optional.ofNullable(lists.get(name));
    }

    static Map<String, Integer> sizes(Map<String, List<Row>> lists) {
        Map<String, Integer> out = new HashMap<>();
        lists.forEach((k, v) -> out.put(k, v.size()));
        return out;
    }
}
