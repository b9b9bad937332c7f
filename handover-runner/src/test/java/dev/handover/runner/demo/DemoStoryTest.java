package dev.handover.runner.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.runner.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo tells one story: the day's numbers and the review agree, and every time is the one the CRM holds. */
final class DemoStoryTest {
    private static String day;
    private static String flat;

    @BeforeAll
    static void playTheDay() {
        StringWriter out = new StringWriter();
        assertThat(Main.run(new String[] {"demo"}, new PrintWriter(out, true), new PrintWriter(new StringWriter())))
                .isZero();
        // the report wraps its lines: join continuation lines so a figure is never split
        day = out.toString().replaceAll("\n {4,}(?=[^ │┌└])", " ");
        // and the same inside the blocks that show what the CRM holds
        flat = day.replaceAll("\\s*\n\\s*│ {3}", " ");
    }

    private static long figure(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("'%s' in:%n%s", regex, text).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void theDaysNumbersAndTheReviewCountRemindersAndFailedWritesAlike() {
        String numbers = day.substring(day.indexOf("THE DAY IN NUMBERS"), day.indexOf("REVIEW OF THE DAY"));
        String review = day.substring(day.indexOf("REVIEW OF THE DAY"));
        assertThat(figure(numbers, "(\\d+) reminders"))
                .isEqualTo(figure(review, "(\\d+) reminders"))
                .isPositive();
        assertThat(figure(numbers, "\\((\\d+) check-ins before a deadline"))
                .isEqualTo(figure(review, "\\((\\d+) check-ins before a deadline"));
        assertThat(figure(numbers, "(\\d+) failed writes")).isEqualTo(figure(review, "(\\d+) failed writes"));
        assertThat(figure(numbers, "(\\d+) handovers written")).isEqualTo(figure(review, "Handovers: (\\d+)"));
    }

    @Test
    void anAcknowledgementIsToldWhenItHappenedNotWhenTheSweepSawIt() {
        Matcher m = Pattern.compile("(\\d\\d:\\d\\d)  ACK +#(\\d+) .*? (\\d+) min after the handover")
                .matcher(day);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            String ticket = m.group(2);
            Matcher handover = Pattern.compile("(\\d\\d:\\d\\d)  (?:HANDOVER|HAND-BACK|RE-TARGET) +#" + ticket + " ")
                    .matcher(day);
            String handedAt = null;
            while (handover.find() && handover.start() < m.start()) {
                handedAt = handover.group(1);
            }
            assertThat(handedAt).as("handover of %s before its ack", ticket).isNotNull();
            assertThat(minutes(m.group(1)) - minutes(handedAt))
                    .as("ticket %s: the ACK line's time is the handover's plus the latency it states", ticket)
                    .isEqualTo(Integer.parseInt(m.group(3)));
            checked.add(ticket);
        }
        assertThat(checked).contains("1011", "1016", "1045", "1046");
        // the reply that acknowledged 1011 at 08:39 is told at 08:39, and the line says when the sweep recorded it
        assertThat(day).contains("08:39  ACK        #1011").contains("recorded by the sweep at 09:00");
    }

    @Test
    void aRuleThatNamesAGroupLeavesTheTicketInThatGroup() {
        // "Technical problems go to Technical L2": Lukas is in EMEA Support too, the ticket goes to Technical L2
        assertThat(day).contains("To: Lukas Becker (Technical L2)").doesNotContain("To: Lukas Becker (EMEA Support)");
        Matcher m = Pattern.compile("rule=(technical|billing|refund) (.*?) crc=", Pattern.DOTALL)
                .matcher(day.replaceAll("\n\\s*│ {3}", ""));
        int n = 0;
        while (m.find()) {
            assertThat(m.group(2))
                    .contains("group=" + (m.group(1).equals("technical") ? "technical-l2" : "billing-l2"));
            n++;
        }
        assertThat(n).isPositive();
    }

    @Test
    void whoWasPassedOverAndWhyIsToldAsTheWrittenNoteTellsIt() {
        // a handover retried after an outage is planned anew: the story tells the deadline of the plan it wrote
        Matcher m = Pattern.compile(
                        // the entry's detail lines are joined to its first line (see playTheDay)
                        "  HANDOVER +#(\\d+) [^\n]*?not chosen: ([^\n]*)\n"
                                + " *┌─ internal note as written to ticket \\1\n(.*?)└─",
                        Pattern.DOTALL)
                .matcher(flat);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            Matcher passedOver = Pattern.compile("Passed over: ([^\n]*)").matcher(m.group(3));
            assertThat(passedOver.find())
                    .as("ticket %s's note names who was passed over", m.group(1))
                    .isTrue();
            // the story names the first few ("; 3 more"), each as the note words it
            for (String told : m.group(2).split("; ")) {
                if (!told.matches("\\d+ more")) {
                    assertThat(passedOver.group(1))
                            .as("ticket %s: the story's '%s' in the note", m.group(1), told)
                            .contains(told);
                }
            }
            checked.add(m.group(1));
        }
        // 1001 failed at 12:30 and 12:45 and was written at 13:00, acknowledgement due 13:30
        assertThat(checked).contains("1001");
        assertThat(flat).doesNotContain("after the deadline Mon 2 Mar 13:00 UTC");
    }

    @Test
    void theNoticePromisesTheTimeTheNoteGives() {
        // the complaint's promise is a call back before 11:00: the note's next contact and the notice both say 11:00
        assertThat(flat)
                .contains("Next customer contact due: Mon 2 Mar 2026 11:00 UTC")
                .contains("You will hear from us by March 2, 2026, 11:00 AM (GMT).");
    }

    @Test
    void theTrailerIsShort() {
        Matcher m = Pattern.compile("│ (\\[handover v2 .*?crc=[0-9a-f]{8}\\])", Pattern.DOTALL)
                .matcher(day);
        int longest = 0;
        int n = 0;
        while (m.find()) {
            longest = Math.max(longest, m.group(1).replaceAll("\\s*│\\s*", "").length());
            n++;
        }
        assertThat(n).isGreaterThanOrEqualTo(5);
        assertThat(longest).isLessThan(700); // version 1 wrote the day's longest, a chained hand-on, in 1,100
    }

    private static int minutes(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3));
    }
}
