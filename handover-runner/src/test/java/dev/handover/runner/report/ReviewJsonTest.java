package dev.handover.runner.report;

import static dev.handover.runner.report.ReviewFixture.FROM;
import static dev.handover.runner.report.ReviewFixture.GENERATED;
import static dev.handover.runner.report.ReviewFixture.UNTIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.runner.journal.EventCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON document of {@link ReviewFixture}'s journal, parsed. */
class ReviewJsonTest {
    private final JsonNode json =
            parse(Review.of(ReviewFixture.journal(), FROM, UNTIL).toJson(GENERATED));

    private static JsonNode parse(String text) {
        try {
            return EventCodec.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static JsonNode byKey(JsonNode array, String key) {
        for (JsonNode n : array) {
            if (n.path("key").asText().equals(key)) {
                return n;
            }
        }
        throw new AssertionError("no element " + key + " in " + array);
    }

    @Test
    void theShapeIsTheDocumentedOne() {
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactly(
                        "report",
                        "version",
                        "generated",
                        "period",
                        "handovers",
                        "refusals",
                        "failures",
                        "acknowledgement",
                        "actions",
                        "reminders",
                        "escalations",
                        "followUps",
                        "bounces",
                        "chains",
                        "notes",
                        "feedback",
                        "people",
                        "breakdowns",
                        "worthALook",
                        "previous",
                        "suggestions",
                        "evidence");
        assertThat(json.get("report").asText()).isEqualTo("handover-review");
        assertThat(json.get("version").asInt()).isEqualTo(JsonReport.VERSION);
        assertThat(json.get("generated").asText()).isEqualTo(GENERATED.toString());
        assertThat(json.at("/period/from").asText()).isEqualTo("2026-03-02T00:00:00Z");
        assertThat(json.at("/period/until").asText()).isEqualTo("2026-03-09T00:00:00Z");
    }

    @Test
    void handoversAndTheirBreakdowns() {
        JsonNode h = json.get("handovers");
        assertThat(h.get("count").asLong()).isEqualTo(ReviewFixture.HANDOVERS);
        assertThat(h.get("customerNotified").asLong()).isEqualTo(ReviewFixture.NOTIFIED);
        assertThat(h.get("customerNotifiedShare").asDouble()).isEqualTo(0.3);
        JsonNode shift = h.get("byReason").get(0);
        assertThat(shift.get("key").asText()).isEqualTo("shift-change");
        assertThat(shift.get("label").asText()).isEqualTo("Shift change");
        assertThat(shift.get("count").asLong()).isEqualTo(ReviewFixture.SHIFT_CHANGES);
        assertThat(byKey(h.get("byTeam"), ReviewFixture.EMEA).get("count").asLong())
                .isEqualTo(ReviewFixture.EMEA_HANDOVERS);
        assertThat(byKey(h.get("byReceiver"), "dev").get("label").asText()).isEqualTo("dev");
        assertThat(h.get("perDay")).hasSize(7);
        assertThat(h.at("/perDay/0/date").asText()).isEqualTo("2026-03-02");
        assertThat(h.at("/perDay/0/handovers").asLong()).isEqualTo(4);
    }

    @Test
    void acknowledgementWithNearestRankLatencies() {
        JsonNode a = json.get("acknowledgement");
        assertThat(a.get("needed").asLong()).isEqualTo(ReviewFixture.ACK_NEEDED);
        assertThat(a.get("acknowledged").asLong()).isEqualTo(ReviewFixture.LATENCIES.size());
        assertThat(a.get("acknowledgedShare").asDouble()).isEqualTo(0.6667); // 4 / 6, four decimals
        assertThat(a.get("late").asLong()).isEqualTo(ReviewFixture.LATE);
        assertThat(a.at("/latency/percentiles").asText()).isEqualTo("nearest-rank");
        assertThat(a.at("/latency/p50Minutes").asDouble())
                .isEqualTo(ReviewFixture.LATENCIES.get(1).toMinutes());
        assertThat(a.at("/latency/p90Minutes").asDouble())
                .isEqualTo(ReviewFixture.LATENCIES.get(3).toMinutes());
        assertThat(byKey(a.get("byMethod"), "TASK").get("count").asLong()).isEqualTo(2);
    }

    @Test
    void followUpBouncesChainsNotesFeedback() {
        assertThat(json.at("/actions/onTimeShare").asDouble()).isEqualTo(0.75);
        assertThat(json.at("/reminders/count").asLong()).isEqualTo(4);
        assertThat(json.at("/escalations/byCause/0/key").asText()).isEqualTo("owner-off-shift");
        assertThat(json.at("/escalations/byCause/0/impacts")).hasSize(2);
        assertThat(json.at("/bounces/count").asLong()).isEqualTo(ReviewFixture.BOUNCES);
        assertThat(json.at("/bounces/rate").asDouble()).isEqualTo(0.2);
        assertThat(json.at("/bounces/windowMinutes").asLong()).isEqualTo(240);
        assertThat(json.at("/bounces/refusedByPingPongGuard").asLong()).isEqualTo(ReviewFixture.GUARD_REFUSALS);
        assertThat(json.at("/chains/tickets").asLong()).isEqualTo(ReviewFixture.TICKETS);
        assertThat(json.at("/chains/longest/0/ticket").asText()).isEqualTo("107");
        assertThat(json.at("/chains/longest/0/path/1").asText()).isEqualTo("Cara Diaz");
        assertThat(json.at("/notes/completeShare").asDouble()).isEqualTo(0.7);
        assertThat(json.at("/feedback/comments/1/comment").asText())
                .as("JSON carries the text as it is; escaping is the HTML's job")
                .isEqualTo(ReviewFixture.HOSTILE_COMMENT);
        assertThat(json.get("suggestions")).hasSize(4);
    }

    @Test
    void sharesAndPercentilesAreNullWhenThereIsNothingToDivide() {
        JsonNode empty = parse(Review.of(List.of(), FROM, UNTIL).toJson(GENERATED));
        assertThat(empty.at("/handovers/count").asLong()).isZero();
        assertThat(empty.at("/handovers/customerNotifiedShare").isNull()).isTrue();
        assertThat(empty.at("/acknowledgement/latency/p50Minutes").isNull()).isTrue();
        assertThat(empty.at("/bounces/rate").isNull()).isTrue();
    }

    /** The evidence rows that belong to a list. */
    private List<JsonNode> evidence(String list) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode row : json.at("/evidence/rows")) {
            for (JsonNode l : row.get("lists")) {
                if (l.asText().equals(list)) {
                    out.add(row);
                }
            }
        }
        return out;
    }

    @Test
    void everyCountHasAsManyEvidenceRowsAsItSays() {
        int checked = 0;
        // every count list of a section: its elements' lists are <section>.<dimension>.<key>
        for (String path : List.of(
                "handovers/byReason",
                "handovers/byTeam",
                "handovers/byReceiver",
                "handovers/bySender",
                "refusals/causes",
                "failures/causes",
                "acknowledgement/latency/buckets",
                "acknowledgement/byMethod",
                "reminders/byKind",
                "escalations/byLevel",
                "escalations/byCause",
                "followUps/byOutcome",
                "bounces/pairs",
                "chains/distribution",
                "notes/missing",
                "feedback/sections",
                "worthALook/byKind")) {
            for (JsonNode c : json.at("/" + path)) {
                String list = path.replace('/', '.') + "." + c.get("key").asText();
                assertThat(evidence(list)).as(list).hasSize(c.get("count").asInt());
                checked++;
            }
        }
        for (String scalar : List.of(
                "handovers/count",
                "handovers/customerNotified",
                "refusals/count",
                "refusals/byPingPongGuard",
                "failures/count",
                "failures/retryable",
                "acknowledgement/needed",
                "acknowledgement/acknowledged",
                "acknowledgement/late",
                "acknowledgement/retargeted",
                "acknowledgement/pending",
                "acknowledgement/overdue",
                "actions/completed",
                "actions/onTime",
                "reminders/count",
                "escalations/count",
                "escalations/toNobody",
                "followUps/closed",
                "followUps/reconciled",
                "bounces/count",
                "bounces/refusedByPingPongGuard",
                "chains/tickets",
                "notes/complete",
                "feedback/count",
                "worthALook/count")) {
            assertThat(evidence(scalar.replace('/', '.')))
                    .as(scalar)
                    .hasSize(json.at("/" + scalar).asInt());
            checked++;
        }
        // the tables: every count column of every row
        for (String table : List.of("people/agents", "people/teams", "breakdowns/rules", "breakdowns/reasons")) {
            for (JsonNode row : json.at("/" + table)) {
                row.fields().forEachRemaining(field -> {
                    if (field.getValue().isIntegralNumber()) {
                        String list = table.replace('/', '.') + "." + field.getKey() + "."
                                + row.get("key").asText();
                        assertThat(evidence(list))
                                .as(list)
                                .hasSize(field.getValue().asInt());
                    }
                });
                checked++;
            }
        }
        for (JsonNode b : json.at("/handovers/overTime/buckets")) {
            String list = "handovers.overTime.buckets.handovers." + b.get("key").asText();
            assertThat(evidence(list)).as(list).hasSize(b.get("handovers").asInt());
        }
        assertThat(checked).isGreaterThan(80);
    }

    @Test
    void anEvidenceRowSaysWhatHappenedAndIsWrittenOnce() {
        List<JsonNode> late = evidence("acknowledgement.late");
        assertThat(late).extracting(r -> r.get("handover").asText()).containsExactly("h3", "h4");
        JsonNode h4 = late.get(1);
        assertThat(h4.get("label").asText()).isEqualTo("acknowledged");
        assertThat(h4.get("at").asText()).isEqualTo("2026-03-03T14:40:30Z");
        assertThat(h4.get("ticket").asText()).isEqualTo("103");
        assertThat(h4.get("from").asText()).isEqualTo("Cara Diaz");
        assertThat(h4.get("to").asText()).isEqualTo("Ben Okoro");
        assertThat(h4.get("what").asText()).startsWith("acknowledged by Ben Okoro after 40 min, 10 min after");
        // one row, in every list it belongs to
        assertThat(h4.get("lists"))
                .extracting(JsonNode::asText)
                .contains("acknowledgement.late", "people.agents.lateAcknowledgements.ben", "worthALook.count");
        assertThat(json.at("/evidence/count").asInt())
                .isEqualTo(json.at("/evidence/rows").size());
        List<String> keys = new ArrayList<>();
        json.at("/evidence/rows").forEach(r -> keys.add(r.get("key").asText()));
        assertThat(keys).doesNotHaveDuplicates();
        // oldest first: H9 at 01:00 on Monday is the first row of the period
        assertThat(json.at("/evidence/rows/0/handover").asText()).isEqualTo("h9");
    }

    @Test
    void theTablesAndTheBucketsAreInTheDocument() {
        JsonNode anna = byKey(json.at("/people/agents"), "anna");
        assertThat(anna.get("given").asLong()).isEqualTo(4);
        assertThat(anna.get("ackP50Minutes").asDouble()).isEqualTo(20.0);
        assertThat(byKey(json.at("/people/teams"), ReviewFixture.EMEA).has("given"))
                .isFalse();
        assertThat(byKey(json.at("/breakdowns/reasons"), "shift-change")
                        .get("bounces")
                        .asLong())
                .isEqualTo(1);
        assertThat(json.at("/handovers/overTime/unit").asText()).isEqualTo("day");
        assertThat(json.at("/handovers/overTime/buckets")).hasSize(7);
        assertThat(json.at("/period/timeZone").asText()).isEqualTo("UTC");
    }

    @Test
    void writingAsItGoesGivesTheSameDocuments() throws java.io.IOException {
        Review review = Review.of(ReviewFixture.journal(), FROM, UNTIL);
        java.io.StringWriter json = new java.io.StringWriter();
        review.writeJson(GENERATED, json);
        assertThat(json.toString()).isEqualTo(review.toJson(GENERATED));
        java.io.StringWriter csv = new java.io.StringWriter();
        review.writeCsv(GENERATED, csv);
        assertThat(csv.toString()).isEqualTo(review.toCsv(GENERATED));
    }
}
