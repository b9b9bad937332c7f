package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.core.event.HandoverEvent;
import dev.handover.core.note.NoteSection;
import dev.handover.runner.journal.EventCodec;
import dev.handover.runner.worker.Worker;
import dev.handover.spi.model.HandoverId;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code report --from-crm} against the stateful fake Zendesk: the worker hands over, is acknowledged, given feedback
 * and sweeps for hours; then the review rebuilt from the tickets is held against the review of the worker's journal
 * of the same run.
 */
class ReportFromCrmZendeskTest extends OnFakeZendesk {
    @Test
    void theReviewRebuiltFromTheTicketsEqualsTheJournalsReview() throws IOException {
        s.clock.advance(Duration.ofMinutes(1));
        try (Engine engine = s.engine()) {
            Worker worker = s.worker(engine);
            assertThat(worker.pass().ok()).isTrue();
            HandoverId german = s.journal().stream()
                    .map(e -> e.event())
                    .filter(e ->
                            e instanceof HandoverEvent.Executed x && x.ticket().equals(s.ids.german()))
                    .map(e -> ((HandoverEvent.Executed) e).handover())
                    .findFirst()
                    .orElseThrow();
            s.clock.advance(Duration.ofMinutes(7));
            engine.handovers.acknowledge(german, s.ids.jonas());
            engine.handovers.feedback(
                    german, s.ids.jonas(), Set.of(NoteSection.HISTORY, NoteSection.PROMISES), "What was tried?");
            // Eve never acknowledges the complaint nor calls back: reminders, a re-target, escalations
            for (int i = 0; i < 10; i++) {
                s.clock.advance(Duration.ofMinutes(30));
                worker.pass();
            }
        }
        List<String> types =
                s.journal().stream().map(e -> e.event().type()).distinct().toList();
        assertThat(types).contains("executed", "acknowledged", "reminded", "feedback");

        Scenario.Run journal = s.cli(
                "report",
                "--config",
                s.config.toString(),
                "--since",
                "2026-03-02",
                "--until",
                "2026-03-03",
                "--format",
                "json",
                "--out",
                "-");
        assertThat(journal.code()).as(journal.err()).isZero();
        zendesk.clearRequests();
        Scenario.Run crm = s.cli(
                "report",
                "--config",
                s.config.toString(),
                "--from-crm",
                "--since",
                "2026-03-02",
                "--until",
                "2026-03-03",
                "--format",
                "json",
                "--out",
                "-");
        assertThat(crm.code()).as(crm.err()).isZero();
        assertThat(crm.err()).isEmpty();

        JsonNode fromJournal = EventCodec.mapper().readTree(journal.out());
        JsonNode fromCrm = EventCodec.mapper().readTree(crm.out());
        assertThat(fromJournal.at("/handovers/count").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(fromJournal.at("/reminders/count").asLong()).isPositive();
        assertThat(fromJournal.at("/feedback/count").asLong()).isEqualTo(1);
        assertThat(fromJournal.at("/acknowledgement/retargeted").asLong())
                .as("Eve, then each next receiver, let the complaint lapse")
                .isGreaterThanOrEqualTo(2);
        for (String figure : ReportFromCrmFigures.SAME) {
            assertThat(fromJournal.at(figure).isMissingNode()).as(figure).isFalse();
            assertThat(fromCrm.at(figure)).as(figure).isEqualTo(fromJournal.at(figure));
        }
        assertThat(fromCrm.at("/feedback/comments/0/comment").asText()).isEqualTo("What was tried?");
        assertThat(fromCrm.at("/feedback/comments/0/from").asText()).isEqualTo("Jonas Weber");
        // Jonas acknowledged 7 minutes after the handover: the step marker's time says so (the journal's Acknowledged
        // measures from the acknowledgement task's creation time as the adapter reads it, which is not compared)
        assertThat(fromCrm.at("/acknowledgement/latency/p50Minutes").asDouble()).isEqualTo(7.0);
        // the CRM's names, as the journal's labels give them
        assertThat(fromCrm.at("/handovers/byReceiver").toString()).contains("Jonas Weber");

        // to a file: one line says what was written, one what was read from the CRM — from the start of the previous
        // period of the same length (two days: --until 2026-03-03 is the end of that day) less the bounce window
        Scenario.Run html = s.cli(
                "report",
                "--config",
                s.config.toString(),
                "--from-crm",
                "--since",
                "2026-03-02",
                "--until",
                "2026-03-03",
                "--out",
                s.dir.resolve("review.html").toString());
        assertThat(html.code()).as(html.err()).isZero();
        assertThat(html.out())
                .contains("handover report: wrote " + s.dir.resolve("review.html") + " (html, "
                        + fromJournal.at("/handovers/count").asLong() + " handovers,")
                .containsPattern("read from the CRM: \\d+ tickets updated since 2026-02-27T20:00:00Z, 2 tickets handed"
                        + " over");
    }
}
