package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.event.HandoverEvent;
import dev.handover.runner.worker.Worker;
import dev.handover.zendesk.fake.FakeZendesk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal line that cannot be written (a full disk, a broken rotation) loses no handover: the engine only logs a
 * listener's failure, so the worker sees the journal's failed appends, reports them, and leaves the pass marked as cut
 * off; the next start recovers the handovers from the CRM and journals each once.
 */
class JournalFailureTest {
    @TempDir
    Path dir;

    FakeZendesk zendesk;
    Scenario s;

    @BeforeEach
    void start() throws IOException {
        zendesk = FakeZendesk.start();
        s = Scenario.zendesk(zendesk, dir);
        // a tiny journal that rotates at its second line, into a place that cannot take it (as root too)
        String config = Files.readString(s.config, StandardCharsets.UTF_8)
                .replace("  journal: journal.jsonl", "  journal: { path: journal.jsonl, maxSize: 256, keep: 1 }");
        Files.writeString(s.config, config, StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("journal.jsonl.1"));
        Files.writeString(dir.resolve("journal.jsonl.1/blocker"), "x");
    }

    @AfterEach
    void stop() {
        zendesk.close();
    }

    @Test
    void handoversWhoseJournalLinesFailedAreRecoveredOnceByTheNextStart() throws IOException {
        s.clock.advance(Duration.ofMinutes(1));
        Worker.Pass first;
        try (Engine e = s.engine()) {
            first = s.worker(e).pass();
        }
        assertThat(first.failures()).anySatisfy(f -> assertThat(f).contains("could not be written"));
        assertThat(executed()).as("journaled before the failure").isLessThan(2);

        Files.delete(dir.resolve("journal.jsonl.1/blocker"));
        Files.delete(dir.resolve("journal.jsonl.1"));
        s.clock.advance(Duration.ofMinutes(5));
        try (Engine e = s.engine()) {
            Worker.Pass second = s.worker(e).pass();
            assertThat(second.failures()).isEmpty();
            assertThat(second.recovered()).isPositive();
        }
        assertThat(executed()).isEqualTo(2);
    }

    private long executed() {
        return s.journal().stream()
                .filter(j -> j.event() instanceof HandoverEvent.Executed)
                .map(j -> ((HandoverEvent.Executed) j.event()).handover())
                .distinct()
                .count();
    }
}
