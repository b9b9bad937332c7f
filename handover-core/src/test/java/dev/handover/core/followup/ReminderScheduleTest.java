package dev.handover.core.followup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.calendar.BusinessCalendar;
import dev.handover.core.note.HandoverRecord;
import dev.handover.core.policy.EscalationStep;
import dev.handover.core.policy.ReminderPolicy;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Shift;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class ReminderScheduleTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final AgentId LEAD = AgentId.of("lead");
    private static final AgentId OWNER = AgentId.of("owner");
    private static final AgentId NIGHT = AgentId.of("night");

    private static final Map<AgentId, Agent> AGENTS = Map.of(
            LEAD,
                    Agent.builder(LEAD)
                            .timeZone(LONDON)
                            .shift(Shift.weekdays(LocalTime.of(8, 0), LocalTime.of(16, 0)))
                            .build(),
            OWNER,
                    Agent.builder(OWNER)
                            .timeZone(LONDON)
                            .manager(LEAD)
                            .shift(Shift.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)))
                            .build(),
            NIGHT,
                    Agent.builder(NIGHT)
                            .timeZone(NEW_YORK)
                            .manager(LEAD)
                            .shift(Shift.of(EnumSet.allOf(DayOfWeek.class), LocalTime.of(22, 0), LocalTime.of(6, 0)))
                            .build());

    private static ReminderSchedule schedule(ReminderPolicy p, TicketPriority priority, LocalDate... holidays) {
        return new ReminderSchedule(
                p,
                priority,
                id -> Optional.ofNullable(AGENTS.get(id)),
                a -> BusinessCalendar.of(a.timeZone(), a.shifts(), List.of(holidays)),
                BusinessCalendar.always());
    }

    /** A handover to {@code to} at {@code at}, due to be acknowledged and its one action done by the instants given. */
    private static HandoverRecord record(AgentId to, String at, String ack, String actionDue) {
        return new HandoverRecord(
                HandoverId.of("ho-1"),
                TicketId.of("1"),
                "manual",
                "expertise",
                Optional.empty(),
                Optional.of(to),
                Optional.empty(),
                Instant.parse(at),
                Optional.of(Instant.parse(ack)),
                Optional.empty(),
                "standard",
                Optional.empty(),
                List.of(new HandoverRecord.Action("action-1", Optional.of(to), Instant.parse(actionDue), "Call back")),
                List.of(),
                List.of());
    }

    private static List<String> keysAndTimes(List<FollowUpStep> steps) {
        return steps.stream().map(s -> s.key() + "@" + s.at()).toList();
    }

    /** The steps of the standard policy for a ticket of normal priority. */
    private static List<FollowUpStep> standardSteps(HandoverRecord r) {
        return schedule(ReminderPolicy.STANDARD, TicketPriority.NORMAL).steps(r);
    }

    @Test
    void theStandardPolicyRemindsRetargetsChecksAndEscalatesInBusinessTime() {
        // Friday 13 March 2026, 15:00 London (GMT)
        HandoverRecord r = record(OWNER, "2026-03-13T15:00:00Z", "2026-03-13T15:30:00Z", "2026-03-13T16:30:00Z");
        List<FollowUpStep> steps = standardSteps(r);
        assertThat(keysAndTimes(steps))
                .containsExactly(
                        "ack:reminder-1@2026-03-13T15:30:00Z",
                        "action-1:overdue-1@2026-03-13T16:30:00Z", // same instant: the weaker step first
                        "ack:retarget@2026-03-13T16:30:00Z",
                        // an hour of working time after 16:30 on Friday: half an hour Friday, half an hour Monday
                        "action-1:overdue-2@2026-03-16T09:30:00Z",
                        "action-1:overdue-3@2026-03-16T10:30:00Z",
                        // 2 h of the owner's working time past the deadline, in the manager's hours
                        "action-1:escalation-1@2026-03-16T10:30:00Z",
                        // 8 h: Friday's half hour and 7.5 h on Monday; the lead has no manager: the owner's hours
                        "action-1:escalation-2@2026-03-16T16:30:00Z");
        assertThat(steps.get(5).escalation()).map(EscalationStep::level).contains(EscalationStep.Level.LINE_MANAGER);
    }

    @Test
    void urgentTicketsGoFourTimesFaster() {
        ReminderPolicy p =
                ReminderPolicy.builder("fast").faster(TicketPriority.URGENT, 4).build();
        HandoverRecord r = record(OWNER, "2026-03-10T10:00:00Z", "2026-03-10T10:30:00Z", "2026-03-10T11:00:00Z");
        List<FollowUpStep> urgent = schedule(p, TicketPriority.URGENT).steps(r);
        List<FollowUpStep> normal = schedule(p, TicketPriority.NORMAL).steps(r);
        assertThat(keysAndTimes(urgent))
                .contains("action-1:overdue-2@2026-03-10T11:15:00Z", "action-1:escalation-1@2026-03-10T11:30:00Z");
        assertThat(keysAndTimes(normal))
                .contains("action-1:overdue-2@2026-03-10T12:00:00Z", "action-1:escalation-1@2026-03-10T13:00:00Z");
    }

    /** Cases where the standard policy's steps must follow the receiver's local working hours. */
    static Stream<Arguments> localWorkingHours() {
        return Stream.of(
                // Friday 27 March 2026 16:00 GMT; British Summer Time starts Sunday 29 March
                Arguments.of(
                        "across the spring-forward",
                        OWNER,
                        "2026-03-27T15:00:00Z",
                        "2026-03-27T16:45:00Z",
                        "2026-03-27T16:45:00Z",
                        // 16:45 + 1 h: 15 min Friday, 45 min Monday from 09:00 BST = 08:00 UTC
                        List.of("action-1:overdue-2@2026-03-30T08:45:00Z")),
                // handed over Tuesday 23:00 New York (03:00 UTC Wed); due 05:30 local; the repeat runs past 06:00 into
                // the next night's shift at 22:00
                Arguments.of(
                        "a night shift across midnight",
                        NIGHT,
                        "2026-03-11T03:00:00Z",
                        "2026-03-11T03:30:00Z",
                        "2026-03-11T09:30:00Z",
                        List.of(
                                "action-1:overdue-1@2026-03-11T09:30:00Z",
                                // 05:30 + 1 h working time: 30 min before 06:00, 30 min from 22:00 (02:00 UTC Thu)
                                "action-1:overdue-2@2026-03-12T02:30:00Z")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("localWorkingHours")
    void remindersKeepTheReceiversLocalWorkingHours(
            String situation, AgentId to, String at, String ack, String actionDue, List<String> expected) {
        assertThat(keysAndTimes(standardSteps(record(to, at, ack, actionDue)))).containsAll(expected);
    }

    @Test
    void aHolidayAndQuietHoursHoldReminders() {
        ReminderPolicy quiet = ReminderPolicy.builder("quiet")
                .quietHours(LocalTime.of(16, 30), LocalTime.of(10, 0))
                .build();
        HandoverRecord r = record(OWNER, "2026-12-24T14:00:00Z", "2026-12-24T16:45:00Z", "2026-12-24T16:45:00Z");
        List<FollowUpStep> steps = schedule(
                        quiet, TicketPriority.NORMAL, LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 28))
                .steps(r);
        // 16:45 is quiet; the 25th is a holiday, then a weekend, the 28th a holiday: Tuesday 29th 10:00
        assertThat(steps.get(0).key()).isEqualTo("ack:reminder-1");
        assertThat(steps.get(0).at()).isEqualTo(Instant.parse("2026-12-29T10:00:00Z"));
    }

    @Test
    void nextIsTheFirstStepNotDoneAfterNow() {
        HandoverRecord r = record(OWNER, "2026-03-10T10:00:00Z", "2026-03-10T10:30:00Z", "2026-03-10T11:00:00Z");
        List<FollowUpStep> steps = standardSteps(r);
        assertThat(ReminderSchedule.next(
                        steps, java.util.Set.of("ack:reminder-1"), Instant.parse("2026-03-10T09:00:00Z")))
                .contains(Instant.parse("2026-03-10T11:00:00Z"));
    }
}
