package dev.handover.runner.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.handover.runner.files.OwnerOnly;
import dev.handover.spi.CrmCapabilities;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.Page;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.error.CrmRateLimitedException;
import dev.handover.spi.error.CrmUnauthorizedException;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Before the engine writes to a ticket, its id is appended to a small file and fsync'd; the worker empties the file
 * when a pass ends. After a crash the file names exactly the tickets that may carry a handover the journal lacks, so
 * recovery reads those tickets directly — no search, which may lag behind the CRM's writes.
 */
public final class WriteAhead {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("handover.worker");
    /** A line saying the kept write with this key returned. */
    private static final String DONE = "returned ";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            dev.handover.runner.journal.EventCodec.mapper();

    private final Path file;
    /** The writes themselves, for CRMs that cannot write a handover in one request (see {@link #pending}). */
    private final Path pendingFile;
    /** Tickets whose write failed since the file was last emptied: it may have landed all the same. */
    private final Set<TicketId> uncertain = new LinkedHashSet<>();

    /** The write-ahead file next to the worker's state file. */
    public WriteAhead(Path stateFile) {
        this.file = stateFile.resolveSibling(stateFile.getFileName() + ".writes");
        this.pendingFile = stateFile.resolveSibling(stateFile.getFileName() + ".pending");
    }

    /** A connector that records every ticket before writing to it. */
    public CrmConnector around(CrmConnector crm) {
        return new Recording(crm, this);
    }

    synchronized void record(Collection<TicketId> tickets) {
        if (tickets.isEmpty()) {
            return;
        }
        append(file, tickets.stream().map(t -> t.value() + "\n").collect(Collectors.joining()));
    }

    /**
     * Keeps the keyed writes themselves, one JSON line each, where the CRM writes a handover in several requests
     * ({@link CrmCapabilities#atomicUpdate()} false): a process killed between them left part of it written, and
     * {@link #pendingUpdates()} gives the next start the same writes to send again — with the same idempotency key
     * the connector writes only what is missing.
     */
    synchronized void pending(Collection<TicketUpdate> updates) {
        StringBuilder lines = new StringBuilder();
        for (TicketUpdate u : updates) {
            if (u.idempotencyKey().isPresent()) {
                try {
                    lines.append(JSON.writeValueAsString(u)).append('\n');
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("a write to ticket " + u.ticket() + " cannot be kept: " + e, e);
                }
            }
        }
        if (!lines.isEmpty()) {
            append(pendingFile, lines.toString());
        }
    }

    /**
     * Marks kept writes as returned: their outcome is known (written, or refused), so a later start must not send them
     * again — a replay would repeat a finished write over what people changed since, or over a later write's key.
     */
    synchronized void returned(Collection<TicketUpdate> updates) {
        String lines = updates.stream()
                .map(TicketUpdate::idempotencyKey)
                .flatMap(Optional::stream)
                .map(k -> DONE + k + "\n")
                .collect(Collectors.joining());
        if (!lines.isEmpty()) {
            append(pendingFile, lines);
        }
    }

    /**
     * The keyed writes kept since the files were last emptied that had not returned when the process stopped (the ones
     * in flight at a crash, or whose answer was lost), oldest first; an unreadable line is skipped.
     */
    synchronized List<TicketUpdate> pendingUpdates() {
        List<String> lines;
        try {
            lines = Files.readAllLines(pendingFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the write-ahead file " + pendingFile + " cannot be read: " + e.getMessage(), e);
        }
        Map<String, Integer> returned = new java.util.HashMap<>();
        for (String line : lines) {
            if (line.startsWith(DONE)) {
                returned.merge(line.substring(DONE.length()).strip(), 1, Integer::sum);
            }
        }
        List<TicketUpdate> out = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith(DONE)) {
                continue;
            }
            try {
                TicketUpdate u = JSON.readValue(line, TicketUpdate.class);
                String key = u.idempotencyKey().orElse("");
                // each return cancels one sending of the same key (a write retried in the process is kept twice)
                if (returned.getOrDefault(key, 0) > 0) {
                    returned.merge(key, -1, Integer::sum);
                } else {
                    out.removeIf(o -> o.idempotencyKey().equals(u.idempotencyKey()));
                    out.add(u);
                }
            } catch (JsonProcessingException | RuntimeException e) {
                // the line a kill cut in half: its write never started
                LOG.warn(
                        "{}:{}: a kept write cannot be read ({}); skipped",
                        pendingFile,
                        i + 1,
                        e.getClass().getSimpleName());
            }
        }
        return out;
    }

    private static void append(Path file, String lines) {
        try {
            try (FileChannel ch = OwnerOnly.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ByteBuffer buf = ByteBuffer.wrap(lines.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
        } catch (IOException e) {
            // no write without its record: a crash could otherwise leave a handover the journal never learns of
            throw new UncheckedIOException("the write-ahead file " + file + " cannot be written: " + e.getMessage(), e);
        }
    }

    /** The tickets written to since the file was last emptied. */
    synchronized Set<TicketId> tickets() {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .map(TicketId::of)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        } catch (NoSuchFileException e) {
            return Set.of();
        } catch (IOException e) {
            throw new UncheckedIOException("the write-ahead file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Notes tickets whose write may have landed although no answer said so (a lost answer). */
    synchronized void uncertain(Collection<TicketId> tickets) {
        uncertain.addAll(tickets);
    }

    /** A failed write that may have landed all the same; one the CRM refused did not. */
    static boolean outcomeUnknown(UpdateResult r) {
        return !r.isSuccess() && r.error().map(WriteAhead::outcomeUnknown).orElse(true);
    }

    /**
     * Only an error that can follow a write that landed leaves its outcome unknown: an unavailable CRM (a lost answer,
     * a time-out, a 5xx) or an unexpected failure. A version conflict, a refused request, a missing ticket, a refused
     * credential or a rate limit answer a write that was not made — and recovering "our" handover from the CRM after
     * one would journal another writer's (a second worker's re-target that won the race) as this worker's.
     */
    static boolean outcomeUnknown(RuntimeException e) {
        return !(e instanceof CrmConflictException
                || e instanceof CrmInvalidRequestException
                || e instanceof CrmNotFoundException
                || e instanceof CrmUnauthorizedException
                || e instanceof CrmRateLimitedException);
    }

    /** The tickets whose write failed since the file was last emptied. */
    synchronized Set<TicketId> uncertain() {
        return Set.copyOf(uncertain);
    }

    /** Empties the file: everything written so far is journaled. */
    synchronized void clear() {
        uncertain.clear();
        try {
            Files.deleteIfExists(pendingFile);
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("the write-ahead file " + file + " cannot be removed: " + e.getMessage(), e);
        }
    }

    /** Delegates everything; records the tickets of each write first. */
    private record Recording(CrmConnector crm, WriteAhead log) implements CrmConnector {
        @Override
        public String vendor() {
            return crm.vendor();
        }

        @Override
        public CrmCapabilities capabilities() {
            return crm.capabilities();
        }

        @Override
        public Optional<Ticket> ticket(TicketId id) {
            return crm.ticket(id);
        }

        @Override
        public Map<TicketId, Ticket> tickets(Collection<TicketId> ids) {
            return crm.tickets(ids);
        }

        @Override
        public Page<Ticket> searchTickets(TicketQuery query, PageRequest page) {
            return crm.searchTickets(query, page);
        }

        @Override
        public Page<Comment> comments(TicketId ticket, SortOrder order, PageRequest page) {
            return crm.comments(ticket, order, page);
        }

        @Override
        public Map<TicketId, Page<Comment>> recentComments(Collection<TicketId> tickets, int perTicket) {
            // a read: the connector's batched form (Salesforce reads 200 Cases a query), not one read per ticket
            return crm.recentComments(tickets, perTicket);
        }

        @Override
        public java.util.Set<TicketId> commentedSince(java.time.Instant since) {
            return crm.commentedSince(since);
        }

        @Override
        public Page<Task> tasks(TaskQuery query, PageRequest page) {
            return crm.tasks(query, page);
        }

        @Override
        public UpdateResult apply(TicketUpdate update) {
            log.record(List.of(update.ticket()));
            if (!crm.capabilities().atomicUpdate()) {
                log.pending(List.of(update));
            }
            boolean kept = !crm.capabilities().atomicUpdate();
            try {
                UpdateResult r = crm.apply(update);
                if (outcomeUnknown(r)) {
                    log.uncertain(List.of(update.ticket()));
                } else if (kept) {
                    log.returned(List.of(update));
                }
                return r;
            } catch (RuntimeException e) {
                if (outcomeUnknown(e)) {
                    log.uncertain(List.of(update.ticket()));
                } else if (kept) {
                    log.returned(List.of(update));
                }
                throw e;
            }
        }

        @Override
        public List<UpdateResult> applyAll(List<TicketUpdate> updates) {
            List<TicketId> tickets = updates.stream().map(TicketUpdate::ticket).toList();
            log.record(tickets);
            if (!crm.capabilities().atomicUpdate()) {
                log.pending(updates);
            }
            try {
                List<UpdateResult> results = crm.applyAll(updates);
                log.uncertain(results.stream()
                        .filter(WriteAhead::outcomeUnknown)
                        .map(UpdateResult::ticket)
                        .toList());
                if (!crm.capabilities().atomicUpdate()) {
                    List<TicketUpdate> known = new java.util.ArrayList<>();
                    for (int i = 0; i < results.size() && i < updates.size(); i++) {
                        if (!outcomeUnknown(results.get(i))) {
                            known.add(updates.get(i));
                        }
                    }
                    log.returned(known);
                }
                return results;
            } catch (RuntimeException e) {
                if (outcomeUnknown(e)) {
                    log.uncertain(tickets);
                }
                throw e;
            }
        }

        @Override
        public Directory directory() {
            return crm.directory();
        }

        @Override
        public Map<AgentId, Integer> openTicketCounts(Collection<AgentId> agents) {
            return crm.openTicketCounts(agents);
        }

        @Override
        public void close() {
            crm.close();
        }
    }
}
