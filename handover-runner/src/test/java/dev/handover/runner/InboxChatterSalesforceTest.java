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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Receivers give feedback in a Case's Chatter feed: a post leaves the Case unchanged, so the poll for changed Cases
 * does not see it; with {@code notes.read: both} the worker asks for the Cases with posts since its cursor (one
 * FeedItem query per pass) and acts on the command as on a private Case Comment.
 */
class InboxChatterSalesforceTest {
    @TempDir
    Path dir;

    FakeSalesforce org;
    Scenario s;

    @BeforeEach
    void start() {
        MutableClock clock = MutableClock.at(Scenario.T0);
        org = FakeSalesforce.builder().clock(clock).start();
        s = Scenario.salesforce(org, clock, dir, v -> v.put("notes.read", "both"));
    }

    @AfterEach
    void stop() {
        org.close();
    }

    private long feedItemQueries() {
        return org
                .requests(r -> r.soql().filter(q -> q.contains("FROM FeedItem")).isPresent())
                .stream()
                .filter(r -> !r.soql().orElse("").contains("ParentId = ")) // comments() reads one Case's posts
                .count();
    }

    @Test
    void aChatterPostGivesFeedbackThatReachesTheSenderAndTheJournalOnce() {
        try (Engine engine = s.engine()) {
            Worker worker = s.worker(engine);
            s.clock.advance(Duration.ofMinutes(1));
            assertThat(worker.pass().ok()).isTrue();
            s.clock.advance(Duration.ofMinutes(12));
            // a quiet pass moves the cursor past the handovers' own writes
            assertThat(worker.pass().ok()).isTrue();
            s.clock.advance(Duration.ofMinutes(1));
            Object caseStamp = org.record(s.ids.german().value()).orElseThrow().get("LastModifiedDate");
            org.postAs(
                    s.ids.jonas().value(),
                    s.ids.german().value(),
                    "#handover feedback missing: promises; comment: was a refund promised?",
                    "InternalUsers");
            assertThat(org.record(s.ids.german().value()).orElseThrow().get("LastModifiedDate"))
                    .as("a post leaves the Case as it was")
                    .isEqualTo(caseStamp);
            s.clock.advance(Duration.ofMinutes(2));
            org.clearRequests();

            Worker.Pass pass = worker.pass();

            assertThat(pass.ok()).as(pass.failures().toString()).isTrue();
            assertThat(pass.polled())
                    .as("the poll for changed Cases does not see the post")
                    .isZero();
            assertThat(pass.inbox().feedback()).isEqualTo(1);
            assertThat(feedItemQueries()).as("the extra query of a pass").isEqualTo(1);
            assertThat(org.comments(s.ids.german().value()))
                    .filteredOn(c -> String.valueOf(c.get("CommentBody")).startsWith("Feedback on handover"))
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c.get("IsPublished")).isEqualTo(false);
                        assertThat(String.valueOf(c.get("CommentBody")))
                                .contains(" for Ada Lovelace from Jonas Weber:")
                                .contains("• was a refund promised?");
                    });
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
            org.clearRequests();
            Worker.Pass again = worker.pass();

            assertThat(again.ok()).as(again.failures().toString()).isTrue();
            assertThat(again.inbox().commands()).isZero();
            assertThat(feedItemQueries()).isEqualTo(1);
            assertThat(s.journal())
                    .map(JournalEntry::event)
                    .filteredOn(HandoverEvent.FeedbackGiven.class::isInstance)
                    .hasSize(1);
            assertThat(org.comments(s.ids.german().value()))
                    .filteredOn(c -> String.valueOf(c.get("CommentBody")).startsWith("Feedback on handover"))
                    .hasSize(1);
        }
    }

    @Test
    void anOrgRefusingTheFeedItemQueryFailsThePassAsInboxAndTheCursorMovesOn() {
        try (Engine engine = s.engine()) {
            Worker worker = s.worker(engine);
            s.clock.advance(Duration.ofMinutes(1));
            assertThat(worker.pass().ok()).isTrue();
            org.noFeedAccess();
            s.clock.advance(Duration.ofMinutes(5));

            Worker.Pass pass = worker.pass();

            // (the notes of the Cases the poll found cannot be read either: comments() reads FeedItems too)
            assertThat(pass.failures())
                    .anySatisfy(f -> assertThat(f)
                            .startsWith("inbox: reading tickets commented since ")
                            .contains("INVALID_TYPE"));
            // a refusal is not waited out: the next pass polls from its own cursor, not from the first pass's
            s.clock.advance(Duration.ofMinutes(5));
            org.clearRequests();
            worker.pass();
            assertThat(org.requests(r ->
                            r.soql().filter(q -> q.contains("FROM Case WHERE")).isPresent()))
                    .first()
                    .satisfies(r -> assertThat(r.soql())
                            .get()
                            .asString()
                            .contains("LastModifiedDate >= " + Scenario.T0.plus(Duration.ofMinutes(5))));
        }
    }
}
