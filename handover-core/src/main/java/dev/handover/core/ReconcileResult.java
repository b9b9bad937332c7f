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
 */
public record ReconcileResult(int ticketsChecked, int tasksCreated, int handoversRepaired, List<String> failures) {
    /** Validates. */
    public ReconcileResult {
        failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
    }
}
