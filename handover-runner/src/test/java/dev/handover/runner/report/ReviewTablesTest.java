package dev.handover.runner.report;

import static dev.handover.runner.report.ReviewFixture.FROM;
import static dev.handover.runner.report.ReviewFixture.GENERATED;
import static dev.handover.runner.report.ReviewFixture.UNTIL;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The per-agent, per-team, per-rule and per-reason tables of {@link ReviewFixture}, as its construction implies. */
class ReviewTablesTest {
    private final Review review = Review.of(ReviewFixture.journal(), FROM, UNTIL);
    private final Figures f = review.figures();
    private final Document doc = Jsoup.parse(review.toHtml(GENERATED));

    private static List<Long> columns(Figures.Person p) {
        return List.of(
                p.given(),
                p.received(),
                p.acknowledged(),
                p.lateAcks(),
                p.actionsDone(),
                p.actionsOnTime(),
                p.reminders(),
                p.escalations(),
                p.feedbackGiven(),
                p.feedbackReceived());
    }

    private Figures.Person agent(String id) {
        return f.people().agents().stream()
                .filter(p -> p.key().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void perAgentAsTheFixtureImplies() {
        assertThat(f.people().agents())
                .extracting(Figures.Person::key)
                .containsExactlyInAnyOrder("anna", "ben", "cara", "dev");
        ReviewFixture.PER_AGENT.forEach(
                (id, expected) -> assertThat(columns(agent(id))).as(id).isEqualTo(expected));
        ReviewFixture.AGENT_P50.forEach(
                (id, p50) -> assertThat(agent(id).ackP50()).as(id).contains(p50));
        assertThat(agent("dev").ackP50()).isEmpty();
        assertThat(agent("anna").label()).isEqualTo("Anna Schmidt");
        // the busiest first: anna and ben 7 each (ties by name), cara 4, dev 1
        assertThat(f.people().agents()).extracting(Figures.Person::key).containsExactly("anna", "ben", "cara", "dev");
    }

    @Test
    void perAgentColumnsAddUpToTheTotals() {
        List<Figures.Person> a = f.people().agents();
        assertThat(a.stream().mapToLong(Figures.Person::received).sum()).isEqualTo(ReviewFixture.HANDOVERS);
        // the unassigned sender of H5 is nobody's
        assertThat(a.stream().mapToLong(Figures.Person::given).sum()).isEqualTo(ReviewFixture.HANDOVERS - 1);
        assertThat(a.stream().mapToLong(Figures.Person::lateAcks).sum()).isEqualTo(ReviewFixture.LATE);
        assertThat(a.stream().mapToLong(Figures.Person::reminders).sum())
                .isEqualTo(f.reminders().total());
        assertThat(a.stream().mapToLong(Figures.Person::feedbackGiven).sum())
                .isEqualTo(f.feedback().count());
    }

    @Test
    void theAgentTableInTheHtmlLinksEachCellToItsRows() {
        Element anna = doc.selectFirst("[data-table=agents] tr[data-key=anna]");
        List<String> names = List.of(
                "given",
                "received",
                "acknowledged",
                "lateAcknowledgements",
                "actionsDone",
                "actionsOnTime",
                "reminders",
                "escalations",
                "feedbackGiven",
                "feedbackReceived");
        List<Long> expected = ReviewFixture.PER_AGENT.get("anna");
        for (int i = 0; i < names.size(); i++) {
            Element td = anna.selectFirst("td[data-column=" + names.get(i) + "]");
            assertThat(Long.parseLong(td.text())).as(names.get(i)).isEqualTo(expected.get(i));
            if (expected.get(i) > 0) {
                String list = "people.agents." + names.get(i) + ".anna";
                assertThat(td.selectFirst("a").attr("href")).isEqualTo("#" + Evidence.htmlId(list));
                assertThat(doc.getElementById(Evidence.htmlId(list)).select("tr.row"))
                        .hasSize(expected.get(i).intValue());
            }
        }
        assertThat(anna.selectFirst("td[data-column=ackP50]").text()).isEqualTo("20 min");
        // anna's escalations are h3 twice and h6
        assertThat(doc.getElementById(Evidence.htmlId("people.agents.escalations.anna"))
                        .select("tr.row td:eq(2)")
                        .eachText())
                .containsExactly("h3", "h6", "h3");
    }

    @Test
    void perReceivingTeam() {
        Map<String, Figures.Person> teams = new java.util.HashMap<>();
        f.people().teams().forEach(t -> teams.put(t.key(), t));
        assertThat(teams.keySet()).containsExactlyInAnyOrder(ReviewFixture.EMEA, "Billing L2", "g-tech", "no team");
        Figures.Person emea = teams.get(ReviewFixture.EMEA);
        assertThat(emea.received()).isEqualTo(ReviewFixture.EMEA_HANDOVERS);
        // EMEA: H1 (5 min) and H2 (10 min) acknowledged in time; h1 and h2 done on time; h6's reminder and escalation
        assertThat(emea.acknowledged()).isEqualTo(2);
        assertThat(emea.ackP50()).contains(Duration.ofMinutes(5));
        assertThat(emea.lateAcks()).isZero();
        assertThat(List.of(emea.actionsDone(), emea.actionsOnTime(), emea.reminders(), emea.escalations()))
                .containsExactly(2L, 2L, 1L, 1L);
        assertThat(emea.feedbackGiven()).isEqualTo(1); // on h2
        Figures.Person billing = teams.get("Billing L2"); // H3
        assertThat(List.of(billing.received(), billing.lateAcks(), billing.escalations(), billing.reminders()))
                .containsExactly(1L, 1L, 2L, 1L);
        // the events do not say which team a sender is in: a team has no "given" column
        assertThat(doc.select("[data-table=teams] td[data-column=given]")).isEmpty();
    }

    @Test
    void perRuleAndPerReason() {
        Figures.Breakdown shift = f.breakdowns().reasons().get(0);
        assertThat(shift.key()).isEqualTo("shift-change");
        // H1 H4 H6 H7 H8: H4 acknowledged late, H6 escalated once, H7 a bounce, H6's note incomplete
        assertThat(List.of(
                        shift.handovers(),
                        shift.lateAcks(),
                        shift.escalations(),
                        shift.bounces(),
                        shift.incompleteNotes()))
                .containsExactly(5L, 1L, 1L, 1L, 1L);
        Figures.Breakdown vip = f.breakdowns().rules().stream()
                .filter(b -> b.key().equals("rule-vip-routing"))
                .findFirst()
                .orElseThrow();
        assertThat(List.of(vip.handovers(), vip.lateAcks(), vip.escalations(), vip.bounces(), vip.incompleteNotes()))
                .containsExactly(1L, 1L, 2L, 0L, 1L);
        assertThat(f.breakdowns().reasons().stream()
                        .mapToLong(Figures.Breakdown::handovers)
                        .sum())
                .isEqualTo(ReviewFixture.HANDOVERS);
        assertThat(f.breakdowns().rules().stream()
                        .mapToLong(Figures.Breakdown::bounces)
                        .sum())
                .isEqualTo(ReviewFixture.BOUNCES);
        assertThat(f.breakdowns().rules().stream()
                        .mapToLong(Figures.Breakdown::escalations)
                        .sum())
                .isEqualTo(f.escalations().total());
        Element cell = doc.selectFirst("[data-table=reasons] tr[data-key=shift-change] td[data-column=bounces] a");
        assertThat(doc.getElementById(cell.attr("href").substring(1))
                        .select("tr.row")
                        .text())
                .contains("h7", "bounced back to Anna Schmidt 2 h after they handed it over (h1, Shift change)");
    }

    @Test
    void teamNamesFromTheOptionsNameAGroupWithoutALabel() {
        Figures named = Review.of(
                        ReviewFixture.journal(),
                        FROM,
                        UNTIL,
                        ReviewOptions.defaults().withTeamNames(Map.of("g-tech", "Technical L1")))
                .figures();
        assertThat(named.volume().byTeam())
                .extracting(Figures.Count::key)
                .contains("Technical L1")
                .doesNotContain("g-tech");
        // a label the worker wrote wins over the options: H3's "Billing L2"
        Figures relabelled = Review.of(
                        ReviewFixture.journal(),
                        FROM,
                        UNTIL,
                        ReviewOptions.defaults().withTeamNames(Map.of("g-billing", "Other")))
                .figures();
        assertThat(relabelled.volume().byTeam()).extracting(Figures.Count::key).contains("Billing L2");
        assertThat(Optional.of(named.people().teams()).get())
                .extracting(Figures.Person::key)
                .contains("Technical L1");
    }
}
