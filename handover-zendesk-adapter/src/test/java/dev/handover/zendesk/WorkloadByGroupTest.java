package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.spi.model.AgentId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A team's open-ticket counts in one search per group: Zendesk only lets a ticket be assigned to a member of its group
 * ("The assignee must be a member of the ticket's group", Tickets API, assignee_id/group_id), so the open tickets of
 * an agent's groups hold all of theirs.
 */
final class WorkloadByGroupTest {
    @Test
    void threeAgentsInTwoGroupsAreCountedWithTwoSearchesAndTheSameCountsAsOneSearchEach() {
        try (FakeAccount account = FakeAccount.withTickets(90);
                ZendeskConnector crm = account.build()) {
            crm.directory();
            List<AgentId> agents = List.of(FakeAccount.ADA, FakeAccount.BRUNO, FakeAccount.CHEN);
            Map<AgentId, Long> truth = new java.util.HashMap<>();
            for (AgentId a : agents) {
                truth.put(
                        a,
                        account.zendesk.tickets().stream()
                                .filter(t -> t.assigneeId() != null
                                        && t.assigneeId() == Long.parseLong(a.value())
                                        && !"solved".equals(t.status())
                                        && !"closed".equals(t.status()))
                                .count());
            }
            account.zendesk.clearRequests();

            Map<AgentId, Integer> counts = crm.openTicketCounts(agents);

            agents.forEach(
                    a -> assertThat(counts.get(a).longValue()).as("agent %s", a).isEqualTo(truth.get(a)));
            long searches = account.zendesk
                    .requests(q -> q.path().equals("/api/v2/search"))
                    .size();
            System.out.println("open-ticket counts of 3 agents in 2 groups: " + searches + " searches");
            assertThat(searches).isEqualTo(2);
            // one agent alone is one search of their own tickets
            account.zendesk.clearRequests();
            crm.openTicketCounts(List.of(FakeAccount.BRUNO));
            assertThat(account.zendesk.requests(q -> q.path().equals("/api/v2/search")))
                    .singleElement()
                    .satisfies(q -> assertThat(q.param("query")).contains("assignee:20002"));
        }
    }
}
