package dev.handover.runner.logging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A log message split into its text and its {@code key=value} pairs, so that both formats carry the same fields: the
 * product writes its messages as a few words then pairs ({@code "pass polled=3 handed_over=2"}, {@code
 * "refused status=401 detail=\"bad signature\""}). A message whose tail is not pairs throughout — a library's, or one
 * that puts words between pairs — stays whole as the text: nothing is guessed and nothing is lost.
 *
 * @param text the words before the first pair (the whole message when it is not text-then-pairs)
 * @param pairs the pairs, in their order; values unquoted
 */
record Fields(String text, List<Map.Entry<String, String>> pairs) {
    /** The keys every line has; a message naming one of them stays whole. */
    static final Set<String> RESERVED = Set.of("ts", "level", "logger", "msg", "exception");

    Fields {
        pairs = List.copyOf(pairs);
    }

    /** Splits a formatted message. */
    static Fields split(String message) {
        if (message == null) {
            return new Fields("", List.of());
        }
        int start = firstPair(message);
        if (start < 0) {
            return new Fields(message, List.of());
        }
        List<Map.Entry<String, String>> pairs = pairs(message, start);
        return pairs == null
                ? new Fields(message, List.of())
                : new Fields(message.substring(0, start).strip(), pairs);
    }

    /** Where the first word of the form {@code key=} begins, or -1. */
    private static int firstPair(String m) {
        for (int i = 0; i < m.length(); i++) {
            if ((i == 0 || m.charAt(i - 1) == ' ') && keyEnd(m, i) > i) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the {@code '='} ending a key that starts at {@code i}, or -1. */
    private static int keyEnd(String m, int i) {
        if (i >= m.length() || !isKeyStart(m.charAt(i))) {
            return -1;
        }
        int j = i + 1;
        while (j < m.length() && isKeyPart(m.charAt(j))) {
            j++;
        }
        return j < m.length() && m.charAt(j) == '=' ? j : -1;
    }

    /** The pairs from {@code start} to the end, or null when the rest is not pairs separated by single spaces. */
    private static List<Map.Entry<String, String>> pairs(String m, int start) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int i = start;
        while (i < m.length()) {
            int eq = keyEnd(m, i);
            if (eq < 0) {
                return null;
            }
            String key = m.substring(i, eq);
            if (RESERVED.contains(key) || !keys.add(key)) {
                return null; // two fields of one name would make JSON ambiguous
            }
            int v = eq + 1;
            StringBuilder value = new StringBuilder();
            if (v < m.length() && m.charAt(v) == '"') {
                int j = v + 1;
                while (j < m.length() && m.charAt(j) != '"') {
                    if (m.charAt(j) == '\\' && j + 1 < m.length()) {
                        j++;
                    }
                    value.append(m.charAt(j));
                    j++;
                }
                if (j >= m.length()) {
                    return null; // an unclosed quote
                }
                i = j + 1;
            } else {
                int j = v;
                while (j < m.length() && m.charAt(j) != ' ') {
                    if (m.charAt(j) == '"') {
                        return null;
                    }
                    j++;
                }
                value.append(m, v, j);
                i = j;
            }
            pairs.add(Map.entry(key, value.toString()));
            if (i < m.length()) {
                if (m.charAt(i) != ' ' || i + 1 == m.length()) {
                    return null;
                }
                i++;
            }
        }
        return pairs;
    }

    private static boolean isKeyStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isKeyPart(char c) {
        return isKeyStart(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }
}
