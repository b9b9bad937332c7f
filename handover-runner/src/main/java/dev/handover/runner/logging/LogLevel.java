package dev.handover.runner.logging;

import ch.qos.logback.classic.Level;
import java.util.Locale;

/** The least severe level written: {@code debug}, {@code info} (the default), {@code warn} or {@code error}. */
public enum LogLevel {
    /** Everything, including the libraries' detail (Jersey's java.util.logging FINE and up). */
    DEBUG(Level.DEBUG),
    /** What the worker did: passes, listening, stops. */
    INFO(Level.INFO),
    /** Only what needs a look: refused deliveries, given-up tickets, failures. */
    WARN(Level.WARN),
    /** Only failures. */
    ERROR(Level.ERROR);

    private final Level level;

    LogLevel(Level level) {
        this.level = level;
    }

    Level logback() {
        return level;
    }

    /** The name as written on the command line and in {@code HANDOVER_LOG_LEVEL}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The level of this name, in any case ({@code warning} is taken for {@code warn}).
     *
     * @param where the option or variable the name came from, for the message
     * @throws IllegalArgumentException naming {@code where}, the value and the names allowed
     */
    public static LogLevel parse(String value, String where) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("warning")) {
            return WARN;
        }
        for (LogLevel l : values()) {
            if (l.key().equals(v)) {
                return l;
            }
        }
        throw new IllegalArgumentException(
                where + ": '" + value + "' is not a log level; use debug, info, warn or error");
    }
}
