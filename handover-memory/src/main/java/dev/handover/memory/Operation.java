package dev.handover.memory;

/** The {@code CrmConnector} operations {@link InMemoryCrm} counts and can fail on purpose. */
public enum Operation {
    /** {@code ticket(id)}. */
    READ_TICKET(false),
    /** One underlying call of {@code tickets(ids)}; a request larger than the read batch size counts once per batch. */
    READ_TICKETS(false),
    /** {@code searchTickets}. */
    SEARCH_TICKETS(false),
    /** {@code comments}. */
    READ_COMMENTS(false),
    /** {@code tasks}. */
    QUERY_TASKS(false),
    /** {@code apply}. */
    APPLY(true),
    /** One underlying call of {@code applyAll}; counted once per batch of the write batch size. */
    APPLY_BATCH(true),
    /** {@code directory()}. */
    READ_DIRECTORY(false),
    /** {@code openTicketCounts}. */
    COUNT_OPEN_TICKETS(false);

    private final boolean write;

    Operation(boolean write) {
        this.write = write;
    }

    /** True for operations that write. */
    public boolean isWrite() {
        return write;
    }
}
