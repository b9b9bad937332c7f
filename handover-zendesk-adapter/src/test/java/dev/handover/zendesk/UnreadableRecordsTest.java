package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.spi.TicketQuery;
import dev.handover.spi.error.CrmUnavailableException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real accounts hold data the SPI refuses — here a tag longer than the SPI's 80 characters (Zendesk's own tag rules
 * are looser). One such ticket is left out of a batch read or a search page, with a warning naming it; asked for by
 * itself, it is an error that names it.
 */
final class UnreadableRecordsTest {
    private static final String LONG_TAG = "x".repeat(120);

    @Test
    void oneUnreadableTicketDoesNotFailABatchReadOrASearchPage() {
        try (FakeAccount account = FakeAccount.withTickets(3)) {
            account.zendesk.rawTag(FakeAccount.id(2), LONG_TAG);
            try (ZendeskConnector crm = account.build()) {
                assertThat(crm.tickets(List.of(FakeAccount.ticket(1), FakeAccount.ticket(2), FakeAccount.ticket(3)))
                                .keySet())
                        .containsExactly(FakeAccount.ticket(1), FakeAccount.ticket(3));
                assertThat(crm.searchAll(TicketQuery.builder().build()).map(t -> t.id()))
                        .contains(FakeAccount.ticket(1), FakeAccount.ticket(3))
                        .doesNotContain(FakeAccount.ticket(2));
                assertThatThrownBy(() -> crm.ticket(FakeAccount.ticket(2)))
                        .isInstanceOf(CrmUnavailableException.class)
                        .hasMessageContaining("ticket 10002");
            }
        }
    }
}
