package dev.handover.spi;

import dev.handover.spi.error.CrmException;
import dev.handover.spi.internal.Checks;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.Version;
import java.util.List;
import java.util.Optional;

/**
 * What became of one {@link TicketUpdate}: applied, replayed (its idempotency key was seen before, nothing written),
 * or failed with the error that says why.
 *
 * @param ticket the updated ticket
 * @param status applied, replayed or failed
 * @param version the ticket's version after the write, where the connector knows it
 * @param createdTasks the tasks the update created (for a replay, the tasks the first application created, where the
 *     connector can tell)
 * @param error why it failed; present exactly when the status is {@link Status#FAILED}
 */
public record UpdateResult(
        TicketId ticket,
        Status status,
        Optional<Version> version,
        List<Task> createdTasks,
        Optional<CrmException> error) {

    /** The outcome of one update. */
    public enum Status {
        /** Written now. */
        APPLIED,
        /** Written before under the same idempotency key; nothing written now. */
        REPLAYED,
        /** Not written; see the error. */
        FAILED
    }

    /** Validates that an error is present exactly for failures. */
    public UpdateResult {
        Checks.notNull(ticket, "ticket");
        Checks.notNull(status, "status");
        Checks.optional(version, "version");
        createdTasks = Checks.list(createdTasks, "created tasks");
        Checks.optional(error, "error");
        if ((status == Status.FAILED) != error.isPresent()) {
            throw new IllegalArgumentException("update result of ticket " + ticket + ": status " + status
                    + (error.isPresent() ? " must not carry an error" : " needs an error"));
        }
    }

    /** Written now. */
    public static UpdateResult applied(TicketId ticket, Version version, List<Task> createdTasks) {
        return new UpdateResult(ticket, Status.APPLIED, Optional.ofNullable(version), createdTasks, Optional.empty());
    }

    /** Written before under the same idempotency key. */
    public static UpdateResult replayed(TicketId ticket, Version version, List<Task> createdTasks) {
        return new UpdateResult(ticket, Status.REPLAYED, Optional.ofNullable(version), createdTasks, Optional.empty());
    }

    /** Not written. */
    public static UpdateResult failed(TicketId ticket, CrmException error) {
        return new UpdateResult(ticket, Status.FAILED, Optional.empty(), List.of(), Optional.of(error));
    }

    /** True when the update is in the CRM (applied now or before). */
    public boolean isSuccess() {
        return status != Status.FAILED;
    }

    /** This result when it succeeded; otherwise throws its error. */
    public UpdateResult orThrow() {
        if (error.isPresent()) {
            throw error.get();
        }
        return this;
    }
}
