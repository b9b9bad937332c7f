package dev.handover.core.policy;

/** How the information passes to the receiver: formally, in writing, in the CRM, where the ticket is. */
public enum ExchangeMethod {
    /** A structured internal note on the ticket. */
    NOTE,
    /** Tasks for the required actions, assigned to their owners. */
    TASK,
    /** Both a note and tasks. */
    NOTE_AND_TASK;

    /** True when a note is written. */
    public boolean writesNote() {
        return this != TASK;
    }

    /** True when tasks are created. */
    public boolean createsTasks() {
        return this != NOTE;
    }

    /** In words. */
    public String describe() {
        return switch (this) {
            case NOTE -> "a structured internal note on the ticket";
            case TASK -> "tasks in the CRM for each required action";
            case NOTE_AND_TASK ->
                "a structured internal note on the ticket and a task in the CRM for each required" + " action";
        };
    }
}
