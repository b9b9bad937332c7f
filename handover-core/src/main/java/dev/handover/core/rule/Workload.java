package dev.handover.core.rule;

import dev.handover.spi.model.AgentId;

/** How many open tickets an agent holds, as the engine knows it during one evaluation. */
@FunctionalInterface
public interface Workload {
    /** No workload known: every agent holds zero. */
    Workload NONE = agent -> 0;

    /** Open tickets the agent holds. */
    int openTickets(AgentId agent);
}
