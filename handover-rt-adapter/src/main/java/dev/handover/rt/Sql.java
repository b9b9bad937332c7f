package dev.handover.rt;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.stream.Collectors;

/** TicketSQL and REST 2.0 values: quoting, dates, and the margin every date condition needs. */
final class Sql {
    /**
     * RT reads a date in TicketSQL in the API user's time zone (RT::Date "unknown" format), which the API does not
     * report; a condition is widened by the largest UTC offset there is and the exact comparison is made here.
     */
    static final Duration MARGIN = Duration.ofHours(15);

    private static final DateTimeFormatter SQL_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private Sql() {}

    /** A single-quoted TicketSQL string. */
    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A date RT stores as given, in UTC ({@code YYYY-MM-DD HH:MM:SS}), as ticket creation and updates take it. */
    static String date(Instant instant) {
        return SQL_DATE.format(instant);
    }

    /** {@code (field = 'a' OR field = 'b')}. */
    static String anyOf(String field, Collection<String> values) {
        return values.stream().map(v -> field + " = " + quote(v)).collect(Collectors.joining(" OR ", "(", ")"));
    }

    /** {@code (id = 1 OR id = 2)} for numeric ids. */
    static String ids(String field, Collection<String> ids) {
        return ids.stream().map(v -> field + " = " + v).collect(Collectors.joining(" OR ", "(", ")"));
    }

    /** An instant RT sent ({@code 2026-03-02T09:00:00Z}); RT's unset date, the epoch, reads as null. */
    static Instant instant(String text) {
        if (text == null || text.isBlank() || text.startsWith("1970-01-01")) {
            return null;
        }
        return Instant.parse(text);
    }
}
