package dev.handover.core.policy;

/** How a customer notice names the receiver. */
public enum NoticeNaming {
    /** "Jonas Weber". */
    FULL_NAME,
    /** "Jonas". */
    FIRST_NAME,
    /** "our Billing L2 team", never a person's name. */
    TEAM_ONLY
}
