package dev.handover.spi.model;

/**
 * A ticket's status, normalized across CRMs. The vendor's own value is kept beside it in {@link Ticket#rawStatus()}.
 */
public enum TicketStatus {
    /** Received, not yet worked on. */
    NEW,
    /** Being worked on by the service team. */
    OPEN,
    /** Waiting on the customer. */
    PENDING,
    /** Waiting on a third party or another team. */
    ON_HOLD,
    /** Resolved; may still be reopened. */
    SOLVED,
    /** Finished for good. */
    CLOSED;

    /** True for every status in which someone still owes the customer something. */
    public boolean isOpen() {
        return this != SOLVED && this != CLOSED;
    }
}
