package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.spi.NoteDraft;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.zendesk.fake.Fault;
import dev.handover.zendesk.fake.FaultRule;
import org.junit.jupiter.api.Test;

/**
 * Zendesk answers 409 both for a stale {@code updated_stamp} and when two requests change one ticket at the same
 * moment (https://developer.zendesk.com/api-reference/introduction/requests). Only a changed version is a conflict.
 */
final class CollisionTest {

    private static TicketUpdate note(dev.handover.spi.model.Ticket t, String key) {
        return TicketUpdate.builder(t.id())
                .note(NoteDraft.internal("Handover note " + key))
                .expectedVersion(t.version())
                .idempotencyKey(key)
                .build();
    }

    @Test
    void aCollisionWithTheVersionUnchangedIsWrittenOnRetryOnce() {
        try (FakeAccount account = FakeAccount.withTickets(1);
                ZendeskConnector crm = account.build()) {
            var t = crm.ticket(FakeAccount.ticket(1)).orElseThrow();
            account.zendesk.inject(FaultRule.of(Fault.COLLISION).on("PUT", "/api/v2/tickets/10001"));

            var result = crm.apply(note(t, "collide"));

            assertThat(result.isSuccess()).isTrue();
            assertThat(account.zendesk.comments(FakeAccount.id(1)))
                    .filteredOn(c -> c.body().contains("Handover note collide"))
                    .hasSize(1);
        }
    }

    @Test
    void a409WithTheVersionChangedIsAConflict() {
        try (FakeAccount account = FakeAccount.withTickets(1);
                ZendeskConnector crm = account.build()) {
            var stale = crm.ticket(FakeAccount.ticket(1)).orElseThrow();
            crm.apply(note(stale, "first")); // the ticket moves on
            account.zendesk.inject(FaultRule.of(Fault.COLLISION).on("PUT", "/api/v2/tickets/10001"));

            assertThatThrownBy(() -> crm.apply(note(stale, "second"))).isInstanceOf(CrmConflictException.class);
            assertThat(account.zendesk.comments(FakeAccount.id(1)))
                    .noneMatch(c -> c.body().contains("Handover note second"));
        }
    }
}
