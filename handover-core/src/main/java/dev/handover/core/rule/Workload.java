package dev.handover.core.rule;

import dev.handover.spi.model.AgentId;

/**
 * How many open tickets an agent holds, as the engine knows it during one evaluation (it counts the handovers it has
 * just planned, so a bulk handover spreads the work). {@link #NONE} evaluates conditions without the CRM's counts.
 */
@FunctionalInterface
public interface Workload {
    /** No workload known: every agent holds zero. */
    Workload NONE = agent -> 0;

    /** Open tickets the agent holds. */
    int openTickets(AgentId agent);
}
