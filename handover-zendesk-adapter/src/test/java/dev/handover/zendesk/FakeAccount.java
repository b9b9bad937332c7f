package dev.handover.zendesk;

import dev.handover.memory.time.MutableClock;
import dev.handover.spi.Secret;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import dev.handover.zendesk.fake.FakeZendesk;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A fake Zendesk account for the adapter's own tests: three groups, five agents (Dana suspended), and tickets 10001…
 * assigned round-robin to Ada, Bruno and Chen, all open. The connector it builds runs on the fake's clock; its sleeper
 * advances that clock and records every pause, so waiting is measured, never spent.
 */
final class FakeAccount implements AutoCloseable {
    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    static final GroupId BILLING = GroupId.of("30001");
    static final GroupId TECHNICAL = GroupId.of("30002");
    static final GroupId QUEUE = GroupId.of("30003");
    static final AgentId ADA = AgentId.of("20001");
    static final AgentId BRUNO = AgentId.of("20002");
    static final AgentId CHEN = AgentId.of("20003");
    static final AgentId DANA = AgentId.of("20004");
    static final AgentId EVE = AgentId.of("20005");

    final FakeZendesk zendesk;
    final MutableClock clock;
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    private FakeAccount(int tickets) {
        this.clock = MutableClock.at(START);
        this.zendesk = FakeZendesk.start(clock);
        zendesk.customField("refund_amount", FakeZendesk.REFUND_FIELD);
        zendesk.addGroup(Group.team(BILLING, "Billing"));
        zendesk.addGroup(Group.team(TECHNICAL, "Technical"));
        zendesk.addGroup(Group.queue(QUEUE, "Queue"));
        zendesk.addAgent(agent(ADA, "Ada Lovelace", "Europe/London", BILLING)
                .skill("billing")
                .speaks("en", "de")
                .build());
        zendesk.addAgent(agent(BRUNO, "Bruno Latour", "Europe/Paris", TECHNICAL)
                .skill("technical")
                .speaks("fr")
                .build());
        zendesk.addAgent(agent(CHEN, "Chen Wei", "America/New_York", BILLING)
                .group(TECHNICAL)
                .build());
        zendesk.addAgent(agent(DANA, "Dana Scully", "Europe/London", BILLING)
                .active(false)
                .build());
        zendesk.addAgent(agent(EVE, "Eve Moneypenny", "Europe/London", BILLING)
                .role("lead")
                .group(TECHNICAL)
                .build());
        for (int i = 1; i <= tickets; i++) {
            zendesk.addTicket(ticketSeed(i));
        }
    }

    static FakeAccount withTickets(int tickets) {
        return new FakeAccount(tickets);
    }

    private static Agent.Builder agent(AgentId id, String name, String zone, GroupId group) {
        return Agent.builder(id)
                .name(name)
                .email(name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.com")
                .role("agent")
                .timeZone(ZoneId.of(zone))
                .group(group)
                .capacity(10)
                .manager(id.equals(EVE) ? null : EVE);
    }

    private static Ticket ticketSeed(int i) {
        AgentId[] owners = {ADA, BRUNO, CHEN};
        AgentId owner = owners[(i - 1) % 3];
        Instant updated = START.minus(Duration.ofMinutes(2L * (1000 - i)));
        return Ticket.builder(ticket(i))
                .subject("Ticket " + i)
                .description("Description " + i)
                .status(TicketStatus.OPEN)
                .priority(TicketPriority.NORMAL)
                .requester(Customer.builder()
                        .id(Integer.toString(40_000 + i))
                        .name("Customer " + i)
                        .email("customer" + i + "@example.org")
                        .language(Locale.ENGLISH)
                        .build())
                .assignee(owner)
                .group(owner.equals(BRUNO) ? TECHNICAL : BILLING)
                .tag("vip")
                .channel(Channel.EMAIL)
                .createdAt(updated.minus(Duration.ofDays(1)))
                .updatedAt(updated)
                .version(Version.of("seed"))
                .build();
    }

    static TicketId ticket(int n) {
        return TicketId.of(Integer.toString(10_000 + n));
    }

    static long id(int n) {
        return 10_000L + n;
    }

    /** An acknowledgement task of ticket 1 for Ada, due in an hour, created through the connector. */
    static dev.handover.spi.model.Task createAckTask(ZendeskConnector crm, String handover) {
        return crm.apply(dev.handover.spi.TicketUpdate.builder(ticket(1))
                        .createTask(dev.handover.spi.TaskDraft.builder(
                                        dev.handover.spi.model.HandoverId.of(handover),
                                        "ack",
                                        dev.handover.spi.model.TaskKind.ACKNOWLEDGEMENT)
                                .owner(ADA)
                                .subject("Acknowledge")
                                .due(START.plus(Duration.ofHours(1)))
                                .build())
                        .build())
                .createdTasks()
                .get(0);
    }

    /** A builder for a connector to this account, on its clock, with OAuth client credentials. */
    ZendeskConnector.Builder connector() {
        return ZendeskConnector.builder()
                .baseUrl(zendesk.url())
                .oauthClientCredentials(FakeZendesk.CLIENT_ID, Secret.of(FakeZendesk.CLIENT_SECRET))
                .ticketField(FakeZendesk.REFUND_FIELD, "refund_amount")
                .clock(clock)
                .sleeper(d -> {
                    sleeps.add(d);
                    clock.advance(d);
                })
                .random(new SplittableRandom(11));
    }

    ZendeskConnector build() {
        return connector().build();
    }

    Duration slept() {
        synchronized (sleeps) {
            return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
        }
    }

    @Override
    public void close() {
        zendesk.close();
    }
}
