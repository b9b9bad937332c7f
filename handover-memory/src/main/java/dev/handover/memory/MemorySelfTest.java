package dev.handover.memory;

import dev.handover.spi.model.Channel;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import dev.handover.spi.selftest.ExchangeRecorder;
import dev.handover.spi.selftest.Probe;
import dev.handover.spi.selftest.SelfTestSupport;
import dev.handover.spi.selftest.TestTeam;
import dev.handover.spi.selftest.TestTicket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-memory CRM's self-test support: test tickets are stored like any other, discarding closes them, the store is
 * always a sandbox, and there is no vendor to probe and no wire to record.
 */
final class MemorySelfTest implements SelfTestSupport {
    private final InMemoryCrm crm;
    private final AtomicInteger next = new AtomicInteger();

    MemorySelfTest(InMemoryCrm crm) {
        this.crm = crm;
    }

    @Override
    public Optional<Boolean> sandbox() {
        return Optional.of(true);
    }

    @Override
    public Ticket createTestTicket(TestTicket ticket, TestTeam team) {
        // a sandbox file keeps the test tickets of earlier runs: never reuse one's id
        TicketId id;
        do {
            id = TicketId.of("selftest-" + next.incrementAndGet());
        } while (crm.ticketSnapshot(id).isPresent());
        Ticket.Builder b = Ticket.builder(id)
                .subject(ticket.labelledSubject())
                .description(ticket.description())
                .status(TicketStatus.OPEN)
                .requester(Customer.builder()
                        .id("selftest-requester")
                        .name(team.requesterName())
                        .email(team.requesterEmail())
                        .build())
                .assignee(team.sender())
                .channel(Channel.OTHER)
                .tag(TestTicket.TAG)
                .createdAt(crm.clock().instant())
                .version(Version.of("new"));
        team.group().ifPresent(b::group);
        ticket.tags().forEach(b::tag);
        return crm.putTicket(b.build());
    }

    @Override
    public String discard(TicketId ticket) {
        crm.editTicket(ticket, b -> b.status(TicketStatus.CLOSED));
        return "closed";
    }

    @Override
    public List<Probe> probes() {
        return List.of();
    }

    @Override
    public void record(Optional<ExchangeRecorder> recorder) {
        // nothing goes over a wire
    }
}
