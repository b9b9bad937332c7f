package dev.handover.memory;

import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.TaskStatus;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.Version;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/** The order tasks are returned in (due, then id), and probe keys for range look-ups in that order. */
final class TaskOrder {
    static final Comparator<Task> BY_DUE = Comparator.comparing(Task::due).thenComparing(Task::id);

    private TaskOrder() {}

    /** A key sorting after every task due at or before this instant. */
    static Task probeAfter(Instant due) {
        // a due one nanosecond later with the smallest id sorts after all tasks due at exactly "due"
        return probe(due.plusNanos(1), TaskId.of("0"));
    }

    static Task probe(Instant due, TaskId id) {
        AgentId nobody = AgentId.of("probe");
        return new Task(
                id,
                TicketId.of("probe"),
                HandoverId.of("probe"),
                "probe",
                TaskKind.ACTION,
                nobody,
                "probe",
                "",
                due,
                Optional.empty(),
                TaskStatus.OPEN,
                Instant.MIN,
                Optional.empty(),
                Version.of("probe"));
    }
}
