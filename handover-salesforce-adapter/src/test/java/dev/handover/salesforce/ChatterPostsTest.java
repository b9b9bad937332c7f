package dev.handover.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.salesforce.fake.FakeSalesforce;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Chatter post on a Case (a FeedItem) leaves the Case record as it was, so the search by {@code LastModifiedDate}
 * misses it; {@code commentedSince} finds it with one FeedItem query when {@code notes.read} includes FeedItem, and
 * asks nothing otherwise. Over HTTP against the fake org, which leaves the Case alone on a post as the adapter assumes.
 */
final class ChatterPostsTest {

    private static List<FakeSalesforce.RecordedRequest> apiCalls(Orgs orgs) {
        return orgs.org.requests(FakeSalesforce.RecordedRequest::isApiCall);
    }

    @Test
    void aChatterPostOnACaseIsFoundByOneFeedItemQueryThoughTheCaseDidNotChange() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector(orgs.org.settings(v -> v.put("notes.read", "both")));
            TicketId posted = orgs.fixture.ticket(5);
            Instant before = crm.ticket(posted).orElseThrow().updatedAt();
            Instant since = orgs.clock.instant();
            orgs.clock.advance(Duration.ofMinutes(3));
            orgs.org.postAs(
                    orgs.fixture.agent(2).value(),
                    posted.value(),
                    "#handover feedback missing: history; comment: what did the customer try?",
                    "InternalUsers");
            // a post in a user's own feed: ParentId is polymorphic, and only Cases are tickets
            orgs.org.putRecord(
                    "FeedItem",
                    Map.of(
                            "ParentId",
                            orgs.fixture.agent(3).value(),
                            "Type",
                            "TextPost",
                            "Body",
                            "lunch?",
                            "Visibility",
                            "AllUsers",
                            "CreatedById",
                            orgs.fixture.agent(3).value(),
                            "CreatedDate",
                            orgs.clock.instant()));
            orgs.clock.advance(Duration.ofMinutes(1));

            // the motivation: the Case did not change, so the poll for changed Cases does not see the post
            assertThat(crm.ticket(posted).orElseThrow().updatedAt()).isEqualTo(before);
            assertThat(crm.searchAll(TicketQuery.builder().updatedSince(since).build()))
                    .extracting(Ticket::id)
                    .doesNotContain(posted);
            orgs.org.clearRequests();

            assertThat(crm.commentedSince(since)).containsExactly(posted);

            assertThat(apiCalls(orgs))
                    .singleElement()
                    .satisfies(r -> assertThat(r.soql())
                            .get()
                            .asString()
                            .contains("FROM FeedItem", "Type = 'TextPost'", "CreatedDate >= ", "LIMIT 2000"));
            assertThat(crm.apiUsage()).isPresent();
            // a post before the instant is not named again
            orgs.org.clearRequests();
            assertThat(crm.commentedSince(orgs.clock.instant())).isEmpty();
            assertThat(apiCalls(orgs)).hasSize(1);
        }
    }

    @Test
    void anOrgReadingCaseCommentsOnlyAsksNothingAndItsCommentsChangeTheCase() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector(); // notes.read defaults to CaseComment
            TicketId commented = orgs.fixture.ticket(6);
            Instant since = orgs.clock.instant();
            orgs.clock.advance(Duration.ofMinutes(3));
            orgs.org.commentAs(orgs.fixture.agent(2).value(), commented.value(), "#handover ack", false);
            orgs.org.postAs(
                    orgs.fixture.agent(2).value(), orgs.fixture.ticket(5).value(), "#handover ack", "AllUsers");
            orgs.clock.advance(Duration.ofMinutes(1));
            orgs.org.clearRequests();

            assertThat(crm.commentedSince(since)).isEmpty();
            assertThat(apiCalls(orgs)).isEmpty();
            // a CaseComment moves the Case, so the search finds it without the extra query
            assertThat(crm.searchAll(TicketQuery.builder().updatedSince(since).build()))
                    .extracting(Ticket::id)
                    .containsExactly(commented);
        }
    }
}
