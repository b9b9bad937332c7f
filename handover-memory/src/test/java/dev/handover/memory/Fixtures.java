package dev.handover.memory;

import dev.handover.memory.time.MutableClock;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.Version;
import java.time.Instant;

/** A small CRM for the in-memory CRM's own tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final GroupId TEAM = GroupId.of("team");
    static final AgentId ADA = AgentId.of("ada");
    static final AgentId BOB = AgentId.of("bob");

    private Fixtures() {}

    static InMemoryCrm crm(MutableClock clock, int tickets) {
        InMemoryCrm crm = InMemoryCrm.builder()
                .clock(clock)
                .sleeper(clock::advance)
                .capabilities(c -> c.maxReadBatchSize(100).maxWriteBatchSize(100))
                .build();
        crm.putGroup(Group.team(TEAM, "Team"));
        crm.putAgent(Agent.builder(ADA).name("Ada").group(TEAM).build());
        crm.putAgent(Agent.builder(BOB).name("Bob").group(TEAM).build());
        for (int i = 1; i <= tickets; i++) {
            crm.putTicket(Ticket.builder(TicketId.of(Integer.toString(i)))
                    .subject("Ticket " + i)
                    .assignee(ADA)
                    .group(TEAM)
                    .createdAt(T0.minusSeconds(3600))
                    .version(Version.of("seed"))
                    .build());
        }
        return crm;
    }

    static TicketId id(int n) {
        return TicketId.of(Integer.toString(n));
    }
}
