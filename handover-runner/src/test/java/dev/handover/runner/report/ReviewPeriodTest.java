package dev.handover.runner.report;

import static dev.handover.runner.report.ReviewFixture.FROM;
import static dev.handover.runner.report.ReviewFixture.GENERATED;
import static dev.handover.runner.report.ReviewFixture.UNTIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.core.event.HandoverEvent;
import dev.handover.core.event.HandoverEvent.AcknowledgementMethod;
import dev.handover.runner.journal.EventCodec;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The period's frame: the comparison with the period before, the chart's buckets, the time zone, the bounce window,
 * and "What to improve" on the day the issue reported.
 */
class ReviewPeriodTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static JsonNode json(Review r) {
        try {
            return EventCodec.mapper().readTree(r.toJson(GENERATED));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------- the previous period

    @Test
    void thePreviousWeekIsComparedWithArrowsThatSayBetterOrWorse() {
        Review review = Review.of(ReviewFixture.journal(), FROM, UNTIL);
        Figures.Previous p = review.figures().previous().orElseThrow();
        // see ReviewFixture: the week before holds H0 and its late action only
        assertThat(p.from()).isEqualTo(Instant.parse("2026-02-23T00:00:00Z"));
        assertThat(p.until()).isEqualTo(FROM);
        assertThat(p.hasData()).isTrue();
        assertThat(p.handovers()).isEqualTo(1);
        assertThat(p.acknowledgedShare()).isEmpty();
        assertThat(p.p50()).isEmpty();
        assertThat(p.lateAcks()).isZero();
        assertThat(p.onTimeShare()).contains(0.0);
        assertThat(p.escalations()).isZero();
        assertThat(p.bounceRate()).contains(0.0);
        assertThat(p.notesCompleteShare()).contains(1.0);

        Document doc = Jsoup.parse(review.toHtml(GENERATED));
        // handovers 10 against 1: up, neither better nor worse
        assertTrend(doc, "handovers", "1", "▲", "neutral");
        assertTrend(doc, "acknowledged", null, null, "neutral"); // nothing asked the week before: no data
        assertTrend(doc, "on-time", "0%", "▲", "better"); // 75% against 0%
        assertTrend(doc, "bounce-rate", "0%", "▲", "worse"); // 20% against 0%
        assertTrend(doc, "notes-complete", "100%", "▼", "worse"); // 70% against 100%
        assertTrend(doc, "late", "0", "▲", "worse"); // more late acknowledgements is worse
        assertTrend(doc, "escalations", "0", "▲", "worse");
        assertThat(doc.selectFirst("[data-table=previous] tr[data-key=acknowledged] .prev")
                        .text())
                .isEqualTo("previous period: no data");
        // the arrow's meaning in words, for a screen reader
        assertThat(doc.selectFirst("[data-table=previous] tr[data-key=late] .prev .sr")
                        .text())
                .isEqualTo("up, for the worse;");
        assertThat(doc.selectFirst("[data-table=previous] tr[data-key=on-time] .prev .sr")
                        .text())
                .isEqualTo("up, for the better;");

        JsonNode prev = json(review).get("previous");
        assertThat(prev.get("hasData").asBoolean()).isTrue();
        assertThat(prev.get("handovers").asLong()).isEqualTo(1);
        assertThat(prev.get("acknowledgedShare").isNull()).isTrue();
        assertThat(prev.get("onTimeShare").asDouble()).isZero();
        assertThat(prev.get("notesCompleteShare").asDouble()).isEqualTo(1.0);
    }

    private static void assertTrend(Document doc, String row, String was, String arrow, String cls) {
        Element prev = doc.selectFirst("[data-table=previous] tr[data-key=" + row + "] .prev");
        assertThat(prev.hasClass(cls)).as("%s is %s: %s", row, cls, prev).isTrue();
        if (was == null) {
            assertThat(prev.attr("data-previous")).isEqualTo("none");
            return;
        }
        assertThat(prev.attr("data-previous")).as(row).isEqualTo(was);
        assertThat(prev.attr("data-trend")).as(row).isEqualTo(arrow);
        // the headline tiles carry the same comparison
        Element tile = doc.selectFirst("[data-figure=" + row + "]");
        if (tile != null) {
            assertThat(tile.parent().selectFirst(".prev").attr("data-trend")).isEqualTo(arrow);
        }
    }

    @Test
    void aPreviousPeriodWithoutEventsSaysNoDataNotInfinity() {
        // two weeks after the fixture's (H12 on Mon 9 Mar is its last event): nothing in it nor in the week before
        Instant from = Instant.parse("2026-03-23T00:00:00Z");
        Review review = Review.of(ReviewFixture.journal(), from, from.plus(Duration.ofDays(7)));
        assertThat(review.figures().previous().orElseThrow().hasData()).isFalse();
        Document doc = Jsoup.parse(review.toHtml(GENERATED));
        assertThat(doc.select("[data-table=previous] .prev").eachText()).allMatch("previous period: no data"::equals);
        assertThat(doc.text()).doesNotContain("∞").doesNotContain("Infinity").doesNotContain("NaN");
        JsonNode prev = json(review).get("previous");
        assertThat(prev.get("hasData").asBoolean()).isFalse();
        assertThat(prev.get("handovers").isNull()).isTrue();
        assertThat(prev.get("bounceRate").isNull()).isTrue();
    }

    @Test
    void thePreviousPeriodHasTheSameLengthAndTheReaderKeepsWhatItNeeds() {
        ReviewOptions o = ReviewOptions.defaults();
        assertThat(Review.earliestNeeded(FROM, UNTIL, o))
                .isEqualTo(FROM.minus(Duration.ofDays(7)).minus(ReviewOptions.DEFAULT_BOUNCE_WINDOW));
        // a period from the dawn of time has no period before it, and does not overflow
        assertThat(Review.earliestNeeded(Instant.MIN, UNTIL, o)).isEqualTo(Instant.MIN);
        assertThat(Review.of(ReviewFixture.journal(), Instant.MIN, UNTIL)
                        .figures()
                        .volume()
                        .handovers())
                .isEqualTo(ReviewFixture.HANDOVERS + 1);
    }

    // ---------------------------------------------------------------- buckets

    private static Figures.OverTime overTime(Instant from, Duration length) {
        return Review.of(ReviewFixture.journal(), from, from.plus(length))
                .figures()
                .overTime();
    }

    @Test
    void oneDayIsChartedInHours() {
        Figures.OverTime t = overTime(FROM, Duration.ofDays(1));
        assertThat(t.unit()).isEqualTo("hour");
        assertThat(t.buckets()).hasSize(24);
        assertThat(t.buckets().get(0).key()).isEqualTo("2026-03-02T00:00Z");
        assertThat(t.buckets().get(9).handovers()).isEqualTo(1); // H1 at 09:00
        assertThat(t.buckets().stream().mapToLong(Figures.Bucket::handovers).sum())
                .isEqualTo(4);
    }

    @Test
    void aWeekIsChartedInDaysAndSixWeeksStillAre() {
        Figures.OverTime week = overTime(FROM, Duration.ofDays(7));
        assertThat(week.unit()).isEqualTo("day");
        assertThat(week.buckets()).extracting(Figures.Bucket::key).first().isEqualTo("2026-03-02");
        assertThat(week.buckets()).extracting(Figures.Bucket::key).last().isEqualTo("2026-03-08");
        assertThat(week.buckets()).extracting(Figures.Bucket::handovers).containsExactly(4L, 2L, 3L, 1L, 0L, 0L, 0L);
        assertThat(overTime(FROM, Duration.ofDays(42)).buckets()).hasSize(42);
        assertThat(overTime(FROM, Duration.ofDays(43)).unit()).isEqualTo("week");
    }

    @Test
    void aQuarterIsChartedInIsoWeeksFromMonday() {
        // 90 days from Mon 2 Mar 2026: ISO weeks 10 to 22 (the last one, from Mon 25 May, holds 30 May)
        Figures.OverTime t = overTime(FROM, Duration.ofDays(90));
        assertThat(t.unit()).isEqualTo("week");
        assertThat(t.buckets()).hasSize(13);
        assertThat(t.buckets().get(0).key()).isEqualTo("2026-W10");
        assertThat(t.buckets().get(0).label()).isEqualTo("W10 · 2 Mar");
        assertThat(t.buckets().get(12).key()).isEqualTo("2026-W22");
        assertThat(t.buckets().get(0).handovers()).isEqualTo(ReviewFixture.HANDOVERS);
        // a period starting mid-week starts with the week it is in
        assertThat(overTime(FROM.plus(Duration.ofDays(2)), Duration.ofDays(90))
                        .buckets()
                        .get(0)
                        .key())
                .isEqualTo("2026-W10");
    }

    @Test
    void aYearIsChartedInMonthsAndTheAxisIsThePeriod() {
        Figures.OverTime t = overTime(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofDays(365));
        assertThat(t.unit()).isEqualTo("month");
        assertThat(t.buckets())
                .extracting(Figures.Bucket::key)
                .hasSize(12)
                .first()
                .isEqualTo("2026-01");
        assertThat(t.buckets()).extracting(Figures.Bucket::label).last().isEqualTo("Dec 2026");
        // in March: the fixture's ten, H0 (1 Mar) and H12 (9 Mar), all in this period
        assertThat(t.buckets().get(2).handovers()).isEqualTo(ReviewFixture.HANDOVERS + 2);
        // 26 weeks is still weeks, a day more is months
        assertThat(overTime(FROM, Duration.ofDays(182)).unit()).isEqualTo("week");
        assertThat(overTime(FROM, Duration.ofDays(183)).unit()).isEqualTo("month");
    }

    @Test
    void aJournalLongerThanAYearIsChartedFromItsFirstToItsLastEvent() {
        Figures.OverTime t = overTime(Instant.parse("2020-01-01T00:00:00Z"), Duration.ofDays(3000));
        // the fixture's events run from H0 (Sun 1 Mar 23:00) to H12 (Mon 9 Mar 01:00): eight days, charted in days
        assertThat(t.unit()).isEqualTo("day");
        assertThat(t.buckets()).extracting(Figures.Bucket::key).first().isEqualTo("2026-03-01");
        assertThat(t.buckets()).extracting(Figures.Bucket::key).last().isEqualTo("2026-03-09");
        assertThat(t.buckets()).hasSize(9);
    }

    @Test
    void theChartInThePageHasABucketPerUnitAndNamesIt() {
        Document day = Jsoup.parse(Review.of(ReviewFixture.journal(), FROM, FROM.plus(Duration.ofDays(1)))
                .toHtml(GENERATED));
        assertThat(day.select("svg[data-chart=over-time] g.bucket")).hasSize(24);
        assertThat(day.selectFirst("svg[data-chart=over-time]").attr("data-unit"))
                .isEqualTo("hour");
        assertThat(day.select("h2").eachText()).contains("Handovers per hour");
    }

    @Test
    void bucketsFollowTheZoneAndClockChanges() {
        // Sun 29 Mar 2026 in Berlin has 23 hours: 23 hour buckets, none repeated
        Instant from = Instant.parse("2026-03-28T23:00:00Z");
        Buckets b = Buckets.of(from, Instant.parse("2026-03-29T22:00:00Z"), BERLIN);
        assertThat(b.size()).isEqualTo(23);
        assertThat(b.key(1)).isEqualTo("2026-03-29T01:00+01:00");
        assertThat(b.key(2)).isEqualTo("2026-03-29T03:00+02:00");
        // weeks begin on Monday in the zone: Sun 1 Mar 23:30 UTC is Monday 2 Mar in Berlin, week 10
        Buckets w = Buckets.of(Instant.parse("2026-03-01T23:30:00Z"), Instant.parse("2026-05-01T00:00:00Z"), BERLIN);
        assertThat(w.unit()).isEqualTo(Buckets.Unit.WEEK);
        assertThat(w.key(0)).isEqualTo("2026-W10");
    }

    // ---------------------------------------------------------------- the zone

    @Test
    void aHandoverAt2330UtcOnTheSecondIsOnTheThirdInBerlin() {
        Instant at = Instant.parse("2026-03-02T23:30:00Z");
        List<JournalEntry> journal = List.of(
                ReviewFixture.handover("z1", "900", at).from("anna").to("ben").entry());
        Instant from = Instant.parse("2026-03-01T23:00:00Z"); // Mon 2 Mar 00:00 in Berlin
        Instant until = from.plus(Duration.ofDays(7));
        Review utc = Review.of(journal, from, until);
        Review berlin = Review.of(journal, from, until, ReviewOptions.defaults().withZone(BERLIN));
        assertThat(day(utc.figures())).isEqualTo("2026-03-02");
        assertThat(day(berlin.figures())).isEqualTo("2026-03-03");
        assertThat(berlin.figures().overTime().buckets())
                .extracting(Figures.Bucket::key)
                .first()
                .isEqualTo("2026-03-02");
        assertThat(berlin.figures().overTime().buckets()).hasSize(7);

        Document doc = Jsoup.parse(berlin.toHtml(GENERATED));
        assertThat(doc.selectFirst("[data-figure=period]").text())
                .isEqualTo("Mon 2 Mar 2026 – Sun 8 Mar 2026 (Europe/Berlin)");
        assertThat(doc.selectFirst("[data-figure=generated]").text()).isEqualTo("9 Mar 2026 08:30 Europe/Berlin");
        assertThat(doc.getElementById(Evidence.htmlId("handovers.count"))
                        .selectFirst("tr.row td")
                        .text())
                .isEqualTo("Tue 3 Mar 00:30");
        assertThat(json(berlin).at("/period/timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(json(berlin).at("/handovers/perDay/1/handovers").asLong()).isEqualTo(1);
        assertThat(berlin.toText()).contains("(Europe/Berlin)");
    }

    private static String day(Figures f) {
        return f.volume().perDay().stream()
                .filter(d -> d.handovers() > 0)
                .findFirst()
                .orElseThrow()
                .date()
                .toString();
    }

    // ---------------------------------------------------------------- the bounce window

    @Test
    void theBounceWindowComesFromTheOptions() {
        // H7 and H9 answer their handovers after 2 h: bounces within 4 h (the default), not within 1 h
        ReviewOptions hour = ReviewOptions.defaults().withBounceWindow(Duration.ofHours(1));
        Figures f = Review.of(ReviewFixture.journal(), FROM, UNTIL, hour).figures();
        assertThat(f.bounces().count()).isZero();
        assertThat(f.bounces().window()).isEqualTo(Duration.ofHours(1));
        assertThat(Review.of(ReviewFixture.journal(), FROM, UNTIL, hour.withBounceWindow(Duration.ofMinutes(121)))
                        .figures()
                        .bounces()
                        .count())
                .isEqualTo(ReviewFixture.BOUNCES);
        assertThat(Review.earliestNeeded(FROM, UNTIL, hour))
                .isEqualTo(FROM.minus(Duration.ofDays(7)).minus(Duration.ofHours(1)));
    }

    // ---------------------------------------------------------------- what to improve

    /**
     * The day: one escalation, one re-target and two late acknowledgements, too few for any pattern line, used
     * to say "Nothing stands out". Four handovers on Mon 2 Mar: R1 (ack in 5 min, in time), R2 (ack after 40 min, 10
     * late), R3 (after 50 min, 20 late), R4 never acknowledged and re-targeted; R1's action escalated.
     */
    static List<JournalEntry> reportedDay() {
        List<JournalEntry> j = new ArrayList<>();
        String[] ids = {"r1", "r2", "r3", "r4"};
        for (int i = 0; i < ids.length; i++) {
            j.add(ReviewFixture.handover(ids[i], "50" + i, ReviewFixture.at(0, 9 + i, 0))
                    .from("anna")
                    .to("ben")
                    .team(ReviewFixture.EMEA)
                    .ackWithin(30)
                    .entry());
        }
        j.add(ReviewFixture.ack("r1", "ben", ReviewFixture.at(0, 9, 0), 5, AcknowledgementMethod.TASK));
        j.add(ReviewFixture.ack("r2", "ben", ReviewFixture.at(0, 10, 0), 40, AcknowledgementMethod.TASK));
        j.add(ReviewFixture.ack("r3", "ben", ReviewFixture.at(0, 11, 0), 50, AcknowledgementMethod.COMMENT));
        j.add(JournalEntry.of(new HandoverEvent.Retargeted(
                ReviewFixture.at(0, 13, 0),
                TicketId.of("503"),
                HandoverId.of("r4"),
                HandoverId.of("r4b"),
                AgentId.of("ben"),
                "cara")));
        j.add(ReviewFixture.escalation(
                "r1",
                ReviewFixture.at(0, 16, 0),
                2,
                "agent ada", // as the engine writes a recipient: the row shows her name
                "Ben Okoro is off shift until Tue 3 Mar 08:00 Europe/London",
                "the callback promised for today is missed"));
        j.add(new JournalEntry(
                JournalEntry.of(new HandoverEvent.Executed(
                                ReviewFixture.at(-3, 9, 0),
                                TicketId.of("ada-seen"),
                                HandoverId.of("a0"),
                                "rule-x",
                                "shift-change",
                                java.util.Optional.of(AgentId.of("ada")),
                                java.util.Optional.of(AgentId.of("anna")),
                                java.util.Optional.empty(),
                                false,
                                false,
                                1,
                                List.of(),
                                1,
                                java.util.Optional.empty()))
                        .event(),
                Map.of("from", "Ada Lovelace", "to", "Anna Schmidt")));
        return j;
    }

    @Test
    void theReportedDayListsEveryItemWorthALook() {
        Instant until = FROM.plus(Duration.ofDays(1));
        Review review = Review.of(reportedDay(), FROM, until);
        Figures f = review.figures();
        assertThat(f.suggestions()).isEmpty(); // too few cases for any pattern line, as reported
        assertThat(f.worthALook()).extracting(Evidence.Row::handover).containsExactly("r1", "r4", "r3", "r2");
        assertThat(f.worthALook())
                .extracting(Evidence.Row::kind)
                .containsExactly("escalated", "retargeted", "acknowledged", "acknowledged");

        Document doc = Jsoup.parse(review.toHtml(GENERATED));
        assertThat(doc.text()).doesNotContain("Nothing stands out");
        assertThat(doc.select("[data-figure=worth-a-look] li").eachText())
                .containsExactly(
                        "escalated (level 2) to Ada Lovelace: action-1 not done — owner off shift; impact: the"
                                + " callback promised for today is missed ticket 500, r1, Anna Schmidt → Ben Okoro, Mon"
                                + " 2 Mar 16:00",
                        "never acknowledged by Ben Okoro; re-targeted to cara (handover r4b) ticket 503, r4, Anna"
                                + " Schmidt → Ben Okoro, Mon 2 Mar 13:00",
                        "acknowledged by Ben Okoro after 50 min, 20 min after the deadline (Mon 2 Mar 11:30), by"
                                + " commenting ticket 502, r3, Anna Schmidt → Ben Okoro, Mon 2 Mar 11:50",
                        "acknowledged by Ben Okoro after 40 min, 10 min after the deadline (Mon 2 Mar 10:30), by"
                                + " completing the task ticket 501, r2, Anna Schmidt → Ben Okoro, Mon 2 Mar 10:40");
        ReviewEvidenceTest.assertEveryLinkMatchesItsList(doc);
        JsonNode look = json(review).get("worthALook");
        assertThat(look.get("count").asLong()).isEqualTo(4);
        assertThat(review.toText())
                .contains(
                        "Worth a look: 4 (1 escalation, 2 late acknowledgements, 1 re-target) — the report lists each");
    }

    @Test
    void nothingStandsOutOnlyWhenNothingDoes() {
        // the reported day without its escalation, re-target and late acknowledgements: one handover in time
        List<JournalEntry> quiet = List.of(
                ReviewFixture.handover("q1", "600", ReviewFixture.at(0, 9, 0))
                        .from("anna")
                        .to("ben")
                        .ackWithin(30)
                        .entry(),
                ReviewFixture.ack("q1", "ben", ReviewFixture.at(0, 9, 0), 5, AcknowledgementMethod.TASK));
        Review review = Review.of(quiet, FROM, FROM.plus(Duration.ofDays(1)));
        assertThat(review.figures().worthALook()).isEmpty();
        assertThat(Jsoup.parse(review.toHtml(GENERATED)).selectFirst("[data-figure=nothing-stands-out]"))
                .isNotNull();
        // feedback that names a section is worth a look even alone
        List<JournalEntry> withFeedback = new ArrayList<>(quiet);
        withFeedback.add(ReviewFixture.feedback(
                "q1",
                "600",
                "ben",
                ReviewFixture.at(0, 10, 0),
                List.of(dev.handover.core.note.NoteSection.HISTORY),
                ""));
        Review fb = Review.of(withFeedback, FROM, FROM.plus(Duration.ofDays(1)));
        assertThat(fb.figures().worthALook()).extracting(Evidence.Row::kind).containsExactly("feedback");
        assertThat(Jsoup.parse(fb.toHtml(GENERATED)).selectFirst("[data-figure=nothing-stands-out]"))
                .isNull();
    }

    @Test
    void theFixturesWeekIsWorthALookEverywhereItShouldBe() {
        Figures f = Review.of(ReviewFixture.journal(), FROM, UNTIL).figures();
        // 3 escalations, 2 late acknowledgements (H3, H4), 1 re-target (H5), 2 bounces (H7, H9), 3 feedbacks
        assertThat(f.rows("worthALook.byKind.escalation")).hasSize(3);
        assertThat(f.rows("worthALook.byKind.late-acknowledgement"))
                .extracting(Evidence.Row::handover)
                .containsExactly("h4", "h3");
        assertThat(f.rows("worthALook.byKind.retargeted"))
                .extracting(Evidence.Row::handover)
                .containsExactly("h5");
        assertThat(f.rows("worthALook.byKind.bounce"))
                .extracting(Evidence.Row::handover)
                .containsExactly("h7", "h9");
        assertThat(f.rows("worthALook.byKind.feedback")).hasSize(3);
        assertThat(f.worthALook()).hasSize(11);
        // newest first
        assertThat(f.worthALook()).isSortedAccordingTo(Evidence.NEWEST_FIRST);
    }
}
