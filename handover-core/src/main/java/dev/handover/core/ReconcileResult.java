package dev.handover.core;

import java.util.List;
import java.util.Objects;

/**
 * What a reconciliation found and repaired.
 *
 * @param ticketsChecked recently updated tickets that carry a handover
 * @param tasksCreated tasks that were missing and were created
 * @param handoversRepaired handovers that got missing tasks
 * @param failures what failed, per ticket, in words
 * @param eventsRecovered handovers found on the tickets that the caller had no record of, whose {@code Executed}
 *     event was emitted now (a crash, or a write whose outcome was unknown)
 */
public record ReconcileResult(
        int ticketsChecked, int tasksCreated, int handoversRepaired, List<String> failures, int eventsRecovered) {
    /** Validates. */
    public ReconcileResult {
        failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
    }

    /** A result that recovered no events. */
    public ReconcileResult(int ticketsChecked, int tasksCreated, int handoversRepaired, List<String> failures) {
        this(ticketsChecked, tasksCreated, handoversRepaired, failures, 0);
    }
}
