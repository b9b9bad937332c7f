package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.spi.Page;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.TicketId;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Zendesk has no endpoint for the comments of many tickets ("List Comments" is per ticket,
 * https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_comments/), so {@code recentComments} reads one
 * page per ticket — and never twice for a ticket unchanged since this connector read it.
 */
final class RecentCommentsTest {
    private static long commentReads(FakeAccount account) {
        return account.zendesk.requests(q -> q.path().endsWith("/comments")).size();
    }

    @Test
    void anUnchangedTicketsHistoryIsReadOnceAndAChangedOneAgain() {
        try (FakeAccount account = FakeAccount.withTickets(10);
                ZendeskConnector crm = account.build()) {
            List<TicketId> ids =
                    IntStream.rangeClosed(1, 10).mapToObj(FakeAccount::ticket).toList();
            crm.tickets(ids);
            account.zendesk.clearRequests();

            Map<TicketId, Page<Comment>> first = crm.recentComments(ids, 25);
            assertThat(first).hasSize(10);
            assertThat(commentReads(account)).isEqualTo(10);

            Map<TicketId, Page<Comment>> again = crm.recentComments(ids, 25);
            assertThat(commentReads(account))
                    .as("a second pass over unchanged tickets")
                    .isEqualTo(10);
            assertThat(again.get(FakeAccount.ticket(3)).items())
                    .isEqualTo(first.get(FakeAccount.ticket(3)).items());

            // a person writes on ticket 3; the next read of the tickets sees its new version
            account.zendesk.personComments(FakeAccount.id(3), 20002, "Customer called again", true);
            crm.tickets(ids);
            Map<TicketId, Page<Comment>> after = crm.recentComments(ids, 25);

            assertThat(commentReads(account))
                    .as("only the changed ticket is read again")
                    .isEqualTo(11);
            assertThat(after.get(FakeAccount.ticket(3)).items())
                    .extracting(Comment::body)
                    .first()
                    .isEqualTo("Customer called again");
        }
    }
}
