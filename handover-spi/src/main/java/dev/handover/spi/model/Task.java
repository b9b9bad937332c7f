package dev.handover.spi.model;

import dev.handover.spi.internal.Checks;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A to-do the engine created for a handover and keeps in the CRM (a Salesforce Task, a Zendesk task ticket): the
 * receiver's acknowledgement, an action for its owner, the sender's follow-up, an escalation.
 *
 * @param id the CRM's id
 * @param ticket the ticket it belongs to
 * @param handover the handover that created it
 * @param key the task's name within its handover ({@code ack}, {@code action-1}, {@code follow-up}); with the handover
 *     id it identifies the task across restarts
 * @param kind what it asks for
 * @param owner who must do it
 * @param subject one line for the owner's task list
 * @param body details (may be empty)
 * @param due when it is due, to the second
 * @param remindAt when the CRM itself reminds the owner, where it can ({@code CrmCapabilities#nativeReminders()})
 * @param status open, completed or cancelled
 * @param createdAt when it was created
 * @param completedAt when it was completed or cancelled
 * @param version the CRM's version of the task
 */
public record Task(
        TaskId id,
        TicketId ticket,
        HandoverId handover,
        String key,
        TaskKind kind,
        AgentId owner,
        String subject,
        String body,
        Instant due,
        Optional<Instant> remindAt,
        TaskStatus status,
        Instant createdAt,
        Optional<Instant> completedAt,
        Version version) {

    /** The form of a task key. */
    public static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    /** Validates every component. */
    public Task {
        Checks.notNull(id, "task id");
        String where = "task " + id + ": ";
        Checks.notNull(ticket, where + "ticket");
        Checks.notNull(handover, where + "handover");
        Checks.matches(key, KEY, where + "key", "1–32 lower-case letters, digits or hyphens");
        Checks.notNull(kind, where + "kind");
        Checks.notNull(owner, where + "owner");
        Checks.nonBlank(subject, where + "subject");
        Checks.text(body, where + "body");
        Checks.notNull(due, where + "due");
        Checks.optional(remindAt, where + "remind at");
        Checks.notNull(status, where + "status");
        Checks.notNull(createdAt, where + "created at");
        Checks.optional(completedAt, where + "completed at");
        Checks.notNull(version, where + "version");
    }

    /** True while it is still to do. */
    public boolean isOpen() {
        return status.isOpen();
    }

    /** True when it is open and due at or before this instant. */
    public boolean isDueAt(Instant now) {
        return isOpen() && !due.isAfter(now);
    }

    @Override
    public String toString() {
        return "Task[id=" + id + ", ticket=" + ticket + ", handover=" + handover + ", key=" + key + ", " + kind
                + ", owner=" + owner + ", due=" + due + ", " + status + "]";
    }
}
