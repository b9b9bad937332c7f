package dev.handover.spi;

import dev.handover.spi.internal.Checks;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.TaskId;
import dev.handover.spi.model.TaskStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * A change to an existing task of the updated ticket: complete or cancel it, move its due time, give it to someone
 * else.
 *
 * @param task the task
 * @param status the new status, if it changes
 * @param due the new due time, if it changes
 * @param owner the new owner, if it changes
 */
public record TaskChange(TaskId task, Optional<TaskStatus> status, Optional<Instant> due, Optional<AgentId> owner) {

    /** Validates that something changes. */
    public TaskChange {
        Checks.notNull(task, "task");
        Checks.optional(status, "task " + task + ": status");
        Checks.optional(due, "task " + task + ": due");
        Checks.optional(owner, "task " + task + ": owner");
        if (status.isEmpty() && due.isEmpty() && owner.isEmpty()) {
            throw new IllegalArgumentException("task change for " + task + " changes nothing");
        }
    }

    /** Marks the task completed. */
    public static TaskChange complete(TaskId task) {
        return new TaskChange(task, Optional.of(TaskStatus.COMPLETED), Optional.empty(), Optional.empty());
    }

    /** Marks the task cancelled. */
    public static TaskChange cancel(TaskId task) {
        return new TaskChange(task, Optional.of(TaskStatus.CANCELLED), Optional.empty(), Optional.empty());
    }

    /** Moves the due time. */
    public static TaskChange reschedule(TaskId task, Instant due) {
        return new TaskChange(task, Optional.empty(), Optional.of(due), Optional.empty());
    }

    /** Gives the task to another owner. */
    public static TaskChange reassign(TaskId task, AgentId owner) {
        return new TaskChange(task, Optional.empty(), Optional.empty(), Optional.of(owner));
    }
}
