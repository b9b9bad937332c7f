package dev.handover.spi.model;

/** What a handover task asks of its owner. */
public enum TaskKind {
    /** The receiver confirms they have taken the handover. */
    ACKNOWLEDGEMENT,
    /** A handed-over action that someone must carry out. */
    ACTION,
    /** The sender checks that the actions were done. */
    FOLLOW_UP,
    /** A manager or colleague steps in because something was not done. */
    ESCALATION
}
