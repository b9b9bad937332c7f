package dev.handover.runner.simulate;

import dev.handover.core.HandoverResult;
import dev.handover.core.Handovers;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.memory.InMemoryCrm;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Ticket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Replays tickets through a policy on an in-memory CRM holding a copy of the directory and the tickets: the rules and
 * the receiver checks run as in production (workload counted over the replayed tickets), and nothing is written
 * anywhere.
 */
public final class Simulation {
    private Simulation() {}

    /**
     * What the policy would do with one ticket.
     *
     * @param ticket the ticket as replayed
     * @param result planned (with the plan), not applicable, or refused (with why)
     */
    public record Outcome(Ticket ticket, HandoverResult result) {}

    /**
     * Replays.
     *
     * @param policy the policy
     * @param overlay the team section of the configuration
     * @param directory the CRM's directory (agents, groups)
     * @param contents the tickets and their comments
     * @param clock the instant the rules are evaluated at
     */
    public static List<Outcome> run(
            HandoverPolicy policy,
            UnaryOperator<Directory> overlay,
            Directory directory,
            TicketFile.Contents contents,
            Clock clock) {
        InMemoryCrm crm = InMemoryCrm.builder().clock(clock).build();
        directory.groups().forEach(crm::putGroup);
        directory.agents().forEach(crm::putAgent);
        List<Ticket> stored = new ArrayList<>();
        for (Ticket t : contents.tickets()) {
            stored.add(crm.putTicket(t));
        }
        for (Comment c : contents.comments()) {
            crm.putComment(c);
        }
        Handovers engine = Handovers.builder()
                .connector(crm)
                .policy(policy)
                .clock(clock)
                .directoryOverlay(overlay)
                .build();
        List<HandoverResult> results = engine.dryRun(stored);
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            out.add(new Outcome(stored.get(i), results.get(i)));
        }
        return out;
    }
}
