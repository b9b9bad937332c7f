package dev.handover.core.policy;

/** Who owns a required action, relative to the handover. */
public enum ActionOwner {
    /** The colleague who takes the ticket. */
    RECEIVER,
    /** The colleague who hands it over. */
    SENDER,
    /** The receiver's line manager. */
    RECEIVERS_MANAGER;

    /** In words, for the policy description. */
    public String describe() {
        return switch (this) {
            case RECEIVER -> "the receiver";
            case SENDER -> "the sender";
            case RECEIVERS_MANAGER -> "the receiver's manager";
        };
    }
}
