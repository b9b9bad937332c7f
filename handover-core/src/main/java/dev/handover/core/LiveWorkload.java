package dev.handover.core;

import dev.handover.core.rule.Workload;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.model.AgentId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Open tickets per agent during one engine call: read from the CRM in as few calls as possible (everyone a selection
 * may look at, at once), then kept current as the call hands tickets from one agent to another, so a bulk handover
 * spreads work instead of piling it on whoever looked least busy at the start.
 */
final class LiveWorkload implements Workload {
    private final CrmConnector crm;
    private final Map<AgentId, Integer> counts = new HashMap<>();

    LiveWorkload(CrmConnector crm) {
        this.crm = crm;
    }

    /** A workload with these agents' counts read in one call; others are read when asked for. */
    static LiveWorkload read(CrmConnector crm, Collection<AgentId> agents) {
        LiveWorkload workload = new LiveWorkload(crm);
        workload.prefetch(agents);
        return workload;
    }

    /** Reads the counts of these agents that are not known yet, in one call. */
    synchronized void prefetch(Collection<AgentId> agents) {
        Set<AgentId> missing = new LinkedHashSet<>();
        for (AgentId a : agents) {
            if (!counts.containsKey(a)) {
                missing.add(a);
            }
        }
        if (!missing.isEmpty()) {
            Map<AgentId, Integer> read = crm.openTicketCounts(missing);
            for (AgentId a : missing) {
                counts.put(a, read.getOrDefault(a, 0));
            }
        }
    }

    @Override
    public synchronized int openTickets(AgentId agent) {
        if (!counts.containsKey(agent)) {
            prefetch(Set.of(agent));
        }
        return counts.get(agent);
    }

    /** A ticket moved from one agent to another. */
    synchronized void moved(Optional<AgentId> from, Optional<AgentId> to) {
        from.ifPresent(a -> counts.computeIfPresent(a, (k, n) -> Math.max(0, n - 1)));
        to.ifPresent(a -> counts.merge(a, 1, Integer::sum));
    }
}
