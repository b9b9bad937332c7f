package dev.handover.runner.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML value that remembers where it was written, so every configuration error can point at it. */
sealed interface Node {
    Location location();

    /** In words, for "expected …, found …": {@code a map}, {@code a list}, {@code 'soon'}, {@code nothing}. */
    String describe();

    /** A mapping; keys keep their own locations. */
    record MapNode(Location location, Map<String, Entry> entries) implements Node {
        public MapNode {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    /** One key of a mapping and its value. */
    record Entry(Location keyLocation, Node value) {}

    /** A sequence. */
    record ListNode(Location location, List<Node> items) implements Node {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar, as written. */
    record ScalarNode(Location location, String text) implements Node {
        @Override
        public String describe() {
            String t = text.length() > 40 ? text.substring(0, 39) + "…" : text;
            return "'" + t + "'";
        }
    }

    /** An explicit null or an empty value. */
    record NullNode(Location location) implements Node {
        @Override
        public String describe() {
            return "nothing";
        }
    }
}
