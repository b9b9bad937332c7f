package dev.handover.runner.config;

import dev.handover.spi.helpers.DidYouMean;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads configuration values from {@link Node}s and collects every problem with its location, instead of stopping at
 * the first: a user fixes them all in one go.
 */
final class Binder {
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private static final Pattern SPELLED_DURATION = Pattern.compile(
            "(?i)\\s*(\\d+)\\s*(ms|millis|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\\s*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    final List<ConfigException.Problem> problems = new ArrayList<>();
    private final Function<String, String> env;
    private String source = "";

    Binder(Function<String, String> env) {
        this.env = env;
    }

    /** The file's text, to place a problem inside a value (a placeholder in a template) at its line and column. */
    void source(String text) {
        this.source = text;
    }

    void problem(Location at, String path, String message) {
        problems.add(new ConfigException.Problem(at, path, message));
    }

    void failIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** A map node at a path, or a problem when it is something else. */
    Optional<Section> section(Node node, String path) {
        if (node instanceof Node.MapNode m) {
            return Optional.of(new Section(m, path));
        }
        if (node instanceof Node.NullNode) {
            return Optional.of(new Section(new Node.MapNode(node.location(), Map.of()), path));
        }
        problem(node.location(), path, "expected a map of settings, found " + node.describe() + missingSpace(node));
        return Optional.empty();
    }

    /** {@code type:memory} is one scalar in YAML, not a key and a value: the usual cause of a scalar where a map was. */
    private static String missingSpace(Node node) {
        if (node instanceof Node.ScalarNode s && s.text().matches("[A-Za-z][\\w.-]*:[^\\s/].*")) {
            int colon = s.text().indexOf(':');
            return " (a space is needed after the colon: '" + s.text().substring(0, colon + 1) + " "
                    + s.text().substring(colon + 1) + "')";
        }
        return "";
    }

    /** A list at a path; one scalar counts as a list of one, a map is a problem ("expected a list"). */
    List<Node> list(Node n, String path, String what) {
        if (n instanceof Node.ListNode l) {
            return l.items();
        }
        if (n instanceof Node.MapNode m) {
            String first = m.entries().keySet().stream().findFirst().orElse("");
            problem(
                    n.location(),
                    path,
                    "expected a list of " + what + ", found a map (" + first + ": …); write each item on its own line"
                            + " starting with '- '");
            return List.of();
        }
        if (n instanceof Node.NullNode) {
            return List.of();
        }
        return List.of(n);
    }

    /** A time zone, with the nearest known zone id when it is mistyped. */
    Optional<java.time.ZoneId> zone(String raw, Location at, String path) {
        try {
            return Optional.of(java.time.ZoneId.of(raw.strip()));
        } catch (java.time.DateTimeException e) {
            problem(
                    at,
                    path,
                    "expected a time zone such as Europe/Berlin or UTC, found '" + raw + "'"
                            + suggestion(raw.strip(), java.time.ZoneId.getAvailableZoneIds())
                                    .map(z -> " (did you mean '" + z + "'?)")
                                    .orElse(""));
            return Optional.empty();
        }
    }

    /**
     * Reports each {@code {placeholder}} of a template that is not known, at its own line and column in the file, with
     * the nearest known one; true when all are known.
     */
    boolean placeholders(Node value, String path, String what, Set<String> known) {
        if (!(value instanceof Node.ScalarNode s)) {
            return true;
        }
        boolean ok = true;
        Matcher m = PLACEHOLDER.matcher(s.text());
        while (m.find()) {
            String name = m.group(1);
            if (!known.contains(name)) {
                ok = false;
                problem(
                        inside(s, m.start()),
                        path,
                        what + ": unknown placeholder {" + name + "}"
                                + suggestion(name, known)
                                        .map(x -> " (did you mean {" + x + "}?)")
                                        .orElse("")
                                + "; known: "
                                + known.stream()
                                        .sorted()
                                        .map(x -> "{" + x + "}")
                                        .collect(Collectors.joining(" ")));
            }
        }
        return ok;
    }

    /**
     * Where the character at {@code offset} of a scalar's text is written: the same piece of text is looked up in the
     * file from where the value starts (quotes, folding and block indentation make offsets in the value differ from
     * columns); the value's own location when it cannot be found.
     */
    Location inside(Node.ScalarNode s, int offset) {
        String text = s.text();
        int end = text.indexOf('}', offset);
        String piece = text.substring(offset, end < 0 ? text.length() : end + 1);
        int nth = 0;
        for (int i = text.indexOf(piece); i >= 0 && i < offset; i = text.indexOf(piece, i + 1)) {
            nth++;
        }
        int start = indexOf(s.location());
        if (start < 0) {
            return s.location();
        }
        int found = source.indexOf(piece, start);
        for (int k = 0; k < nth && found >= 0; k++) {
            found = source.indexOf(piece, found + 1);
        }
        if (found < 0) {
            return s.location();
        }
        String before = source.substring(0, found);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = found - before.lastIndexOf('\n');
        return new Location(s.location().file(), line, column);
    }

    private int indexOf(Location at) {
        int index = 0;
        for (int line = 1; line < at.line(); line++) {
            index = source.indexOf('\n', index);
            if (index < 0) {
                return -1;
            }
            index++;
        }
        index += at.column() - 1;
        return index <= source.length() ? index : -1;
    }

    /** Resolves {@code ${VAR}}: the whole value must be one reference. */
    Optional<String> envReference(String text) {
        Matcher m = ENV.matcher(text.strip());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    Optional<String> lookupEnv(String name) {
        return Optional.ofNullable(env.apply(name)).filter(v -> !v.isEmpty());
    }

    /** A view of one map at a path. */
    final class Section {
        final Node.MapNode node;
        final String path;

        Section(Node.MapNode node, String path) {
            this.node = node;
            this.path = path;
        }

        String path(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        Location location() {
            return node.location();
        }

        /** Where a key is written (the map when the key is missing). */
        Location keyLocation(String key) {
            Node.Entry e = node.entries().get(key);
            return e == null ? node.location() : e.keyLocation();
        }

        /** Where a key's value is written (the key when it has none, the map when the key is missing). */
        Location at(String key) {
            Node.Entry e = node.entries().get(key);
            if (e == null) {
                return node.location();
            }
            return e.value() instanceof Node.NullNode
                    ? e.keyLocation()
                    : e.value().location();
        }

        /** Reports keys not in the allowed set, suggesting the nearest known key. */
        Section allow(String... keys) {
            Set<String> allowed = new LinkedHashSet<>(Arrays.asList(keys));
            for (Map.Entry<String, Node.Entry> e : node.entries().entrySet()) {
                if (!allowed.contains(e.getKey())) {
                    problem(e.getValue().keyLocation(), path(e.getKey()), unknown(e.getKey(), allowed));
                }
            }
            return this;
        }

        boolean has(String key) {
            return node.entries().containsKey(key) && !(node.entries().get(key).value() instanceof Node.NullNode);
        }

        Set<String> keys() {
            return node.entries().keySet();
        }

        Optional<Node> get(String key) {
            Node.Entry e = node.entries().get(key);
            return e == null || e.value() instanceof Node.NullNode ? Optional.empty() : Optional.of(e.value());
        }

        Optional<Section> section(String key) {
            return get(key).flatMap(n -> Binder.this.section(n, path(key)));
        }

        Optional<String> string(String key) {
            Optional<Node> n = get(key);
            if (n.isEmpty()) {
                return Optional.empty();
            }
            if (n.get() instanceof Node.ScalarNode s) {
                return Optional.of(s.text());
            }
            problem(
                    n.get().location(),
                    path(key),
                    "expected a single value, found " + n.get().describe());
            return Optional.empty();
        }

        String string(String key, String defaultValue) {
            return string(key).orElse(defaultValue);
        }

        Optional<String> required(String key, String expected) {
            if (!node.entries().containsKey(key)) {
                problem(node.location(), path(key), "is required: " + expected);
                return Optional.empty();
            }
            Optional<String> v = string(key);
            if (v.isEmpty() && get(key).isEmpty()) {
                problem(at(key), path(key), "is required: " + expected + ", found nothing");
            }
            return v.filter(s -> !s.isBlank());
        }

        Optional<Duration> duration(String key) {
            return string(key).flatMap(v -> parseDuration(v, get(key).get().location(), path(key)));
        }

        Duration duration(String key, Duration defaultValue) {
            return duration(key).orElse(defaultValue);
        }

        Optional<Integer> integer(String key, int min, int max) {
            return string(key).flatMap(v -> {
                try {
                    int n = Integer.parseInt(v.strip());
                    if (n < min || n > max) {
                        problem(
                                get(key).get().location(),
                                path(key),
                                "expected a whole number from " + min + " to " + max + ", found " + n);
                        return Optional.empty();
                    }
                    return Optional.of(n);
                } catch (NumberFormatException e) {
                    problem(get(key).get().location(), path(key), "expected a whole number, found '" + v + "'");
                    return Optional.empty();
                }
            });
        }

        Optional<Double> number(String key) {
            return string(key).flatMap(v -> {
                try {
                    return Optional.of(Double.parseDouble(v.strip()));
                } catch (NumberFormatException e) {
                    problem(get(key).get().location(), path(key), "expected a number, found '" + v + "'");
                    return Optional.empty();
                }
            });
        }

        Optional<Boolean> bool(String key) {
            return string(key).flatMap(v -> switch (v.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> Optional.of(true);
                case "false", "no", "off" -> Optional.of(false);
                default -> {
                    problem(get(key).get().location(), path(key), "expected true or false, found '" + v + "'");
                    yield Optional.empty();
                }
            });
        }

        boolean bool(String key, boolean defaultValue) {
            return bool(key).orElse(defaultValue);
        }

        /** One of the constants, written in lower case with hyphens ({@code note-and-task}). */
        <E extends Enum<E>> Optional<E> choice(String key, Class<E> type) {
            return string(key).flatMap(v -> parseChoice(v, type, get(key).get().location(), path(key)));
        }

        /** A list of scalars; a single scalar counts as a list of one, and "a, b" as two. */
        List<String> strings(String key) {
            Optional<Node> n = get(key);
            if (n.isEmpty()) {
                return List.of();
            }
            return scalars(n.get(), path(key));
        }

        /** A list of nodes; a single scalar counts as a list of one, a map is a problem ("expected a list"). */
        List<Node> list(String key, String what) {
            Optional<Node> n = get(key);
            if (n.isEmpty()) {
                return List.of();
            }
            return Binder.this.list(n.get(), path(key), what);
        }
    }

    List<String> scalars(Node n, String path) {
        if (n instanceof Node.ScalarNode s) {
            return Arrays.stream(s.text().split(","))
                    .map(String::strip)
                    .filter(x -> !x.isEmpty())
                    .toList();
        }
        if (n instanceof Node.ListNode l) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < l.items().size(); i++) {
                Node item = l.items().get(i);
                if (item instanceof Node.ScalarNode s) {
                    out.add(s.text().strip());
                } else {
                    problem(item.location(), path + "[" + i + "]", "expected a single value, found " + item.describe());
                }
            }
            return out;
        }
        problem(n.location(), path, "expected a list of values, found " + n.describe());
        return List.of();
    }

    Optional<Duration> parseDuration(String raw, Location at, String path) {
        String v = raw.strip().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.startsWith("p")) {
                d = Duration.parse(raw.strip());
            } else if (v.endsWith("ms")) {
                d = Duration.ofMillis(
                        Long.parseLong(v.substring(0, v.length() - 2).strip()));
            } else {
                long n = Long.parseLong(v.substring(0, v.length() - 1).strip());
                d = switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> throw new NumberFormatException(v);
                };
            }
            if (d.isNegative()) {
                problem(at, path, "expected a duration that is not negative, found '" + raw + "'");
                return Optional.empty();
            }
            return Optional.of(d);
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            problem(at, path, "expected a duration like 30m, 2h, 1d or PT30M, found '" + raw + "'" + spelled(raw));
            return Optional.empty();
        }
    }

    /** {@code 2 hours}: the short form it means. */
    private static String spelled(String raw) {
        Matcher m = SPELLED_DURATION.matcher(raw);
        if (!m.matches()) {
            return "";
        }
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        String shortUnit = unit.startsWith("ms") || unit.startsWith("milli")
                ? "ms"
                : unit.startsWith("mi") || unit.equals("m") ? "m" : unit.substring(0, 1);
        return " (write " + m.group(1) + shortUnit + ")";
    }

    <E extends Enum<E>> Optional<E> parseChoice(String raw, Class<E> type, Location at, String path) {
        String v = raw.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (E e : type.getEnumConstants()) {
            if (kebab(e).equals(v)) {
                return Optional.of(e);
            }
        }
        Set<String> allowed = Arrays.stream(type.getEnumConstants())
                .map(Binder::kebab)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        problem(
                at,
                path,
                "expected one of " + String.join(", ", allowed) + ", found '" + raw + "'"
                        + suggestion(v, allowed)
                                .map(s -> " (did you mean '" + s + "'?)")
                                .orElse(""));
        return Optional.empty();
    }

    static String kebab(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** "unknown key 'acknowlegeWithin' (did you mean 'acknowledgeWithin'?)". */
    static String unknown(String key, Set<String> allowed) {
        return "unknown key '" + key + "'"
                + suggestion(key, allowed)
                        .map(s -> " (did you mean '" + s + "'?)")
                        .orElse("; known keys: " + String.join(", ", allowed));
    }

    /** The nearest allowed word, when it is near enough to be a likely typo. */
    static Optional<String> suggestion(String word, Set<String> allowed) {
        return DidYouMean.closest(word, allowed);
    }
}
