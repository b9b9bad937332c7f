package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.core.event.HandoverEvent;
import dev.handover.core.note.NoteSection;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.runner.worker.Worker;
import dev.handover.spi.model.TicketId;
import dev.handover.zendesk.fake.FakeZendesk;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Receivers take part from Zendesk's agent workspace: they apply the macros shipped in {@code
 * examples/zendesk/macros/} (an internal note in the documented form) and the worker's next pass acts on them — the
 * sender is told on the ticket, the journal records it, a note that cannot be read is answered.
 */
class InboxZendeskTest extends OnFakeZendesk {
    private static final Path MACROS = Path.of("..", "examples", "zendesk", "macros");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theFeedbackMacroReachesTheSenderTheJournalAndTheReview() throws Exception {
        try (Engine engine = s.engine()) {
            Worker worker = s.worker(engine);
            s.clock.advance(Duration.ofMinutes(1));
            assertThat(worker.pass().ok()).isTrue(); // the German ticket goes from Ada to Jonas

            s.clock.advance(Duration.ofMinutes(10));
            applyMacro(
                    s.ids.german(),
                    "handover-feedback-history.json",
                    "what had the customer tried already?",
                    s.ids.jonas().value());
            s.clock.advance(Duration.ofMinutes(2));
            Worker.Pass pass = worker.pass();

            assertThat(pass.ok()).as(pass.failures().toString()).isTrue();
            assertThat(pass.inbox().feedback()).isEqualTo(1);
            assertThat(zendesk.comments(id(s.ids.german())))
                    .filteredOn(c -> c.body().startsWith("Feedback on handover"))
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c.isPublic()).isFalse();
                        assertThat(c.body())
                                .contains(" for Ada Lovelace from Jonas Weber:")
                                .contains("• Missing or unclear: history")
                                .contains("• what had the customer tried already?");
                    });
            assertThat(feedback(s.journal())).singleElement().satisfies(f -> {
                assertThat(f.from()).isEqualTo(s.ids.jonas());
                assertThat(f.missing()).containsExactly(NoteSection.HISTORY);
                assertThat(f.comment()).isEqualTo("what had the customer tried already?");
            });
            assertThat(s.journal())
                    .filteredOn(e -> e.event() instanceof HandoverEvent.FeedbackGiven)
                    .singleElement()
                    .satisfies(e -> assertThat(e.label("from", "?")).isEqualTo("Jonas Weber"));

            // the ticket changed again (the answer): the next pass reads it and does nothing more
            s.clock.advance(Duration.ofMinutes(2));
            Worker.Pass again = worker.pass();
            assertThat(again.inbox().commands()).isZero();
            assertThat(feedback(s.journal())).hasSize(1);
        }
    }

    @Test
    void theAcknowledgeMacroAcknowledgesAsTheReceiverWhenItWasApplied() throws Exception {
        try (Engine engine = s.engine()) {
            Worker worker = s.worker(engine);
            s.clock.advance(Duration.ofMinutes(1));
            assertThat(worker.pass().ok()).isTrue(); // the complaint goes from Ada to Eve
            s.clock.advance(Duration.ofMinutes(6));
            applyMacro(
                    s.ids.complaint(),
                    "handover-acknowledge.json",
                    "",
                    s.ids.eve().value());
            s.clock.advance(Duration.ofMinutes(3));

            Worker.Pass pass = worker.pass();

            assertThat(pass.inbox().acknowledged()).isEqualTo(1);
            assertThat(s.journal())
                    .map(JournalEntry::event)
                    .filteredOn(HandoverEvent.Acknowledged.class::isInstance)
                    .map(HandoverEvent.Acknowledged.class::cast)
                    .singleElement()
                    .satisfies(a -> {
                        assertThat(a.by()).isEqualTo(s.ids.eve());
                        assertThat(a.latency()).isEqualTo(Duration.ofMinutes(6));
                        assertThat(a.method()).isEqualTo(HandoverEvent.AcknowledgementMethod.EXPLICIT);
                    });
            assertThat(zendesk.comments(id(s.ids.complaint())))
                    .anySatisfy(c -> assertThat(c.body()).contains("acknowledged by Eve Moneypenny in the ticket"));
        }
    }

    @Test
    void aNoteThatCannotBeReadIsAnsweredOnTheTicketAndNothingIsRecorded() throws Exception {
        try (Engine engine = s.engine()) {
            Worker worker = s.worker(engine);
            s.clock.advance(Duration.ofMinutes(1));
            worker.pass();
            s.clock.advance(Duration.ofMinutes(5));
            note(
                    s.ids.german(),
                    "#handover feedback missing: histroy, promisses",
                    s.ids.jonas().value());
            s.clock.advance(Duration.ofMinutes(2));

            Worker.Pass pass = worker.pass();

            assertThat(pass.inbox().notUnderstood()).isEqualTo(1);
            assertThat(zendesk.comments(id(s.ids.german())))
                    .filteredOn(c -> c.body().startsWith("handover could not act on the note of Jonas Weber"))
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c.isPublic()).isFalse();
                        assertThat(c.body())
                                .contains("'histroy' is not a section of the note (did you mean history?)")
                                .contains("'promisses' is not a section of the note (did you mean promises?)")
                                .contains("> #handover feedback missing: histroy, promisses");
                    });
            assertThat(feedback(s.journal())).isEmpty();
        }
    }

    /** What the agent workspace does when an agent applies the macro and submits: one ticket update. */
    private void applyMacro(TicketId ticket, String file, String typed, String agent)
            throws IOException, InterruptedException {
        JsonNode macro = JSON.readTree(Files.readString(MACROS.resolve(file))).get("macro");
        boolean isPublic = true;
        String text = "";
        for (JsonNode a : macro.get("actions")) {
            switch (a.get("field").asText()) {
                case "comment_mode_is_public" -> isPublic = a.get("value").asBoolean();
                case "comment_value" -> text = a.get("value").asText();
                default -> throw new AssertionError("the macro does more than a note: " + a);
            }
        }
        assertThat(isPublic).as(file + " writes an internal note").isFalse();
        update(ticket, text + typed, false, agent);
    }

    private void note(TicketId ticket, String text, String agent) throws IOException, InterruptedException {
        update(ticket, text, false, agent);
    }

    private void update(TicketId ticket, String body, boolean isPublic, String agent)
            throws IOException, InterruptedException {
        ObjectNode comment = JSON.createObjectNode()
                .put("body", body)
                .put("public", isPublic)
                .put("author_id", Long.parseLong(agent));
        ObjectNode doc = JSON.createObjectNode();
        doc.putObject("ticket").set("comment", comment);
        String auth = Base64.getEncoder()
                .encodeToString(
                        (FakeZendesk.API_EMAIL + "/token:" + FakeZendesk.API_TOKEN).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(zendesk.url() + "/api/v2/tickets/" + ticket.value() + ".json"))
                                .header("Authorization", "Basic " + auth)
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(doc)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static List<HandoverEvent.FeedbackGiven> feedback(List<JournalEntry> journal) {
        return journal.stream()
                .map(JournalEntry::event)
                .filter(HandoverEvent.FeedbackGiven.class::isInstance)
                .map(HandoverEvent.FeedbackGiven.class::cast)
                .toList();
    }

    private static long id(TicketId t) {
        return Long.parseLong(t.value());
    }
}
