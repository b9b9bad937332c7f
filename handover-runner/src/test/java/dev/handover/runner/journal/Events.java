package dev.handover.runner.journal;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.note.NoteSection;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One event of every kind, for journal tests. */
final class Events {
    static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
    static final TicketId TICKET = TicketId.of("4711");
    static final HandoverId HO = HandoverId.of("ho-4711-a");

    private Events() {}

    static HandoverEvent.Executed executed(String handover, Instant at, boolean replayed) {
        return new HandoverEvent.Executed(
                at,
                TICKET,
                HandoverId.of(handover),
                "shift-change",
                "shift-change",
                Optional.of(AgentId.of("a1")),
                Optional.of(AgentId.of("a2")),
                Optional.of(GroupId.of("g1")),
                replayed,
                true,
                2,
                List.of(NoteSection.PROMISES),
                1,
                Optional.of(at.plus(Duration.ofHours(1))));
    }

    static List<HandoverEvent> everyKind() {
        return List.of(
                new HandoverEvent.Planned(T, TICKET, HO, "shift-change", "shift-change", "agent a2"),
                executed(HO.value(), T, false),
                new HandoverEvent.ReceiverChosen(
                        T,
                        TICKET,
                        HO,
                        "agent a2",
                        "the next shift of the sender's team",
                        4,
                        2,
                        List.of("Ada (off shift until Tue 10 Mar 08:00 UTC)", "Chen (does not speak de)"),
                        List.of(),
                        "Jonas: available now, 3/10 open tickets; 2 of 4 colleagues considered could take it."),
                new HandoverEvent.Refused(T, TICKET, "complaint", "complaint", "nobody available"),
                new HandoverEvent.Failed(T, TICKET, Optional.of(HO), "manual", "503 from the CRM", true),
                new HandoverEvent.Warned(T, TICKET, HO, "note shortened"),
                new HandoverEvent.Acknowledged(
                        T.plusSeconds(600),
                        TICKET,
                        HO,
                        AgentId.of("a2"),
                        HandoverEvent.AcknowledgementMethod.TASK,
                        T.plusSeconds(540),
                        Duration.ofMinutes(9)),
                new HandoverEvent.Reminded(
                        T, TICKET, HO, "ack", AgentId.of("a2"), "acknowledgement", 1, "not acknowledged", "waits"),
                new HandoverEvent.ActionCompleted(T, TICKET, HO, "a1", true, "task"),
                new HandoverEvent.Escalated(T, TICKET, HO, "a1", 1, "agent m1", "not done", "refund late"),
                new HandoverEvent.Retargeted(T, TICKET, HO, HandoverId.of("ho-4711-b"), AgentId.of("a2"), "agent a3"),
                new HandoverEvent.FollowUpClosed(T, TICKET, HO, "done"),
                new HandoverEvent.Reconciled(T, TICKET, HO, 2),
                new HandoverEvent.FeedbackGiven(
                        T, TICKET, HO, AgentId.of("a2"), List.of(NoteSection.HISTORY), "what was tried?"));
    }
}
