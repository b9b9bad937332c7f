package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.core.HandoverResult;
import dev.handover.core.Handovers;
import dev.handover.core.event.HandoverEvent;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.runner.journal.JournalReader;
import dev.handover.runner.worker.Worker;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A handover a webhook started, whose write lands in the CRM but whose process dies before the journal has it, is
 * journaled exactly once after the restart — the write-ahead record covers webhook evaluations as it covers passes.
 */
class WebhookWriteAheadTest extends OnFakeZendesk {
    /** The process dying at that instant: nothing after it runs, not even the engine's listener guard. */
    static final class Killed extends Error {
        Killed() {
            super("killed before the journal had the handover", null, false, false);
        }
    }

    @Test
    void aWebhookHandoverWrittenButNotJournaledBeforeACrashIsJournaledOnceAfterTheRestart() {
        s.clock.advance(Duration.ofMinutes(1));
        try (Engine first = s.engine()) {
            assertThat(s.worker(first).pass().count(HandoverResult.Status.HANDED_OVER))
                    .isEqualTo(2);
        }
        // a new German customer's ticket arrives; its webhook reaches a worker that dies after writing the handover
        TicketId fresh = TicketId.of("10004");
        zendesk.addTicket(german(fresh));
        s.clock.advance(Duration.ofMinutes(1));
        try (Engine dying = s.engine()) {
            Handovers killedAtJournal = Handovers.builder()
                    .connector(dying.crm)
                    .policy(dying.config.policy())
                    .clock(s.clock)
                    .listener(e -> {
                        if (e instanceof HandoverEvent.Executed) {
                            throw new Killed();
                        }
                    })
                    .build();
            Worker w = new Worker(
                    killedAtJournal,
                    dying.crm,
                    dying.journal,
                    s.writeAhead(),
                    dying.config.worker(),
                    dying.config.policy(),
                    dying::names,
                    s.clock);
            w.submit(fresh);
            assertThatThrownBy(w::evaluateQueued).isInstanceOf(Killed.class);
        }
        assertThat(zendesk.comments(Long.parseLong(fresh.value())))
                .as("the handover is in the CRM")
                .anySatisfy(c -> assertThat(c.body()).contains("[handover v2"));
        assertThat(executed(fresh)).as("and not in the journal").isEmpty();

        s.clock.advance(Duration.ofMinutes(1));
        try (Engine restarted = s.engine()) {
            Worker.Pass after = s.worker(restarted).pass();
            assertThat(after.ok()).as(after.failures().toString()).isTrue();
            assertThat(after.recovered()).isEqualTo(1);
            assertThat(after.count(HandoverResult.Status.HANDED_OVER)).isZero();
        }
        s.clock.advance(Duration.ofMinutes(1));
        try (Engine again = s.engine()) {
            assertThat(s.worker(again).pass().recovered()).isZero();
        }
        assertThat(executed(fresh))
                .singleElement()
                .satisfies(e -> assertThat(e.label("recovered", "false")).isEqualTo("true"));
        long notes = zendesk.comments(Long.parseLong(fresh.value())).stream()
                .filter(c -> c.body().contains("[handover v2"))
                .count();
        assertThat(notes).isEqualTo(1);
    }

    private List<JournalEntry> executed(TicketId ticket) {
        return JournalReader.read(dir.resolve("journal.jsonl")).entries().stream()
                .filter(e -> e.event() instanceof HandoverEvent.Executed x
                        && x.ticket().equals(ticket))
                .toList();
    }

    private Ticket german(TicketId id) {
        return Ticket.builder(id)
                .subject("Lieferung fehlt")
                .description("Meine Bestellung ist nicht angekommen. Bitte helfen Sie.")
                .status(TicketStatus.OPEN)
                .priority(TicketPriority.NORMAL)
                .requester(Customer.builder()
                        .id("40004")
                        .name("Customer 4")
                        .email("customer4@example.org")
                        .language(Locale.GERMAN)
                        .build())
                .assignee(s.ids.ada())
                .group(s.ids.support())
                .createdAt(s.clock.instant().minus(Duration.ofMinutes(5)))
                .updatedAt(s.clock.instant().minus(Duration.ofMinutes(4)))
                .version(Version.of("1"))
                .build();
    }
}
