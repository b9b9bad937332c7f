package dev.handover.core.followup;

import dev.handover.core.HandoverResult;
import dev.handover.core.event.HandoverEvent;
import dev.handover.core.note.HandoverRecord;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The handovers the follow-up has the engine make: hand-backs after an absence, and re-targets of handovers nobody
 * acknowledged. The follow-up decides when; the engine writes them like any other handover.
 */
public interface Reassigning {
    /** Hands these hand-back tasks' tickets back to their owner. */
    List<HandoverResult> handBack(Agent owner, List<Task> handBacks, Directory dir);

    /**
     * Hands an unacknowledged ticket to the next qualified colleague; the new handover closes the old one's tasks in
     * the same write. Empty when nobody could take it.
     */
    Optional<HandoverEvent.Retargeted> retarget(
            HandoverRecord r, Ticket ticket, List<Task> tasks, Directory dir, int reminders, Instant now);
}
