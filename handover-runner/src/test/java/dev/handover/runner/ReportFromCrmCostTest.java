package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.CrmHistory;
import dev.handover.core.Handovers;
import dev.handover.core.event.HandoverEvent;
import dev.handover.memory.time.MutableClock;
import dev.handover.spi.Secret;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.zendesk.ZendeskConnector;
import dev.handover.zendesk.fake.FakeZendesk;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@code report --from-crm} costs in API calls, counted at the stateful fake Zendesk: {@code handed} tickets
 * handed over by the engine and {@code others} updated in the period but never handed over, then the rebuild through a
 * fresh connector (no cache). Asserts the formula of docs/report.md and prints the figures for it and for
 * docs/performance.md: search pages ⌈(handed + others) / 98⌉ (+1 when that is a whole number: the page that proves the
 * last complete), one comments page per handed-over ticket, and the directory.
 */
class ReportFromCrmCostTest {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    final MutableClock clock = MutableClock.at(T0);

    private ZendeskConnector connector(FakeZendesk zendesk) {
        return ZendeskConnector.builder()
                .baseUrl(zendesk.url())
                .oauthClientCredentials(FakeZendesk.CLIENT_ID, Secret.of(FakeZendesk.CLIENT_SECRET))
                .clock(clock)
                .sleeper(clock::advance)
                .random(new SplittableRandom(7))
                .build();
    }

    @ParameterizedTest(name = "{0} handed over, {1} others")
    @CsvSource({"10, 0", "100, 50", "250, 0"})
    void searchPagesPlusOneCommentsPagePerHandedOverTicketPlusTheDirectory(int handed, int others) {
        GroupId team = GroupId.of("30001");
        AgentId departing = AgentId.of("20001");
        try (FakeZendesk zendesk = FakeZendesk.start(clock)) {
            zendesk.addGroup(dev.handover.spi.model.Group.team(team, "Support"));
            zendesk.addAgent(ApiEconomyTestAgents.agent(departing, "Ada Lovelace", team));
            for (int i = 2; i <= 6; i++) {
                zendesk.addAgent(ApiEconomyTestAgents.agent(AgentId.of("2000" + i), "Agent " + i, team));
            }
            List<Ticket> tickets = ApiEconomyTestAgents.tickets(handed, 10_000, departing, team, true);
            tickets.forEach(zendesk::addTicket);
            ApiEconomyTestAgents.tickets(others, 50_000, departing, team, false).forEach(zendesk::addTicket);
            Instant since = T0.minus(Duration.ofHours(3));
            try (ZendeskConnector crm = connector(zendesk)) {
                Handovers engine = Handovers.builder()
                        .connector(crm)
                        .policy(ApiEconomyTest.policy(team, 0))
                        .clock(clock)
                        .sleeper(clock::advance)
                        .build();
                List<Ticket> read = List.copyOf(
                        crm.tickets(tickets.stream().map(Ticket::id).toList()).values());
                assertThat(engine.evaluate(read))
                        .allSatisfy(r ->
                                assertThat(r.isHandedOver()).as(r.message()).isTrue());
            }
            clock.advance(Duration.ofMinutes(10)); // past the search index's lag
            zendesk.clearRequests();

            CrmHistory.Result result;
            try (ZendeskConnector fresh = connector(zendesk)) {
                result = CrmHistory.read(fresh, since);
            }

            long handovers = result.events().stream()
                    .filter(HandoverEvent.Executed.class::isInstance)
                    .count();
            assertThat(handovers).isEqualTo(handed);
            assertThat(result.ticketsSearched()).isEqualTo(handed + others);
            assertThat(result.ticketsRead()).isEqualTo(handed);
            long all = zendesk.requests(r -> r.path().startsWith("/api/v2/")).size();
            long search =
                    zendesk.requests(r -> r.path().startsWith("/api/v2/search")).size();
            long comments = zendesk.requests(r -> r.path().matches("/api/v2/tickets/\\d+/comments(\\.json)?"))
                    .size();
            long directory = all - search - comments;
            List<String> directoryPaths = zendesk
                    .requests(r -> r.path().startsWith("/api/v2/")
                            && !r.path().startsWith("/api/v2/search")
                            && !r.path().contains("/comments"))
                    .stream()
                    .map(FakeZendesk.RecordedRequest::path)
                    .toList();
            System.out.printf(
                    "report --from-crm over Zendesk, %d handed over + %d other tickets updated: %d requests"
                            + " (%d search, %d comments, %d directory: %s)%n",
                    handed, others, all, search, comments, directory, directoryPaths);
            int pages = (handed + others) / 98 + 1;
            assertThat(search).isEqualTo(pages);
            assertThat(comments).isEqualTo(handed);
            assertThat(directory).isLessThanOrEqualTo(3);
        }
    }

    /** The team and tickets of {@link ApiEconomyTest}, whose own helpers are private. */
    static final class ApiEconomyTestAgents {
        private ApiEconomyTestAgents() {}

        static dev.handover.spi.model.Agent agent(AgentId id, String name, GroupId team) {
            return dev.handover.spi.model.Agent.builder(id)
                    .name(name)
                    .email(name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@example.com")
                    .role("agent")
                    .timeZone(java.time.ZoneOffset.UTC)
                    .group(team)
                    .speaks("en")
                    .capacity(1000)
                    .build();
        }

        static List<Ticket> tickets(int n, int firstId, AgentId owner, GroupId team, boolean move) {
            List<Ticket> out = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                Instant created = T0.minus(Duration.ofHours(2));
                Ticket.Builder b = Ticket.builder(TicketId.of(Integer.toString(firstId + i)))
                        .subject("Order " + i + " arrived damaged")
                        .description("The parcel was crushed.")
                        .status(dev.handover.spi.model.TicketStatus.OPEN)
                        .priority(dev.handover.spi.model.TicketPriority.NORMAL)
                        .requester(dev.handover.spi.model.Customer.builder()
                                .id(Integer.toString(firstId + 40_000 + i))
                                .name("Customer " + i)
                                .email("customer" + i + "@example.org")
                                .language(java.util.Locale.ENGLISH)
                                .build())
                        .assignee(owner)
                        .group(team)
                        .createdAt(created)
                        .updatedAt(created.plus(Duration.ofMinutes(30)))
                        .version(dev.handover.spi.model.Version.of("1"));
                if (move) {
                    b.tag("move");
                }
                out.add(b.build());
            }
            return out;
        }
    }
}
