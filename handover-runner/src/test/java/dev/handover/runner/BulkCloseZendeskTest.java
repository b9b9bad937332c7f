package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.HandoverResult;
import dev.handover.core.Handovers;
import dev.handover.core.SweepResult;
import dev.handover.core.event.HandoverEvent;
import dev.handover.core.policy.ActionOwner;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.Condition;
import dev.handover.memory.time.MutableClock;
import dev.handover.spi.Secret;
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
import dev.handover.zendesk.ZendeskConnector;
import dev.handover.zendesk.fake.FakeZendesk;
import dev.handover.zendesk.fake.Fault;
import dev.handover.zendesk.fake.FaultRule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A sweep that closes many follow-ups at once, against the stateful fake Zendesk on loopback: 200 handovers whose
 * tickets are all solved close in one sweep, each with 3 task changes (600 in all, six {@code update_many} calls' worth
 * at Zendesk's 100 tickets per call), and nothing is written twice — also when a task change fails once.
 */
class BulkCloseZendeskTest {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final int HANDOVERS = 200;
    static final GroupId SUPPORT = GroupId.of("30001");
    static final AgentId ADA = AgentId.of("20001");
    static final AgentId JONAS = AgentId.of("20002");
    static final String CLOSE_MARK = "follow-up:ticket-solved";

    final MutableClock clock = MutableClock.at(T0);
    final FakeZendesk zendesk = FakeZendesk.start(clock);
    final List<HandoverEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        zendesk.close();
    }

    @Test
    void oneSweepClosesTwoHundredFollowUpsWithOneCloseNoteEachAndEveryTaskChanged() {
        Handovers engine = engineWithHandovers(HANDOVERS);
        solveAll();

        SweepResult first = engine.sweep();

        assertThat(first.failures()).isEmpty();
        assertThat(first.closed()).isEqualTo(HANDOVERS);
        assertAllClosedOnce();
        // the update_many calls each stayed within Zendesk's 100 tickets
        assertThat(zendesk.requests(r -> r.path().equals("/api/v2/tickets/update_many")))
                .allSatisfy(r -> assertThat(r.status()).isBetween(200, 299));

        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofHours(1));
            SweepResult again = engine.sweep();
            assertThat(again.due()).isZero();
        }
        assertAllClosedOnce();
        assertThat(events.stream().filter(HandoverEvent.FollowUpClosed.class::isInstance))
                .hasSize(HANDOVERS);
    }

    @Test
    void aTaskChangeThatFailsOnceDoesNotWriteTheCloseNoteAgainOnTheNextSweep() {
        // two handovers: their close notes go out as single writes, the three item changes of each as one write to
        // its task ticket
        Handovers engine = engineWithHandovers(2);
        solveAll();
        // the close notes land, then the task changes are refused once (a refusal retrying does not change)
        for (FakeZendesk.TicketView t : zendesk.taskTickets()) {
            zendesk.inject(FaultRule.of(Fault.UNPROCESSABLE).on("PUT", "/api/v2/tickets/" + t.id()));
        }

        SweepResult first = engine.sweep();
        assertThat(first.failures()).as("the refused task changes are reported").hasSize(2);
        for (Ticket t : tickets(2)) {
            assertThat(closeNotes(t.id()))
                    .as("close notes on ticket %s", t.id())
                    .isEqualTo(1);
        }

        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(5));
            SweepResult next = engine.sweep();
            assertThat(next.failures()).isEmpty();
        }
        clock.advance(Duration.ofMinutes(5));
        assertThat(engine.sweep().due()).as("every follow-up task is closed").isZero();
        for (Ticket t : tickets(2)) {
            assertThat(closeNotes(t.id()))
                    .as("close notes on ticket %s", t.id())
                    .isEqualTo(1);
        }
        assertTasksClosed(2);
        assertThat(events.stream().filter(HandoverEvent.FollowUpClosed.class::isInstance))
                .as("each close is reported once, when its task changes are done")
                .hasSize(2);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Handovers engineWithHandovers(int n) {
        zendesk.addGroup(Group.team(SUPPORT, "Support"));
        zendesk.addAgent(agent(ADA, "Ada Lovelace"));
        zendesk.addAgent(agent(JONAS, "Jonas Weber"));
        tickets(n).forEach(zendesk::addTicket);
        ZendeskConnector crm = ZendeskConnector.builder()
                .baseUrl(zendesk.url())
                .oauthClientCredentials(FakeZendesk.CLIENT_ID, Secret.of(FakeZendesk.CLIENT_SECRET))
                .clock(clock)
                .sleeper(clock::advance)
                .random(new SplittableRandom(7))
                .build();
        Handovers engine = Handovers.builder()
                .connector(crm)
                .policy(policy(JONAS))
                .clock(clock)
                .sleeper(clock::advance)
                .listener(events::add)
                .build();
        List<HandoverResult> results = engine.evaluate(
                crm.tickets(tickets(n).stream().map(Ticket::id).toList()).values());
        assertThat(results)
                .allSatisfy(r -> assertThat(r.isHandedOver()).as(r.message()).isTrue());
        // one task ticket each, holding three items: the acknowledgement, the action, the follow-up
        assertThat(zendesk.taskTickets()).hasSize(n);
        assertThat(zendesk.taskTickets())
                .allSatisfy(t -> assertThat(t.tags().stream().filter(x -> x.startsWith("handover_item_")))
                        .hasSize(3));
        return engine;
    }

    /** Tickets tagged {@code move} go to the receiver, with an acknowledgement and one action: three tasks each. */
    static HandoverPolicy policy(AgentId receiver) {
        return HandoverPolicy.builder()
                .name("Bulk")
                .rule(HandoverRule.builder("move")
                        .when(Condition.tag("move"))
                        .reason(HandoverReason.EXPERTISE)
                        .to(Target.agent(receiver))
                        .requireCapacity(false)
                        .action("Call the customer back", ActionOwner.RECEIVER, Duration.ofHours(4))
                        .acknowledgeWithin(Duration.ofMinutes(30))
                        .build())
                .build();
    }

    private void solveAll() {
        for (FakeZendesk.TicketView t : zendesk.tickets()) {
            if (!"task".equals(t.type())) {
                zendesk.personSetsStatus(t.id(), "solved");
            }
        }
        // past the acknowledgement deadline: every follow-up task is due
        clock.advance(Duration.ofMinutes(45));
    }

    private void assertAllClosedOnce() {
        for (Ticket t : tickets(HANDOVERS)) {
            assertThat(closeNotes(t.id()))
                    .as("close notes on ticket %s", t.id())
                    .isEqualTo(1);
        }
        assertTasksClosed(HANDOVERS);
    }

    private void assertTasksClosed(int n) {
        List<FakeZendesk.TicketView> tasks = zendesk.taskTickets();
        assertThat(tasks).hasSize(n);
        assertThat(tasks)
                .allSatisfy(t -> assertThat(t.status()).as("task %s", t.id()).isEqualTo("solved"));
        // the acknowledgement and the action were cancelled, the follow-up completed
        assertThat(tasks).allSatisfy(t -> {
            assertThat(t.tags().stream().filter(x -> x.matches("handover_item_.*_[ax]c_.*")))
                    .as("cancelled items of %s", t.id())
                    .hasSize(2);
            assertThat(t.tags().stream().filter(x -> x.matches("handover_item_follow-up_fd_.*")))
                    .hasSize(1);
        });
    }

    private long closeNotes(TicketId ticket) {
        return zendesk.comments(Long.parseLong(ticket.value())).stream()
                .filter(c -> !c.isPublic() && c.body().contains(CLOSE_MARK))
                .count();
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

    static List<Ticket> tickets(int n) {
        List<Ticket> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Instant created = T0.minus(Duration.ofHours(2));
            out.add(Ticket.builder(TicketId.of(Integer.toString(10_000 + i)))
                    .subject("Order " + i + " arrived damaged")
                    .description("The parcel was crushed.")
                    .status(TicketStatus.OPEN)
                    .priority(TicketPriority.NORMAL)
                    .requester(Customer.builder()
                            .id(Integer.toString(40_000 + i))
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
