package dev.handover.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one follow-up sweep did.
 *
 * @param at the sweep's instant
 * @param due follow-up tasks due in this worker's partition
 * @param otherPartitions due follow-up tasks left to other workers
 * @param handedBack tickets handed back after an absence
 * @param acknowledgements acknowledgements recorded (task completed or receiver commented)
 * @param completions actions recorded as done
 * @param checkIns tactful check-ins before a deadline
 * @param reminders reminders after a deadline (acknowledgement, action, customer contact)
 * @param escalations escalations
 * @param retargets unacknowledged handovers re-targeted
 * @param closed follow-ups ended (done, ticket solved, superseded, exhausted)
 * @param writes CRM write calls made for follow-up notes and task changes (batched)
 * @param failures what failed, per ticket, in words
 */
public record SweepResult(
        Instant at,
        int due,
        int otherPartitions,
        int handedBack,
        int acknowledgements,
        int completions,
        int checkIns,
        int reminders,
        int escalations,
        int retargets,
        int closed,
        int writes,
        List<String> failures) {

    /** Validates. */
    public SweepResult {
        Objects.requireNonNull(at, "at");
        failures = List.copyOf(failures);
    }

    /** One line for logs and the CLI. */
    public String summary() {
        return "sweep at " + at + ": " + due + " due, " + acknowledgements + " acknowledged, " + completions
                + " completed, " + checkIns + " check-ins, " + reminders + " reminders, " + escalations
                + " escalations, "
                + retargets + " re-targeted, " + handedBack + " handed back, " + closed + " closed, " + writes
                + " writes" + (failures.isEmpty() ? "" : ", " + failures.size() + " failed");
    }
}
