package dev.handover.spi.model;

/** An agent's presence as the CRM reports it right now (Zendesk omnichannel status, for example). */
public enum Presence {
    /** Signed in and taking work. */
    ONLINE,
    /** Signed in but not taking work. */
    AWAY,
    /** Signed out. */
    OFFLINE,
    /** The CRM does not report presence: decide from shifts and absences instead. */
    UNKNOWN
}
