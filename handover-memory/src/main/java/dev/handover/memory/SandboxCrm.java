package dev.handover.memory;

import dev.handover.spi.CrmCapabilities;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.Page;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.selftest.SelfTestSupport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An {@link InMemoryCrm} kept in a {@link SandboxFile}: the file is locked and read at the first call (a connector does
 * no I/O before it, so {@code check} can make one to validate the settings), created from the configured data when it
 * does not exist, and saved whole after every change that landed. {@link #close()} releases the lock.
 */
final class SandboxCrm implements CrmConnector {
    private final Path path;
    private final Supplier<InMemoryCrm> empty;
    private final Consumer<InMemoryCrm> seed;
    private InMemoryCrm crm;
    private SandboxFile file;
    private boolean closed;

    /**
     * @param path the sandbox file
     * @param empty makes an empty CRM with the right clock
     * @param seed loads the configured data into a new CRM, when the file does not exist yet
     */
    SandboxCrm(Path path, Supplier<InMemoryCrm> empty, Consumer<InMemoryCrm> seed) {
        this.path = path;
        this.empty = empty;
        this.seed = seed;
    }

    /** The CRM, opened at the first call. */
    synchronized InMemoryCrm crm() {
        if (closed) {
            throw new IllegalStateException("the sandbox connector on " + path + " is closed");
        }
        if (crm == null) {
            SandboxFile f = SandboxFile.open(path);
            try {
                InMemoryCrm c = empty.get();
                Optional<InMemoryCrm.State> saved = f.load();
                if (saved.isPresent()) {
                    try {
                        c.restore(saved.get());
                    } catch (RuntimeException e) {
                        throw new IllegalStateException(path + ": the saved state does not fit together: "
                                + e.getMessage() + "; delete the file to start again from the configured data");
                    }
                } else {
                    seed.accept(c);
                    f.save(c::state);
                }
                c.afterWrite(() -> f.save(c::state));
                crm = c;
                file = f;
            } catch (RuntimeException e) {
                f.close();
                throw e;
            }
        }
        return crm;
    }

    @Override
    public String vendor() {
        return InMemoryCrm.VENDOR;
    }

    @Override
    public CrmCapabilities capabilities() {
        return crm().capabilities();
    }

    @Override
    public Optional<Ticket> ticket(TicketId id) {
        return crm().ticket(id);
    }

    @Override
    public Map<TicketId, Ticket> tickets(Collection<TicketId> ids) {
        return crm().tickets(ids);
    }

    @Override
    public Page<Ticket> searchTickets(TicketQuery query, PageRequest page) {
        return crm().searchTickets(query, page);
    }

    @Override
    public Page<Comment> comments(TicketId ticket, SortOrder order, PageRequest page) {
        return crm().comments(ticket, order, page);
    }

    @Override
    public Map<TicketId, Page<Comment>> recentComments(Collection<TicketId> tickets, int perTicket) {
        return crm().recentComments(tickets, perTicket);
    }

    @Override
    public Set<TicketId> commentedSince(Instant since) {
        return crm().commentedSince(since);
    }

    @Override
    public Page<Task> tasks(TaskQuery query, PageRequest page) {
        return crm().tasks(query, page);
    }

    @Override
    public UpdateResult apply(TicketUpdate update) {
        return crm().apply(update);
    }

    @Override
    public List<UpdateResult> applyAll(List<TicketUpdate> updates) {
        return crm().applyAll(updates);
    }

    @Override
    public Directory directory() {
        return crm().directory();
    }

    @Override
    public Map<AgentId, Integer> openTicketCounts(Collection<AgentId> agents) {
        return crm().openTicketCounts(agents);
    }

    @Override
    public List<String> checkSettings() {
        return crm().checkSettings();
    }

    @Override
    public Optional<List<String>> probeTasks() {
        return crm().probeTasks();
    }

    @Override
    public Optional<SelfTestSupport> selfTest() {
        return crm().selfTest();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (crm != null) {
            // a change through something this connector handed out (its self-test support) would not be saved
            crm.afterWrite(() -> {
                throw new IllegalStateException(
                        "the sandbox connector on " + path + " is closed: this change is not saved");
            });
        }
        if (file != null) {
            file.close();
            file = null;
        }
    }

    @Override
    public String toString() {
        return "SandboxCrm[" + path + (crm == null ? ", not opened" : ", " + crm) + "]";
    }
}
