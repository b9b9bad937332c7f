package dev.handover.spi.model;

/** Whether a {@link Group} is a team of agents or a queue that holds unassigned work. */
public enum GroupKind {
    /** A team (Zendesk group, Salesforce public group). */
    TEAM,
    /** A queue (Salesforce Queue); tickets can be owned by it without an agent. */
    QUEUE
}
