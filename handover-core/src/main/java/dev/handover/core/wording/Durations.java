package dev.handover.core.wording;

import java.time.Duration;

/** Durations in words: {@code 2 h 30 min}, {@code 45 min}, {@code 3 d}. */
public final class Durations {
    private Durations() {}

    /** A duration in words, to the minute. */
    public static String describe(Duration d) {
        long minutes = d.toMinutes();
        if (minutes == 0) {
            return d.toSeconds() + " s";
        }
        long days = minutes / (60 * 24);
        long hours = (minutes / 60) % 24;
        long mins = minutes % 60;
        StringBuilder sb = new StringBuilder();
        if (days > 0) {
            sb.append(days).append(" d");
        }
        if (hours > 0) {
            sb.append(sb.length() > 0 ? " " : "").append(hours).append(" h");
        }
        if (mins > 0) {
            sb.append(sb.length() > 0 ? " " : "").append(mins).append(" min");
        }
        return sb.toString();
    }
}
