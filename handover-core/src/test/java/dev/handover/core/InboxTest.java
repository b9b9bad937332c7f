package dev.handover.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.marker.StepRecord;
import dev.handover.core.note.NoteSection;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.Visibility;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Agents acknowledge and give feedback in the ticket's internal notes; the engine acts on each note once. */
final class InboxTest {
    private final World world = new World();
    private final Handovers engine = world.engine(HandoverPolicy.builder().build());

    private HandoverPlan handOver(Ticket t) {
        return engine.handOver(HandoverRequest.builder(t.id())
                        .toAgent(World.LUKAS)
                        .reason(HandoverReason.EXPERTISE)
                        .build())
                .plan()
                .orElseThrow();
    }

    private InboxResult inbox(Ticket t) {
        return engine.inbox(List.of(world.reread(t)));
    }

    private String lastNote(Ticket t) {
        List<Comment> c = world.crm.commentsSnapshot(t.id());
        return c.get(c.size() - 1).body();
    }

    @Test
    void feedbackInAnInternalNoteIsRecordedForTheSenderOnce() {
        Ticket t = world.ticket(b -> b);
        HandoverPlan plan = handOver(t);
        world.clock.advance(Duration.ofMinutes(20));
        world.crm.addComment(
                t.id(),
                "lukas",
                "#handover feedback missing: promises; comment: what did we promise on the refund?",
                Visibility.INTERNAL);
        var written = world.clock.instant();
        world.clock.advance(Duration.ofMinutes(5));

        InboxResult r = inbox(t);

        assertThat(r.feedback()).isEqualTo(1);
        assertThat(r.ticketsRead()).isEqualTo(1);
        assertThat(lastNote(t))
                .startsWith("Feedback on handover " + plan.id() + " for Amelia Clarke from Lukas Becker:\n"
                        + "• Missing or unclear: promises made to the customer\n"
                        + "• what did we promise on the refund?\n");
        assertThat(StepRecord.find(lastNote(t)).orElseThrow().steps())
                .singleElement()
                .satisfies(s -> assertThat(s).startsWith("feedback:"));
        assertThat(world.events(HandoverEvent.FeedbackGiven.class))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.handover()).isEqualTo(plan.id());
                    assertThat(f.from()).isEqualTo(World.LUKAS);
                    assertThat(f.missing()).containsExactly(NoteSection.PROMISES);
                    assertThat(f.at()).as("stamped when the agent wrote it").isEqualTo(written);
                });

        int notes = world.crm.commentsSnapshot(t.id()).size();
        assertThat(inbox(t).commands()).isZero();
        assertThat(world.crm.commentsSnapshot(t.id())).hasSize(notes);
        assertThat(world.events(HandoverEvent.FeedbackGiven.class)).hasSize(1);
    }

    @Test
    void acknowledgementInAnInternalNoteIsTheReceiversAtTheTimeWritten() {
        Ticket t = world.ticket(b -> b);
        HandoverPlan plan = handOver(t);
        world.clock.advance(Duration.ofMinutes(7));
        world.crm.addComment(t.id(), "lukas", "Got it.\n#handover ack", Visibility.INTERNAL);
        world.clock.advance(Duration.ofMinutes(10));

        assertThat(inbox(t).acknowledged()).isEqualTo(1);

        assertThat(world.events(HandoverEvent.Acknowledged.class))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.handover()).isEqualTo(plan.id());
                    assertThat(a.by()).isEqualTo(World.LUKAS);
                    assertThat(a.latency()).isEqualTo(Duration.ofMinutes(7));
                    assertThat(a.method()).isEqualTo(HandoverEvent.AcknowledgementMethod.EXPLICIT);
                });
        assertThat(lastNote(t)).contains("acknowledged by Lukas Becker in the ticket at");
        assertThat(world.crm.tasksSnapshot().stream()
                        .filter(k -> k.ticket().equals(t.id()) && k.key().equals("ack"))
                        .allMatch(k -> !k.isOpen()))
                .isTrue();
        assertThat(inbox(t).commands()).isZero();
        assertThat(world.events(HandoverEvent.Acknowledged.class)).hasSize(1);
    }

    @Test
    void aNoteNotUnderstoodIsAnsweredOnceAndRecordsNothing() {
        Ticket t = world.ticket(b -> b);
        handOver(t);
        world.clock.advance(Duration.ofMinutes(3));
        world.crm.addComment(t.id(), "lukas", "#handover feedback missing: histroy", Visibility.INTERNAL);

        InboxResult r = inbox(t);

        assertThat(r.notUnderstood()).isEqualTo(1);
        assertThat(lastNote(t))
                .startsWith("handover could not act on the note of Lukas Becker (")
                .contains("'histroy' is not a section of the note (did you mean history?)")
                .contains("Nothing was recorded; write it again")
                .contains("> #handover feedback missing: histroy");
        assertThat(world.events(HandoverEvent.FeedbackGiven.class)).isEmpty();
        assertThat(inbox(t).commands()).isZero();
    }

    @Test
    void onlyTheReceiverAcknowledgesAndPublicRepliesAreNoCommands() {
        Ticket t = world.ticket(b -> b);
        HandoverPlan plan = handOver(t);
        world.crm.addComment(t.id(), "cust-1", "#handover ack", Visibility.PUBLIC);
        assertThat(inbox(t).commands()).isZero();

        world.crm.addComment(t.id(), "jonas", "#handover ack", Visibility.INTERNAL);
        assertThat(inbox(t).notUnderstood()).isEqualTo(1);
        assertThat(lastNote(t)).contains("handover " + plan.id() + " is for lukas to acknowledge, not jonas");
        assertThat(world.events(HandoverEvent.Acknowledged.class)).isEmpty();
    }

    @Test
    void aTicketNeverHandedOverIsNotRead() {
        Ticket t = world.ticket(b -> b);
        world.crm.addComment(t.id(), "lukas", "#handover ack", Visibility.INTERNAL);
        assertThat(inbox(t).ticketsRead()).isZero();
    }

    @Test
    void feedbackNamesItsHandoverWhenTheTicketMovedOn() {
        Ticket t = world.ticket(b -> b);
        HandoverPlan first = handOver(t);
        world.clock.advance(Duration.ofMinutes(30));
        world.crm.addComment(
                t.id(), "lukas", "#handover feedback " + first.id() + " comment: no history", Visibility.INTERNAL);
        assertThat(inbox(t).feedback()).isEqualTo(1);
        assertThat(world.events(HandoverEvent.FeedbackGiven.class))
                .singleElement()
                .satisfies(f -> assertThat(f.handover()).isEqualTo(first.id()));
    }

    @Test
    void aStaleCommandIsLeftAlone() {
        Ticket t = world.ticket(b -> b);
        handOver(t);
        world.crm.addComment(t.id(), "lukas", "#handover feedback comment: late", Visibility.INTERNAL);
        world.clock.advance(Duration.ofDays(8));
        assertThat(inbox(t).commands()).isZero();
    }
}
