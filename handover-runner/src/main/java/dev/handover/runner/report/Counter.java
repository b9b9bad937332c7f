package dev.handover.runner.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Counts by key; the label of a key is the last one given. Ties read alphabetically, ignoring case. */
final class Counter {
    private static final Comparator<Figures.Count> MOST_FIRST = Comparator.comparingLong(Figures.Count::count)
            .reversed()
            .thenComparing(Figures.Count::label, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(Figures.Count::key);

    private final Map<String, long[]> counts = new HashMap<>();
    private final Map<String, String> labels = new HashMap<>();

    /** Counts one. */
    void add(String key, String label) {
        counts.computeIfAbsent(key, k -> new long[1])[0]++;
        labels.put(key, label);
    }

    /** How many for this key. */
    long get(String key) {
        long[] c = counts.get(key);
        return c == null ? 0 : c[0];
    }

    /** The sum of all counts. */
    long total() {
        return counts.values().stream().mapToLong(c -> c[0]).sum();
    }

    /** Every key, most first, ties by label. */
    List<Figures.Count> mostFirst() {
        List<Figures.Count> out = new ArrayList<>(counts.size());
        counts.forEach((k, c) -> out.add(new Figures.Count(k, labels.get(k), c[0])));
        out.sort(MOST_FIRST);
        return List.copyOf(out);
    }

    /** The first {@code n}, most first. */
    List<Figures.Count> top(int n) {
        List<Figures.Count> all = mostFirst();
        return all.subList(0, Math.min(n, all.size()));
    }

    /** These keys in this order, zeros included, then any other key counted, most first. */
    List<Figures.Count> inOrder(List<String> keys, UnaryOperator<String> label) {
        List<Figures.Count> out = new ArrayList<>();
        for (String k : keys) {
            out.add(new Figures.Count(k, label.apply(k), get(k)));
        }
        for (Figures.Count c : mostFirst()) {
            if (!keys.contains(c.key())) {
                out.add(c);
            }
        }
        return List.copyOf(out);
    }
}
