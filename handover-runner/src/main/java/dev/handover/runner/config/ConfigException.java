package dev.handover.runner.config;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A configuration that cannot be used, with every problem found: each names the file, line and column, the key, what
 * was expected and what was found. Secret values never appear in the messages.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The problems, in file order. */
    private final transient List<Problem> problems;

    /**
     * One problem.
     *
     * @param at where
     * @param key the key's path ({@code policy.rules[0].to}), or empty for the whole file
     * @param message what is wrong
     */
    public record Problem(Location at, String key, String message) {
        /** Validates. */
        public Problem {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String toString() {
            return at + ": " + (key.isEmpty() ? "" : key + ": ") + message;
        }
    }

    /** The problems found. */
    public ConfigException(List<Problem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    private static String describe(List<Problem> problems) {
        List<Problem> sorted =
                problems.stream().sorted((a, b) -> a.at().compareTo(b.at())).toList();
        if (sorted.size() == 1) {
            return sorted.get(0).toString();
        }
        return sorted.size() + " problems in the configuration:\n"
                + sorted.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }

    /** The problems found, in file order. */
    public List<Problem> problems() {
        return problems.stream().sorted((a, b) -> a.at().compareTo(b.at())).toList();
    }
}
