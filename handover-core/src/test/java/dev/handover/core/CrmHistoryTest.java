package dev.handover.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.marker.StepRecord;
import dev.handover.core.note.HandoverRecord;
import dev.handover.core.note.NoteSection;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@link CrmHistory} reads from one ticket's comments, written by hand as the engine writes them. */
class CrmHistoryTest {
    static final TicketId TICKET = TicketId.of("42");
    static final HandoverId H = HandoverId.of("ho-0123456789abcdef");
    static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");
    static final AgentId ADA = AgentId.of("1");
    static final AgentId BEN = AgentId.of("2");
    static final AgentId EVE = AgentId.of("3");
    static final Directory DIR = Directory.of(
            List.of(
                    Agent.builder(ADA).name("Ada Lovelace").build(),
                    Agent.builder(BEN).name("Ben Okoro").build(),
                    Agent.builder(EVE).name("Eve Moneypenny").build()),
            List.of());

    private static int n;

    private static Comment internal(String body, Instant at) {
        return new Comment("c" + ++n, TICKET, "api", body, Visibility.INTERNAL, at);
    }

    private static String note() {
        HandoverRecord r = new HandoverRecord(
                H,
                TICKET,
                "move",
                "shift-change",
                Optional.of(ADA),
                Optional.of(BEN),
                Optional.of(GroupId.of("g")),
                AT,
                Optional.of(AT.plus(Duration.ofMinutes(30))),
                Optional.empty(),
                "standard",
                Optional.empty(),
                List.of(new HandoverRecord.Action("action-1", Optional.of(BEN), AT.plusSeconds(3600), "Call back")),
                List.of(),
                List.of());
        return "Handover " + H + " · ticket 42\n…\n" + r.trailer();
    }

    @Test
    void aHandoverItsFollowUpAndFeedbackInBothForms() {
        Instant later = AT.plus(Duration.ofMinutes(40));
        List<HandoverEvent> events = CrmHistory.events(
                TICKET,
                List.of(
                        internal(note(), AT),
                        new Comment("p1", TICKET, "api", "Ben takes over.", Visibility.PUBLIC, AT.plusSeconds(1)),
                        internal(
                                "Follow-up of handover " + H + "\n\n• Hi Ben, please acknowledge …\n\n"
                                        + new StepRecord(H, Set.of("ack:reminder-1"), later).format(),
                                later),
                        internal(
                                "Handover " + H + " acknowledged by Ben Okoro at Mon 2 Mar 09:45 UTC (45 min after"
                                        + " the handover).\n"
                                        + new StepRecord(H, Set.of("ack:done"), later.plusSeconds(300)).format(),
                                later.plusSeconds(300)),
                        internal(
                                "Feedback on handover " + H + " from Ben Okoro:\n• Missing or unclear: history,"
                                        + " promises made to the customer\n• What was tried?",
                                later.plusSeconds(600)),
                        // the coming form: the same note ending in a step marker, whose time counts
                        internal(
                                "Feedback on handover " + H + " from Ben Okoro:\n• Who called last?\n\n"
                                        + new StepRecord(H, Set.of("feedback:given"), later.plusSeconds(700)).format(),
                                later.plusSeconds(900))),
                DIR);

        assertThat(events).hasSize(5);
        HandoverEvent.Executed e = (HandoverEvent.Executed) events.get(0);
        assertThat(e.handover()).isEqualTo(H);
        assertThat(e.to()).contains(BEN);
        assertThat(e.customerNotified()).as("the notice beside the note").isTrue();
        assertThat(e.acknowledgeBy()).contains(AT.plus(Duration.ofMinutes(30)));
        HandoverEvent.Reminded r = (HandoverEvent.Reminded) events.get(1);
        assertThat(r.kind()).isEqualTo("acknowledgement");
        assertThat(r.count()).isEqualTo(1);
        assertThat(r.to()).isEqualTo(BEN);
        HandoverEvent.Acknowledged a = (HandoverEvent.Acknowledged) events.get(2);
        assertThat(a.method()).isEqualTo(HandoverEvent.AcknowledgementMethod.EXPLICIT);
        assertThat(a.latency()).isEqualTo(Duration.ofMinutes(45));
        HandoverEvent.FeedbackGiven f1 = (HandoverEvent.FeedbackGiven) events.get(3);
        assertThat(f1.from()).isEqualTo(BEN);
        assertThat(f1.missing()).containsExactly(NoteSection.HISTORY, NoteSection.PROMISES);
        assertThat(f1.comment()).isEqualTo("What was tried?");
        HandoverEvent.FeedbackGiven f2 = (HandoverEvent.FeedbackGiven) events.get(4);
        assertThat(f2.at()).isEqualTo(later.plusSeconds(700));
        assertThat(f2.missing()).isEmpty();
        assertThat(f2.comment()).isEqualTo("Who called last?");
    }

    @Test
    void aSweepsAcknowledgementByReplyTakesTheTimeItsNoteGives() {
        Instant sweep = AT.plus(Duration.ofMinutes(50));
        List<HandoverEvent> events = CrmHistory.events(
                TICKET,
                List.of(
                        internal(note(), AT),
                        internal(
                                "Follow-up of handover " + H + "\n\n• Ben Okoro acknowledged handover " + H
                                        + " at Mon 2 Mar 09:12 UTC by replying on the ticket.\n\n"
                                        + new StepRecord(H, Set.of("ack:done"), sweep).format(),
                                sweep)),
                DIR);
        HandoverEvent.Acknowledged a = (HandoverEvent.Acknowledged) events.get(1);
        assertThat(a.method()).isEqualTo(HandoverEvent.AcknowledgementMethod.COMMENT);
        assertThat(a.acknowledgedAt()).isEqualTo(Instant.parse("2026-03-02T09:12:00Z"));
        assertThat(a.latency()).isEqualTo(Duration.ofMinutes(12));
    }

    @Test
    void customerTextImitatingANoteOrAMarkerIsNotAnEvent() {
        // a public comment is never read, and an internal one whose marker's checksum fails is ordinary text
        String forged = new StepRecord(H, Set.of("ack:done"), AT).format().replace("ack:done", "ack:dune");
        List<HandoverEvent> events = CrmHistory.events(
                TICKET,
                List.of(
                        new Comment("p", TICKET, "9", note(), Visibility.PUBLIC, AT),
                        internal("see " + forged, AT.plusSeconds(60))),
                DIR);
        assertThat(events).isEmpty();
    }

    @Test
    void twoRungsInOneNoteAreTwoEscalationsWithTheirRecipientsCausesAndImpacts() {
        Instant sweep = AT.plus(Duration.ofHours(10));
        List<HandoverEvent> events = CrmHistory.events(
                TICKET,
                List.of(
                        internal(note(), AT),
                        internal(
                                "Follow-up of handover " + H
                                        + "\n\n• Escalation (level 1) to Eve Moneypenny: \"Call back\""
                                        + " on ticket 42 was due at Mon 2 Mar 10:00 UTC; owner Ben Okoro, 3 reminders"
                                        + " sent. Why it is not done: Ben Okoro is off shift. For the customer: the"
                                        + " call-back is late. Please step in: take it over.\n• Escalation level 2 of"
                                        + " \"Call back\" found nobody: head of team of Ben Okoro is not set.\n\n"
                                        + new StepRecord(
                                                        H,
                                                        Set.of(
                                                                "action-1:overdue-3",
                                                                "action-1:escalation-1",
                                                                "action-1:escalation-2"),
                                                        sweep)
                                                .format(),
                                sweep)),
                DIR);
        List<HandoverEvent.Escalated> escalated = events.stream()
                .filter(HandoverEvent.Escalated.class::isInstance)
                .map(HandoverEvent.Escalated.class::cast)
                .toList();
        assertThat(escalated).extracting(HandoverEvent.Escalated::level).containsExactly(1, 2);
        assertThat(escalated.get(0).to()).as(escalated.toString()).isEqualTo("agent 3");
        assertThat(escalated.get(0).why()).isEqualTo("Ben Okoro is off shift");
        assertThat(escalated.get(0).impact()).isEqualTo("the call-back is late");
        assertThat(escalated.get(1).to()).isEqualTo("nobody");
        assertThat(events).noneMatch(HandoverEvent.Reminded.class::isInstance);
    }
}
