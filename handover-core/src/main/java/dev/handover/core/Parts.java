package dev.handover.core;

import dev.handover.core.calendar.Availability;
import dev.handover.core.event.HandoverListener;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.model.Directory;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The collaborators {@link Handovers} wires once and its parts ({@link Evaluation}, {@link Requests}, {@link
 * Reassignments}, {@link Reconciliation}) share, so each part takes them in one argument instead of its own list.
 */
record Parts(
        HandoverPolicy policy,
        CrmConnector crm,
        Clock clock,
        Availability availability,
        Supplier<Directory> directory,
        BuiltInRules builtIn,
        List<Planner.TaskPlanning> taskPlanning,
        Planner planner,
        Execution execution,
        HandoverListener events) {}
