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
    void lightAgentsContributorsChatOnlyAgentsAndLightCustomRolesCannotTakeTickets() {
        try (FakeAccount account = FakeAccount.withTickets(1)) {
            account.zendesk
                    .customRole(901, "Partner", true, true)
                    .customRole(902, "Viewer", false, false)
                    .customRole(903, "Senior", false, true)
                    .agentKind(20001, 1, false, null) // Ada: a light agent
                    .agentKind(20002, 3, false, null) // Bruno: a contributor
                    .agentKind(20003, null, true, null) // Chen: chat only
                    .agentKind(20005, 0, false, 901L); // Eve: a custom role with a light agent's permissions
            try (ZendeskConnector crm = account.build()) {
                var d = crm.directory();

                assertThat(d.agent(FakeAccount.ADA).orElseThrow().cannotTakeTickets())
                        .isEqualTo("a light agent in Zendesk: cannot be assigned tickets");
                assertThat(d.agent(FakeAccount.BRUNO).orElseThrow().cannotTakeTickets())
                        .startsWith("a contributor in Zendesk");
                assertThat(d.agent(FakeAccount.CHEN).orElseThrow().cannotTakeTickets())
                        .startsWith("a chat-only agent");
                assertThat(d.agent(FakeAccount.EVE).orElseThrow().cannotTakeTickets())
                        .contains("custom role 'Partner'");
                // they stay in the directory, active and in their groups: only taking tickets is ruled out
                assertThat(d.agent(FakeAccount.ADA).orElseThrow().active()).isTrue();

                // an assignment to one is refused before anything is written
                long writes =
                        account.zendesk.requests(r -> r.method().equals("PUT")).size();
                var ticket = crm.ticket(FakeAccount.ticket(1)).orElseThrow();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> crm.apply(TicketUpdate.builder(ticket.id())
                                .assign(Assignment.toAgent(FakeAccount.ADA))
                                .expectedVersion(ticket.version())
                                .idempotencyKey("to-light-agent")
                                .build()))
                        .isInstanceOf(dev.handover.spi.error.CrmInvalidRequestException.class)
                        .hasMessageContaining("assignee 20001 is a light agent in Zendesk: cannot be assigned tickets");
                assertThat(account.zendesk.requests(r -> r.method().equals("PUT")))
                        .hasSize((int) writes);
            }
            // a custom role that may not edit tickets, and one that may
            account.zendesk.agentKind(20005, 0, false, 902L);
            try (ZendeskConnector crm = account.build()) {
                assertThat(crm.directory().agent(FakeAccount.EVE).orElseThrow().cannotTakeTickets())
                        .isEqualTo("custom role 'Viewer' in Zendesk may not edit tickets");
            }
            account.zendesk.agentKind(20005, 0, false, 903L);
            try (ZendeskConnector crm = account.build()) {
                assertThat(crm.directory().agent(FakeAccount.EVE).orElseThrow().canTakeTickets())
                        .isTrue();
            }
        }
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
