package dev.handover.spi;

import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The engine's view of one CRM account: read tickets, comments, tasks and the agent directory; write handovers.
 *
 * <p>Implementations are thread-safe. Every method reports failures with a subclass of {@link
 * dev.handover.spi.error.CrmException} and never with a vendor or HTTP library exception; messages carry ids, never
 * secrets or customer personal data. A connector does its own retries of transient failures where the write is safe
 * to repeat; what it throws after that is for the caller to handle.
 *
 * <p>The {@code CrmConnectorCompatibilityKit} in {@code handover-testkit} is the executable form of this contract:
 * every connector passes all of it.
 */
public interface CrmConnector extends AutoCloseable {

    /** The vendor's name as used in errors and settings: {@code zendesk}, {@code salesforce}, {@code memory}. */
    String vendor();

    /** What this connector can do. Constant for the connector's life. */
    CrmCapabilities capabilities();

    /** One ticket, or empty when it does not exist. */
    Optional<Ticket> ticket(TicketId id);

    /**
     * Many tickets in as few calls as the vendor allows ({@link CrmCapabilities#maxReadBatchSize()} per call). Ids
     * that do not exist are absent from the result; duplicates are read once.
     *
     * @return the tickets found, in the order of the requested ids
     */
    Map<TicketId, Ticket> tickets(Collection<TicketId> ids);

    /** One page of the tickets matching the query, ordered by last update then id. */
    Page<Ticket> searchTickets(TicketQuery query, PageRequest page);

    /**
     * One page of a ticket's comments.
     *
     * @throws dev.handover.spi.error.CrmNotFoundException when the ticket does not exist
     */
    Page<Comment> comments(TicketId ticket, SortOrder order, PageRequest page);

    /**
     * The first page of newest-first comments of each ticket — what {@code comments(ticket, NEWEST_FIRST,
     * PageRequest.first(perTicket))} answers, with the same cursors — for many tickets at once: the recent conversation
     * the engine quotes in the handover notes of a shift change. Tickets that do not exist are left out. The default
     * reads one page per ticket; a connector whose CRM can answer many tickets in one request overrides it.
     */
    default Map<TicketId, Page<Comment>> recentComments(Collection<TicketId> tickets, int perTicket) {
        Map<TicketId, Page<Comment>> out = new java.util.LinkedHashMap<>();
        for (TicketId t : new java.util.LinkedHashSet<>(tickets)) {
            try {
                out.put(t, comments(t, SortOrder.NEWEST_FIRST, PageRequest.first(perTicket)));
            } catch (dev.handover.spi.error.CrmNotFoundException gone) {
                // left out, as the contract says
            }
        }
        return out;
    }

    /**
     * Tickets that received a comment at or after {@code since} which a search by {@link
     * TicketQuery.Builder#updatedSince} would not find, because in this CRM such a comment does not change the ticket
     * (in Salesforce, a Chatter post on a Case leaves the Case's {@code LastModifiedDate} as it was). A caller that
     * polls for changed tickets — to act on what agents write in their notes — asks this too, with the same instant,
     * and reads the tickets it names that the search did not return.
     *
     * <p>Tickets that do not exist are never named; the answer may name tickets the search also finds, and is bounded
     * by the connector (its documentation says what happens beyond). In most CRMs a comment changes the ticket, so the
     * default answers an empty set without a call.
     *
     * @param since the instant the caller's search for changed tickets starts at
     * @return the tickets, without order
     */
    default Set<TicketId> commentedSince(Instant since) {
        java.util.Objects.requireNonNull(since, "since");
        return Set.of();
    }

    /** One page of the handover tasks matching the query, ordered by due time then id. */
    Page<Task> tasks(TaskQuery query, PageRequest page);

    /**
     * Writes one update. See {@link TicketUpdate} for concurrency and idempotency.
     *
     * @return the result, {@link UpdateResult.Status#APPLIED} or {@link UpdateResult.Status#REPLAYED}
     * @throws dev.handover.spi.error.CrmNotFoundException when the ticket does not exist
     * @throws dev.handover.spi.error.CrmConflictException when the expected version is stale; nothing was written
     * @throws dev.handover.spi.error.CrmInvalidRequestException when the CRM refuses the change (an unknown or
     *     inactive assignee, a task of another ticket); nothing was written
     */
    UpdateResult apply(TicketUpdate update);

    /**
     * Writes many updates in batches of at most {@link CrmCapabilities#maxWriteBatchSize()}. One failing update never
     * loses the others: each gets its own result, in the order given. Throws only when the whole call fails before any
     * per-item outcome is known (then retrying with the same idempotency keys is safe).
     */
    List<UpdateResult> applyAll(List<TicketUpdate> updates);

    /** The agent directory: agents, groups and queues, membership. Connectors cache it briefly. */
    Directory directory();

    /**
     * How many open (not solved, not closed) tickets each agent owns, for capacity checks and load balancing.
     *
     * @return a count for every requested agent, zero for agents who own none or are unknown
     */
    Map<AgentId, Integer> openTicketCounts(Collection<AgentId> agents);

    /** Every ticket matching the query, reading pages lazily. */
    default Stream<Ticket> searchAll(TicketQuery query) {
        return Page.stream(PageRequest.DEFAULT_SIZE, page -> searchTickets(query, page));
    }

    /** Every task matching the query, reading pages lazily. */
    default Stream<Task> allTasks(TaskQuery query) {
        return Page.stream(PageRequest.DEFAULT_SIZE, page -> tasks(query, page));
    }

    /**
     * What only the CRM can tell about this connector's settings — a configured field that does not exist in the
     * account, say — one line per problem, naming the setting and, where one is close, what was probably meant. Read
     * only; for {@code check --connect}. The default finds nothing.
     */
    default java.util.List<String> checkSettings() {
        return java.util.List.of();
    }

    /**
     * Proves that tasks work in this account as this connector makes them: creates one task, closes it the way the
     * connector closes tasks, and removes it again where the CRM allows — one line per problem, saying what was written
     * and what refused it. This <em>writes</em>; it is for {@code check --connect --probe-tasks} and self-tests, never
     * called by the engine. Empty when the connector has no such probe (the default).
     */
    default Optional<List<String>> probeTasks() {
        return Optional.empty();
    }

    /**
     * What this connector offers {@code handover selftest}: test tickets, the account's sandbox flag, vendor probes and
     * recording. For self-tests only, never called by the engine. Empty when it offers none (the default).
     */
    default Optional<dev.handover.spi.selftest.SelfTestSupport> selfTest() {
        return Optional.empty();
    }

    /** Releases HTTP clients and caches. The default does nothing. */
    @Override
    default void close() {}
}
