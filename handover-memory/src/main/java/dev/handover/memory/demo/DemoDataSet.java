package dev.handover.memory.demo;

import dev.handover.memory.InMemoryCrm;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The demo team and their tickets, as built by {@link DemoData}: immutable, deterministic for a seed.
 *
 * @param start the instant the data is built around: tickets were created and last updated before it
 * @param agents the agents, managers first
 * @param groups the teams and queues
 * @param tickets the tickets
 * @param comments the tickets' conversations, oldest first per ticket
 */
public record DemoDataSet(
        Instant start, List<Agent> agents, List<Group> groups, List<Ticket> tickets, List<Comment> comments) {

    /** Copies the lists. */
    public DemoDataSet {
        agents = List.copyOf(agents);
        groups = List.copyOf(groups);
        tickets = List.copyOf(tickets);
        comments = List.copyOf(comments);
    }

    /** Puts everything into the CRM (seeding; not counted as API calls). */
    public InMemoryCrm loadInto(InMemoryCrm crm) {
        groups.forEach(crm::putGroup);
        agents.forEach(crm::putAgent);
        tickets.forEach(crm::putTicket);
        comments.forEach(crm::putComment);
        return crm;
    }

    /** The agent with this id. */
    public Agent agent(String id) {
        AgentId wanted = AgentId.of(id);
        return agents.stream()
                .filter(a -> a.id().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no demo agent " + id));
    }

    /** The ticket with this id. */
    public Ticket ticket(String id) {
        TicketId wanted = TicketId.of(id);
        return tickets.stream()
                .filter(t -> t.id().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no demo ticket " + id));
    }

    /** The group with this name. */
    public Group group(String name) {
        return groups.stream()
                .filter(g -> g.name().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no demo group " + name));
    }
}
