package dev.handover.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ICalendarHolidaysTest {
    private static final String FEED = String.join(
            "\r\n",
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//UK Gov//Bank Holidays//EN",
            "BEGIN:VEVENT",
            "DTSTART;VALUE=DATE:20261225",
            "DTEND;VALUE=DATE:20261226",
            "SUMMARY:Christmas Day",
            "RRULE:FREQ=YEARLY;COUNT=3",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "DTSTART;VALUE=DATE:20260403",
            "DTEND;VALUE=DATE:20260404",
            "SUMMARY:Good Friday\\, bank",
            "  holiday",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "DTSTART;VALUE=DATE:20260824",
            "DTEND;VALUE=DATE:20260826",
            "SUMMARY:Team offsite",
            "END:VEVENT",
            "END:VCALENDAR");

    @Test
    void readsAllDayEventsRulesAndFoldedLines() {
        List<Holiday> holidays = ICalendarHolidays.read(new StringReader(FEED), "uk.ics", 2030);
        assertThat(holidays)
                .extracting(Holiday::date)
                .containsExactly(
                        LocalDate.of(2026, 4, 3),
                        LocalDate.of(2026, 8, 24),
                        LocalDate.of(2026, 8, 25),
                        LocalDate.of(2026, 12, 25),
                        LocalDate.of(2027, 12, 25),
                        LocalDate.of(2028, 12, 25));
        assertThat(holidays.get(0).name()).isEqualTo("Good Friday, bank holiday");
    }

    @Test
    void errorsNameTheFileAndLine() {
        String bad = "BEGIN:VEVENT\nDTSTART;VALUE=DATE:2026-12\nEND:VEVENT\n";
        assertThatThrownBy(() -> ICalendarHolidays.read(new StringReader(bad), "hol.ics", 2030))
                .hasMessage("hol.ics:2: expected a date like 20261225, found '2026-12'");
        assertThatThrownBy(() -> ICalendarHolidays.read(new StringReader("BEGIN:VEVENT\nSUMMARY:x\n"), "h.ics", 2030))
                .hasMessage("h.ics:1: BEGIN:VEVENT is never closed");
        assertThatThrownBy(() -> ICalendarHolidays.read(
                        new StringReader("BEGIN:VEVENT\nDTSTART:20260101\nRRULE:FREQ=WEEKLY\nEND:VEVENT"),
                        "h.ics",
                        2030))
                .hasMessageContaining("h.ics:3: only RRULE:FREQ=YEARLY");
    }
}
