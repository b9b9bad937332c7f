package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.spi.Assignment;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Presence;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The directory: cached for its TTL on the injected clock, presence from omnichannel availability when enabled. */
final class DirectoryTest {

    private static long userReads(FakeAccount account) {
        return account.zendesk.requests(r -> r.path().equals("/api/v2/users")).size();
    }

    @Test
    void isCachedForItsTimeToLive() {
        try (FakeAccount account = FakeAccount.withTickets(1);
                ZendeskConnector crm =
                        account.connector().directoryTtl(Duration.ofMinutes(5)).build()) {
            crm.directory();
            account.clock.advance(Duration.ofMinutes(4));
            crm.directory();
            assertThat(userReads(account)).isEqualTo(1);

            account.clock.advance(Duration.ofMinutes(2));
            crm.directory();
            assertThat(userReads(account)).isEqualTo(2);
        }
    }

    @Test
    void readsPresenceFromOmnichannelAvailabilityWhenEnabled() {
        try (FakeAccount account = FakeAccount.withTickets(1);
                ZendeskConnector crm = account.connector().agentPresence(true).build()) {
            account.zendesk.presence(20001, "online").presence(20002, "away").presence(20003, "Lunch break");

            var d = crm.directory();

            assertThat(crm.capabilities().agentPresence()).isTrue();
            assertThat(d.agent(FakeAccount.ADA).orElseThrow().presence()).isEqualTo(Presence.ONLINE);
            assertThat(d.agent(FakeAccount.BRUNO).orElseThrow().presence()).isEqualTo(Presence.AWAY);
            assertThat(d.agent(FakeAccount.CHEN).orElseThrow().presence()).isEqualTo(Presence.AWAY);
            assertThat(d.agent(FakeAccount.EVE).orElseThrow().presence()).isEqualTo(Presence.OFFLINE);
        }
    }

    @Test
    void leavesPresenceUnknownWhenZendeskRefusesIt() {
        try (FakeAccount account = FakeAccount.withTickets(1);
                ZendeskConnector crm = account.connector().agentPresence(true).build()) {
            account.zendesk.refuseAgentAvailability();

            assertThat(crm.directory().agents()).allMatch(a -> a.presence() == Presence.UNKNOWN);
        }
    }

    @Test
    void anAgentAddedAfterTheDirectoryWasCachedCanReceiveAHandover() {
        try (FakeAccount account = FakeAccount.withTickets(2);
                ZendeskConnector crm = account.build()) {
            crm.directory();
            AgentId newcomer = AgentId.of("20009");
            account.zendesk.addAgent(Agent.builder(newcomer)
                    .name("New Colleague")
                    .timeZone(ZoneId.of("Europe/London"))
                    .group(FakeAccount.BILLING)
                    .build());

            crm.apply(TicketUpdate.builder(FakeAccount.ticket(1))
                    .assign(Assignment.toAgentInGroup(newcomer, FakeAccount.BILLING))
                    .build());

            assertThat(account.zendesk.ticket(10001).orElseThrow().assigneeId()).isEqualTo(20009L);
        }
    }
}
