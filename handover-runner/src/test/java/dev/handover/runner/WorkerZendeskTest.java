package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.HandoverResult;
import dev.handover.core.event.HandoverEvent;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.runner.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker against the stateful fake Zendesk on loopback: handovers and their follow-up land in its state. */
class WorkerZendeskTest extends OnFakeZendesk {
    Worker worker(Engine e) {
        return s.worker(e);
    }

    long id(dev.handover.spi.model.TicketId t) {
        return Long.parseLong(t.value());
    }

    Long id(String agent) {
        return Long.valueOf(agent);
    }

    @Test
    void aPassHandsOverTheComplaintAndTheGermanTicketAndTheFollowUpRemindsInZendesk() {
        try (Engine engine = s.engine()) {
            Worker worker = worker(engine);
            List<String> progress = new java.util.ArrayList<>();
            worker.progress((done, total) -> progress.add(done + "/" + total));
            s.clock.advance(Duration.ofMinutes(1));

            Worker.Pass first = worker.pass();

            assertThat(progress).containsExactly("3/3");
            assertThat(first.ok()).as(first.failures().toString()).isTrue();
            assertThat(first.polled()).isEqualTo(3);
            assertThat(first.count(HandoverResult.Status.HANDED_OVER)).isEqualTo(2);
            assertThat(first.count(HandoverResult.Status.NOT_APPLICABLE)).isEqualTo(1);
            // the fake's state: reassigned, with the structured note as an internal comment
            assertThat(zendesk.ticket(id(s.ids.complaint())).orElseThrow().assigneeId())
                    .isEqualTo(id(s.ids.eve().value()));
            assertThat(zendesk.ticket(id(s.ids.german())).orElseThrow().assigneeId())
                    .isEqualTo(id(s.ids.jonas().value()));
            assertThat(zendesk.ticket(id(s.ids.ordinary())).orElseThrow().assigneeId())
                    .isEqualTo(id(s.ids.chen().value()));
            assertThat(zendesk.comments(id(s.ids.complaint())))
                    .anySatisfy(c -> {
                        assertThat(c.isPublic()).isFalse();
                        assertThat(c.body()).contains("Call the customer back").contains("Ada Lovelace");
                    })
                    .anySatisfy(c -> assertThat(c.isPublic()).isTrue()); // the customer notice
            // the journal: both handovers, with names
            List<HandoverEvent.Executed> executed = s.journal().stream()
                    .map(JournalEntry::event)
                    .filter(HandoverEvent.Executed.class::isInstance)
                    .map(HandoverEvent.Executed.class::cast)
                    .toList();
            assertThat(executed)
                    .extracting(HandoverEvent.Executed::ticket)
                    .containsExactlyInAnyOrder(s.ids.complaint(), s.ids.german());
            assertThat(s.journal())
                    .filteredOn(e -> e.event() instanceof HandoverEvent.Executed x
                            && x.ticket().equals(s.ids.german()))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.label("to", "?")).isEqualTo("Jonas Weber");
                        assertThat(e.label("from", "?")).isEqualTo("Ada Lovelace");
                        assertThat(e.label("team", "?")).isEqualTo("Support");
                    });

            // past the acknowledgement deadline: both receivers are reminded, in Zendesk
            s.clock.advance(Duration.ofMinutes(40));
            Worker.Pass second = worker.pass();
            assertThat(second.ok()).as(second.failures().toString()).isTrue();
            assertThat(second.polled())
                    .as("the handed-over tickets changed, and are read again")
                    .isEqualTo(2);
            assertThat(second.count(HandoverResult.Status.HANDED_OVER)).isZero();
            assertThat(second.sweep())
                    .hasValueSatisfying(sw -> assertThat(sw.reminders()).isEqualTo(2));
            assertThat(zendesk.comments(id(s.ids.german())))
                    .anySatisfy(c -> assertThat(c.body()).contains("please acknowledge"));
            assertThat(s.journal())
                    .filteredOn(e -> e.event() instanceof HandoverEvent.Reminded)
                    .hasSize(2);
        }
    }

    @Test
    void aRestartContinuesFromTheSavedPositionAndHandsNothingOverTwice() {
        s.clock.advance(Duration.ofMinutes(1));
        try (Engine engine = s.engine()) {
            assertThat(worker(engine).pass().count(HandoverResult.Status.HANDED_OVER))
                    .isEqualTo(2);
        }
        s.clock.advance(Duration.ofMinutes(2));
        try (Engine engine = s.engine()) {
            Worker.Pass again = worker(engine).pass();
            assertThat(again.count(HandoverResult.Status.HANDED_OVER)).isZero();
            assertThat(again.recovered()).isZero();
        }
        assertThat(s.journal())
                .filteredOn(e -> e.event() instanceof HandoverEvent.Executed)
                .hasSize(2);
        long notes = zendesk.comments(id(s.ids.complaint())).stream()
                .filter(c -> !c.isPublic() && c.body().contains("Call the customer back"))
                .count();
        assertThat(notes).isEqualTo(1);
    }
}
