package dev.handover.core.note;

/** The sections of a handover note; a policy says which must not be empty. */
public enum NoteSection {
    /** Customer and contact details. */
    CUSTOMER("customer and contact details"),
    /** Summary of the issue. */
    SUMMARY("summary of the issue"),
    /** History: what has been tried, earlier handovers. */
    HISTORY("history"),
    /** Actions taken so far. */
    ACTIONS_TAKEN("actions taken so far"),
    /** Promises made to the customer. */
    PROMISES("promises made to the customer"),
    /** Actions required, with owner and deadline. */
    ACTIONS_REQUIRED("actions required"),
    /** Reason for the handover. */
    REASON("reason for the handover"),
    /** Who hands over. */
    SENDER("sender"),
    /** Who takes over. */
    RECEIVER("receiver"),
    /** When the customer must next hear from us. */
    NEXT_CONTACT("next customer contact due"),
    /** Limits of authority that matter. */
    AUTHORITY("limits of authority"),
    /** Links. */
    LINKS("links");

    private final String label;

    NoteSection(String label) {
        this.label = label;
    }

    /** The section's name in words. */
    public String label() {
        return label;
    }
}
