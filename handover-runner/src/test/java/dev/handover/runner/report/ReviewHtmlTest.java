package dev.handover.runner.report;

import static dev.handover.runner.report.ReviewFixture.FROM;
import static dev.handover.runner.report.ReviewFixture.GENERATED;
import static dev.handover.runner.report.ReviewFixture.UNTIL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.note.NoteSection;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TicketId;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The HTML page of {@link ReviewFixture}'s journal, parsed: its numbers and labels, and that it stands alone. */
class ReviewHtmlTest {
    private final String html = Review.of(ReviewFixture.journal(), FROM, UNTIL).toHtml(GENERATED);
    private final Document doc = Jsoup.parse(html);

    private String figure(String name) {
        return doc.selectFirst("[data-figure=" + name + "]").text();
    }

    private Element bar(String chart, String key) {
        return doc.select("svg[data-chart=" + chart + "] g.bar").stream()
                .filter(g -> g.attr("data-key").equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no bar " + key + " in chart " + chart));
    }

    private String fact(String table, String key) {
        return doc.selectFirst("[data-table=" + table + "] tr[data-key=" + key + "] td.num")
                .text();
    }

    @Test
    void showsThePeriodAndWhenItWasGenerated() {
        assertThat(doc.title()).isEqualTo("Handover review · Mon 2 Mar 2026 – Sun 8 Mar 2026 (UTC)");
        assertThat(figure("period")).isEqualTo("Mon 2 Mar 2026 – Sun 8 Mar 2026 (UTC)");
        assertThat(figure("generated")).isEqualTo("9 Mar 2026 07:30 UTC");
    }

    @Test
    void theHeadlineTilesShowTheFixturesFigures() {
        assertThat(figure("handovers")).isEqualTo(Integer.toString(ReviewFixture.HANDOVERS));
        assertThat(figure("acknowledged")).isEqualTo("67%"); // 4 of 6
        assertThat(figure("latency-p50")).isEqualTo("10 min");
        assertThat(figure("on-time")).isEqualTo("75%"); // 3 of 4
        assertThat(figure("bounce-rate")).isEqualTo("20%"); // 2 of 10
        assertThat(figure("notes-complete")).isEqualTo("70%"); // 7 of 10
    }

    @Test
    void theBarChartsCarryLabelsAndCounts() {
        Element shift = bar("reasons", "shift-change");
        assertThat(shift.attr("data-value")).isEqualTo(Integer.toString(ReviewFixture.SHIFT_CHANGES));
        assertThat(shift.selectFirst("text.label").text()).isEqualTo("Shift change");
        assertThat(shift.selectFirst("text.value").text()).isEqualTo("5");
        assertThat(bar("reasons", "vip-routing").selectFirst("text.label").text())
                .isEqualTo("vip-routing");
        assertThat(bar("teams", ReviewFixture.EMEA).attr("data-value"))
                .isEqualTo(Integer.toString(ReviewFixture.EMEA_HANDOVERS));
        assertThat(bar("teams", "no team").attr("data-value")).isEqualTo("1");
        assertThat(bar("receivers", "anna").selectFirst("text.label").text()).isEqualTo("Anna Schmidt");
        assertThat(bar("senders", "").selectFirst("text.label").text()).isEqualTo("(unassigned)");
        assertThat(bar("missing", "PROMISES").attr("data-value"))
                .isEqualTo(Integer.toString(ReviewFixture.PROMISES_MISSING));
        assertThat(bar("chains", "4+").attr("data-value")).isEqualTo("1");
        assertThat(bar("escalation-levels", "1").attr("data-value")).isEqualTo("2");
    }

    @Test
    void theTrendHasEveryDayAndTheLatencyHistogramEveryBucket() {
        assertThat(doc.select("svg[data-chart=over-time] g.bucket")).hasSize(7);
        Element monday = doc.selectFirst("g.bucket[data-key=2026-03-02]");
        assertThat(monday.attr("data-handovers")).isEqualTo("4");
        assertThat(monday.attr("data-incomplete")).isEqualTo("1");
        assertThat(monday.attr("data-refused")).isEqualTo("2");
        assertThat(doc.select("svg[data-chart=latency] g.bar")).hasSize(7);
        assertThat(bar("latency", "0-15m").attr("data-value")).isEqualTo("2"); // 5 and 10 min
    }

    @Test
    void theTablesHoldAcknowledgementEscalationsChainsAndComments() {
        assertThat(fact("acknowledgement", "late")).isEqualTo(Integer.toString(ReviewFixture.LATE));
        assertThat(fact("acknowledgement", "retargeted")).isEqualTo("1");
        assertThat(fact("acknowledgement", "p90")).isEqualTo("40 min");
        assertThat(fact("follow-up", "reminders")).isEqualTo("4");
        assertThat(fact("bounces", "guard")).isEqualTo(Integer.toString(ReviewFixture.GUARD_REFUSALS));
        Element offShift = doc.selectFirst("[data-table=escalation-causes] tr[data-key=owner-off-shift]");
        assertThat(offShift.selectFirst("td.num").text()).isEqualTo("2");
        assertThat(offShift.select("ul.impacts li").eachText())
                .contains("the promise \"refund\" was due … and has passed");
        Element longest = doc.selectFirst("[data-table=longest] tr[data-key=107]");
        assertThat(longest.selectFirst("td.num").text()).isEqualTo("5");
        assertThat(doc.select("[data-table=comments] blockquote .text").eachText())
                .containsExactly(
                        "Clear note, thanks", ReviewFixture.HOSTILE_COMMENT, "What did we promise about the refund?");
        assertThat(doc.select("[data-figure=suggestions] li .text").eachText())
                .containsExactlyElementsOf(Review.of(ReviewFixture.journal(), FROM, UNTIL)
                        .figures()
                        .suggestionTexts());
    }

    @Test
    void standsAloneWithoutScriptOrNetwork() {
        assertThat(doc.select("script, link, img, iframe, object, embed, base, form"))
                .isEmpty();
        assertThat(doc.select("[src]")).isEmpty();
        assertThat(html).doesNotContain("http").doesNotContain("url(").doesNotContain("@import");
        assertThat(doc.select("style")).hasSize(1);
        assertEveryAttributeIsInert(doc);
        assertOnlyLinksWithinThePage(doc);
    }

    @Test
    void hostileLabelsAndCommentsAreShownAsText() {
        String team = "<img src=x onerror=alert(1)>";
        String name = "\"><script>alert('x')</script>";
        String comment = "</blockquote><svg onload=alert(2)>";
        List<JournalEntry> journal = List.of(
                new JournalEntry(
                        ReviewFixture.handover("x1", "1", FROM.plusSeconds(60))
                                .from("anna", name)
                                .to("ben")
                                .reason("<b>bold</b>")
                                .event(),
                        Map.of("from", name, "to", "Ben", "team", team)),
                new JournalEntry(
                        new HandoverEvent.FeedbackGiven(
                                FROM.plusSeconds(120),
                                TicketId.of("1"),
                                HandoverId.of("x1"),
                                AgentId.of("ben"),
                                List.of(NoteSection.PROMISES),
                                comment),
                        Map.of("from", name)));
        String page = Review.of(journal, FROM, UNTIL).toHtml(GENERATED);
        Document d = Jsoup.parse(page);
        assertThat(d.select("script, img, b")).isEmpty();
        assertThat(page).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>");
        assertEveryAttributeIsInert(d);
        assertThat(d.text()).contains(team, name, comment, "<b>bold</b>");
        assertThat(d.selectFirst("svg[data-chart=teams] g.bar").attr("data-key"))
                .isEqualTo(team);
    }

    /**
     * The only links are {@code <a href="#…">} to an element of the page: nothing leads off it, and no other attribute
     * (xlink:href, action, formaction, srcset) names a target.
     */
    static void assertOnlyLinksWithinThePage(Document d) {
        for (Element e : d.getAllElements()) {
            for (Attribute a : e.attributes()) {
                String key = a.getKey().toLowerCase(java.util.Locale.ROOT);
                assertThat(key)
                        .as("attribute of <%s>", e.tagName())
                        .doesNotContain("action")
                        .doesNotContain("srcset")
                        .isNotEqualTo("xlink:href");
                if (key.equals("href")) {
                    assertThat(e.tagName()).isEqualTo("a");
                    assertThat(a.getValue()).startsWith("#");
                    assertThat(d.getElementById(a.getValue().substring(1)))
                            .as("the target of %s", a.getValue())
                            .isNotNull();
                }
            }
        }
    }

    static void assertEveryAttributeIsInert(Document d) {
        for (Element e : d.getAllElements()) {
            for (Attribute a : e.attributes()) {
                assertThat(a.getKey()).as("attribute of <%s>", e.tagName()).doesNotStartWith("on");
            }
        }
    }
}
