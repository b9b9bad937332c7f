package dev.handover.runner;

import dev.handover.core.Handovers;
import dev.handover.memory.InMemoryCrm;
import dev.handover.memory.InMemoryCrmProvider;
import dev.handover.runner.config.RunnerConfig;
import dev.handover.runner.journal.Journal;
import dev.handover.runner.journal.Labels;
import dev.handover.runner.worker.ProcessLock;
import dev.handover.runner.worker.WriteAhead;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmConnectors;
import dev.handover.spi.model.Directory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The engine as a command runs it: the connector the configuration names (found with ServiceLoader), the policy, the
 * team overlay, and the journal every event is appended to with the names of the people involved. It holds the
 * configuration's {@link ProcessLock} from start to close.
 */
final class Engine implements AutoCloseable {
    private static final Duration NAMES_TTL = Duration.ofMinutes(5);

    final RunnerConfig config;
    final CrmConnector crm;
    final Journal journal;
    final Handovers handovers;
    private final ProcessLock lock;
    private final Clock clock;
    private Directory names;
    private Instant namesAt = Instant.MIN;

    private Engine(RunnerConfig config, CrmConnector crm, Journal journal, ProcessLock lock, Clock clock) {
        this.config = config;
        this.lock = lock;
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

    /**
     * Connects to the configured CRM and opens the journal, for a one-shot command ({@code transfer}, {@code ack},
     * {@code feedback}): when another process holds the configuration's files (a {@code run --once} pass), it waits
     * up to {@code worker.lockWait} for it to finish.
     */
    static Engine start(RunnerConfig config, Clock clock) {
        ProcessLock lock = lock(config, config.worker().lockWait(), "one-shot command", clock);
        return start(config, lock, () -> connect(config, clock), clock);
    }

    /**
     * For the worker: every write is recorded ahead in the write-ahead file, for recovery after a crash. A second
     * worker on the same files is refused at once: it has nothing to wait for, and a cron pass that overlaps the last
     * one should skip its turn.
     */
    static Engine startWorker(RunnerConfig config, WriteAhead writeAhead, Clock clock) {
        ProcessLock lock = lock(config, Duration.ZERO, "worker", clock);
        return start(config, lock, () -> writeAhead.around(connect(config, clock)), clock);
    }

    /**
     * The configured connector; the in-memory CRM is given the command's clock, so that in a sandbox run {@code --at}
     * a time its notes and tickets are stamped as the journal is.
     */
    private static CrmConnector connect(RunnerConfig config, Clock clock) {
        return config.crm().provider().equals(InMemoryCrm.VENDOR)
                ? new InMemoryCrmProvider(clock).create(config.crm())
                : CrmConnectors.builder().settings(config.crm()).build();
    }

    /** The state (with its write-ahead and seen deliveries beside it) and the journal: one process at a time. */
    private static ProcessLock lock(RunnerConfig config, Duration wait, String command, Clock clock) {
        return ProcessLock.acquire(
                List.of(config.worker().state(), config.worker().journal()), wait, command, clock);
    }

    private static Engine start(RunnerConfig config, ProcessLock lock, Supplier<CrmConnector> connect, Clock clock) {
        CrmConnector crm = null;
        Journal journal = null;
        try {
            crm = connect.get();
            journal = Journal.open(
                    config.worker().journal(),
                    config.worker().journalMaxBytes(),
                    config.worker().journalKeep());
            // the engine reads the directory as it is built: a CRM that cannot be reached fails here, and the lock
            // must go with it, or the worker's next start-up attempt in this process would find its own lock held
            return new Engine(config, crm, journal, lock, clock);
        } catch (RuntimeException e) {
            try {
                if (journal != null) {
                    journal.close();
                }
            } finally {
                try {
                    if (crm != null) {
                        crm.close();
                    }
                } finally {
                    lock.close();
                }
            }
            throw e;
        }
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
            try {
                crm.close();
            } finally {
                lock.close();
            }
        }
    }
}
