package dev.handover.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.spi.Page;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A Case's e-mails (EmailMessage: Email-to-Case brings the customer's in, agents reply from the Case) are part of the
 * conversation: public comments, merged by time with CaseComments and FeedItems, paged by keyset, in the same one
 * call.
 */
final class EmailConversationTest {

    /** Fixture ticket 2: one CaseComment by its customer at its creation; its Contact is the kit's customer 2. */
    private static final int TICKET = 2;

    private static List<Comment> all(SalesforceConnector crm, TicketId ticket, SortOrder order, int size) {
        List<Comment> out = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            PageRequest page = cursor.map(c -> PageRequest.after(c, size)).orElse(PageRequest.first(size));
            Page<Comment> p = crm.comments(ticket, order, page);
            out.addAll(p.items());
            cursor = p.nextCursor();
        } while (cursor.isPresent());
        return out;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> out = new ArrayList<>(list);
        java.util.Collections.reverse(out);
        return out;
    }

    @Test
    void customerEmailsAndAgentRepliesAreMergedWithCommentsByTime() {
        try (Orgs orgs = new Orgs()) {
            TicketId ticket = orgs.fixture.ticket(TICKET);
            String caseId = ticket.value();
            String contact = orgs.fixture.seed(TICKET).requester().id();
            AgentId ada = orgs.fixture.agent(1);
            Instant t0 = orgs.fixture.seed(TICKET).createdAt();
            // Email-to-Case creates incoming mail as an automated user; here one of the agents, to show it is never
            // taken for the author
            String incoming = orgs.org.putEmailMessage(
                    caseId, true, ada.value(), "My invoice is wrong.", null, "1", t0.plus(Duration.ofMinutes(5)));
            String reply = orgs.org.putEmailMessage(
                    caseId,
                    false,
                    ada.value(),
                    null,
                    "<html><head><style>p{}</style></head><body><p>Hello&nbsp;<b>Customer&#160;2</b>,</p>"
                            + "<p>we &amp; billing are on it.<br>Ada</p></body></html>",
                    "3",
                    t0.plus(Duration.ofMinutes(10)));
            orgs.org.putEmailMessage(
                    caseId, false, ada.value(), "not sent yet", null, "5", t0.plus(Duration.ofMinutes(12)));
            orgs.org.putCaseComment(caseId, ada.value(), "Internal: checked", false, t0.plus(Duration.ofMinutes(15)));

            List<Comment> oldest = all(orgs.connector(), ticket, SortOrder.OLDEST_FIRST, 50);

            assertThat(oldest)
                    .extracting(Comment::body)
                    .containsExactly(
                            "The only comment on kit ticket 2",
                            "My invoice is wrong.",
                            "Hello Customer 2,\nwe & billing are on it.\nAda",
                            "Internal: checked");
            Comment in = oldest.get(1);
            assertThat(in.id()).isEqualTo(incoming);
            assertThat(in.authorId()).isEqualTo(contact);
            assertThat(in.visibility()).isEqualTo(Visibility.PUBLIC);
            assertThat(in.createdAt()).isEqualTo(t0.plus(Duration.ofMinutes(5)));
            Comment out = oldest.get(2);
            assertThat(out.id()).isEqualTo(reply);
            assertThat(out.authorId()).isEqualTo(ada.value());
            assertThat(out.visibility()).isEqualTo(Visibility.PUBLIC);

            List<Comment> newest = all(orgs.connector(), ticket, SortOrder.NEWEST_FIRST, 50);
            assertThat(newest).containsExactlyElementsOf(reversed(oldest));
        }
    }

    @Test
    void anOutgoingEmailByTheReceiverCountsAsContactingTheCustomer() {
        // the engine takes an outbound public comment by the receiver as "the receiver contacted the customer"
        try (Orgs orgs = new Orgs()) {
            TicketId ticket = orgs.fixture.ticket(TICKET);
            AgentId receiver = orgs.fixture.agent(3);
            Instant at = Orgs.START.minus(Duration.ofMinutes(1));
            orgs.org.putEmailMessage(ticket.value(), false, receiver.value(), "We called you back.", null, "3", at);

            List<Comment> comments = all(orgs.connector(), ticket, SortOrder.NEWEST_FIRST, 10);

            assertThat(comments.get(0).isBy(receiver)).isTrue();
            assertThat(comments.get(0).isInternal()).isFalse();
            assertThat(comments.get(0).createdAt()).isEqualTo(at);
        }
    }

    @Test
    void anIncomingEmailOnACaseWithoutContactHasNoKnownAuthor() {
        try (Orgs orgs = new Orgs()) {
            TicketId ticket = orgs.fixture.ticket(TICKET);
            orgs.org.putRawValue(ticket.value(), "ContactId", null);
            orgs.org.putEmailMessage(ticket.value(), true, orgs.fixture.agent(1).value(), "Hi", null, "0", Orgs.START);

            Comment email =
                    all(orgs.connector(), ticket, SortOrder.NEWEST_FIRST, 10).get(0);

            assertThat(email.body()).isEqualTo("Hi");
            assertThat(email.authorId()).isEmpty();
        }
    }

    @Test
    void pagesThroughNotesAndEmailsWithoutLossOrRepeatInBothOrders() {
        try (Orgs orgs = new Orgs()) {
            TicketId ticket = orgs.fixture.ticket(TICKET);
            String caseId = ticket.value();
            String agent = orgs.fixture.agent(2).value();
            Instant t0 = orgs.fixture.seed(TICKET).createdAt();
            List<String> expected = new ArrayList<>(List.of("The only comment on kit ticket 2"));
            for (int i = 0; i < 12; i++) {
                // pairs share a second, across sources and within one: the keyset must break ties the same way
                Instant at = t0.plus(Duration.ofMinutes(1 + i / 2));
                if (i % 3 == 0) {
                    orgs.org.putCaseComment(caseId, agent, "note " + i, true, at);
                } else {
                    orgs.org.putEmailMessage(caseId, i % 2 == 0, agent, "mail " + i, null, "3", at);
                }
            }
            SalesforceConnector crm = orgs.connector();
            List<Comment> whole = all(crm, ticket, SortOrder.OLDEST_FIRST, 100);
            assertThat(whole).hasSize(13);
            for (int i = 1; i < whole.size(); i++) {
                assertThat(whole.get(i).createdAt())
                        .isAfterOrEqualTo(whole.get(i - 1).createdAt());
            }

            for (int size : List.of(1, 2, 3, 5)) {
                assertThat(all(crm, ticket, SortOrder.OLDEST_FIRST, size))
                        .as("oldest first, pages of %d", size)
                        .containsExactlyElementsOf(whole);
                assertThat(all(crm, ticket, SortOrder.NEWEST_FIRST, size))
                        .as("newest first, pages of %d", size)
                        .containsExactlyElementsOf(reversed(whole));
            }
        }
    }

    @Test
    void pagesThroughAllThreeSourcesWhenNotesAreReadFromBoth() {
        try (Orgs orgs = new Orgs()) {
            TicketId ticket = orgs.fixture.ticket(TICKET);
            String caseId = ticket.value();
            Instant t0 = orgs.fixture.seed(TICKET).createdAt();
            SalesforceConnector both = orgs.connector(orgs.org.settings(v -> v.put("notes.read", "both")));
            both.apply(dev.handover.spi.TicketUpdate.builder(ticket)
                    .note(dev.handover.spi.NoteDraft.internal("a FeedItem-less note, as CaseComment"))
                    .build());
            SalesforceConnector feed = orgs.connector(orgs.org.settings(v -> {
                v.put("notes.object", "FeedItem");
                v.put("notes.read", "both");
            }));
            feed.apply(dev.handover.spi.TicketUpdate.builder(ticket)
                    .note(dev.handover.spi.NoteDraft.internal("a FeedItem note"))
                    .build());
            Instant now = orgs.clock.instant();
            orgs.org.putEmailMessage(caseId, true, orgs.fixture.agent(1).value(), "mail a", null, "0", t0);
            orgs.org.putEmailMessage(caseId, false, orgs.fixture.agent(1).value(), "mail b", null, "3", now);

            List<Comment> whole = all(feed, ticket, SortOrder.OLDEST_FIRST, 100);
            assertThat(whole)
                    .extracting(Comment::body)
                    .contains("mail a", "mail b", "a FeedItem note", "a FeedItem-less note, as CaseComment");
            Map<String, Integer> seen = new HashMap<>();
            for (Comment c : all(feed, ticket, SortOrder.NEWEST_FIRST, 2)) {
                seen.merge(c.id(), 1, Integer::sum);
            }
            assertThat(seen)
                    .hasSize(whole.size())
                    .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
            assertThat(all(feed, ticket, SortOrder.OLDEST_FIRST, 2)).containsExactlyElementsOf(whole);
        }
    }

    @Test
    void readingEmailsTooIsStillOneCallPerPage() {
        try (Orgs orgs = new Orgs()) {
            TicketId ticket = orgs.fixture.ticket(1);
            orgs.org.putEmailMessage(
                    ticket.value(), true, orgs.fixture.agent(1).value(), "mail", null, "0", Orgs.START);
            SalesforceConnector crm = orgs.connector();
            SalesforceConnector both = orgs.connector(orgs.org.settings(v -> v.put("notes.read", "both")));

            orgs.org.clearRequests();
            Page<Comment> first = crm.comments(ticket, SortOrder.NEWEST_FIRST, PageRequest.first(10));
            assertThat(first.items().get(0).body()).isEqualTo("mail");
            assertThat(orgs.apiRequests()).isEqualTo(1);

            orgs.org.clearRequests();
            crm.comments(
                    ticket,
                    SortOrder.NEWEST_FIRST,
                    PageRequest.after(first.nextCursor().orElseThrow(), 10));
            assertThat(orgs.apiRequests()).isEqualTo(1);

            orgs.org.clearRequests();
            both.comments(ticket, SortOrder.OLDEST_FIRST, PageRequest.first(10));
            assertThat(orgs.apiRequests()).isEqualTo(1);
        }
    }

    @Test
    void htmlBodiesReadAsTheirText() {
        assertThat(Notes.plainText("<div>One</div><div>Two &lt;3&gt; &quot;x&quot; &#x263A;</div><!-- hidden -->"))
                .isEqualTo("One\nTwo <3> \"x\" \u263A");
        assertThat(Notes.plainText("<script>alert(1)</script>  spaced\t\tout  "))
                .isEqualTo("spaced out");
        assertThat(Notes.plainText("&bogus; &#99999999;")).isEqualTo("&bogus; &#99999999;");
        assertThat(Notes.plainText(null)).isEmpty();
    }
}
