package dev.handover.core.rendering;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** Times in notes: UTC, with the owner's local time beside it when it differs. */
final class Times {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern(
                    "EEE d MMM uuuu HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT =
            DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Times() {}

    /** "Mon 2 Mar 2026 14:00 UTC (15:00 Europe/Berlin)". */
    static String format(Instant at, Optional<ZoneId> zone) {
        String utc = UTC.format(at);
        if (zone.isEmpty()
                || zone.get().getRules().getOffset(at).equals(ZoneOffset.UTC)
                        && zone.get().equals(ZoneOffset.UTC)) {
            return utc;
        }
        return utc + " (" + LOCAL.format(at.atZone(zone.get())) + " "
                + zone.get().getId() + ")";
    }

    /** "2 Mar 09:12". */
    static String shortUtc(Instant at) {
        return SHORT.format(at);
    }
}
