package dev.handover.runner.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handover.core.event.HandoverEvent;
import dev.handover.core.note.HandoverRecord;
import dev.handover.memory.demo.DemoData;
import dev.handover.memory.demo.DemoDataSet;
import dev.handover.runner.Main;
import dev.handover.runner.journal.EventCodec;
import dev.handover.runner.journal.JournalReader;
import dev.handover.runner.journal.Labels;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code handover demo} end to end through {@link Main#run}: the day, its scenarios, and its options. */
final class DemoCommandTest {
    private static final ObjectMapper JSON = EventCodec.mapper();
    private static final DemoDataSet DATA = DemoData.builder().seed(42).build();

    private static Run text;
    private static Run json;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void playTheDefaultDay() {
        text = run("demo");
        json = run("demo", "--json");
    }

    private static List<JsonNode> lines(Run r) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static List<JsonNode> timeline(String scenario, String kind) throws Exception {
        return lines(json).stream()
                .filter(n -> n.path("scenario").asText().equals(scenario)
                        && n.path("kind").asText().equals(kind))
                .toList();
    }

    private static Agent agentNamed(String name) {
        return DATA.agents().stream()
                .filter(a -> a.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no demo agent named " + name));
    }

    private static Instant at(JsonNode n) {
        return Instant.parse(n.path("time").asText());
    }

    // ------------------------------------------------------------------------------------------ the day

    @Test
    void theDayEndsWellWithEveryScenarioAndItsChecks() {
        assertThat(text.code()).isZero();
        assertThat(text.err()).isEmpty();
        for (Scenario s : Scenario.values()) {
            if (s != Scenario.SPECIALISTS) { // the later days' rule pass in place of the first day's outage
                assertThat(text.out()).contains(s.title());
            }
        }
        assertThat(text.out())
                .contains("THE TEAM", "THE PROCEDURE", "THE DAY IN NUMBERS")
                .doesNotContain("✗")
                .containsPattern("the day's own checks: (\\d+) of \\1 held");
        // the review closes the day (its content is the review report's business)
        assertThat(text.out()).contains("REVIEW OF THE DAY");
        assertThat(text.out().indexOf("REVIEW OF THE DAY"))
                .isGreaterThan(text.out().indexOf("THE DAY IN NUMBERS"));
    }

    @Test
    void readsWellInAHundredColumnTerminal() {
        assertThat(text.out().lines())
                .allSatisfy(l -> assertThat(l.codePointCount(0, l.length())).isLessThanOrEqualTo(100));
    }

    @Test
    void theNotePrintedHasEverySection() {
        List<String> boxes = new ArrayList<>();
        StringBuilder box = null;
        for (String l : text.out().lines().toList()) {
            if (l.contains("┌─ internal note as written to ticket")) {
                box = new StringBuilder();
            } else if (box != null && l.strip().equals("└─")) {
                boxes.add(box.toString());
                box = null;
            } else if (box != null) {
                box.append(l).append('\n');
            }
        }
        assertThat(boxes)
                .anySatisfy(note -> assertThat(note)
                        .contains(
                                "Reason:",
                                "From:",
                                "To:",
                                "Acknowledge by:",
                                "CUSTOMER",
                                "SUMMARY",
                                "HISTORY",
                                "ACTIONS TAKEN SO FAR",
                                "PROMISES MADE TO THE CUSTOMER",
                                "ACTIONS REQUIRED",
                                "Next customer contact due:",
                                "[handover v2 id="));
    }

    // ------------------------------------------------------------------------------------------ the scenarios

    @Test
    void theGermanCustomerGetsSomeoneWhoSpeaksGerman() throws Exception {
        JsonNode handover = timeline("language", "handover").get(0);
        Agent receiver = agentNamed(handover.path("to").asText());
        assertThat(receiver.speaks(Locale.GERMAN)).as(receiver.name()).isTrue();
        Agent sender = agentNamed(handover.path("from").asText());
        assertThat(sender.speaks(Locale.GERMAN)).as(sender.name()).isFalse();
        assertThat(handover.path("notice").asText()).isNotBlank();
    }

    @Test
    void theComplaintGoesToTheSendersLineManagerWithThePromise() throws Exception {
        JsonNode handover = timeline("complaint", "handover").get(0);
        Agent sender = agentNamed(handover.path("from").asText());
        Agent receiver = agentNamed(handover.path("to").asText());
        assertThat(sender.manager()).contains(receiver.id());
        assertThat(handover.path("note").asText())
                .contains("PROMISES MADE TO THE CUSTOMER\n  • A call back from a team lead before 11:00");
        assertThat(handover.path("notice").asText()).isNotBlank();
    }

    @Test
    void anAbsentAgentsTicketsGoToColleaguesAndComeBackOnHerReturn() throws Exception {
        List<JsonNode> away = timeline("absence", "handover");
        List<JsonNode> back = timeline("absence", "hand-back");
        assertThat(away)
                .isNotEmpty()
                .allSatisfy(h -> assertThat(h.path("from").asText()).isEqualTo("Sophie Martin"));
        assertThat(back.stream().map(h -> h.path("ticket").asText()).collect(Collectors.toSet()))
                .isEqualTo(away.stream().map(h -> h.path("ticket").asText()).collect(Collectors.toSet()));
        assertThat(back).allSatisfy(h -> assertThat(h.path("to").asText()).isEqualTo("Sophie Martin"));
        assertThat(back).allSatisfy(h -> assertThat(at(h)).isAfterOrEqualTo(Instant.parse("2026-03-02T12:00:00Z")));
    }

    @Test
    void aReceiverWhoNeverAcknowledgesIsRemindedThenTheTicketGoesToSomeoneElse() throws Exception {
        String silent =
                timeline("no-acknowledgement", "handover").get(0).path("to").asText();
        JsonNode retarget = timeline("no-acknowledgement", "re-target").get(0);
        List<JsonNode> reminders = timeline("no-acknowledgement", "reminder");
        assertThat(reminders).isNotEmpty().allSatisfy(r -> {
            assertThat(r.path("to").asText()).isEqualTo(silent);
            assertThat(at(r)).isBefore(at(retarget));
            assertThat(r.path("message").asText()).contains("please acknowledge handover");
        });
        assertThat(retarget.path("from").asText()).isEqualTo(silent);
        assertThat(retarget.path("to").asText()).isNotEqualTo(silent);
        assertThat(retarget.path("note").asText()).contains("did not acknowledge");
    }

    @Test
    void anActionLeftUndoneGetsACheckInThenAnEscalationWithTheReasonAndTheCustomerImpact() throws Exception {
        JsonNode checkIn = timeline("undone-action", "check-in").get(0);
        JsonNode escalation = timeline("undone-action", "escalation").get(0);
        assertThat(at(checkIn)).isBefore(at(escalation));
        assertThat(checkIn.path("message").asText()).contains("just checking in");
        assertThat(escalation.path("message").asText())
                .containsPattern("Why it is not done: \\S+")
                .containsPattern("For the customer: \\S+");
        assertThat(escalation.path("details").toString()).contains("why it is not done: ", "for the customer: ");
        Agent receiver = agentNamed(
                timeline("undone-action", "handover").get(0).path("to").asText());
        Agent manager = DATA.agents().stream()
                .filter(a -> receiver.manager().filter(a.id()::equals).isPresent())
                .findFirst()
                .orElseThrow();
        assertThat(escalation.path("to").asText()).isEqualTo(manager.name());
    }

    @Test
    void aShiftChangeHandsTheDepartingAgentsOpenTicketsToTheNextShift() throws Exception {
        List<JsonNode> handovers = timeline("shift-change", "handover");
        assertThat(handovers).isNotEmpty().allSatisfy(h -> {
            assertThat(h.path("from").asText()).isEqualTo("Amelia Clarke");
            assertThat(h.path("to").asText()).isNotEqualTo("Amelia Clarke");
            assertThat(at(h)).isEqualTo(Instant.parse("2026-03-02T14:00:00Z"));
        });
    }

    @Test
    void theOutageFailsWritesThatALaterPassMakesOnceEach() throws Exception {
        List<JsonNode> failed = timeline("outage", "failed");
        List<JsonNode> written = timeline("outage", "handover");
        assertThat(failed).isNotEmpty();
        assertThat(written.stream().map(h -> h.path("ticket").asText()).collect(Collectors.toSet()))
                .isEqualTo(failed.stream().map(h -> h.path("ticket").asText()).collect(Collectors.toSet()));
        assertThat(written).allSatisfy(h -> assertThat(at(h)).isAfter(at(failed.get(failed.size() - 1))));
    }

    @Test
    void afterTheOutageTheCrmHoldsEveryHandoversNoteExactlyOnce() {
        DemoDay.Outcome day = DemoDay.run(42);
        List<HandoverEvent.Executed> executed = day.journal().stream()
                .map(e -> e.event())
                .filter(HandoverEvent.Executed.class::isInstance)
                .map(HandoverEvent.Executed.class::cast)
                .filter(x -> !x.replayed())
                .toList();
        assertThat(day.crm().calls().failures()).as("the outage did bite").isPositive();
        assertThat(executed).hasSize((int) day.stats().handovers());
        assertThat(executed.stream().map(HandoverEvent.Executed::handover).distinct())
                .hasSameSizeAs(executed);
        for (HandoverEvent.Executed x : executed) {
            List<Comment> notes = day.crm().commentsSnapshot(x.ticket()).stream()
                    .filter(Comment::isInternal)
                    .filter(c -> HandoverRecord.find(c.body())
                            .filter(r -> r.id().equals(x.handover()))
                            .isPresent())
                    .toList();
            assertThat(notes).as("notes of handover " + x.handover()).hasSize(1);
        }
    }

    @Test
    void theJournalsNamesAreThoseOfThePeopleEachEventIsAbout() {
        DemoDay.Outcome day = DemoDay.run(42);
        Directory directory = Directory.of(day.data().agents(), day.data().groups());
        // as the worker writes them (the review names agents from these): feedback names its giver, a reminder the
        // person reminded — not the handover's sender and receiver
        assertThat(day.journal())
                .filteredOn(e -> !(e.event() instanceof HandoverEvent.Executed))
                .isNotEmpty()
                .allSatisfy(e ->
                        assertThat(e.labels()).as(e.event().toString()).isEqualTo(Labels.of(e.event(), directory)));
        assertThat(day.journal())
                .filteredOn(e -> e.event() instanceof HandoverEvent.FeedbackGiven)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.label("from", ""))
                        .isEqualTo(directory
                                .agent(((HandoverEvent.FeedbackGiven) e.event()).from())
                                .orElseThrow()
                                .name()));
    }

    @Test
    void otherSeedsComeOutAsExpectedToo() {
        for (long seed : new long[] {1, 7, 2026}) {
            DemoDay.Outcome day = DemoDay.run(seed);
            assertThat(day.checks())
                    .as("seed " + seed)
                    .isNotEmpty()
                    .allSatisfy(c -> assertThat(c.passed()).as(c.text()).isTrue());
        }
    }

    // ------------------------------------------------------------------------------------------ the options

    @Test
    void theSameSeedGivesTheSameDayAndAnotherSeedOtherTickets() throws Exception {
        assertThat(run("demo", "--seed", "42").out()).isEqualTo(text.out());
        Run other = run("demo", "--seed", "7", "--json");
        assertThat(other.code()).isZero();
        assertThat(handedOver(other)).isNotEmpty().isNotEqualTo(handedOver(json));
    }

    private static Set<String> handedOver(Run r) throws Exception {
        return lines(r).stream()
                .filter(n -> n.path("kind").asText().equals("handover"))
                .map(n -> n.path("ticket").asText())
                .collect(Collectors.toSet());
    }

    @Test
    void jsonIsOneObjectPerLineWithTheFields() throws Exception {
        assertThat(json.code()).isZero();
        List<JsonNode> all = lines(json);
        assertThat(all).allSatisfy(n -> {
            assertThat(n.isObject()).isTrue();
            assertThat(Instant.parse(n.path("time").asText())).isNotNull();
            assertThat(n.path("kind").asText()).isNotBlank();
            assertThat(n.path("text").isTextual()
                            || Set.of("summary", "review")
                                    .contains(n.path("kind").asText()))
                    .isTrue();
        });
        List<JsonNode> entries = all.stream()
                .filter(n -> !Set.of("check", "summary", "review")
                        .contains(n.path("kind").asText()))
                .toList();
        assertThat(entries)
                .allSatisfy(n -> assertThat(n.fieldNames())
                        .toIterable()
                        .contains(
                                "local", "scenario", "ticket", "handover", "from", "to", "details", "note", "notice"));
        assertThat(entries)
                .filteredOn(n -> n.path("kind").asText().equals("handover"))
                .allSatisfy(n -> assertThat(n.path("note").asText()).startsWith("Handover ho-"));
        assertThat(entries).extracting(DemoCommandTest::at).isSorted();
        JsonNode summary = all.get(all.size() - 2);
        assertThat(summary.path("kind").asText()).isEqualTo("summary");
        assertThat(summary.path("passed").asBoolean()).isTrue();
    }

    @Test
    void jsonEndsWithTheReviewOfTheDayAgreeingWithTheSummary() throws Exception {
        List<JsonNode> all = lines(json);
        JsonNode summary = all.get(all.size() - 2);
        JsonNode review = all.get(all.size() - 1);
        assertThat(review.path("kind").asText()).isEqualTo("review");
        JsonNode doc = review.path("review");
        assertThat(doc.path("report").asText()).isEqualTo("handover-review");
        assertThat(doc.path("handovers").path("count").asLong())
                .isEqualTo(summary.path("handovers").asLong())
                .isPositive();
        assertThat(doc.path("period").path("from").asText()).isEqualTo(DemoDay.START.toString());
    }

    @Test
    void theJournalReadsBackWithTheSameHandovers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("demo.jsonl");

        Run r = run("demo", "--json", "--journal", file.toString());

        assertThat(r.code()).isZero();
        JournalReader.Contents read = JournalReader.read(file);
        assertThat(read.warnings()).isEmpty();
        long handovers = read.entries().stream()
                .filter(e -> e.event() instanceof HandoverEvent.Executed x && !x.replayed())
                .count();
        JsonNode summary = lines(r).get(lines(r).size() - 2);
        assertThat(handovers).isEqualTo(summary.path("handovers").asLong()).isPositive();
        assertThat(lines(r).stream()
                        .filter(n -> Set.of("handover", "hand-back", "re-target")
                                .contains(n.path("kind").asText()))
                        .count())
                .isEqualTo(handovers);
        assertThat(read.entries())
                .filteredOn(e -> e.event() instanceof HandoverEvent.Executed)
                .allSatisfy(e -> {
                    assertThat(e.labels()).containsKey("team");
                    assertThat(e.labels())
                            .containsAnyOf(entry("to", e.label("to", "")), entry("group", e.label("group", "")));
                });
        // a second day in the same journal would count everything twice
        Run again = run("demo", "--journal", file.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already has entries");
        assertThat(Files.size(file)).isPositive();
    }

    @Test
    void verbosePrintsTheWholeProcedureAndEveryNote() throws Exception {
        Run r = run("demo", "--verbose");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Handover procedure:").doesNotContain("--verbose prints");
        long notes = r.out()
                .lines()
                .filter(l -> l.contains("┌─ internal note as written to ticket"))
                .count();
        assertThat(notes)
                .isEqualTo(
                        lines(json).stream().filter(n -> n.hasNonNull("note")).count());
    }

    @Test
    void helpSaysWhatTheDemoShows() {
        Run r = run("demo", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out().replaceAll("\\s+", " "))
                .contains("Usage: handover demo")
                .contains("no account, no network")
                .contains("shift change", "complaint", "German-speaking", "absence", "never acknowledges")
                .contains("action left undone", "CRM outage", "review of the day")
                .contains("--seed", "--json", "--journal", "--verbose");
    }

    @Test
    void aBadOptionIsAUsageError() {
        Run seed = run("demo", "--seed", "many");
        assertThat(seed.code()).isEqualTo(2);
        assertThat(seed.err()).contains("--seed", "many");
        assertThat(run("demo", "--frobnicate").code()).isEqualTo(2);
    }
}
