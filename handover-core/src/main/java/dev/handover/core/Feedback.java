package dev.handover.core;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.event.HandoverListener;
import dev.handover.core.marker.Markers;
import dev.handover.core.marker.StepRecord;
import dev.handover.core.note.NoteSection;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TicketId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A receiver's feedback on a handover: recorded on its ticket as an internal note, and told to listeners for the
 * review.
 */
final class Feedback {
    private final CrmConnector crm;
    private final Clock clock;
    private final Supplier<Directory> directory;
    private final HandoverListener events;

    Feedback(CrmConnector crm, Clock clock, Supplier<Directory> directory, HandoverListener events) {
        this.crm = crm;
        this.clock = clock;
        this.directory = directory;
        this.events = events;
    }

    void feedback(HandoverId handover, AgentId from, Set<NoteSection> missing, String comment) {
        Objects.requireNonNull(handover, "handover");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(missing, "missing");
        Objects.requireNonNull(comment, "comment");
        if (missing.isEmpty() && comment.isBlank()) {
            throw new IllegalArgumentException("feedback needs missing sections or a comment");
        }
        Directory dir = directory.get();
        Agent agent = dir.agent(from)
                .orElseThrow(() -> new IllegalArgumentException("agent " + from + " is not in the directory"));
        TicketId ticket = crm.allTasks(TaskQuery.builder().handover(handover).build())
                .map(Task::ticket)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "handover " + handover + " has no tasks in the CRM, so its ticket cannot be found"));
        record(ticket, handover, agent, Optional.empty(), missing, comment, clock.instant(), Optional.empty());
    }

    /**
     * Writes the feedback on its ticket, addressed to the sender when known, and tells listeners. The note ends with a
     * step marker ({@code feedback:<crc>}) so that a review rebuilt from the CRM finds it, and so that the inbox knows
     * which command it answers ({@code answering}: the crc of the command's comment id).
     */
    void record(
            TicketId ticket,
            HandoverId handover,
            Agent from,
            Optional<String> sender,
            Set<NoteSection> missing,
            String comment,
            Instant at,
            Optional<String> answering) {
        String crc =
                answering.orElseGet(() -> HandoverIds.crc(from.id() + "|" + new TreeSet<>(missing) + "|" + comment));
        StringBuilder text = new StringBuilder("Feedback on handover ").append(handover);
        sender.ifPresent(s -> text.append(" for ").append(s));
        text.append(" from ").append(from.name()).append(":");
        if (!missing.isEmpty()) {
            text.append("\n• Missing or unclear: ")
                    .append(String.join(
                            ", ", missing.stream().sorted().map(s -> s.label()).toList()));
        }
        if (!comment.isBlank()) {
            text.append("\n• ").append(Markers.neutralize(comment.strip()));
        }
        text.append("\n").append(new StepRecord(handover, Set.of("feedback:" + crc), at).format());
        crm.apply(TicketUpdate.builder(ticket)
                .note(NoteDraft.internal(text.toString()))
                .idempotencyKey("feedback:" + handover.value() + ":" + crc)
                .build());
        events.on(new HandoverEvent.FeedbackGiven(
                at, ticket, handover, from.id(), List.copyOf(new TreeSet<>(missing)), comment.strip()));
    }
}
