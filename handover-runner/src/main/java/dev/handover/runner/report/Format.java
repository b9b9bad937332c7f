package dev.handover.runner.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How figures read in the text and HTML renderings: percentages, durations, dates and times in the team's zone. */
final class Format {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEE", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private Format() {}

    /** "30%", "<1%" for a small non-zero share, "–" when there is no whole. */
    static String percent(long part, long whole) {
        if (whole == 0) {
            return "–";
        }
        long p = Math.round(100.0 * part / whole);
        return p == 0 && part > 0 ? "<1%" : p + "%";
    }

    /** "45 s", "12 min", "1 h 40 min", "2 d 3 h". */
    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        long m = d.toMinutes();
        if (m < 60) {
            return m + " min";
        }
        if (m < 24 * 60) {
            return m / 60 + " h" + (m % 60 == 0 ? "" : " " + m % 60 + " min");
        }
        long h = d.toHours();
        return h / 24 + " d" + (h % 24 == 0 ? "" : " " + h % 24 + " h");
    }

    /** The period in words: "Mon 2 Mar 2026 – Sun 8 Mar 2026 (UTC)"; the end is the last day included. */
    static String period(Instant from, Instant until) {
        return period(from, until, ZoneOffset.UTC);
    }

    /** The period in words, its days those of the zone, which is named: "Mon 2 Mar 2026 (Europe/Berlin)". */
    static String period(Instant from, Instant until, ZoneId zone) {
        String first = day(from, zone);
        String last = day(until.minusNanos(1), zone);
        return (first.equals(last) ? first : first + " – " + last) + " (" + zone(zone) + ")";
    }

    /** The zone's name as the report shows it: "UTC" for UTC, else its id ("Europe/Berlin"). */
    static String zone(ZoneId zone) {
        return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    private static String day(Instant at, ZoneId zone) {
        if (at.isBefore(Instant.parse("0001-01-01T00:00:00Z")) || at.isAfter(Instant.parse("9999-12-31T00:00:00Z"))) {
            return "open";
        }
        return DAY.format(LocalDate.ofInstant(at, zone));
    }

    /** "2 Mar". */
    static String shortDay(LocalDate date) {
        return SHORT_DAY.format(date);
    }

    /** "Mon". */
    static String weekday(LocalDate date) {
        return WEEKDAY.format(date);
    }

    /** "8 Mar 2026 17:05 UTC". */
    static String time(Instant at) {
        return time(at, ZoneOffset.UTC);
    }

    /** "8 Mar 2026 18:05 Europe/Berlin": the time in the zone, named. */
    static String time(Instant at, ZoneId zone) {
        return TIME.format(at.atZone(zone)) + " " + zone(zone);
    }

    /** "Sun 8 Mar 18:05": the time in the zone, for rows under a header that names the zone. */
    static String shortTime(Instant at, ZoneId zone) {
        return SHORT_TIME.format(at.atZone(zone));
    }

    /** "1 handover", "2 handovers". */
    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** The text with its first letter upper case. */
    static String capitalized(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    /**
     * At most {@code max} characters, the last an ellipsis when cut; never cuts a character outside the BMP (an emoji)
     * in half, which would make the text unwritable as UTF-8.
     */
    static String shorten(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }
}
