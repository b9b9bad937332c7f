package dev.handover.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.spi.model.Shift;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class BusinessCalendarTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static BusinessCalendar nineToFive(ZoneId zone) {
        return BusinessCalendar.builder(zone)
                .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .build();
    }

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void nineToFiveInLondonIsOpenAtLocalNineSummerAndWinter() {
        BusinessCalendar c = nineToFive(LONDON);
        assertThat(c.isOpen(at("2026-01-14T09:00:00Z"))).isTrue(); // GMT
        assertThat(c.isOpen(at("2026-07-15T08:00:00Z"))).isTrue(); // BST: 09:00 local
        assertThat(c.isOpen(at("2026-07-15T07:59:59Z"))).isFalse();
        assertThat(c.isOpen(at("2026-07-15T16:00:00Z"))).isFalse(); // 17:00 BST, closed (end exclusive)
    }

    @Test
    void addsBusinessMinutesOverTheWeekend() {
        BusinessCalendar c = nineToFive(LONDON);
        // Friday 2026-03-06 16:30 GMT + 60 business minutes = Monday 09:30
        assertThat(c.plus(at("2026-03-06T16:30:00Z"), Duration.ofMinutes(60))).isEqualTo(at("2026-03-09T09:30:00Z"));
        assertThat(c.between(at("2026-03-06T16:30:00Z"), at("2026-03-09T09:30:00Z")))
                .isEqualTo(Duration.ofMinutes(60));
    }

    @Test
    void addsAcrossTheSpringForwardInLondon() {
        BusinessCalendar c = nineToFive(LONDON);
        // Friday 27 March 2026 16:00 GMT; clocks go forward Sunday 29 March; Monday 09:00 is 08:00 UTC
        Instant friday = at("2026-03-27T16:00:00Z");
        assertThat(c.plus(friday, Duration.ofHours(2))).isEqualTo(at("2026-03-30T09:00:00Z")); // Mon 10:00 BST
        assertThat(c.nextOpen(at("2026-03-28T12:00:00Z"))).contains(at("2026-03-30T08:00:00Z"));
    }

    @Test
    void addsAcrossTheFallBackInNewYork() {
        BusinessCalendar c = nineToFive(NEW_YORK);
        // Friday 30 Oct 2026 16:00 EDT (20:00Z); clocks go back Sunday 1 Nov; Monday 09:00 EST is 14:00Z
        assertThat(c.plus(at("2026-10-30T20:00:00Z"), Duration.ofMinutes(90))).isEqualTo(at("2026-11-02T14:30:00Z"));
        assertThat(c.between(at("2026-10-30T13:00:00Z"), at("2026-11-02T22:00:00Z")))
                .isEqualTo(Duration.ofHours(16));
    }

    @Test
    void aNightShiftCrossingMidnightOnTheNightTheClocksChangeIsShorter() {
        BusinessCalendar night = BusinessCalendar.builder(LONDON)
                .hours(EnumSet.allOf(DayOfWeek.class), LocalTime.of(22, 0), LocalTime.of(6, 0))
                .build();
        // Saturday 28 March 22:00 GMT until Sunday 06:00 BST (05:00Z): 7 hours
        List<BusinessCalendar.Period> periods = night.periodsFrom(at("2026-03-28T12:00:00Z"), 1);
        assertThat(periods.get(0))
                .isEqualTo(new BusinessCalendar.Period(at("2026-03-28T22:00:00Z"), at("2026-03-29T05:00:00Z")));
        assertThat(night.isOpen(at("2026-03-29T02:30:00Z"))).isTrue();
        // 7 hours that night, the eighth in Sunday night's shift, which starts 22:00 BST = 21:00 UTC
        assertThat(night.plus(at("2026-03-28T22:00:00Z"), Duration.ofHours(8))).isEqualTo(at("2026-03-29T22:00:00Z"));
    }

    @Test
    void aHolidayRemovesTheShiftsStartingOnIt() {
        BusinessCalendar c = BusinessCalendar.builder(LONDON)
                .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .holiday(LocalDate.of(2026, 12, 25))
                .holiday(LocalDate.of(2026, 12, 28))
                .build();
        // Thursday 24 Dec 16:00 + 2h = Tuesday 29 Dec 10:00 (25th Friday holiday, weekend, 28th Monday holiday)
        assertThat(c.plus(at("2026-12-24T16:00:00Z"), Duration.ofHours(2))).isEqualTo(at("2026-12-29T10:00:00Z"));
        assertThat(c.isOpen(at("2026-12-25T10:00:00Z"))).isFalse();
    }

    @Test
    void anOvernightShiftBelongsToTheDayItStarts() {
        BusinessCalendar c = BusinessCalendar.builder(LONDON)
                .shift(Shift.weekdays(LocalTime.of(22, 0), LocalTime.of(6, 0)))
                .build();
        assertThat(c.isOpen(at("2026-03-07T03:00:00Z")))
                .as("Saturday 03:00, Friday night's shift")
                .isTrue();
        assertThat(c.isOpen(at("2026-03-08T03:00:00Z")))
                .as("Sunday 03:00, no Saturday shift")
                .isFalse();
        assertThat(c.isOpen(at("2026-03-09T03:00:00Z")))
                .as("Monday 03:00, no Sunday shift")
                .isFalse();
        assertThat(c.nextClose(at("2026-03-07T03:00:00Z"))).isEqualTo(at("2026-03-07T06:00:00Z"));
    }

    @Test
    void zeroBusinessTimeIsTheNextOpenInstant() {
        BusinessCalendar c = nineToFive(LONDON);
        assertThat(c.plus(at("2026-03-07T12:00:00Z"), Duration.ZERO)).isEqualTo(at("2026-03-09T09:00:00Z"));
        assertThat(c.plus(at("2026-03-09T12:00:00Z"), Duration.ZERO)).isEqualTo(at("2026-03-09T12:00:00Z"));
    }

    @Test
    void overlappingShiftsMergeIntoOnePeriod() {
        BusinessCalendar c = BusinessCalendar.builder(LONDON)
                .weekdays(LocalTime.of(6, 0), LocalTime.of(14, 0))
                .weekdays(LocalTime.of(14, 0), LocalTime.of(22, 0))
                .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .build();
        assertThat(c.periodAt(at("2026-03-09T13:59:00Z")))
                .contains(new BusinessCalendar.Period(at("2026-03-09T06:00:00Z"), at("2026-03-09T22:00:00Z")));
        assertThat(c.between(at("2026-03-09T00:00:00Z"), at("2026-03-10T00:00:00Z")))
                .isEqualTo(Duration.ofHours(16));
    }

    @Test
    void countsBusinessTimeBackOverTheWeekendAndAHoliday() {
        BusinessCalendar c = BusinessCalendar.builder(LONDON)
                .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .holiday(LocalDate.of(2026, 3, 6)) // Friday
                .build();
        // Monday 9 March 10:00 GMT, two business hours back: one on Monday, one before Thursday's close
        assertThat(c.minus(at("2026-03-09T10:00:00Z"), Duration.ofHours(2))).isEqualTo(at("2026-03-05T16:00:00Z"));
        // exactly what Monday morning holds: its opening
        assertThat(c.minus(at("2026-03-09T10:00:00Z"), Duration.ofHours(1))).isEqualTo(at("2026-03-09T09:00:00Z"));
        // from a Sunday deadline, back from Thursday's close (Friday is the holiday)
        assertThat(c.minus(at("2026-03-08T12:00:00Z"), Duration.ofMinutes(30))).isEqualTo(at("2026-03-05T16:30:00Z"));
        assertThat(c.minus(at("2026-03-09T10:00:00Z"), Duration.ZERO)).isEqualTo(at("2026-03-09T10:00:00Z"));
        assertThatThrownBy(() -> c.minus(at("2026-03-09T10:00:00Z"), Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A lunch break, an overnight Saturday shift and Thanksgiving: the awkward cases for counting business time. */
    private static BusinessCalendar splitDaysWithASaturdayNight() {
        return BusinessCalendar.builder(NEW_YORK)
                .weekdays(LocalTime.of(8, 0), LocalTime.of(12, 0))
                .weekdays(LocalTime.of(13, 0), LocalTime.of(18, 30))
                .shift(Shift.of(EnumSet.of(DayOfWeek.SATURDAY), LocalTime.of(22, 0), LocalTime.of(2, 0)))
                .holiday(LocalDate.of(2026, 11, 26))
                .build();
    }

    @Test
    void minusAndBetweenAgreeOnRandomInstants() {
        BusinessCalendar c = splitDaysWithASaturdayNight();
        Random r = new Random(7);
        Instant base = at("2026-10-20T00:00:00Z");
        for (int i = 0; i < 500; i++) {
            Instant end = base.plus(Duration.ofMinutes(r.nextInt(60 * 24 * 60)));
            Duration back = Duration.ofMinutes(1 + r.nextInt(60 * 40));
            Instant start = c.minus(end, back);
            assertThat(c.between(start, end))
                    .as("%s minus %s = %s", end, back, start)
                    .isEqualTo(back);
            assertThat(c.isOpen(start))
                    .as("%s minus %s = %s lies in working time", end, back, start)
                    .isTrue();
            assertThat(start).isBefore(end);
        }
    }

    @Test
    void plusAndBetweenAgreeOnRandomInstants() {
        BusinessCalendar c = splitDaysWithASaturdayNight();
        Random r = new Random(5);
        Instant base = at("2026-10-20T00:00:00Z");
        for (int i = 0; i < 500; i++) {
            Instant start = base.plus(Duration.ofMinutes(r.nextInt(60 * 24 * 60)));
            Duration add = Duration.ofMinutes(r.nextInt(60 * 40));
            Instant end = c.plus(start, add);
            assertThat(c.between(start, end))
                    .as("start %s plus %s = %s", start, add, end)
                    .isEqualTo(add);
            assertThat(end).isAfterOrEqualTo(start);
        }
    }

    @Test
    void alwaysOpenIsPlainArithmetic() {
        BusinessCalendar c = BusinessCalendar.always();
        assertThat(c.plus(at("2026-03-07T12:00:00Z"), Duration.ofHours(30))).isEqualTo(at("2026-03-08T18:00:00Z"));
        assertThat(c.describe()).isEqualTo("around the clock, every day");
    }

    @Test
    void refusesNegativeTimeAndEmptyCalendars() {
        assertThatThrownBy(() -> nineToFive(LONDON).plus(Instant.EPOCH, Duration.ofMinutes(-1)))
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> BusinessCalendar.builder(LONDON).build()).hasMessageContaining("at least one shift");
    }

    @Test
    void describesItself() {
        assertThat(nineToFive(LONDON)
                        .withHolidays(List.of(LocalDate.of(2026, 12, 25)))
                        .describe())
                .isEqualTo("Mon–Fri 09:00–17:00 Europe/London, 1 holiday");
    }
}
