package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.HandoverResult;
import dev.handover.core.event.HandoverEvent;
import dev.handover.memory.time.MutableClock;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.runner.worker.Worker;
import dev.handover.salesforce.fake.FakeSalesforce;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker against the stateful fake Salesforce org on loopback: Cases change owner, comments and tasks appear. */
class WorkerSalesforceTest {
    @TempDir
    Path dir;

    FakeSalesforce org;
    Scenario s;

    @BeforeEach
    void start() {
        // the org stamps records with the scenario's clock, so the worker and the org agree on time
        MutableClock clock = MutableClock.at(Scenario.T0);
        org = FakeSalesforce.builder().clock(clock).start();
        s = Scenario.salesforce(org, clock, dir);
    }

    @AfterEach
    void stop() {
        org.close();
    }

    @Test
    void aPassHandsOverAndTheRemindersLandOnTheCases() {
        try (Engine engine = s.engine()) {
            Worker worker = s.worker(engine);
            s.clock.advance(Duration.ofMinutes(1));
            Worker.Pass first = worker.pass();

            assertThat(first.ok()).as(first.failures().toString()).isTrue();
            assertThat(first.count(HandoverResult.Status.HANDED_OVER)).isEqualTo(2);
            assertThat(owner(s.ids.complaint().value())).isEqualTo(s.ids.eve().value());
            assertThat(owner(s.ids.german().value())).isEqualTo(s.ids.jonas().value());
            assertThat(owner(s.ids.ordinary().value())).isEqualTo(s.ids.chen().value());
            assertThat(org.comments(s.ids.complaint().value()))
                    .anySatisfy(c ->
                            assertThat(String.valueOf(c.get("CommentBody"))).contains("Call the customer back"));
            assertThat(org.tasks(s.ids.complaint().value())).isNotEmpty();

            s.clock.advance(Duration.ofMinutes(40));
            Worker.Pass second = worker.pass();
            assertThat(second.ok()).as(second.failures().toString()).isTrue();
            assertThat(second.sweep())
                    .hasValueSatisfying(sw -> assertThat(sw.reminders()).isEqualTo(2));
            assertThat(org.comments(s.ids.german().value()))
                    .anySatisfy(c ->
                            assertThat(String.valueOf(c.get("CommentBody"))).contains("please acknowledge"));
        }
        List<JournalEntry> journal = s.journal();
        assertThat(journal)
                .filteredOn(e -> e.event() instanceof HandoverEvent.Executed)
                .hasSize(2);
        assertThat(journal)
                .filteredOn(e -> e.event() instanceof HandoverEvent.Reminded)
                .hasSize(2);
    }

    private String owner(String caseId) {
        Map<String, Object> c = org.record(caseId).orElseThrow();
        return String.valueOf(c.get("OwnerId"));
    }
}
