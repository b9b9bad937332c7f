package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.note.NoteSection;
import dev.handover.memory.time.MutableClock;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.runner.worker.Worker;
import dev.handover.salesforce.fake.FakeSalesforce;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Receivers take part from the Salesforce console: they complete the acknowledgement Task, or write a private Case
 * Comment in the documented form, and the worker's next pass records it and tells the sender on the Case.
 */
class InboxSalesforceTest {
    @TempDir
    Path dir;

    FakeSalesforce org;
    Scenario s;

    @BeforeEach
    void start() {
        MutableClock clock = MutableClock.at(Scenario.T0);
        org = FakeSalesforce.builder().clock(clock).start();
        s = Scenario.salesforce(org, clock, dir);
    }

    @AfterEach
    void stop() {
        org.close();
    }

    @Test
    void aPrivateCaseCommentGivesFeedbackThatReachesTheSenderAndTheJournal() {
        try (Engine engine = s.engine()) {
            Worker worker = s.worker(engine);
            s.clock.advance(Duration.ofMinutes(1));
            assertThat(worker.pass().ok()).isTrue();
            s.clock.advance(Duration.ofMinutes(12));
            org.commentAs(
                    s.ids.jonas().value(),
                    s.ids.german().value(),
                    "#handover feedback missing: promises made to the customer\ncomment: was a refund promised?",
                    false);
            s.clock.advance(Duration.ofMinutes(2));

            Worker.Pass pass = worker.pass();

            assertThat(pass.ok()).as(pass.failures().toString()).isTrue();
            assertThat(pass.inbox().feedback()).isEqualTo(1);
            assertThat(org.comments(s.ids.german().value()))
                    .map(c -> String.valueOf(c.get("CommentBody")))
                    .filteredOn(b -> b.startsWith("Feedback on handover"))
                    .singleElement()
                    .satisfies(b -> assertThat(b)
                            .contains(" for Ada Lovelace from Jonas Weber:")
                            .contains("promises made to the customer")
                            .contains("• was a refund promised?"));
            assertThat(org.comments(s.ids.german().value()))
                    .filteredOn(c -> String.valueOf(c.get("CommentBody")).startsWith("Feedback on handover"))
                    .allSatisfy(c -> assertThat(c.get("IsPublished")).isEqualTo(false));
            assertThat(s.journal())
                    .map(JournalEntry::event)
                    .filteredOn(HandoverEvent.FeedbackGiven.class::isInstance)
                    .map(HandoverEvent.FeedbackGiven.class::cast)
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.from()).isEqualTo(s.ids.jonas());
                        assertThat(f.missing()).containsExactly(NoteSection.PROMISES);
                    });

            s.clock.advance(Duration.ofMinutes(2));
            assertThat(worker.pass().inbox().commands()).isZero();
        }
    }

    @Test
    void aPublishedCaseCommentIsNoCommandAndAMalformedPrivateOneIsAnswered() {
        try (Engine engine = s.engine()) {
            Worker worker = s.worker(engine);
            s.clock.advance(Duration.ofMinutes(1));
            worker.pass();
            s.clock.advance(Duration.ofMinutes(3));
            org.commentAs(s.ids.jonas().value(), s.ids.german().value(), "#handover feedback comment: hi", true);
            org.commentAs(s.ids.jonas().value(), s.ids.german().value(), "#handover feedbck comment: hi", false);
            s.clock.advance(Duration.ofMinutes(2));

            Worker.Pass pass = worker.pass();

            assertThat(pass.inbox().feedback()).isZero();
            assertThat(pass.inbox().notUnderstood()).isEqualTo(1);
            assertThat(org.comments(s.ids.german().value()))
                    .map(c -> String.valueOf(c.get("CommentBody")))
                    .anySatisfy(b -> assertThat(b)
                            .startsWith("handover could not act on the note of Jonas Weber")
                            .contains("'#handover feedbck' is not a command (did you mean feedback?)"));
        }
    }

    @Test
    void completingTheAcknowledgementTaskAcknowledges() {
        try (Engine engine = s.engine()) {
            Worker worker = s.worker(engine);
            s.clock.advance(Duration.ofMinutes(1));
            worker.pass();
            s.clock.advance(Duration.ofMinutes(5));
            Map<String, Object> ack = org.tasks(s.ids.complaint().value()).stream()
                    .filter(t -> String.valueOf(t.get("Subject")).toLowerCase().contains("acknowledge"))
                    .findFirst()
                    .orElseThrow();
            org.completeTask((String) ack.get("Id"));
            s.clock.advance(Duration.ofMinutes(35)); // the sweep looks at the acknowledgement by its deadline

            Worker.Pass pass = worker.pass();

            assertThat(pass.ok()).as(pass.failures().toString()).isTrue();
            List<HandoverEvent.Acknowledged> acks = s.journal().stream()
                    .map(JournalEntry::event)
                    .filter(HandoverEvent.Acknowledged.class::isInstance)
                    .map(HandoverEvent.Acknowledged.class::cast)
                    .toList();
            assertThat(acks).singleElement().satisfies(a -> {
                assertThat(a.by()).isEqualTo(s.ids.eve());
                assertThat(a.method()).isEqualTo(HandoverEvent.AcknowledgementMethod.TASK);
                assertThat(a.latency()).isEqualTo(Duration.ofMinutes(5));
            });
        }
    }
}
