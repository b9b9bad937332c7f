package dev.handover.runner.logging;

import java.util.Locale;

/** How a log line is written: {@code key=value} pairs ({@code kv}, the default) or one JSON object a line. */
public enum LogFormat {
    /** {@code ts=… level=INFO logger=handover.worker msg=pass polled=3}: for people and for logfmt parsers. */
    KV,
    /** {@code {"ts":"…","level":"INFO","logger":"handover.worker","msg":"pass","polled":"3"}}: for log shippers. */
    JSON;

    /** The name as written on the command line and in {@code HANDOVER_LOG_FORMAT}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format of this name, in any case.
     *
     * @param where the option or variable the name came from, for the message
     * @throws IllegalArgumentException naming {@code where}, the value and the names allowed
     */
    public static LogFormat parse(String value, String where) {
        for (LogFormat f : values()) {
            if (f.key().equalsIgnoreCase(value.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                where + ": '" + value + "' is not a log format; use kv (key=value, the default) or json");
    }
}
