package dev.handover.spi.model;

/**
 * A ticket's priority, normalized across CRMs and ordered from {@link #LOW} to {@link #URGENT}. The vendor's own value
 * is kept beside it in {@link Ticket#rawPriority()}.
 */
public enum TicketPriority {
    /** Can wait. */
    LOW,
    /** The default. */
    NORMAL,
    /** Needs attention soon. */
    HIGH,
    /** Needs attention now. */
    URGENT;

    /** True when this priority is the same as or higher than {@code other}. */
    public boolean isAtLeast(TicketPriority other) {
        return compareTo(other) >= 0;
    }
}
