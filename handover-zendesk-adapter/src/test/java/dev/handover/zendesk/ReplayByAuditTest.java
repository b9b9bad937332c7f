package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.spi.NoteDraft;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A write that already landed is recognised by its key in the update's audit metadata — "On each such audit, you can
 * add up to 1 kilobyte of custom metadata", stored in the audit's {@code metadata.custom} (Tickets API, "Setting
 * Metadata", https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/) — which does not depend on how the
 * comment text is stored or rendered. Reading audits needs the global {@code read} OAuth scope
 * (https://developer.zendesk.com/api-reference/ticketing/tickets/ticket_audits/); without it the comment marker is the
 * fall-back.
 */
final class ReplayByAuditTest {
    /** What an app or a redaction may do to a note: the adapter's trailer is gone. */
    private static final UnaryOperator<String> WITHOUT_MARKER =
            body -> body.replaceAll("\\[handover write: [^\\]]*\\]", "").strip();

    private FakeAccount account;

    @BeforeEach
    void start() {
        account = FakeAccount.withTickets(5);
    }

    @AfterEach
    void stop() {
        account.close();
    }

    private static TicketUpdate note(int n, String key) {
        return TicketUpdate.builder(FakeAccount.ticket(n))
                .note(NoteDraft.internal("Handover note " + key))
                .idempotencyKey(key)
                .build();
    }

    private long notes(int n, String key) {
        return account.zendesk.comments(FakeAccount.id(n)).stream()
                .filter(c -> c.body().startsWith("Handover note " + key))
                .count();
    }

    private long auditReads() {
        return account.zendesk
                .requests(q -> q.method().equals("GET") && q.path().endsWith("/audits"))
                .size();
    }

    @Test
    void theKeyGoesIntoTheAuditAndFindsTheWriteWhenTheCommentNoLongerShowsTheMarker() {
        try (ZendeskConnector first = account.build();
                ZendeskConnector second = account.build()) {
            first.apply(note(1, "k-audit-1"));
            assertThat(account.zendesk.requests(q -> q.method().equals("PUT")))
                    .singleElement()
                    .satisfies(q -> assertThat(q.body()).contains("\"metadata\":{\"handover_write\":\"k-audit-1\"}"));
            account.zendesk.rewriteComments(FakeAccount.id(1), WITHOUT_MARKER);
            account.zendesk.clearRequests();

            UpdateResult again = second.apply(note(1, "k-audit-1"));

            assertThat(again.status()).isEqualTo(UpdateResult.Status.REPLAYED);
            assertThat(notes(1, "k-audit-1")).isEqualTo(1);
            // the audits take the place of the latest comments: one read, as before
            assertThat(auditReads()).isEqualTo(1);
            assertThat(account.zendesk.requests(q -> q.path().endsWith("/comments")))
                    .isEmpty();
        }
    }

    @Test
    void withoutTheReadScopeTheCommentMarkerIsTheFallBackAndAuditsAreNotAskedAgain() {
        try (ZendeskConnector first = account.connector()
                        .oauthScope("tickets:read tickets:write")
                        .build();
                ZendeskConnector second = account.connector()
                        .oauthScope("tickets:read tickets:write")
                        .build()) {
            first.apply(note(2, "k-audit-2"));
            first.apply(note(3, "k-audit-3"));

            assertThat(second.apply(note(2, "k-audit-2")).status()).isEqualTo(UpdateResult.Status.REPLAYED);
            assertThat(second.apply(note(3, "k-audit-3")).status()).isEqualTo(UpdateResult.Status.REPLAYED);

            assertThat(notes(2, "k-audit-2")).isEqualTo(1);
            assertThat(notes(3, "k-audit-3")).isEqualTo(1);
            // each connector is refused once (403), then keeps to the comment marker
            assertThat(auditReads()).isEqualTo(2);
        }
    }

    @Test
    void switchedOffOnlyTheCommentMarkerIsRead() {
        try (ZendeskConnector first = account.build();
                ZendeskConnector second =
                        account.connector().replayByAudits(false).build()) {
            first.apply(note(4, "k-audit-4"));
            account.zendesk.clearRequests();

            assertThat(second.apply(note(4, "k-audit-4")).status()).isEqualTo(UpdateResult.Status.REPLAYED);
            assertThat(notes(4, "k-audit-4")).isEqualTo(1);
            assertThat(auditReads()).isZero();
        }
    }
}
