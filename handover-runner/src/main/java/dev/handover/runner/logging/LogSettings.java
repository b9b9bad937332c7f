package dev.handover.runner.logging;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How the process logs.
 *
 * @param format {@code kv} or {@code json}
 * @param level the least severe level written
 * @param levelChosen whether someone chose the level (option or variable): a command that quiets the engine's lines
 *     (the demo's timeline) leaves a chosen level alone
 */
public record LogSettings(LogFormat format, LogLevel level, boolean levelChosen) {
    /** The variable that sets the format when {@code --log-format} is not given. */
    public static final String FORMAT_VARIABLE = "HANDOVER_LOG_FORMAT";
    /** The variable that sets the level when {@code --log-level} is not given. */
    public static final String LEVEL_VARIABLE = "HANDOVER_LOG_LEVEL";

    /** Validates. */
    public LogSettings {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(level, "level");
    }

    /** {@code key=value} lines at {@code info}. */
    public static LogSettings defaults() {
        return new LogSettings(LogFormat.KV, LogLevel.INFO, false);
    }

    /**
     * The options where given, else the variables where set, else the defaults.
     *
     * @param format {@code --log-format} as given, or null
     * @param level {@code --log-level} as given, or null
     * @param env the environment ({@code HANDOVER_LOG_FORMAT}, {@code HANDOVER_LOG_LEVEL})
     * @throws IllegalArgumentException naming the option or variable whose value is not a format or level
     */
    public static LogSettings resolve(String format, String level, Function<String, String> env) {
        LogFormat f = Optional.ofNullable(format)
                .map(v -> LogFormat.parse(v, "--log-format"))
                .or(() -> variable(env, FORMAT_VARIABLE).map(v -> LogFormat.parse(v, FORMAT_VARIABLE)))
                .orElse(LogFormat.KV);
        Optional<LogLevel> l = Optional.ofNullable(level)
                .map(v -> LogLevel.parse(v, "--log-level"))
                .or(() -> variable(env, LEVEL_VARIABLE).map(v -> LogLevel.parse(v, LEVEL_VARIABLE)));
        return new LogSettings(f, l.orElse(LogLevel.INFO), l.isPresent());
    }

    /** A variable set to something other than blanks. */
    private static Optional<String> variable(Function<String, String> env, String name) {
        return Optional.ofNullable(env.apply(name)).filter(v -> !v.isBlank());
    }
}
