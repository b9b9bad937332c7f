package dev.handover.spi.model;

import dev.handover.spi.internal.Checks;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * A recurring working shift in the agent's own time zone. A shift whose end is not after its start crosses midnight:
 * {@code MONDAY 22:00–06:00} runs from Monday night into Tuesday morning; the days name the day the shift starts.
 *
 * @param days the weekdays on which the shift starts; at least one
 * @param start local start time
 * @param end local end time; equal to start is refused (use two shifts for round-the-clock cover)
 */
public record Shift(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

    /** Validates and copies the days. */
    public Shift {
        Checks.notNull(days, "shift days");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("shift days must name at least one weekday");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
        Checks.notNull(start, "shift start");
        Checks.notNull(end, "shift end");
        if (start.equals(end)) {
            throw new IllegalArgumentException(
                    "shift start and end are both " + start + ": a shift must have a length");
        }
    }

    /** A shift on the given days. */
    public static Shift of(Collection<DayOfWeek> days, LocalTime start, LocalTime end) {
        return new Shift(EnumSet.copyOf(days), start, end);
    }

    /** A Monday-to-Friday shift. */
    public static Shift weekdays(LocalTime start, LocalTime end) {
        return new Shift(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), start, end);
    }

    /** True when the shift ends on the day after it starts. */
    public boolean crossesMidnight() {
        return !end.isAfter(start);
    }
}
