package dev.handover.core.calendar;

import dev.handover.spi.model.Shift;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Working hours in one time zone: weekly shifts (overnight shifts included) minus holidays. Answers the questions the
 * engine asks in business time: is it open now, when does it next open, when does the current period end, what is
 * {@code start} plus N business minutes, how much business time lies between two instants.
 *
 * <p>Local times are read in the calendar's zone, so a 09:00–17:00 day stays 09:00–17:00 across daylight-saving
 * changes (and is 7 or 9 hours long on the night the clocks change when it spans 01:00–03:00). A local start time that
 * does not exist (the spring-forward gap) moves forward by the gap, as {@link ZonedDateTime#of} does. A shift belongs
 * to the day it starts: a holiday removes the shifts that start on it.
 *
 * <p>Immutable and thread-safe. Computations look at most {@value #HORIZON_DAYS} days ahead; a calendar with no open
 * time in that horizon is "never open".
 */
public final class BusinessCalendar {
    /** How far ahead the calendar searches for open time. */
    public static final int HORIZON_DAYS = 731;

    private static final BusinessCalendar ALWAYS = new BusinessCalendar(ZoneOffset.UTC, List.of(), Set.of(), true);

    private final ZoneId zone;
    private final List<Shift> shifts;
    private final Set<LocalDate> holidays;
    private final boolean always;

    private BusinessCalendar(ZoneId zone, List<Shift> shifts, Set<LocalDate> holidays, boolean always) {
        this.zone = zone;
        this.shifts = List.copyOf(shifts);
        this.holidays = Set.copyOf(holidays);
        this.always = always;
    }

    /** Open around the clock, every day: for teams without working hours. */
    public static BusinessCalendar always() {
        return ALWAYS;
    }

    /** A calendar of these shifts and holidays in this zone; at least one shift. */
    public static BusinessCalendar of(ZoneId zone, Collection<Shift> shifts, Collection<LocalDate> holidays) {
        Objects.requireNonNull(zone, "zone");
        if (Objects.requireNonNull(shifts, "shifts").isEmpty()) {
            throw new IllegalArgumentException("a business calendar needs at least one shift; use always() for 24/7");
        }
        return new BusinessCalendar(zone, List.copyOf(shifts), Set.copyOf(holidays), false);
    }

    /** A builder for a calendar in this zone. */
    public static Builder builder(ZoneId zone) {
        return new Builder(zone);
    }

    /** The zone local times are read in. */
    public ZoneId zone() {
        return zone;
    }

    /** The weekly shifts; empty for an always-open calendar. */
    public List<Shift> shifts() {
        return shifts;
    }

    /** The holidays. */
    public Set<LocalDate> holidays() {
        return holidays;
    }

    /** True when open around the clock. */
    public boolean isAlwaysOpen() {
        return always;
    }

    /** The same hours with these holidays added. */
    public BusinessCalendar withHolidays(Collection<LocalDate> more) {
        if (always || more.isEmpty()) {
            return this;
        }
        TreeSet<LocalDate> all = new TreeSet<>(holidays);
        all.addAll(more);
        return new BusinessCalendar(zone, shifts, all, false);
    }

    /** True when the instant lies in working time. */
    public boolean isOpen(Instant at) {
        return periodAt(at).isPresent();
    }

    /** The open period that contains this instant. */
    public Optional<Period> periodAt(Instant at) {
        if (always) {
            return Optional.of(new Period(Instant.MIN, Instant.MAX));
        }
        for (Period p : periodsFrom(at, 3)) {
            if (p.contains(at)) {
                return Optional.of(p);
            }
            if (p.start().isAfter(at)) {
                break;
            }
        }
        return Optional.empty();
    }

    /** The instant itself when open, else the start of the next open period; empty when never open. */
    public Optional<Instant> nextOpen(Instant at) {
        if (always) {
            return Optional.of(at);
        }
        return firstPeriodEndingAfter(at).map(p -> p.contains(at) ? at : p.start());
    }

    /** The first instant at or after {@code at} at which the calendar is closed. */
    public Instant nextClose(Instant at) {
        if (always) {
            return Instant.MAX;
        }
        return periodAt(at).map(Period::end).orElse(at);
    }

    /**
     * The instant reached by adding this much working time to {@code start}: "due in 4 business hours". Zero returns
     * the next open instant, so a deadline never falls in closed time.
     *
     * @throws IllegalStateException when the calendar has no open time within the horizon
     */
    public Instant plus(Instant start, Duration businessTime) {
        Objects.requireNonNull(start, "start");
        if (Objects.requireNonNull(businessTime, "business time").isNegative()) {
            throw new IllegalArgumentException("business time must not be negative, was " + businessTime);
        }
        if (always) {
            return start.plus(businessTime);
        }
        Duration left = businessTime;
        Instant cursor = start;
        LocalDate day = cursor.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = day.plusDays(HORIZON_DAYS);
        while (!day.isAfter(last)) {
            for (Period p : periodsOn(day)) {
                if (!p.end().isAfter(cursor)) {
                    continue;
                }
                Instant from = p.start().isAfter(cursor) ? p.start() : cursor;
                Duration available = Duration.between(from, p.end());
                if (available.compareTo(left) >= 0 && !(left.isZero() && available.isZero())) {
                    return from.plus(left);
                }
                left = left.minus(available);
                cursor = p.end();
            }
            day = day.plusDays(1);
        }
        throw new IllegalStateException("calendar " + this + " has no working time within " + HORIZON_DAYS + " days");
    }

    /**
     * The instant from which this much working time is left before {@code end}: "two business hours before the
     * deadline". Counted back through closed time, so a deadline on Monday 10:00 with hours 09:00–17:00 and two hours
     * gives Friday 16:00 — never a moment after {@code end}. A positive amount always lands in working time.
     *
     * @throws IllegalStateException when the calendar has too little working time within the horizon before
     *     {@code end}
     */
    public Instant minus(Instant end, Duration businessTime) {
        Objects.requireNonNull(end, "end");
        if (Objects.requireNonNull(businessTime, "business time").isNegative()) {
            throw new IllegalArgumentException("business time must not be negative, was " + businessTime);
        }
        if (always) {
            return end.minus(businessTime);
        }
        Duration left = businessTime;
        Instant cursor = end;
        LocalDate day = end.atZone(zone).toLocalDate();
        LocalDate first = day.minusDays(HORIZON_DAYS);
        while (!day.isBefore(first)) {
            List<Period> periods = periodsOn(day);
            for (int i = periods.size() - 1; i >= 0; i--) {
                Period p = periods.get(i);
                if (!p.start().isBefore(cursor)) {
                    continue;
                }
                Instant to = p.end().isBefore(cursor) ? p.end() : cursor;
                Duration available = Duration.between(p.start(), to);
                if (available.compareTo(left) > 0) {
                    return to.minus(left);
                }
                left = left.minus(available);
                cursor = p.start();
                if (left.isZero()) {
                    return cursor;
                }
            }
            day = day.minusDays(1);
        }
        throw new IllegalStateException(
                "calendar " + this + " has no working time within " + HORIZON_DAYS + " days before " + end);
    }

    /**
     * The last working moment at or before {@code at}: {@code at} itself in working time or at a period's close, else
     * the close of the last working period before it (a deadline on Saturday 10:00 with weekday hours 09:00–17:00
     * gives Friday 17:00).
     *
     * @throws IllegalStateException when the calendar has no working time within the horizon before {@code at}
     */
    public Instant lastWorkingMoment(Instant at) {
        return minus(at, Duration.ZERO);
    }

    /** The working time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (always) {
            return Duration.between(from, to);
        }
        Duration total = Duration.ZERO;
        LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate();
        Instant counted = from;
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            for (Period p : periodsOn(day)) {
                Instant s = max(max(p.start(), from), counted);
                Instant e = min(p.end(), to);
                if (e.isAfter(s)) {
                    total = total.plus(Duration.between(s, e));
                    counted = e;
                }
            }
        }
        return total;
    }

    /**
     * The open periods that end after {@code from}, in order, at most {@code limit} of them, merged where shifts
     * touch or overlap.
     */
    public List<Period> periodsFrom(Instant from, int limit) {
        if (always) {
            return List.of(new Period(Instant.MIN, Instant.MAX));
        }
        List<Period> out = new ArrayList<>();
        LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = day.plusDays(HORIZON_DAYS);
        while (out.size() < limit && !day.isAfter(last)) {
            for (Period p : periodsOn(day)) {
                if (!p.end().isAfter(from)) {
                    continue;
                }
                if (!out.isEmpty() && !p.start().isAfter(out.get(out.size() - 1).end())) {
                    Period prev = out.remove(out.size() - 1);
                    out.add(new Period(prev.start(), max(prev.end(), p.end())));
                } else {
                    out.add(p);
                }
            }
            day = day.plusDays(1);
        }
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    private Optional<Period> firstPeriodEndingAfter(Instant at) {
        List<Period> p = periodsFrom(at, 1);
        return p.isEmpty() ? Optional.empty() : Optional.of(p.get(0));
    }

    /** The periods of the shifts that start on this local date, sorted, merged where they overlap. */
    private List<Period> periodsOn(LocalDate day) {
        if (holidays.contains(day)) {
            return List.of();
        }
        DayOfWeek dow = day.getDayOfWeek();
        List<Period> out = new ArrayList<>(2);
        for (Shift s : shifts) {
            if (!s.days().contains(dow)) {
                continue;
            }
            Instant start = ZonedDateTime.of(day, s.start(), zone).toInstant();
            LocalDate endDay = s.crossesMidnight() ? day.plusDays(1) : day;
            Instant end = ZonedDateTime.of(endDay, s.end(), zone).toInstant();
            if (end.isAfter(start)) {
                out.add(new Period(start, end));
            }
        }
        if (out.size() > 1) {
            out.sort(Comparator.comparing(Period::start));
            List<Period> merged = new ArrayList<>();
            for (Period p : out) {
                if (!merged.isEmpty()
                        && !p.start().isAfter(merged.get(merged.size() - 1).end())) {
                    Period prev = merged.remove(merged.size() - 1);
                    merged.add(new Period(prev.start(), max(prev.end(), p.end())));
                } else {
                    merged.add(p);
                }
            }
            return merged;
        }
        return out;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** In words: {@code Mon–Fri 09:00–17:00 Europe/London, 3 holidays}. */
    public String describe() {
        if (always) {
            return "around the clock, every day";
        }
        String hours = shifts.stream().map(BusinessCalendar::describe).collect(Collectors.joining(", "));
        return hours + " " + zone.getId()
                + (holidays.isEmpty() ? "" : ", " + holidays.size() + " holiday" + (holidays.size() == 1 ? "" : "s"));
    }

    static String describe(Shift s) {
        EnumSet<DayOfWeek> weekdays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        String days = s.days().equals(weekdays)
                ? "Mon–Fri"
                : s.days().equals(EnumSet.allOf(DayOfWeek.class))
                        ? "every day"
                        : s.days().stream()
                                .sorted()
                                .map(d -> d.name().charAt(0)
                                        + d.name().substring(1, 3).toLowerCase(java.util.Locale.ROOT))
                                .collect(Collectors.joining(","));
        return days + " " + s.start() + "–" + s.end();
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + describe() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BusinessCalendar c
                && c.always == always
                && c.zone.equals(zone)
                && c.shifts.equals(shifts)
                && c.holidays.equals(holidays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, shifts, holidays, always);
    }

    /**
     * An open period, start inclusive, end exclusive.
     *
     * @param start first open instant
     * @param end first closed instant
     */
    public record Period(Instant start, Instant end) {
        /** Validates the order. */
        public Period {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (end.isBefore(start)) {
                throw new IllegalArgumentException("period ends before it starts: " + start + " – " + end);
            }
        }

        /** True when the instant lies in the period. */
        public boolean contains(Instant at) {
            return !at.isBefore(start) && at.isBefore(end);
        }
    }

    /** Builds a {@link BusinessCalendar}. */
    public static final class Builder {
        private final ZoneId zone;
        private final List<Shift> shifts = new ArrayList<>();
        private final TreeSet<LocalDate> holidays = new TreeSet<>();

        private Builder(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
        }

        /** Adds working hours on these days; an end not after the start runs past midnight. */
        public Builder hours(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
            shifts.add(new Shift(days, start, end));
            return this;
        }

        /** Adds Monday–Friday working hours. */
        public Builder weekdays(LocalTime start, LocalTime end) {
            shifts.add(Shift.weekdays(start, end));
            return this;
        }

        /** Adds a shift. */
        public Builder shift(Shift shift) {
            shifts.add(Objects.requireNonNull(shift, "shift"));
            return this;
        }

        /** Adds a holiday. */
        public Builder holiday(LocalDate day) {
            holidays.add(Objects.requireNonNull(day, "holiday"));
            return this;
        }

        /** Adds holidays. */
        public Builder holidays(Collection<LocalDate> days) {
            days.forEach(this::holiday);
            return this;
        }

        /** The calendar; needs at least one shift. */
        public BusinessCalendar build() {
            return BusinessCalendar.of(zone, shifts, holidays);
        }
    }
}
