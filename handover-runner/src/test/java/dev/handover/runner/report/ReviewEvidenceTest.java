package dev.handover.runner.report;

import static dev.handover.runner.report.ReviewFixture.FROM;
import static dev.handover.runner.report.ReviewFixture.GENERATED;
import static dev.handover.runner.report.ReviewFixture.UNTIL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.runner.journal.JournalEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The links of the HTML page: every number links to a list of the events behind it, the list exists in the page, and
 * it holds as many rows as the number says (shown, plus "and N more" beyond the cap).
 */
class ReviewEvidenceTest {
    private final Review review = Review.of(ReviewFixture.journal(), FROM, UNTIL);
    private final Document doc = Jsoup.parse(review.toHtml(GENERATED));

    /** Every link of the page leads to a list whose rows are as many as the link's count. */
    static void assertEveryLinkMatchesItsList(Document d) {
        List<Element> links = d.select("a.ev[href]");
        assertThat(links).isNotEmpty();
        for (Element a : links) {
            String id = a.attr("href").substring(1);
            Element list = d.getElementById(id);
            assertThat(list).as("the list of %s", a.attr("href")).isNotNull();
            // an SVG link carries no count: its bar's value is the count
            Element bar = a.parent();
            long count = a.hasAttr("data-count")
                    ? Long.parseLong(a.attr("data-count"))
                    : Long.parseLong(bar.attr(bar.hasAttr("data-value") ? "data-value" : "data-handovers"));
            assertThat(count).as("%s links to an empty list", id).isPositive();
            int shown = list.select("tr.row").size();
            Element more = list.selectFirst(".more");
            long beyond = more == null ? 0 : Long.parseLong(more.attr("data-more"));
            assertThat(shown + beyond).as("rows of %s", id).isEqualTo(count);
            assertThat(Long.parseLong(list.attr("data-rows"))).isEqualTo(count);
            assertThat(shown).isEqualTo((int) Math.min(HtmlReport.LIST_ROWS, count));
            if (a.text().matches("\\d+")) {
                assertThat(Long.parseLong(a.text()))
                        .as("the number shown by %s", id)
                        .isEqualTo(count);
            }
        }
    }

    @Test
    void everyLinkLeadsToAListWithAsManyRowsAsItsNumber() {
        assertEveryLinkMatchesItsList(doc);
        ReviewHtmlTest.assertOnlyLinksWithinThePage(doc);
    }

    @Test
    void everyNonZeroCountIsALink() {
        // bars and columns (an "others" bar excepted: it sums several lists)
        for (Element g : doc.select("svg g.bar")) {
            if (!g.attr("data-key").isEmpty() && Long.parseLong(g.attr("data-value")) > 0) {
                assertThat(g.selectFirst("a.ev"))
                        .as("bar %s", g.attr("data-key"))
                        .isNotNull();
            }
        }
        for (Element g : doc.select("svg g.bucket")) {
            assertThat(g.selectFirst("a.ev") != null)
                    .isEqualTo(!g.attr("data-handovers").equals("0"));
        }
        // table cells that hold a count
        for (Element td : doc.select("td.num[data-column]")) {
            if (td.text().matches("[1-9]\\d*")) {
                assertThat(td.selectFirst("a.ev")).as("cell %s", td).isNotNull();
            }
        }
        for (Element td : doc.select("[data-table=acknowledgement] td.num, [data-table=follow-up] td.num")) {
            if (td.text().matches("[1-9].*") && !td.text().contains("min")) {
                assertThat(td.selectFirst("a.ev")).as("fact %s", td).isNotNull();
            }
        }
        for (String kpi : List.of("handovers", "acknowledged", "on-time", "bounce-rate", "notes-complete")) {
            assertThat(doc.selectFirst("[data-figure=" + kpi + "] a.ev"))
                    .as(kpi)
                    .isNotNull();
        }
        for (Element li : doc.select("[data-figure=suggestions] li")) {
            assertThat(li.selectFirst(".cases a.ev")).isNotNull();
        }
    }

    @Test
    void aRowSaysWhoWhenAndWhatHappened() {
        Element late = doc.getElementById(Evidence.htmlId("acknowledgement.late"));
        assertThat(late.select("tr.row").eachText())
                .containsExactly(
                        "Tue 3 Mar 14:40 103 h4 Cara Diaz → Ben Okoro acknowledged by Ben Okoro after 40 min, 10 min"
                                + " after the deadline (Tue 3 Mar 14:30), by completing the task",
                        "Tue 3 Mar 09:20 102 h3 Ben Okoro → Anna Schmidt acknowledged by Anna Schmidt after 20 min, 5"
                                + " min after the deadline (Tue 3 Mar 09:15), by commenting");
        Element escalations = doc.getElementById(Evidence.htmlId("escalations.count"));
        assertThat(escalations.select("tr.row").get(0).text())
                .contains("h3", "escalated (level 2) to nobody (the ladder ran out)", "overdue");
    }

    @Test
    void aLongListShowsTheNewestRowsAndSaysHowManyMore() {
        // 130 handovers in one week: the list of all handovers is cut at 100, the JSON keeps all 130
        List<JournalEntry> journal = new java.util.ArrayList<>();
        for (int i = 0; i < 130; i++) {
            journal.add(ReviewFixture.handover("x" + i, "t" + i, FROM.plus(Duration.ofMinutes(60L * i)))
                    .from("anna")
                    .to("ben")
                    .entry());
        }
        Review big = Review.of(journal, FROM, UNTIL);
        Document d = Jsoup.parse(big.toHtml(GENERATED));
        Element all = d.getElementById(Evidence.htmlId("handovers.count"));
        assertThat(all.select("tr.row")).hasSize(HtmlReport.LIST_ROWS);
        assertThat(all.selectFirst(".more").text()).isEqualTo("and 30 more — all are in the JSON and CSV.");
        assertThat(all.selectFirst("tr.row").text()).contains("x129"); // newest first
        assertEveryLinkMatchesItsList(d);
        assertThat(big.figures().rows("handovers.count")).hasSize(130);
    }

    @Test
    void listIdsAreSafeAndDistinctForHostileKeys() {
        assertThat(Evidence.htmlId("handovers.byTeam.EMEA Support")).startsWith("ev-handovers.byTeam.EMEA_Support-");
        assertThat(Evidence.htmlId("a.b c")).isNotEqualTo(Evidence.htmlId("a.b_c"));
        assertThat(Evidence.htmlId("acknowledgement.late")).isEqualTo("ev-acknowledgement.late");
        assertThat(Evidence.htmlId("x.\"><script>")).matches("ev-[A-Za-z0-9._-]+");
    }

    @Test
    void theGeneratedFortnightLinksEveryNumberToItsList() {
        Instant from = ReviewGeneratedTest.FROM;
        Document d = Jsoup.parse(Review.of(JournalGenerator.twoWeeks(42), from, ReviewGeneratedTest.UNTIL)
                .toHtml(ReviewGeneratedTest.GENERATED));
        assertEveryLinkMatchesItsList(d);
        ReviewHtmlTest.assertOnlyLinksWithinThePage(d);
    }
}
