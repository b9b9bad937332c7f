package dev.handover.runner.simulate;

import dev.handover.core.HandoverResult;
import dev.handover.core.Handovers;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.memory.InMemoryCrm;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.Version;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        return run(policy, overlay, directory, contents, Map.of(), clock);
    }

    /**
     * Replays, with open tickets the agents hold besides the replayed ones (a directory file's {@code openTickets}):
     * they count towards capacity and workload, and are not evaluated.
     *
     * @param policy the policy
     * @param overlay the team section of the configuration
     * @param directory the agents and groups
     * @param contents the tickets and their comments
     * @param openTickets open tickets per agent not in the file
     * @param clock the instant the rules are evaluated at
     */
    public static List<Outcome> run(
            HandoverPolicy policy,
            UnaryOperator<Directory> overlay,
            Directory directory,
            TicketFile.Contents contents,
            Map<AgentId, Integer> openTickets,
            Clock clock) {
        InMemoryCrm crm = InMemoryCrm.builder().clock(clock).build();
        directory.groups().forEach(crm::putGroup);
        directory.agents().forEach(crm::putAgent);
        List<Ticket> stored = new ArrayList<>();
        for (Ticket t : contents.tickets()) {
            stored.add(crm.putTicket(t));
        }
        Instant now = clock.instant();
        openTickets.forEach((agent, n) -> {
            for (int i = 0; i < n; i++) {
                // stands for a ticket the export does not hold: the count matters, not the content
                crm.putTicket(Ticket.builder(TicketId.of("workload:" + agent.value() + ":" + (i + 1)))
                        .assignee(agent)
                        .createdAt(now)
                        .version(Version.of("workload"))
                        .build());
            }
        });
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
