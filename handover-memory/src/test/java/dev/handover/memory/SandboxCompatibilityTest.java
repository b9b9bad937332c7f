package dev.handover.memory;

import dev.handover.memory.time.MutableClock;
import dev.handover.spi.CrmCapabilities;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.Page;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmRateLimitedException;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.selftest.ExchangeRecorder;
import dev.handover.spi.selftest.Probe;
import dev.handover.spi.selftest.SelfTestSupport;
import dev.handover.spi.selftest.TestTeam;
import dev.handover.spi.selftest.TestTicket;
import dev.handover.testkit.compat.CrmConnectorCompatibilityKit;
import dev.handover.testkit.compat.KitFaults;
import dev.handover.testkit.compat.KitFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The sandbox file keeps everything the contract depends on: the whole compatibility kit passes against a connector
 * that, after every write, closes its sandbox and opens the file again — as if each write were followed by the next
 * process — so every read after a write is answered from the saved state.
 */
final class SandboxCompatibilityTest extends CrmConnectorCompatibilityKit {
    private MutableClock clock;
    private Reopening connector;

    @Override
    protected CrmConnector createConnector(KitFixture fixture) {
        clock = MutableClock.at(KitFixture.BASE.plus(Duration.ofMinutes(5)));
        Path file;
        try {
            file = Files.createTempDirectory("sandbox-kit").resolve("sandbox.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Supplier<SandboxCrm> open = () -> new SandboxCrm(
                file,
                () -> InMemoryCrm.builder()
                        .clock(clock)
                        .capabilities(c ->
                                c.maxReadBatchSize(40).maxWriteBatchSize(25).maxNoteBytes(4000))
                        .build(),
                crm -> {
                    fixture.groups().forEach(crm::putGroup);
                    fixture.agents().forEach(crm::putAgent);
                    fixture.tickets().forEach(crm::putTicket);
                    fixture.comments()
                            .forEach(c -> crm.putComment(new Comment(
                                    "seed-" + c.ticket() + "-" + c.createdAt().getEpochSecond(),
                                    c.ticket(),
                                    c.authorId(),
                                    c.body(),
                                    c.visibility(),
                                    c.createdAt())));
                });
        connector = new Reopening(open);
        return connector;
    }

    @Override
    protected KitFaults faults() {
        return new KitFaults.OnClock(clock) {
            @Override
            public void loseNextWriteAnswer() {
                connector.memory().faults().loseResponses(1);
            }

            @Override
            public void serverErrorOnNextWrite() {
                connector.memory().faults().failNext(1, Operation.APPLY, Faults::unavailable);
            }

            @Override
            public void resetNextWriteConnection() {
                connector.memory().faults().failNext(1, Operation.APPLY, Faults::unavailable);
            }

            @Override
            public void serverErrorOnNextRead() {
                connector.memory().faults().failNext(1, Operation.READ_TICKET, Faults::unavailable);
            }

            @Override
            public void rateLimitNext(Duration retryAfter) {
                connector
                        .memory()
                        .faults()
                        .failNext(
                                1,
                                op -> new CrmRateLimitedException(
                                        InMemoryCrm.VENDOR, 429, "injected", "rate limited: " + op, retryAfter, null));
            }

            @Override
            public int pending() {
                return connector.memory().faults().pending();
            }
        };
    }

    /** A sandbox connector that is closed and opened again on its file after every write. */
    private static final class Reopening implements CrmConnector {
        private final Supplier<SandboxCrm> open;
        private SandboxCrm current;

        Reopening(Supplier<SandboxCrm> open) {
            this.open = open;
            this.current = open.get();
        }

        InMemoryCrm memory() {
            return current.crm();
        }

        private void reopen() {
            // faults are one process's: those still pending go over to the next "process"
            int pending = current.crm().faults().pending();
            current.close();
            current = open.get();
            if (pending > 0) {
                throw new IllegalStateException(pending + " injected faults pending across a write");
            }
        }

        @Override
        public String vendor() {
            return current.vendor();
        }

        @Override
        public CrmCapabilities capabilities() {
            return current.capabilities();
        }

        @Override
        public Optional<Ticket> ticket(TicketId id) {
            return current.ticket(id);
        }

        @Override
        public Map<TicketId, Ticket> tickets(Collection<TicketId> ids) {
            return current.tickets(ids);
        }

        @Override
        public Page<Ticket> searchTickets(TicketQuery query, PageRequest page) {
            return current.searchTickets(query, page);
        }

        @Override
        public Page<Comment> comments(TicketId ticket, SortOrder order, PageRequest page) {
            return current.comments(ticket, order, page);
        }

        @Override
        public Map<TicketId, Page<Comment>> recentComments(Collection<TicketId> tickets, int perTicket) {
            return current.recentComments(tickets, perTicket);
        }

        @Override
        public Page<Task> tasks(TaskQuery query, PageRequest page) {
            return current.tasks(query, page);
        }

        @Override
        public UpdateResult apply(TicketUpdate update) {
            try {
                return current.apply(update);
            } finally {
                reopen();
            }
        }

        @Override
        public List<UpdateResult> applyAll(List<TicketUpdate> updates) {
            try {
                return current.applyAll(updates);
            } finally {
                reopen();
            }
        }

        @Override
        public Directory directory() {
            return current.directory();
        }

        @Override
        public Map<AgentId, Integer> openTicketCounts(Collection<AgentId> agents) {
            return current.openTicketCounts(agents);
        }

        /** The self-test's calls go to the sandbox open at the time, as they would in the next process. */
        @Override
        public Optional<SelfTestSupport> selfTest() {
            return Optional.of(new SelfTestSupport() {
                private SelfTestSupport now() {
                    return current.selfTest().orElseThrow();
                }

                @Override
                public Optional<Boolean> sandbox() {
                    return now().sandbox();
                }

                @Override
                public Ticket createTestTicket(TestTicket ticket, TestTeam team) {
                    return now().createTestTicket(ticket, team);
                }

                @Override
                public String discard(TicketId ticket) {
                    return now().discard(ticket);
                }

                @Override
                public List<Probe> probes() {
                    return now().probes();
                }

                @Override
                public void record(Optional<ExchangeRecorder> recorder) {
                    now().record(recorder);
                }
            });
        }

        @Override
        public void close() {
            current.close();
        }
    }
}
