package dev.handover.runner.report;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The buckets of the chart over time, chosen so that the axis fits the period: hours for up to two days, days for up
 * to six weeks, ISO weeks (from Monday) for up to 26 weeks, months beyond. Bucket boundaries are in the team's zone;
 * the first bucket is the one the span starts in, the last the one it ends in.
 */
final class Buckets {
    /** The unit of a bucket and the longest span it is used for. */
    enum Unit {
        HOUR("hour", Duration.ofDays(2)),
        DAY("day", Duration.ofDays(42)),
        WEEK("week", Duration.ofDays(26 * 7)),
        MONTH("month", null);

        private final String key;
        private final Duration upTo;

        Unit(String key, Duration upTo) {
            this.key = key;
            this.upTo = upTo;
        }

        String key() {
            return key;
        }
    }

    private static final DateTimeFormatter HOUR_LABEL = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH_LABEL = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

    private final Unit unit;
    private final Instant[] starts;
    private final List<ZonedDateTime> local;

    private Buckets(Unit unit, List<ZonedDateTime> local) {
        this.unit = unit;
        this.local = List.copyOf(local);
        this.starts = local.stream().map(ZonedDateTime::toInstant).toArray(Instant[]::new);
    }

    /** The unit for a span of this length. */
    static Unit unit(Duration span) {
        for (Unit u : Unit.values()) {
            if (u.upTo == null || span.compareTo(u.upTo) <= 0) {
                return u;
            }
        }
        return Unit.MONTH;
    }

    /** The buckets covering {@code [start, end)} in the zone. */
    static Buckets of(Instant start, Instant end, ZoneId zone) {
        Unit unit = unit(Duration.between(start, end));
        List<ZonedDateTime> out = new ArrayList<>();
        for (ZonedDateTime b = floor(start.atZone(zone), unit); b.toInstant().isBefore(end); b = next(b, unit)) {
            out.add(b);
        }
        return new Buckets(unit, out);
    }

    private static ZonedDateTime floor(ZonedDateTime t, Unit unit) {
        return switch (unit) {
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case DAY -> t.toLocalDate().atStartOfDay(t.getZone());
            case WEEK ->
                t.toLocalDate()
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                        .atStartOfDay(t.getZone());
            case MONTH -> t.toLocalDate().withDayOfMonth(1).atStartOfDay(t.getZone());
        };
    }

    private static ZonedDateTime next(ZonedDateTime b, Unit unit) {
        return switch (unit) {
            // on the time line: a day with a clock change has 23 or 25 hour buckets, none repeated or skipped
            case HOUR -> b.plusHours(1);
            case DAY -> b.toLocalDate().plusDays(1).atStartOfDay(b.getZone());
            case WEEK -> b.toLocalDate().plusWeeks(1).atStartOfDay(b.getZone());
            case MONTH -> b.toLocalDate().plusMonths(1).atStartOfDay(b.getZone());
        };
    }

    Unit unit() {
        return unit;
    }

    int size() {
        return starts.length;
    }

    /** The bucket an instant of the span falls in. */
    int index(Instant at) {
        int i = Arrays.binarySearch(starts, at);
        return i >= 0 ? i : Math.max(0, -i - 2);
    }

    /** The bucket's start in the zone, ISO: {@code 2026-03-02T09:00+01:00}, {@code 2026-03-02}, {@code 2026-W10}, {@code 2026-03}. */
    String key(int i) {
        ZonedDateTime b = local.get(i);
        LocalDate d = b.toLocalDate();
        return switch (unit) {
            case HOUR -> b.toOffsetDateTime().toString();
            case DAY -> d.toString();
            case WEEK ->
                String.format(
                        Locale.ROOT,
                        "%d-W%02d",
                        d.get(IsoFields.WEEK_BASED_YEAR),
                        d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> d.toString().substring(0, 7);
        };
    }

    /** What the axis shows: "09:00", "2 Mar", "W10 · 2 Mar", "Mar 2026". */
    String label(int i) {
        ZonedDateTime b = local.get(i);
        return switch (unit) {
            case HOUR -> HOUR_LABEL.format(b);
            case DAY -> DAY_LABEL.format(b);
            case WEEK -> "W" + b.toLocalDate().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) + " · " + DAY_LABEL.format(b);
            case MONTH -> MONTH_LABEL.format(b);
        };
    }
}
