package dev.handover.core;

import dev.handover.core.note.HandoverNote;
import dev.handover.core.note.NoteSection;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.routing.Receiver;
import dev.handover.core.routing.Selection;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Ticket;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A handover worked out but not yet written: who, why, the note, the customer notice, and the one {@link TicketUpdate}
 * that will carry it all.
 *
 * @param id the handover's id (deterministic for the ticket version, rule and receiver, so a re-plan after a crash
 *     finds the same id and its write replays instead of repeating)
 * @param ticket the ticket as read
 * @param rule the rule's id, or {@code manual}
 * @param reason why
 * @param sender who hands over, if an agent
 * @param receiver who takes over
 * @param selection how the receiver was chosen (candidates and verdicts)
 * @param note the structured note
 * @param renderedNote the note as written to the CRM (one or more parts)
 * @param customerNotice the message to the customer, if one is sent
 * @param missing required note sections that are empty
 * @param warnings things worth knowing (note shortened, action without an agent owner)
 * @param update the write
 */
public record HandoverPlan(
        HandoverId id,
        Ticket ticket,
        String rule,
        HandoverReason reason,
        Optional<Agent> sender,
        Receiver receiver,
        Selection.Chosen selection,
        HandoverNote note,
        List<String> renderedNote,
        Optional<String> customerNotice,
        List<NoteSection> missing,
        List<String> warnings,
        TicketUpdate update) {

    /** Validates and copies. */
    public HandoverPlan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(note, "note");
        renderedNote = List.copyOf(renderedNote);
        Objects.requireNonNull(customerNotice, "customer notice");
        missing = List.copyOf(missing);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(update, "update");
    }

    @Override
    public String toString() {
        return "HandoverPlan[" + id + ", ticket " + ticket.id() + ", rule " + rule + ", " + reason + " → "
                + receiver.describe() + "]";
    }
}
