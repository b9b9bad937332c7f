package dev.handover.runner.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handover.core.event.HandoverEvent;
import dev.handover.runner.Main;
import dev.handover.runner.journal.EventCodec;
import dev.handover.runner.journal.Journal;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.runner.journal.JournalReader;
import dev.handover.runner.report.Review;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code handover demo --days N}: consecutive calendar days from Monday 2 March 2026, each weekday played by the engine
 * on its own tickets, weekends not worked; a line per day, the review of the period, and one journal of it all. The
 * days run on the simulated clock: nothing here waits or reads the wall clock.
 */
final class DemoDaysTest {
    private static final ObjectMapper JSON = EventCodec.mapper();
    private static final Pattern DAY_LINE =
            Pattern.compile("^  (\\w{3} \\d{1,2} \\w{3} 2026)\\s+(\\d+) handovers? · .*checks (\\d+)/(\\d+) ([✓✗])$");

    @TempDir
    static Path dir;

    private static Path twoWeeks;
    private static Run fourteen;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void playTwoWeeks() {
        twoWeeks = dir.resolve("two-weeks.jsonl");
        fourteen = run("demo", "--days", "14", "--journal", twoWeeks.toString());
    }

    private static List<JournalEntry> journal() {
        JournalReader.Contents read = JournalReader.read(twoWeeks);
        assertThat(read.warnings()).isEmpty();
        return read.entries();
    }

    private static LocalDate dayOf(JournalEntry e) {
        return e.event().at().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static Set<LocalDate> daysWith(List<JournalEntry> entries, java.util.function.Predicate<HandoverEvent> p) {
        return entries.stream()
                .filter(e -> p.test(e.event()))
                .map(DemoDaysTest::dayOf)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    // ------------------------------------------------------------------------------------------ the period

    @Test
    void fourteenDaysWriteAJournalOfEveryWorkingDayFromTheFirstToTheLast() {
        assertThat(fourteen.code()).as(fourteen.err()).isZero();
        List<JournalEntry> entries = journal();

        Set<LocalDate> days = entries.stream().map(DemoDaysTest::dayOf).collect(Collectors.toCollection(TreeSet::new));
        // 2–15 March: two working weeks; the weekends are not worked, so the last day with events is Friday 13
        assertThat(days).first().isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(days).last().isEqualTo(LocalDate.of(2026, 3, 13));
        assertThat(days)
                .hasSize(10)
                .allSatisfy(d -> assertThat(d.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
        assertThat(entries)
                .allSatisfy(e -> assertThat(e.event().at())
                        .isBetween(Instant.parse("2026-03-02T08:00:00Z"), Instant.parse("2026-03-13T19:00:00Z")));
        // every day has handovers of each kind the scenarios make, with the names a worker writes
        for (LocalDate d : days) {
            assertThat(entries.stream()
                            .filter(e -> dayOf(e).equals(d) && e.event() instanceof HandoverEvent.Executed)
                            .map(e -> ((HandoverEvent.Executed) e.event()).reason())
                            .collect(Collectors.toSet()))
                    .as("reasons on %s", d)
                    .contains("language", "complaint", "shift-change", "expertise", "authority-limit");
        }
        // the absence and the CRM outage are the first day's, and some later days' — not every day's
        assertThat(daysWith(
                        entries,
                        e -> e instanceof HandoverEvent.Executed x && x.reason().equals("absence")))
                .contains(LocalDate.of(2026, 3, 2))
                .hasSizeBetween(2, 9);
        assertThat(daysWith(entries, e -> e instanceof HandoverEvent.Failed))
                .contains(LocalDate.of(2026, 3, 2))
                .hasSizeBetween(2, 9);
        assertThat(entries)
                .filteredOn(e -> e.event() instanceof HandoverEvent.Executed)
                .allSatisfy(e -> assertThat(e.labels()).containsKey("team"));
    }

    @Test
    void theOutputIsALinePerDayThenTheReviewOfThePeriod() {
        List<String> lines = fourteen.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("handover demo — 14 simulated days on the in-memory CRM (seed 42)");
        assertThat(lines)
                .filteredOn(l -> DAY_LINE.matcher(l).matches())
                .hasSize(10)
                .allSatisfy(l -> assertThat(l).endsWith("✓"));
        assertThat(lines)
                .filteredOn(l -> l.contains("weekend: the team works Monday to Friday"))
                .extracting(l -> l.strip().substring(0, 15).strip())
                .containsExactly("Sat 7 Mar 2026", "Sun 8 Mar 2026", "Sat 14 Mar 2026", "Sun 15 Mar 2026");
        assertThat(fourteen.out())
                .contains("REVIEW OF THE PERIOD", "Handover review, Mon 2 Mar 2026 – Sun 15 Mar 2026 (UTC)")
                .contains("bin/handover report --journal " + twoWeeks + " --since 2026-03-02 --until 2026-03-15")
                // the timeline of each day is for --verbose
                .doesNotContain("internal note as written to ticket", "THE TEAM");
    }

    @Test
    void theReviewOfTheJournalCountsTheHandoversTheDaysPrinted() throws Exception {
        long printed = 0;
        for (String l : fourteen.out().lines().toList()) {
            Matcher m = DAY_LINE.matcher(l);
            if (m.matches()) {
                printed += Long.parseLong(m.group(2));
            }
        }
        Review review =
                Review.of(journal(), Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-16T00:00:00Z"));
        JsonNode doc = JSON.readTree(review.toJson(Instant.parse("2026-03-16T00:00:00Z")));

        assertThat(doc.path("handovers").path("count").asLong())
                .isEqualTo(printed)
                .isGreaterThan(100);
        assertThat(fourteen.out()).contains("Handovers: " + printed + " (");
        assertThat(fourteen.out()).contains("all 14 days      " + printed + " handovers");
        // the per-day trend of the report sees the same days
        Map<String, Long> perDay = new TreeMap<>();
        doc.path("handovers")
                .path("perDay")
                .forEach(d ->
                        perDay.put(d.path("date").asText(), d.path("handovers").asLong()));
        for (String l : fourteen.out().lines().toList()) {
            Matcher m = DAY_LINE.matcher(l);
            if (m.matches()) {
                LocalDate date = LocalDate.parse(
                        m.group(1),
                        java.time.format.DateTimeFormatter.ofPattern("EEE d MMM uuuu", java.util.Locale.ENGLISH));
                assertThat(perDay.get(date.toString())).as(l).isEqualTo(Long.parseLong(m.group(2)));
            }
        }
    }

    @Test
    void noTicketIdNamesTicketsOfTwoDays() {
        Map<String, Set<LocalDate>> daysOfTicket = new TreeMap<>();
        for (JournalEntry e : journal()) {
            daysOfTicket
                    .computeIfAbsent(e.event().ticket().value(), k -> new TreeSet<>())
                    .add(dayOf(e));
        }
        assertThat(daysOfTicket)
                .isNotEmpty()
                .allSatisfy((ticket, days) ->
                        assertThat(days).as("days of ticket %s", ticket).hasSize(1));
        // ids are numbered per day: 1001… on the first day, 2001… on the second, 12001… on the twelfth
        assertThat(daysOfTicket)
                .allSatisfy((ticket, days) -> assertThat((Integer.parseInt(ticket) - 1) / 1000)
                        .as("ticket %s", ticket)
                        .isEqualTo(java.time.temporal.ChronoUnit.DAYS.between(
                                        LocalDate.of(2026, 3, 2),
                                        days.iterator().next())
                                + 1));
        // so nothing chains or bounces across days: each chain is one day's, as the single day's are
        assertThat(journal())
                .filteredOn(e -> e.event() instanceof HandoverEvent.Executed)
                .allSatisfy(e -> assertThat(((HandoverEvent.Executed) e.event()).chainLength())
                        .isBetween(1, 3));
    }

    @Test
    void theSameSeedGivesTheSameDaysAndEachDayIsItsOwn() {
        DemoPeriod.Outcome a = DemoPeriod.run(7, 3);
        DemoPeriod.Outcome b = DemoPeriod.run(7, 3);
        assertThat(events(a)).isEqualTo(events(b));
        assertThat(run("demo", "--days", "3", "--seed", "7").out())
                .isEqualTo(run("demo", "--days", "3", "--seed", "7").out());

        // other tickets, other customers, other receivers: no day is a copy of another
        List<List<String>> days = new ArrayList<>();
        for (DemoDay.Outcome day : a.played()) {
            days.add(day.journal().stream()
                    .map(JournalEntry::event)
                    .filter(HandoverEvent.Executed.class::isInstance)
                    .map(HandoverEvent.Executed.class::cast)
                    .map(x -> day.start().until(x.at(), java.time.temporal.ChronoUnit.MINUTES) + " " + x.reason()
                            + " " + x.from().map(f -> f.value()).orElse("-") + "→"
                            + x.to().map(t -> t.value()).orElse("-"))
                    .toList());
        }
        assertThat(days).doesNotHaveDuplicates();
        assertThat(a.played().get(0).data().tickets().get(0).subject())
                .isNotEqualTo(a.played().get(1).data().tickets().get(0).subject());
        assertThat(events(DemoPeriod.run(8, 3))).isNotEqualTo(events(a));
        // the days play side by side, and come out as each played alone
        for (int i = 0; i < 3; i++) {
            assertThat(a.played().get(i).journal().stream()
                            .map(JournalEntry::toString)
                            .toList())
                    .isEqualTo(DemoDay.run(7, i).journal().stream()
                            .map(JournalEntry::toString)
                            .toList());
        }
    }

    private static List<String> events(DemoPeriod.Outcome period) {
        return period.journal().stream().map(JournalEntry::toString).toList();
    }

    @Test
    void theFirstDayOfAPeriodIsTheDemosDay() {
        Run one = run("demo", "--days", "1");
        assertThat(one.code()).isZero();
        assertThat(one.out()).isEqualTo(run("demo").out()).startsWith("handover demo — a simulated working day");
        assertThat(run("demo", "--days", "1", "--json").out())
                .isEqualTo(run("demo", "--json").out());

        List<String> first = DemoPeriod.run(42, 2).played().get(0).journal().stream()
                .map(JournalEntry::toString)
                .toList();
        assertThat(first)
                .isEqualTo(DemoDay.run(42).journal().stream()
                        .map(JournalEntry::toString)
                        .toList());
    }

    @Test
    void afterTheClocksGoForwardADayStillRunsFromEightToSevenInLondon() {
        // Wednesday 1 April 2026 is in British Summer Time: 08:00 in London is 07:00 UTC
        DemoDay.Outcome day = DemoDay.run(42, 30);
        assertThat(day.date()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(day.start()).isEqualTo(Instant.parse("2026-04-01T07:00:00Z"));
        assertThat(day.end()).isEqualTo(Instant.parse("2026-04-01T18:00:00Z"));
        assertThat(day.checks())
                .allSatisfy(c -> assertThat(c.passed()).as(c.text()).isTrue());
        assertThat(day.data().tickets())
                .allSatisfy(t -> assertThat(Integer.parseInt(t.id().value())).isBetween(31001, 31060));
    }

    // ------------------------------------------------------------------------------------------ the outputs

    @Test
    void jsonPrintsEveryDaysLinesThenThePeriod() throws Exception {
        Run r = run("demo", "--days", "3", "--json");
        assertThat(r.code()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : r.out().lines().toList()) {
            lines.add(JSON.readTree(l));
        }
        assertThat(lines)
                .filteredOn(n -> n.path("kind").asText().equals("summary"))
                .extracting(n -> n.path("time").asText())
                .containsExactly("2026-03-02T19:00:00Z", "2026-03-03T19:00:00Z", "2026-03-04T19:00:00Z");
        JsonNode period = lines.get(lines.size() - 1);
        assertThat(period.path("kind").asText()).isEqualTo("period");
        assertThat(period.path("passed").asBoolean()).isTrue();
        assertThat(period.path("from").asText()).isEqualTo("2026-03-02T00:00:00Z");
        assertThat(period.path("until").asText()).isEqualTo("2026-03-05T00:00:00Z");
        assertThat(period.path("days")).hasSize(3);
        long summed = lines.stream()
                .filter(n -> n.path("kind").asText().equals("summary"))
                .mapToLong(n -> n.path("handovers").asLong())
                .sum();
        assertThat(period.path("review").path("handovers").path("count").asLong())
                .isEqualTo(summed);
        long perDay = 0;
        for (JsonNode d : period.path("days")) {
            perDay += d.path("handovers").asLong();
        }
        assertThat(perDay).isEqualTo(summed);
    }

    @Test
    void verbosePrintsEveryDayInFullBeforeTheSummary() {
        Run r = run("demo", "--days", "3", "--verbose");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("Monday 2 March 2026, 08:00–19:00", "Tuesday 3 March 2026, 08:00–19:00")
                .contains("Wednesday 4 March 2026, 08:00–19:00")
                .contains("The demo team's Tuesday begins")
                .contains("Handover procedure:", "THE DAYS", "REVIEW OF THE PERIOD");
        assertThat(r.out().indexOf("Wednesday 4 March 2026, 08:00"))
                .isLessThan(r.out().indexOf("THE DAYS"));
    }

    @Test
    void aFailedCheckOnAnyDayFailsThePeriod() {
        DemoPeriod.Outcome period = DemoPeriod.run(42, 2);
        assertThat(period.passed()).isTrue();
        DemoDay.Outcome tuesday = period.played().get(1);
        List<DemoDay.Check> checks = new ArrayList<>(tuesday.checks());
        checks.add(new DemoDay.Check(Scenario.ABSENCE, "every ticket came back", false));
        DemoDay.Outcome failed = new DemoDay.Outcome(
                tuesday.seed(),
                tuesday.date(),
                tuesday.start(),
                tuesday.end(),
                tuesday.data(),
                tuesday.policy(),
                tuesday.entries(),
                tuesday.journal(),
                checks,
                tuesday.stats(),
                tuesday.crm());
        DemoPeriod.Outcome worse = new DemoPeriod.Outcome(
                42, period.first(), 2, List.of(period.played().get(0), failed));

        assertThat(worse.passed()).isFalse();
        assertThat(worse.summaries().get(1).line()).endsWith("✗");
        StringWriter out = new StringWriter();
        PeriodReport.text(new PrintWriter(out), worse, false, null);
        assertThat(out.toString()).contains("✗ every ticket came back", "— see ✗ above");
    }

    // ------------------------------------------------------------------------------------------ errors

    @Test
    void daysOutOfBoundsAreAUsageError() {
        for (String days : List.of("0", "-3", "93", "1000")) {
            Run r = run("demo", "--days", days);
            assertThat(r.code()).as(days).isEqualTo(2);
            assertThat(r.err())
                    .startsWith("handover demo: --days must be from 1 to 92")
                    .contains("was " + days);
            assertThat(r.out()).isEmpty();
        }
        Run word = run("demo", "--days", "two");
        assertThat(word.code()).isEqualTo(2);
        assertThat(word.err()).contains("--days", "two");
    }

    @Test
    void theJournalIsWrittenLineForLineAsTheWorkersJournalWritesIt(@TempDir Path tmp) throws Exception {
        List<JournalEntry> day = DemoDay.run(42).journal();
        // the outage's tickets have failures, a handover written after them and, with the lost answer, its replay
        List<JournalEntry> some = day.stream()
                .filter(e -> Set.of("1001", "1005", "1016")
                        .contains(e.event().ticket().value()))
                .toList();
        assertThat(some)
                .anySatisfy(e -> assertThat(e.event()).isInstanceOf(HandoverEvent.Failed.class))
                .anySatisfy(e -> assertThat(e.labels()).isNotEmpty());
        Path workers = tmp.resolve("worker.jsonl");
        try (Journal j = Journal.open(workers, 1 << 20, 1)) {
            some.forEach(j::append);
        }
        Path demos = tmp.resolve("demo.jsonl");
        DemoJournal.write(demos, some);

        assertThat(Files.readString(demos)).isEqualTo(Files.readString(workers)).isNotEmpty();
        // and the whole period reads back as the days recorded it
        Set<String> handovers = new java.util.HashSet<>();
        List<String> recorded = DemoPeriod.run(42, 14).journal().stream()
                .filter(e -> !(e.event() instanceof HandoverEvent.Executed x
                        && !handovers.add(x.handover().value())))
                .map(DemoDaysTest::asRead)
                .toList();
        assertThat(journal().stream().map(DemoDaysTest::asRead).toList()).isEqualTo(recorded);
    }

    /** An entry as the journal keeps it: the names sorted by key. */
    private static String asRead(JournalEntry e) {
        return e.event() + " " + new TreeMap<>(e.labels());
    }

    @Test
    void aJournalWithEntriesIsStillRefused() throws Exception {
        assertThat(Files.size(twoWeeks)).isPositive();
        Run again = run("demo", "--days", "3", "--journal", twoWeeks.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already has entries");
    }

    @Test
    void helpNamesTheDaysOption() {
        assertThat(run("demo", "--help").out().replaceAll("\\s+", " "))
                .contains("--days=N", "calendar days from Monday 2 March 2026");
    }
}
