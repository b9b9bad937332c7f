package dev.handover.spi.model;

import dev.handover.spi.internal.Checks;
import java.time.Instant;

/**
 * A comment on a ticket: a public reply, a customer message or an internal note. {@link #toString()} shows the
 * length of the body, not the body.
 *
 * @param id the CRM's id of the comment
 * @param ticket the ticket it belongs to
 * @param authorId the CRM's id of the author (an agent or the customer), or empty when unknown
 * @param body the text as stored (plain text where the CRM offers it)
 * @param visibility internal note or public
 * @param createdAt when it was written
 */
public record Comment(
        String id, TicketId ticket, String authorId, String body, Visibility visibility, Instant createdAt) {

    /** Validates every component. */
    public Comment {
        Checks.id(id, "comment id");
        Checks.notNull(ticket, "comment " + id + ": ticket");
        Checks.text(authorId, "comment " + id + ": author id");
        Checks.text(body, "comment " + id + ": body");
        Checks.notNull(visibility, "comment " + id + ": visibility");
        Checks.notNull(createdAt, "comment " + id + ": created at");
    }

    /** True for an internal note. */
    public boolean isInternal() {
        return visibility == Visibility.INTERNAL;
    }

    /** True when this agent wrote it. */
    public boolean isBy(AgentId agent) {
        return authorId.equals(agent.value());
    }

    @Override
    public String toString() {
        return "Comment[id=" + id + ", ticket=" + ticket + ", author=" + authorId + ", " + visibility + ", "
                + body.length() + " chars, " + createdAt + "]";
    }
}
