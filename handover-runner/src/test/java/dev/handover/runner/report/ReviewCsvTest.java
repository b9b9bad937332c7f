package dev.handover.runner.report;

import static dev.handover.runner.report.ReviewFixture.FROM;
import static dev.handover.runner.report.ReviewFixture.GENERATED;
import static dev.handover.runner.report.ReviewFixture.UNTIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.handover.core.event.HandoverEvent;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TicketId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CSV of {@link ReviewFixture}'s journal, parsed. */
class ReviewCsvTest {
    private final List<List<String>> rows =
            parse(Review.of(ReviewFixture.journal(), FROM, UNTIL).toCsv(GENERATED));

    static List<List<String>> parse(String csv) {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<List<String>> it =
                mapper.readerForListOf(String.class).readValues(csv)) {
            return it.readAll();
        } catch (IOException e) {
            throw new AssertionError("not CSV: " + csv, e);
        }
    }

    /** The value of the one row with this section, dimension and key. */
    private String value(String section, String dimension, String key) {
        List<List<String>> found = rows.stream()
                .filter(r -> r.get(0).equals(section)
                        && r.get(1).equals(dimension)
                        && r.get(2).equals(key))
                .toList();
        assertThat(found).as("%s,%s,%s", section, dimension, key).hasSize(1);
        return found.get(0).get(4);
    }

    @Test
    void aHeaderThenFiveColumnsPerRow() {
        assertThat(rows.get(0)).containsExactly("section", "dimension", "key", "label", "value");
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(5));
    }

    @Test
    void theFiguresAreRowsOfTheLongFormat() {
        assertThat(value("report", "version", "")).isEqualTo("1");
        assertThat(value("period", "from", "")).isEqualTo("2026-03-02T00:00:00Z");
        assertThat(value("handovers", "count", "")).isEqualTo(Integer.toString(ReviewFixture.HANDOVERS));
        assertThat(value("handovers", "byReason", "shift-change"))
                .isEqualTo(Integer.toString(ReviewFixture.SHIFT_CHANGES));
        assertThat(rows)
                .contains(List.of(
                        "handovers", "byReason", "shift-change", "Shift change", "" + ReviewFixture.SHIFT_CHANGES));
        assertThat(value("handovers", "perDay.handovers", "2026-03-02")).isEqualTo("4");
        assertThat(value("handovers", "perDay.incompleteNotes", "2026-03-02")).isEqualTo("1");
        assertThat(value("acknowledgement", "latency.p50Minutes", "")).isEqualTo("10.0");
        assertThat(value("acknowledgement", "latency.p90Minutes", "")).isEqualTo("40.0");
        assertThat(value("acknowledgement", "latency.buckets", "0-15m")).isEqualTo("2");
        assertThat(value("bounces", "count", "")).isEqualTo(Integer.toString(ReviewFixture.BOUNCES));
        assertThat(value("chains", "distribution", "4+")).isEqualTo("1");
        assertThat(value("chains", "longest.length", "107")).isEqualTo("5");
        assertThat(value("chains", "longest.path", "100"))
                .isEqualTo("Anna Schmidt; Ben Okoro; Anna Schmidt; Ben Okoro");
        assertThat(value("escalations", "byCause.impacts", "overdue"))
                .isEqualTo("the customer expected to hear from us by …");
        assertThat(value("notes", "missing", "PROMISES")).isEqualTo(Integer.toString(ReviewFixture.PROMISES_MISSING));
        assertThat(value("feedback", "comments.comment", "h3")).isEqualTo(ReviewFixture.HOSTILE_COMMENT);
        assertThat(value("suggestions", "text", "1"))
                .startsWith("The section “Promises made to the customer” is missing");
    }

    /** The CSV of a journal of one handover whose team has this name. */
    private static List<List<String>> oneHandoverToTeam(String team) {
        List<JournalEntry> journal = List.of(new JournalEntry(
                ReviewFixture.handover("x1", "1", FROM.plusSeconds(60))
                        .from("anna")
                        .to("ben")
                        .event(),
                Map.of("team", team)));
        return parse(Review.of(journal, FROM, UNTIL).toCsv(GENERATED));
    }

    @Test
    void aValueWithCommasQuotesAndLineBreaksSurvives() {
        String team = "Billing, \"L2\"\nnights";
        assertThat(oneHandoverToTeam(team)).contains(List.of("handovers", "byTeam", team, team, "1"));
    }

    @Test
    void everyRowIsIdentifiedBySectionDimensionAndKey() {
        List<JournalEntry> journal = new ArrayList<>(ReviewFixture.journal());
        // a second comment on h2, by the same receiver a day later
        journal.add(new JournalEntry(
                new HandoverEvent.FeedbackGiven(
                        ReviewFixture.at(2, 8, 0),
                        TicketId.of("101"),
                        HandoverId.of("h2"),
                        AgentId.of("cara"),
                        List.of(),
                        "Found it in the history after all"),
                Map.of()));
        List<List<String>> rows = parse(Review.of(journal, FROM, UNTIL).toCsv(GENERATED));
        assertThat(rows.stream().skip(1).map(r -> r.subList(0, 3)).toList()).doesNotHaveDuplicates();
        assertThat(rows)
                .anySatisfy(r -> assertThat(r).startsWith("feedback", "comments.comment", "h2"))
                .anySatisfy(r -> assertThat(r).startsWith("feedback", "comments.comment", "h2#2"));
    }

    @Test
    void aLabelThatLooksLikeAFormulaIsDefused() {
        String team = "=HYPERLINK(\"x\",\"y\")";
        assertThat(oneHandoverToTeam(team)).contains(List.of("handovers", "byTeam", "'" + team, "'" + team, "1"));
        assertThat(oneHandoverToTeam("-1+2")).contains(List.of("handovers", "byTeam", "'-1+2", "'-1+2", "1"));
        // a tab or carriage return first hides a formula from a check of the first visible character
        assertThat(CsvReport.safe("\t=HYPERLINK(\"x\")")).isEqualTo("'\t=HYPERLINK(\"x\")");
        assertThat(CsvReport.safe("\r=1+1")).isEqualTo("'\r=1+1");
        assertThat(CsvReport.safe("plain")).isEqualTo("plain");
    }

    @Test
    void theEvidenceRowsAreRowsOfSectionEvidence() {
        List<List<String>> evidence =
                rows.stream().filter(r -> r.get(0).equals("evidence")).toList();
        assertThat(value("evidence", "count", ""))
                .isEqualTo(Long.toString(evidence.stream()
                        .filter(r -> r.get(1).equals("rows.lists"))
                        .count()));
        // the rows of the late acknowledgements: each row's lists name the figures it is behind
        List<String> late = evidence.stream()
                .filter(r -> r.get(1).equals("rows.lists")
                        && List.of(r.get(4).split("; ")).contains("acknowledgement.late"))
                .map(r -> r.get(2))
                .toList();
        assertThat(late).hasSize(ReviewFixture.LATE);
        for (String key : late) {
            assertThat(rows)
                    .anySatisfy(r ->
                            assertThat(r).containsExactly("evidence", "rows.ticket", key, "acknowledged", r.get(4)));
        }
        assertThat(late.stream().map(k -> value("evidence", "rows.handover", k)))
                .containsExactly("h3", "h4");
    }
}
