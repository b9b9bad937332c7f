package dev.handover.core.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A day without working hours.
 *
 * @param date the day
 * @param name what it is, for people (may be empty)
 */
public record Holiday(LocalDate date, String name) implements Comparable<Holiday> {
    /** Validates the components. */
    public Holiday {
        Objects.requireNonNull(date, "holiday date");
        Objects.requireNonNull(name, "holiday name");
    }

    @Override
    public int compareTo(Holiday o) {
        return date.compareTo(o.date);
    }
}
