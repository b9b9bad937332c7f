package dev.handover.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.spi.model.Absence;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Presence;
import dev.handover.spi.model.Shift;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

final class AvailabilityTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Instant MONDAY_10 = Instant.parse("2026-03-09T10:00:00Z");

    private final Availability availability = new Availability(
            a -> a.shifts().isEmpty()
                    ? BusinessCalendar.always()
                    : BusinessCalendar.of(a.timeZone(), a.shifts(), List.of()),
            true);

    private static Agent.Builder agent(LocalTime start, LocalTime end) {
        return Agent.builder(AgentId.of("jonas")).timeZone(LONDON).shift(Shift.weekdays(start, end));
    }

    @Test
    void onShiftIsAvailableNow() {
        var v = availability.check(
                agent(LocalTime.of(9, 0), LocalTime.of(17, 0)).build(), MONDAY_10, MONDAY_10);
        assertThat(v.availableNow()).isTrue();
        assertThat(v.explanation()).isEqualTo("available now");
    }

    @Test
    void offShiftSaysUntilWhenAndWhetherThatIsInTime() {
        Agent late = agent(LocalTime.of(14, 0), LocalTime.of(22, 0)).build();
        var tooLate = availability.check(late, MONDAY_10, MONDAY_10.plusSeconds(3600));
        assertThat(tooLate.available()).isFalse();
        assertThat(tooLate.blocker()).contains(Availability.Blocker.OFF_SHIFT);
        assertThat(tooLate.explanation())
                .isEqualTo("off shift until Mon 9 Mar 14:00 Europe/London, after the deadline Mon 9 Mar 11:00 UTC");
        var inTime = availability.check(late, MONDAY_10, MONDAY_10.plusSeconds(5 * 3600));
        assertThat(inTime.available()).isTrue();
        assertThat(inTime.from()).contains(Instant.parse("2026-03-09T14:00:00Z"));
    }

    @Test
    void anAbsenceCoversShiftsAndSaysWhy() {
        Agent away = agent(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .absence(new Absence(
                        MONDAY_10.minusSeconds(3600), Instant.parse("2026-03-11T00:00:00Z"), "annual leave"))
                .build();
        var v = availability.check(away, MONDAY_10, MONDAY_10.plusSeconds(3600));
        assertThat(v.available()).isFalse();
        assertThat(v.blocker()).contains(Availability.Blocker.ABSENT);
        assertThat(v.explanation()).startsWith("absent (annual leave) until Wed 11 Mar 00:00 Europe/London");
        assertThat(v.from()).contains(Instant.parse("2026-03-11T09:00:00Z"));
    }

    @Test
    void inactiveAndSignedOutAgentsAreNotAvailableNow() {
        assertThat(availability
                        .check(
                                agent(LocalTime.of(9, 0), LocalTime.of(17, 0))
                                        .active(false)
                                        .build(),
                                MONDAY_10,
                                MONDAY_10)
                        .blocker())
                .contains(Availability.Blocker.INACTIVE);
        Agent away = agent(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .presence(Presence.OFFLINE)
                .build();
        var v = availability.check(away, MONDAY_10, MONDAY_10.plusSeconds(86_400));
        assertThat(v.blocker()).contains(Availability.Blocker.PRESENCE);
        assertThat(v.from()).contains(Instant.parse("2026-03-10T09:00:00Z"));
    }

    @Test
    void knowsWhenTheCurrentShiftEnds() {
        assertThat(availability.shiftEnd(
                        agent(LocalTime.of(6, 0), LocalTime.of(14, 0)).build(), MONDAY_10))
                .contains(Instant.parse("2026-03-09T14:00:00Z"));
        assertThat(availability.shiftEnd(
                        agent(LocalTime.of(14, 0), LocalTime.of(22, 0)).build(), MONDAY_10))
                .isEmpty();
    }
}
