package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.HandoverResult;
import dev.handover.core.Handovers;
import dev.handover.core.policy.ActionOwner;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.Condition;
import dev.handover.memory.time.MutableClock;
import dev.handover.salesforce.SalesforceConnector;
import dev.handover.salesforce.fake.FakeSalesforce;
import dev.handover.salesforce.fake.Ids18;
import dev.handover.spi.CrmConnector;
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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The counting harness: the <em>engine</em> over the real adapters, every HTTP request counted at the stateful fake
 * vendors on loopback. A shift change hands a departing agent's open tickets to the best available of a five-person
 * team; with the default note history (3 comments quoted) and without. It asserts call counts — ceilings at today's
 * figures, so that an economy can be banked and a regression fails — never times. The figures are printed for
 * docs/performance.md.
 */
class ApiEconomyTest {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    final MutableClock clock = MutableClock.at(T0);

    static HandoverPolicy policy(GroupId team, int history) {
        return HandoverPolicy.builder()
                .name("Shift change")
                .historyComments(history)
                .rule(HandoverRule.builder("move")
                        .when(Condition.tag("move"))
                        .reason(HandoverReason.SHIFT_CHANGE)
                        .to(Target.bestAvailable(team))
                        .action("Call the customer back", ActionOwner.RECEIVER, Duration.ofHours(4))
                        .acknowledgeWithin(Duration.ofMinutes(30))
                        .build())
                .build();
    }

    private Handovers engine(CrmConnector crm, GroupId team, int history) {
        return Handovers.builder()
                .connector(crm)
                .policy(policy(team, history))
                .clock(clock)
                .sleeper(clock::advance)
                .build();
    }

    private static Agent agent(AgentId id, String name, GroupId team) {
        return Agent.builder(id)
                .name(name)
                .email(name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.com")
                .role("agent")
                .timeZone(ZoneOffset.UTC)
                .group(team)
                .speaks("en")
                .capacity(1000)
                .build();
    }

    /** The departing agent and five colleagues in one team. */
    private static void zendeskTeam(FakeZendesk zendesk, GroupId team, AgentId departing) {
        zendesk.addGroup(Group.team(team, "Support"));
        zendesk.addAgent(agent(departing, "Ada Lovelace", team));
        for (int i = 2; i <= 6; i++) {
            zendesk.addAgent(agent(AgentId.of("2000" + i), "Agent " + i, team));
        }
    }

    private static ZendeskConnector.Builder zendeskConnector(FakeZendesk zendesk) {
        return ZendeskConnector.builder()
                .baseUrl(zendesk.url())
                .oauthClientCredentials(FakeZendesk.CLIENT_ID, Secret.of(FakeZendesk.CLIENT_SECRET));
    }

    private static List<Ticket> tickets(
            int n, Function<Integer, String> id, Function<Integer, String> customer, AgentId owner, GroupId team) {
        List<Ticket> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Instant created = T0.minus(Duration.ofHours(2));
            out.add(Ticket.builder(TicketId.of(id.apply(i)))
                    .subject("Order " + i + " arrived damaged")
                    .description("The parcel was crushed.")
                    .status(TicketStatus.OPEN)
                    .priority(TicketPriority.NORMAL)
                    .requester(Customer.builder()
                            .id(customer.apply(i))
                            .name("Customer " + i)
                            .email("customer" + i + "@example.org")
                            .language(Locale.ENGLISH)
                            .build())
                    .assignee(owner)
                    .group(team)
                    .tag("move")
                    .createdAt(created)
                    .updatedAt(created.plus(Duration.ofMinutes(30)))
                    .version(Version.of("1"))
                    .build());
        }
        return out;
    }

    @ParameterizedTest(name = "history {0}")
    @ValueSource(ints = {3, 0})
    void zendeskShiftChangeOfHundredTickets(int history) {
        GroupId team = GroupId.of("30001");
        AgentId departing = AgentId.of("20001");
        try (FakeZendesk zendesk = FakeZendesk.start(clock)) {
            zendeskTeam(zendesk, team, departing);
            List<Ticket> tickets =
                    tickets(100, i -> Integer.toString(10_000 + i), i -> Integer.toString(40_000 + i), departing, team);
            tickets.forEach(zendesk::addTicket);
            try (ZendeskConnector crm = zendeskConnector(zendesk)
                    .clock(clock)
                    .sleeper(clock::advance)
                    .random(new SplittableRandom(7))
                    .build()) {
                Handovers engine = engine(crm, team, history);
                List<Ticket> read = List.copyOf(
                        crm.tickets(tickets.stream().map(Ticket::id).toList()).values());
                zendesk.clearRequests();

                List<HandoverResult> results = engine.evaluate(read);

                assertThat(results)
                        .allSatisfy(r ->
                                assertThat(r.isHandedOver()).as(r.message()).isTrue());
                long requests =
                        zendesk.requests(r -> r.path().startsWith("/api/v2/")).size();
                long polls = zendesk.requests(r -> r.path().startsWith("/api/v2/job_statuses"))
                        .size();
                System.out.printf(
                        "engine over Zendesk, 100-ticket shift change, history %d: %d requests (%d job polls)%n",
                        history, requests, polls);

                // today's figures (issue 16 sets the targets: <= 110 with history, <= 6 without)
                assertThat(requests).isLessThanOrEqualTo(history > 0 ? 111 : 11);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void zendeskShiftChangeOfThousandTicketsAtTwoHundredRequestsPerMinute() {
        GroupId team = GroupId.of("30001");
        AgentId departing = AgentId.of("20001");
        try (FakeZendesk zendesk = FakeZendesk.start(clock)) {
            zendesk.rateLimit(200); // the account's limit, all of it this worker's share
            zendeskTeam(zendesk, team, departing);
            List<Ticket> tickets = tickets(
                    1000, i -> Integer.toString(10_000 + i), i -> Integer.toString(40_000 + i), departing, team);
            tickets.forEach(zendesk::addTicket);
            try (ZendeskConnector crm = zendeskConnector(zendesk)
                    .requestsPerMinute(200)
                    .clock(clock)
                    .sleeper(clock::advance)
                    .random(new SplittableRandom(7))
                    .build()) {
                Handovers engine = engine(crm, team, 3);
                List<Ticket> read = List.copyOf(
                        crm.tickets(tickets.stream().map(Ticket::id).toList()).values());
                zendesk.clearRequests();
                Instant start = clock.instant();

                List<HandoverResult> results = engine.evaluate(read);

                Duration took = Duration.between(start, clock.instant());
                assertThat(results)
                        .allSatisfy(r ->
                                assertThat(r.isHandedOver()).as(r.message()).isTrue());
                long requests =
                        zendesk.requests(r -> r.path().startsWith("/api/v2/")).size();
                long refused = zendesk.requests(r -> r.status() == 429).size();
                System.out.printf(
                        "engine over Zendesk, 1,000 tickets at 200 requests/min, history 3: %d requests, %s on the"
                                + " clock, %d answered 429%n",
                        requests, took, refused);
                assertThat(refused).isZero();
                // issue 16 asks for 5.5 minutes; the throttle sustains 180 of the 200 a minute (a tenth is kept for
                // bursts, so no
                // sliding minute exceeds the share), the jobs' polls wait, and the last fifth of each minute's
                // allowance is
                // spread to its reset: 6.4 minutes, with no 429 — held here as the ceiling
                assertThat(took).isLessThanOrEqualTo(Duration.ofSeconds(390));
            }
        }
    }

    @ParameterizedTest(name = "history {0}")
    @ValueSource(ints = {3, 0})
    void salesforceShiftChangeOfTwoHundredCases(int history) {
        GroupId team = GroupId.of(Ids18.of("00G", 1));
        AgentId departing = AgentId.of(Ids18.of("005", 1));
        try (FakeSalesforce org = FakeSalesforce.builder().clock(clock).start()) {
            org.putGroup(Group.team(team, "Support"));
            org.putUser(agent(departing, "Ada Lovelace", team));
            for (int i = 2; i <= 6; i++) {
                org.putUser(agent(AgentId.of(Ids18.of("005", i)), "Agent " + i, team));
            }
            List<Ticket> tickets = tickets(200, i -> Ids18.of("500", i), i -> Ids18.of("003", i), departing, team);
            tickets.forEach(org::putCase);
            try (SalesforceConnector crm = SalesforceConnector.builder()
                    .settings(org.settings())
                    .clock(clock)
                    .sleeper(clock::advance)
                    .random(new Random(7))
                    .build()) {
                Handovers engine = engine(crm, team, history);
                List<Ticket> read = List.copyOf(
                        crm.tickets(tickets.stream().map(Ticket::id).toList()).values());
                org.clearRequests();

                List<HandoverResult> results = engine.evaluate(read);

                assertThat(results)
                        .allSatisfy(r ->
                                assertThat(r.isHandedOver()).as(r.message()).isTrue());
                long calls =
                        org.requests(FakeSalesforce.RecordedRequest::isApiCall).size();
                System.out.printf(
                        "engine over Salesforce, 200-Case shift change, history %d: %d calls%n", history, calls);

                // one query per 200 Cases reads the recent conversation (recentComments): 4 with history, 3 without
                assertThat(calls).isLessThanOrEqualTo(history > 0 ? 4 : 3);
            }
        }
    }
}
