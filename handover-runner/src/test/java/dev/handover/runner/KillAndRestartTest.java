package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.note.HandoverRecord;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmConnectors;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker as a separate process, killed (SIGKILL) while it writes to the fake Zendesk, then started again: the CRM
 * holds every handover once, and so does the journal — the handovers the killed process wrote but never journaled are
 * read back from their notes at the restart.
 */
class KillAndRestartTest extends OnFakeZendesk {
    static final int COMPLAINTS = 8;

    final List<TicketId> complaints = new ArrayList<>();

    @BeforeEach
    void addComplaints() {
        for (int i = 0; i < COMPLAINTS; i++) {
            TicketId id = TicketId.of(Integer.toString(10_100 + i));
            complaints.add(id);
            zendesk.addTicket(Ticket.builder(id)
                    .subject("I want to complain about order " + i)
                    .description("This is unacceptable.")
                    .status(TicketStatus.OPEN)
                    .priority(TicketPriority.NORMAL)
                    .requester(Customer.builder()
                            .id(Integer.toString(41_000 + i))
                            .name("Customer " + i)
                            .build())
                    .assignee(s.ids.ada())
                    .group(s.ids.support())
                    .createdAt(Scenario.T0.minus(Duration.ofHours(1)))
                    .version(Version.of("1"))
                    .build());
        }
    }

    @Test
    void killedMidWriteAndRestartedEveryHandoverIsInTheCrmAndTheJournalExactlyOnce() throws Exception {
        // the worker processes run on the real clock; the CRM must stamp its records on about the same time
        zendesk.clock().set(Instant.now());
        AtomicReference<Process> worker = new AtomicReference<>();
        // let the first ticket write through, kill the process as the second one arrives (the fake still applies it)
        zendesk.beforeNext("PUT", "/api/v2/tickets", () -> {});
        zendesk.beforeNext("PUT", "/api/v2/tickets", () -> worker.get().destroyForcibly());

        worker.set(launch("first"));
        assertThat(worker.get().waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.get().exitValue()).as("killed").isNotZero();
        int journaledBeforeRestart = executed().size();
        zendesk.requests()
                .forEach(r ->
                        System.out.println("REQ " + r.method() + " " + r.path() + "?" + r.query() + " " + r.status()));

        Process second = launch("second");
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(log("second")).isZero();

        // the CRM: every complaint with Eve, the German ticket with Jonas, each with exactly one handover note
        List<TicketId> handedOver = new ArrayList<>(complaints);
        handedOver.add(s.ids.complaint());
        handedOver.add(s.ids.german());
        List<String> inCrm = new ArrayList<>();
        for (TicketId t : handedOver) {
            List<HandoverRecord> notes = handoverNotes(t);
            assertThat(notes).as("handover notes on ticket %s", t).hasSize(1);
            inCrm.add(notes.get(0).id().value());
        }
        for (TicketId t : complaints) {
            assertThat(zendesk.ticket(Long.parseLong(t.value())).orElseThrow().assigneeId())
                    .isEqualTo(Long.valueOf(s.ids.eve().value()));
        }

        // the journal: the same handovers, each once; those the killed process never journaled were recovered
        List<JournalEntry> executed = executed();
        List<String> journaled = executed.stream()
                .map(e -> ((HandoverEvent.Executed) e.event()).handover().value())
                .toList();
        assertThat(journaled).as(log("first") + log("second")).containsExactlyInAnyOrderElementsOf(inCrm);
        long recovered = executed.stream()
                .filter(e -> e.labels().containsKey("recovered"))
                .count();
        assertThat(recovered).isPositive();
        assertThat(journaledBeforeRestart + recovered).isEqualTo(inCrm.size());
        assertThat(log("second")).contains("did not finish: recovering");
    }

    /** The handover notes on a ticket, read as the product reads them: through the connector. */
    private List<HandoverRecord> handoverNotes(TicketId t) {
        try (CrmConnector crm = CrmConnectors.builder().settings(s.load().crm()).build()) {
            return crm.comments(t, SortOrder.OLDEST_FIRST, PageRequest.first(100)).items().stream()
                    .filter(Comment::isInternal)
                    .map(c -> HandoverRecord.find(c.body()))
                    .flatMap(Optional::stream)
                    .toList();
        }
    }

    private List<JournalEntry> executed() {
        return s.journal().stream()
                .filter(e -> e.event() instanceof HandoverEvent.Executed)
                .toList();
    }

    private Process launch(String name) {
        return WorkerProcess.in(dir)
                .env(s.env)
                .name(name)
                .start("run", "--once", "--config", s.config.toString())
                .process();
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"), StandardCharsets.UTF_8)
                    + Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
