package dev.handover.core;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one follow-up sweep did: how many follow-ups were due, what was done with them, counted by {@link Kind}, what
 * it cost in CRM writes, and what failed.
 *
 * <pre>{@code
 * SweepResult r = handovers.sweep();
 * log.info(r.summary());
 * if (r.count(SweepResult.Kind.ESCALATIONS) > 0) { … }   // or r.escalations()
 * }</pre>
 *
 * @param at the sweep's instant
 * @param due follow-up tasks due in this worker's partition
 * @param otherPartitions due follow-up tasks left to other workers
 * @param counts what was done, by kind; every kind is present, zero when nothing of it was done
 * @param writes CRM write calls made for follow-up notes and task changes (batched)
 * @param failures what failed, per ticket, in words
 */
public record SweepResult(
        Instant at, int due, int otherPartitions, Map<Kind, Integer> counts, int writes, List<String> failures) {

    /** What a sweep counts. */
    public enum Kind {
        /** Tickets handed back to their owner after an absence. */
        HAND_BACKS,
        /** Acknowledgements recorded (the task completed, or the receiver commented). */
        ACKNOWLEDGEMENTS,
        /** Actions recorded as done. */
        COMPLETIONS,
        /** Tactful check-ins before a deadline. */
        CHECK_INS,
        /** Reminders after a deadline: to acknowledge, of an action, of the customer contact. */
        REMINDERS,
        /** Escalations. */
        ESCALATIONS,
        /** Unacknowledged handovers re-targeted to the next qualified colleague. */
        RETARGETS,
        /** Follow-ups ended: done, ticket solved, superseded, exhausted. */
        CLOSED
    }

    /** Validates and completes {@code counts} with zeros. */
    public SweepResult {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(counts, "counts");
        EnumMap<Kind, Integer> all = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            int n = counts.getOrDefault(k, 0);
            if (n < 0) {
                throw new IllegalArgumentException("a sweep count is never negative, " + k + " was " + n);
            }
            all.put(k, n);
        }
        counts = Collections.unmodifiableMap(all);
        failures = List.copyOf(failures);
    }

    /** How many of this kind the sweep did. */
    public int count(Kind kind) {
        return counts.get(Objects.requireNonNull(kind, "kind"));
    }

    /** Tickets handed back after an absence: {@code count(HAND_BACKS)}. */
    public int handedBack() {
        return count(Kind.HAND_BACKS);
    }

    /** Acknowledgements recorded: {@code count(ACKNOWLEDGEMENTS)}. */
    public int acknowledgements() {
        return count(Kind.ACKNOWLEDGEMENTS);
    }

    /** Actions recorded as done: {@code count(COMPLETIONS)}. */
    public int completions() {
        return count(Kind.COMPLETIONS);
    }

    /** Check-ins before a deadline: {@code count(CHECK_INS)}. */
    public int checkIns() {
        return count(Kind.CHECK_INS);
    }

    /** Reminders after a deadline: {@code count(REMINDERS)}. */
    public int reminders() {
        return count(Kind.REMINDERS);
    }

    /** Escalations: {@code count(ESCALATIONS)}. */
    public int escalations() {
        return count(Kind.ESCALATIONS);
    }

    /** Unacknowledged handovers re-targeted: {@code count(RETARGETS)}. */
    public int retargets() {
        return count(Kind.RETARGETS);
    }

    /** Follow-ups ended: {@code count(CLOSED)}. */
    public int closed() {
        return count(Kind.CLOSED);
    }

    /** One line for logs and the CLI. */
    public String summary() {
        return "sweep at " + at + ": " + due + " due, " + acknowledgements() + " acknowledged, " + completions()
                + " completed, " + checkIns() + " check-ins, " + reminders() + " reminders, " + escalations()
                + " escalations, " + retargets() + " re-targeted, " + handedBack() + " handed back, " + closed()
                + " closed, " + writes + " writes" + (failures.isEmpty() ? "" : ", " + failures.size() + " failed");
    }
}
