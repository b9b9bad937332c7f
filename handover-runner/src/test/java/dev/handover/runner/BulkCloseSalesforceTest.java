package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.HandoverResult;
import dev.handover.core.Handovers;
import dev.handover.core.SweepResult;
import dev.handover.core.event.HandoverEvent;
import dev.handover.memory.time.MutableClock;
import dev.handover.salesforce.SalesforceConnector;
import dev.handover.salesforce.fake.FakeSalesforce;
import dev.handover.salesforce.fake.Ids18;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bulk close against the stateful fake Salesforce org on loopback: 200 follow-ups of closed Cases close in one sweep,
 * their 200 close notes and 600 task changes packed into composite calls within Salesforce's limits (200 records per
 * sObject Collection, 25 subrequests and 5 collections or queries per composite), each note once.
 */
class BulkCloseSalesforceTest {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final int HANDOVERS = 200;
    static final GroupId SUPPORT = GroupId.of(Ids18.of("00G", 1));
    static final AgentId ADA = AgentId.of(Ids18.of("005", 1));
    static final AgentId JONAS = AgentId.of(Ids18.of("005", 2));

    final MutableClock clock = MutableClock.at(T0);
    final FakeSalesforce org = FakeSalesforce.builder().clock(clock).start();
    final List<HandoverEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        org.close();
    }

    @Test
    void oneSweepClosesTwoHundredFollowUpsWithOneCloseNoteEachAndEveryTaskChanged() {
        org.putGroup(Group.team(SUPPORT, "Support"));
        org.putUser(agent(ADA, "Ada Lovelace"));
        org.putUser(agent(JONAS, "Jonas Weber"));
        List<Ticket> tickets = tickets(HANDOVERS);
        tickets.forEach(org::putCase);
        SalesforceConnector crm = SalesforceConnector.builder()
                .settings(org.settings())
                .clock(clock)
                .sleeper(clock::advance)
                .random(new Random(7))
                .build();
        Handovers engine = Handovers.builder()
                .connector(crm)
                .policy(BulkCloseZendeskTest.policy(JONAS))
                .clock(clock)
                .sleeper(clock::advance)
                .listener(events::add)
                .build();
        List<HandoverResult> results = engine.evaluate(
                crm.tickets(tickets.stream().map(Ticket::id).toList()).values());
        assertThat(results)
                .allSatisfy(r -> assertThat(r.isHandedOver()).as(r.message()).isTrue());
        for (Ticket t : tickets) {
            org.editCase(t.id().value(), Map.of("Status", FakeSalesforce.status(TicketStatus.SOLVED)));
        }
        clock.advance(Duration.ofMinutes(45));

        SweepResult first = engine.sweep();

        assertThat(first.failures()).isEmpty();
        assertThat(first.closed()).isEqualTo(HANDOVERS);
        assertAllClosedOnce(tickets);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofHours(1));
            assertThat(engine.sweep().due()).isZero();
        }
        assertAllClosedOnce(tickets);
        assertThat(events.stream().filter(HandoverEvent.FollowUpClosed.class::isInstance))
                .hasSize(HANDOVERS);
        crm.close();
    }

    private void assertAllClosedOnce(List<Ticket> tickets) {
        for (Ticket t : tickets) {
            long notes = org.comments(t.id().value()).stream()
                    .filter(c -> String.valueOf(c.getOrDefault("CommentBody", c.get("Body")))
                            .contains(BulkCloseZendeskTest.CLOSE_MARK))
                    .count();
            assertThat(notes).as("close notes on Case %s", t.id()).isEqualTo(1);
            List<Map<String, Object>> tasks = org.tasks(t.id().value());
            assertThat(tasks).hasSize(3);
            assertThat(tasks.stream().map(x -> x.get("Status")))
                    .as(
                            "tasks of Case %s: the acknowledgement and the action cancelled, the follow-up completed",
                            t.id())
                    .containsExactlyInAnyOrder("Deferred", "Deferred", "Completed");
        }
    }

    private static Agent agent(AgentId id, String name) {
        return Agent.builder(id)
                .name(name)
                .email(name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.com")
                .role("agent")
                .timeZone(ZoneOffset.UTC)
                .group(SUPPORT)
                .speaks("en")
                .capacity(1000)
                .build();
    }

    private static List<Ticket> tickets(int n) {
        List<Ticket> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Instant created = T0.minus(Duration.ofHours(2));
            out.add(Ticket.builder(TicketId.of(Ids18.of("500", i)))
                    .subject("Order " + i + " arrived damaged")
                    .description("The parcel was crushed.")
                    .status(TicketStatus.OPEN)
                    .priority(TicketPriority.NORMAL)
                    .requester(Customer.builder()
                            .id(Ids18.of("003", i))
                            .name("Customer " + i)
                            .email("customer" + i + "@example.org")
                            .language(Locale.ENGLISH)
                            .build())
                    .assignee(ADA)
                    .group(SUPPORT)
                    .tag("move")
                    .createdAt(created)
                    .updatedAt(created.plus(Duration.ofMinutes(30)))
                    .version(Version.of("1"))
                    .build());
        }
        return out;
    }
}
