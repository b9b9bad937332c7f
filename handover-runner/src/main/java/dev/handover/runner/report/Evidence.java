package dev.handover.runner.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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
    private int rows;

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
     * @param seq the row's number in the order made, for sorting; not part of its value (equal rows from journals in
     *     another order are equal)
     */
    record Row(Instant at, String kind, String ticket, String handover, String from, String to, String what, int seq) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Row r
                    && at.equals(r.at)
                    && kind.equals(r.kind)
                    && ticket.equals(r.ticket)
                    && handover.equals(r.handover)
                    && from.equals(r.from)
                    && to.equals(r.to)
                    && what.equals(r.what);
        }

        @Override
        public int hashCode() {
            return Objects.hash(at, kind, ticket, handover, from, to, what);
        }
    }

    /** A new row, numbered. */
    Row row(Instant at, String kind, String ticket, String handover, String from, String to, String what) {
        return new Row(at, kind, ticket, handover, from, to, what, rows++);
    }

    /** Adds the row to the list. */
    void add(String list, Row row) {
        lists.computeIfAbsent(list, k -> new ArrayList<>()).add(row);
    }

    /** The rows of a list so far, in the order added. */
    List<Row> rows(String list) {
        return lists.getOrDefault(list, List.of());
    }

    /**
     * Every row once, oldest first, and the lists with their rows newest first. The rows are sorted once and each list
     * by the rows' ranks: sorting a million rows' worth of lists by their fields took seconds.
     */
    Sorted sorted() {
        // the rows in any list, by number, then sorted once; each list is then sorted by its rows' ranks
        Row[] bySeq = new Row[rows];
        int used = 0;
        for (List<Row> l : lists.values()) {
            for (Row r : l) {
                if (bySeq[r.seq()] == null) {
                    bySeq[r.seq()] = r;
                    used++;
                }
            }
        }
        Row[] oldestFirst = new Row[used];
        int n = 0;
        for (Row r : bySeq) {
            if (r != null) {
                oldestFirst[n++] = r;
            }
        }
        Arrays.sort(oldestFirst, NEWEST_FIRST.reversed());
        int[] rank = new int[rows];
        for (int i = 0; i < oldestFirst.length; i++) {
            rank[oldestFirst[i].seq()] = i;
        }
        Map<String, List<Row>> out = new LinkedHashMap<>();
        lists.forEach((k, v) -> {
            int[] ranks = new int[v.size()];
            for (int i = 0; i < ranks.length; i++) {
                ranks[i] = rank[v.get(i).seq()];
            }
            Arrays.sort(ranks);
            Row[] sorted = new Row[ranks.length];
            for (int i = 0; i < ranks.length; i++) {
                sorted[i] = oldestFirst[ranks[ranks.length - 1 - i]];
            }
            out.put(k, List.of(sorted));
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
        int max = sorted.rows().stream().mapToInt(Row::seq).max().orElse(-1);
        int[] position = new int[max + 1];
        List<Row> rows = sorted.rows();
        for (int i = 0; i < rows.size(); i++) {
            position[rows.get(i).seq()] = i;
        }
        List<List<String>> names = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            names.add(new ArrayList<>(4));
        }
        sorted.lists()
                .forEach(
                        (name, l) -> l.forEach(r -> names.get(position[r.seq()]).add(name)));
        List<Map.Entry<Row, List<String>>> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(Map.entry(rows.get(i), names.get(i)));
        }
        return out;
    }
}
