package dev.handover.runner.report;

import static dev.handover.runner.report.ReviewFixture.FROM;
import static dev.handover.runner.report.ReviewFixture.UNTIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.handover.runner.journal.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The figures of {@link ReviewFixture}'s journal, each following from how the journal is built. */
class ReviewTest {
    private final Figures f = Review.of(ReviewFixture.journal(), FROM, UNTIL).figures();

    @Test
    void countsDistinctHandoversOfThePeriodOnly() {
        assertThat(f.volume().handovers()).isEqualTo(ReviewFixture.HANDOVERS);
        assertThat(f.volume().fromReplay())
                .as("H1's replay line repeats a handover already counted")
                .isZero();
        assertThat(f.volume().customerNotified()).isEqualTo(ReviewFixture.NOTIFIED);
    }

    @Test
    void byReasonUsesTheBuiltInLabelElseTheCode() {
        assertThat(f.volume().byReason())
                .extracting(Figures.Count::key, Figures.Count::label, Figures.Count::count)
                .containsExactly(
                        tuple("shift-change", "Shift change", (long) ReviewFixture.SHIFT_CHANGES),
                        tuple("absence", "Absence", 1L),
                        tuple("complaint", "Complaint", 1L),
                        tuple("escalation", "Escalation", 1L),
                        tuple("vip-routing", "vip-routing", 1L),
                        tuple("workload", "Workload", 1L));
    }

    @Test
    void byTeamFallsBackFromTeamToGroupLabelToGroupIdToNoTeam() {
        assertThat(f.volume().byTeam())
                .extracting(Figures.Count::label, Figures.Count::count)
                .containsExactly(
                        tuple(ReviewFixture.EMEA, (long) ReviewFixture.EMEA_HANDOVERS),
                        tuple("Billing L2", 1L), // H3: group label only
                        tuple("g-tech", 1L), // H4: no labels at all
                        tuple("no team", 1L)); // H5: no group
    }

    @Test
    void byAgentUsesTheNewestNameElseTheId() {
        // receivers: anna H3 H6 H7, ben H1 H4 H8, cara H2 H9 H11, dev H5 (never named)
        assertThat(f.volume().byReceiver())
                .extracting(Figures.Count::key, Figures.Count::label, Figures.Count::count)
                .containsExactly(
                        tuple("anna", "Anna Schmidt", 3L),
                        tuple("ben", "Ben Okoro", 3L),
                        tuple("cara", "Cara Diaz", 3L),
                        tuple("dev", "dev", 1L));
        // senders: anna H1 H2 H8 H9 ("A. Schmidt" on H1 is older), ben H3 H6 H7 H11, cara H4, nobody H5
        assertThat(f.volume().bySender())
                .extracting(Figures.Count::label, Figures.Count::count)
                .containsExactly(
                        tuple("Anna Schmidt", 4L),
                        tuple("Ben Okoro", 4L),
                        tuple("(unassigned)", 1L),
                        tuple("Cara Diaz", 1L));
    }

    @Test
    void perDayCoversEveryDayOfThePeriod() {
        assertThat(f.volume().perDay())
                .extracting(
                        Figures.Day::date, Figures.Day::handovers, Figures.Day::incompleteNotes, Figures.Day::refused)
                .containsExactly(
                        tuple(LocalDate.of(2026, 3, 2), 4L, 1L, 2L), // H1 H2 H7 H9; H2 incomplete; R1 R2
                        tuple(LocalDate.of(2026, 3, 3), 2L, 1L, 1L), // H3 H4; H3 incomplete; R3
                        tuple(LocalDate.of(2026, 3, 4), 3L, 1L, 0L), // H5 H6 H8; H6 incomplete
                        tuple(LocalDate.of(2026, 3, 5), 1L, 0L, 0L), // H11
                        tuple(LocalDate.of(2026, 3, 6), 0L, 0L, 0L),
                        tuple(LocalDate.of(2026, 3, 7), 0L, 0L, 0L),
                        tuple(LocalDate.of(2026, 3, 8), 0L, 0L, 0L));
        assertThat(f.volume().perDay().get(3).failed()).isEqualTo(1);
    }

    @Test
    void refusalsAndFailuresWithTheirCausesWithoutTimes() {
        assertThat(f.refusals().count()).isEqualTo(3);
        assertThat(f.refusals().tickets()).isEqualTo(2);
        assertThat(f.refusals().byGuard()).isEqualTo(ReviewFixture.GUARD_REFUSALS);
        assertThat(f.refusals().causes())
                .extracting(Figures.Count::label, Figures.Count::count)
                .containsExactly(
                        tuple("Hand-back to the previous owner blocked by the ping-pong guard", 2L),
                        tuple("no agent in Billing L2 has the skill refunds and is on shift before …", 1L));
        assertThat(f.failures().count()).isEqualTo(1);
        assertThat(f.failures().retryable()).isEqualTo(1);
        assertThat(f.failures().causes()).extracting(Figures.Count::label).containsExactly("the CRM answered 503 at …");
    }

    @Test
    void acknowledgementOfTheHandoversThatAskedForOne() {
        Figures.Acks a = f.acks();
        assertThat(a.needed()).isEqualTo(ReviewFixture.ACK_NEEDED);
        assertThat(a.acknowledged()).isEqualTo(ReviewFixture.LATENCIES.size());
        assertThat(a.late()).isEqualTo(ReviewFixture.LATE);
        assertThat(a.retargeted()).as("H5").isEqualTo(1);
        assertThat(a.pending()).as("H6").isEqualTo(1);
        assertThat(a.overdue()).as("H6's deadline passed before the end").isEqualTo(1);
        // nearest rank of 5, 10, 20, 40 min: p50 = rank ⌈0.5 × 4⌉ = 2 → 10 min; p90 = rank ⌈0.9 × 4⌉ = 4 → 40 min
        assertThat(a.p50()).contains(ReviewFixture.LATENCIES.get(1));
        assertThat(a.p90()).contains(ReviewFixture.LATENCIES.get(3));
        assertThat(a.byMethod())
                .extracting(Figures.Count::key, Figures.Count::count)
                .containsExactly(tuple("EXPLICIT", 1L), tuple("TASK", 2L), tuple("COMMENT", 1L));
        assertThat(a.latency())
                .extracting(Figures.Count::key, Figures.Count::count)
                .containsExactly(
                        tuple("0-15m", 2L),
                        tuple("15-30m", 1L),
                        tuple("30-60m", 1L),
                        tuple("1-2h", 0L),
                        tuple("2-4h", 0L),
                        tuple("4-8h", 0L),
                        tuple("8h+", 0L));
    }

    @Test
    void nearestRankPercentiles() {
        List<Duration> ten = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ten.add(Duration.ofMinutes(i));
        }
        // 90% of 10 is rank 9 exactly (floating point would make it 9.000000000000002 and round up to 10)
        assertThat(Tally.percentile(ten, 90)).contains(Duration.ofMinutes(9));
        assertThat(Tally.percentile(ten, 50)).contains(Duration.ofMinutes(5));
        assertThat(Tally.percentile(List.of(Duration.ofMinutes(7)), 90)).contains(Duration.ofMinutes(7));
        assertThat(Tally.percentile(List.of(), 50)).isEmpty();
    }

    @Test
    void followUpFigures() {
        // H1 (twice), H2, H4 on time, H3 late; H0's completion was before the period
        assertThat(f.actions().completed()).isEqualTo(4);
        assertThat(f.actions().onTime()).isEqualTo(3);
        assertThat(f.reminders().total()).isEqualTo(4);
        assertThat(f.reminders().byKind())
                .extracting(Figures.Count::key, Figures.Count::count)
                .containsExactly(tuple("acknowledgement", 2L), tuple("check-in", 1L), tuple("overdue", 1L));
        assertThat(f.escalations().total()).isEqualTo(3);
        assertThat(f.escalations().toNobody()).isEqualTo(1);
        assertThat(f.escalations().byLevel())
                .extracting(Figures.Count::label, Figures.Count::count)
                .containsExactly(tuple("level 1", 2L), tuple("level 2", 1L));
        assertThat(f.escalations().byCause())
                .extracting(Figures.Cause::key, Figures.Cause::count)
                .containsExactly(tuple("owner-off-shift", 2L), tuple("overdue", 1L));
        assertThat(f.escalations().byCause().get(0).impacts())
                .containsExactlyInAnyOrder(
                        // grouped without the time, which differs from one escalation to the next
                        "the promise \"refund\" was due … and has passed",
                        "no promise to the customer depends on it yet");
        assertThat(f.followUps().byOutcome())
                .extracting(Figures.Count::key, Figures.Count::count)
                .containsExactly(tuple("completed", 2L), tuple("exhausted", 1L), tuple("retargeted", 1L));
        assertThat(f.followUps().reconciled()).isEqualTo(1);
    }

    @Test
    void bouncesAreStraightHandBacksWithinTheWindowEvenAcrossThePeriodStart() {
        assertThat(f.bounces().count()).isEqualTo(ReviewFixture.BOUNCES);
        assertThat(f.bounces().refusedByGuard()).isEqualTo(ReviewFixture.GUARD_REFUSALS);
        assertThat(f.bounces().window()).isEqualTo(Duration.ofHours(4));
        assertThat(f.bounces().pairs())
                .extracting(Figures.Count::label, Figures.Count::count)
                .containsExactly(tuple("Anna Schmidt ⇄ Ben Okoro", 1L), tuple("Anna Schmidt ⇄ Cara Diaz", 1L));
    }

    @Test
    void aHandBackAfterTheWindowOrToSomeoneElseIsNoBounce() {
        ReviewFixture.Builder first = ReviewFixture.handover("a", "1", FROM.plusSeconds(3600))
                .from("anna")
                .to("ben");
        List<JournalEntry> journal = List.of(
                first.entry(),
                // exactly the window later: the guard would no longer stop it either
                ReviewFixture.handover("b", "1", FROM.plusSeconds(3600).plus(Tally.BOUNCE_WINDOW))
                        .from("ben")
                        .to("anna")
                        .entry(),
                ReviewFixture.handover("c", "2", FROM.plusSeconds(3600))
                        .from("anna")
                        .to("ben")
                        .entry(),
                ReviewFixture.handover("d", "2", FROM.plusSeconds(3660))
                        .from("ben")
                        .to("cara")
                        .entry());
        assertThat(Review.of(journal, FROM, UNTIL).figures().bounces().count()).isZero();
    }

    @Test
    void theReturnToAnOwnerBackFromAbsenceIsPlannedNotABounce() {
        List<JournalEntry> journal = List.of(
                ReviewFixture.handover("a", "1", FROM.plusSeconds(3600))
                        .reason("absence")
                        .from("anna")
                        .to("ben")
                        .entry(),
                ReviewFixture.handover("b", "1", FROM.plusSeconds(7200))
                        .reason("absence")
                        .rule(Tally.RETURN_RULE)
                        .from("ben")
                        .to("anna")
                        .entry());
        Figures g = Review.of(journal, FROM, UNTIL).figures();
        assertThat(g.bounces().count()).isZero();
        assertThat(g.volume().handovers()).isEqualTo(2);
    }

    @Test
    void chainsByTicket() {
        // 100: 1, 2, 3 → 3; 101: 1; 102: 2; 103: 3; 104: 1; 105: 1; 106: 2; 107: 5
        assertThat(f.chains().tickets()).isEqualTo(ReviewFixture.TICKETS);
        assertThat(f.chains().distribution())
                .extracting(Figures.Count::key, Figures.Count::count)
                .containsExactly(tuple("1", 3L), tuple("2", 2L), tuple("3", 2L), tuple("4+", 1L));
        assertThat(f.chains().longest())
                .extracting(Figures.Chain::ticket, Figures.Chain::length)
                .containsExactly(tuple("107", 5), tuple("100", 3), tuple("103", 3), tuple("102", 2), tuple("106", 2));
        assertThat(f.chains().longest().get(1).path())
                .containsExactly("Anna Schmidt", "Ben Okoro", "Anna Schmidt", "Ben Okoro");
        assertThat(f.chains().longest().get(4).path())
                .as("H0 before the period is context")
                .containsExactly("Cara Diaz", "Anna Schmidt", "Cara Diaz");
    }

    @Test
    void noteCompletenessAndFeedback() {
        assertThat(f.notes().complete()).isEqualTo(ReviewFixture.COMPLETE_NOTES);
        assertThat(f.notes().missing())
                .extracting(Figures.Count::key, Figures.Count::label, Figures.Count::count)
                .containsExactly(
                        tuple("PROMISES", "Promises made to the customer", (long) ReviewFixture.PROMISES_MISSING),
                        tuple("HISTORY", "History", 1L));
        assertThat(f.feedback().count()).isEqualTo(3);
        assertThat(f.feedback().receivers()).isEqualTo(3);
        assertThat(f.feedback().sections())
                .extracting(Figures.Count::key, Figures.Count::count)
                .containsExactly(tuple("PROMISES", 2L), tuple("HISTORY", 1L));
        assertThat(f.feedback().comments())
                .extracting(Figures.Comment::from, Figures.Comment::text)
                .containsExactly(
                        tuple("Ben Okoro", "Clear note, thanks"),
                        tuple("Anna Schmidt", ReviewFixture.HOSTILE_COMMENT),
                        tuple("Cara Diaz", "What did we promise about the refund?"));
    }

    @Test
    void suggestionsFollowFromTheFigures() {
        assertThat(f.suggestionTexts())
                .containsExactly(
                        // 3 of 10 notes miss promises; cara and anna named them in feedback
                        "The section “Promises made to the customer” is missing from 30% of notes (3 of 10) — 2 receivers asked for"
                                + " it.",
                        // 1 of 6 (17%) is at least 10% of those asked
                        "1 handover was re-targeted because the receiver never acknowledged (17% of those asked) —"
                                + " check that receivers see the acknowledgement task.",
                        // E1 and E2 of 3: the owner was off shift
                        "Main cause of escalations (2 of 3): the owner was off shift — hand over to someone on shift,"
                                + " or set deadlines inside the receiver's working hours.",
                        // 2 of 10 handovers (20%) bounced
                        "2 tickets bounced straight back to the sender within 4 h (20% of handovers), most often"
                                + " Anna Schmidt ⇄ Ben Okoro; the ping-pong guard stopped 2 more hand-backs — check the"
                                + " rules that route these tickets.");
    }

    @Test
    void aQuietPeriodSuggestsNothing() {
        List<JournalEntry> one = List.of(ReviewFixture.handover("x", "1", FROM.plusSeconds(60))
                .from("anna")
                .to("ben")
                .entry());
        Figures quiet = Review.of(one, FROM, UNTIL).figures();
        assertThat(quiet.suggestions()).isEmpty();
        assertThat(quiet.acks().p50()).isEmpty();
    }

    @Test
    void theOrderOfTheJournalDoesNotMatter() {
        List<JournalEntry> reversed = new ArrayList<>(ReviewFixture.journal());
        Collections.reverse(reversed); // every replay before its original, every second ack before the first
        assertThat(Review.of(reversed, FROM, UNTIL).figures()).isEqualTo(f);
        for (int seed = 0; seed < 20; seed++) {
            List<JournalEntry> shuffled = new ArrayList<>(ReviewFixture.journal());
            Collections.shuffle(shuffled, new Random(seed));
            assertThat(Review.of(shuffled, FROM, UNTIL).figures())
                    .as("seed " + seed)
                    .isEqualTo(f);
        }
    }

    @Test
    void theTextSummaryHasTheHeadlineFigures() {
        String text = Review.of(ReviewFixture.journal(), FROM, UNTIL).toText();
        assertThat(text.lines())
                .hasSizeLessThanOrEqualTo(10)
                .first()
                .isEqualTo("Handover review, Mon 2 Mar 2026 – Sun 8 Mar 2026 (UTC)");
        assertThat(text)
                .contains("Handovers: 10 (3 refused, 1 failed write)")
                .contains("4 reminders (1 check-in before a deadline, 3 after)")
                .contains("customer told in 30%")
                .contains("notes complete 70%")
                .contains("Acknowledged: 4 of 6 (2 late, 1 re-targeted, 1 pending) · median 10 min, 90% within 40 min")
                .contains("actions on time 75% (3 of 4)")
                .contains("Bounced back: 2 (20%) · 2 hand-backs stopped by the ping-pong guard")
                .contains("longest chain 5 (ticket 107)")
                .contains("To improve:");
    }

    @Test
    void aLabelIsNeverCutInsideACharacter() {
        String label = "Customer Success Enterprise EU🚀 Night";
        for (int max = 2; max < label.length(); max++) {
            String cut = Format.shorten(label, max);
            assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(cut))
                    .as("cut at %d: %s", max, cut)
                    .isTrue();
            assertThat(cut.codePointCount(0, cut.length())).isLessThanOrEqualTo(max);
        }
        assertThat(Format.shorten("short", 10)).isEqualTo("short");
    }

    @Test
    void aPeriodOfOneDayNamesTheDayOnce() {
        assertThat(Review.of(List.of(), FROM, FROM.plus(Duration.ofHours(19))).toText())
                .startsWith("Handover review, Mon 2 Mar 2026 (UTC)\n");
    }

    @Test
    void anEmptyPeriodSaysSo() {
        assertThat(Review.of(List.of(), FROM, UNTIL).toText()).contains("No handovers in this period.");
        assertThatThrownBy(() -> Review.of(List.of(), UNTIL, FROM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must end after it starts");
    }
}
