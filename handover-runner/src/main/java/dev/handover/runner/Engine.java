package dev.handover.runner;

import dev.handover.core.Handovers;
import dev.handover.runner.config.RunnerConfig;
import dev.handover.runner.journal.Journal;
import dev.handover.runner.journal.Labels;
import dev.handover.runner.worker.WriteAhead;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmConnectors;
import dev.handover.spi.model.Directory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The engine as a command runs it: the connector the configuration names (found with ServiceLoader), the policy, the
 * team overlay, and the journal every event is appended to with the names of the people involved.
 */
final class Engine implements AutoCloseable {
    private static final Duration NAMES_TTL = Duration.ofMinutes(5);

    final RunnerConfig config;
    final CrmConnector crm;
    final Journal journal;
    final Handovers handovers;
    private final Clock clock;
    private Directory names;
    private Instant namesAt = Instant.MIN;

    private Engine(RunnerConfig config, CrmConnector crm, Journal journal, Clock clock) {
        this.config = config;
        this.crm = crm;
        this.journal = journal;
        this.clock = clock;
        this.handovers = Handovers.builder()
                .connector(crm)
                .policy(config.policy())
                .clock(clock)
                .directoryOverlay(config.team())
                .listener(journal.listener(e -> Labels.of(e, names())))
                .build();
    }

    /** Connects to the configured CRM and opens the journal. */
    static Engine start(RunnerConfig config, Clock clock) {
        return start(config, CrmConnectors.builder().settings(config.crm()).build(), clock);
    }

    /** For the worker: every write is recorded ahead in the write-ahead file, for recovery after a crash. */
    static Engine startWorker(RunnerConfig config, WriteAhead writeAhead, Clock clock) {
        return start(
                config,
                writeAhead.around(CrmConnectors.builder().settings(config.crm()).build()),
                clock);
    }

    /** With a given connector (tests, embedding). */
    static Engine start(RunnerConfig config, CrmConnector crm, Clock clock) {
        Journal journal;
        try {
            journal = Journal.open(
                    config.worker().journal(),
                    config.worker().journalMaxBytes(),
                    config.worker().journalKeep());
        } catch (RuntimeException e) {
            crm.close();
            throw e;
        }
        return new Engine(config, crm, journal, clock);
    }

    /** The directory with the team overlay, for names; read again after a few minutes. */
    synchronized Directory names() {
        Instant now = clock.instant();
        if (names == null || now.isAfter(namesAt.plus(NAMES_TTL))) {
            try {
                names = config.team().apply(crm.directory());
                namesAt = now;
            } catch (RuntimeException e) {
                // names are a courtesy: a journal line without them is still complete
                if (names == null) {
                    names = Directory.empty();
                }
            }
        }
        return names;
    }

    @Override
    public void close() {
        try {
            journal.close();
        } finally {
            crm.close();
        }
    }
}
