package dev.handover.runner.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

    /**
     * Every row once, oldest first, and the lists with their rows newest first. The rows are sorted once and each list
     * by the rows' ranks: sorting a million rows' worth of lists by their fields took seconds.
     */
    Sorted sorted() {
        IdentityHashMap<Row, Integer> rank = new IdentityHashMap<>();
        List<Row> all = new ArrayList<>();
        for (List<Row> l : lists.values()) {
            for (Row r : l) {
                if (rank.putIfAbsent(r, 0) == null) {
                    all.add(r);
                }
            }
        }
        Row[] oldestFirst = all.toArray(new Row[0]);
        Arrays.sort(oldestFirst, NEWEST_FIRST.reversed());
        for (int i = 0; i < oldestFirst.length; i++) {
            rank.put(oldestFirst[i], i);
        }
        Map<String, List<Row>> out = new LinkedHashMap<>();
        lists.forEach((k, v) -> {
            int[] ranks = new int[v.size()];
            for (int i = 0; i < ranks.length; i++) {
                ranks[i] = rank.get(v.get(i));
            }
            Arrays.sort(ranks);
            Row[] rows = new Row[ranks.length];
            for (int i = 0; i < ranks.length; i++) {
                rows[i] = oldestFirst[ranks[ranks.length - 1 - i]];
            }
            out.put(k, List.of(rows));
        });
        return new Sorted(List.of(oldestFirst), Collections.unmodifiableMap(out));
    }

    /**
     * The lists once sorted.
     *
     * @param rows every row once, oldest first
     * @param lists the rows of each list, newest first
     */
    record Sorted(List<Row> rows, Map<String, List<Row>> lists) {
        static final Sorted NONE = new Sorted(List.of(), Map.of());
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
    static List<Map.Entry<Row, List<String>>> inverted(Sorted sorted) {
        Map<Row, List<String>> by = new IdentityHashMap<>(sorted.rows().size() * 2);
        sorted.lists()
                .forEach((name, rows) -> rows.forEach(
                        r -> by.computeIfAbsent(r, k -> new ArrayList<>(4)).add(name)));
        List<Map.Entry<Row, List<String>>> out = new ArrayList<>(sorted.rows().size());
        for (Row r : sorted.rows()) {
            out.add(Map.entry(r, by.get(r)));
        }
        return out;
    }
}
