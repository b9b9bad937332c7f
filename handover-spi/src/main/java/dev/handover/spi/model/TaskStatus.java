package dev.handover.spi.model;

/** The state of a task. */
public enum TaskStatus {
    /** Still to do. */
    OPEN,
    /** Done. */
    COMPLETED,
    /** No longer needed (the handover was superseded, the ticket closed). */
    CANCELLED;

    /** True while the task is still to do. */
    public boolean isOpen() {
        return this == OPEN;
    }
}
