package dev.handover.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.spi.PageRequest;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.selftest.ExchangeRecorder;
import dev.handover.spi.selftest.Probe;
import dev.handover.spi.selftest.SelfTestSupport;
import dev.handover.spi.selftest.TestTeam;
import dev.handover.spi.selftest.TestTicket;
import dev.handover.zendesk.http.Errors;
import dev.handover.zendesk.http.HttpCall;
import dev.handover.zendesk.http.HttpResult;
import dev.handover.zendesk.http.Json;
import dev.handover.zendesk.http.Transport;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * What the Zendesk connector offers {@code handover selftest}: test tickets created with the test requester
 * ({@code requester: {name, email}}, which Zendesk finds or creates as an end user) and deleted again with their task
 * tickets (solved when the API user may not delete tickets), the Zendesk probes of {@link SelfTestProbes}, and
 * recording of every exchange in the transport. Zendesk has no sandbox flag an API can read, so {@link #sandbox()} is
 * empty and the configuration has to say {@code selftest.allowed: true}. Kept in the top package because it reads
 * tickets and tasks as the connector does ({@link Reader}, {@link TaskReader}), which are package-private.
 */
final class SelfTest implements SelfTestSupport {
    private final Config config;
    private final Transport http;
    private final Reader reader;
    private final TaskReader tasks;

    SelfTest(Config config, Transport http, Reader reader, TaskReader tasks) {
        this.config = config;
        this.http = http;
        this.reader = reader;
        this.tasks = tasks;
    }

    Config config() {
        return config;
    }

    Transport http() {
        return http;
    }

    /** Task ids are the task ticket's id, or {@code <checklist ticket>#<item key>} with one ticket per handover. */
    OptionalLong taskTicket(Task task) {
        String v = task.id().value();
        int hash = v.indexOf('#');
        return Ids.parse(hash < 0 ? v : v.substring(0, hash));
    }

    /** The task tickets of a ticket, whatever their status: the connector's own task query. */
    Set<Long> taskTickets(TicketId ticket) {
        Set<Long> out = new LinkedHashSet<>();
        for (Task t : tasks.tasks(TaskQuery.builder().ticket(ticket).build(), PageRequest.first(100))
                .items()) {
            taskTicket(t).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public Optional<Boolean> sandbox() {
        return Optional.empty();
    }

    /** The account's base URL: recordings replace it, so that they replay against any server. */
    @Override
    public Optional<URI> address() {
        return Optional.of(config.baseUrl());
    }

    @Override
    public Ticket createTestTicket(TestTicket ticket, TestTeam team) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(team, "team");
        ObjectNode t = Json.object();
        t.put("subject", ticket.labelledSubject());
        // private from the start: the test requester is not emailed by the "new ticket" triggers on a public comment
        t.putObject("comment").put("body", ticket.description()).put("public", false);
        t.putObject("requester").put("name", team.requesterName()).put("email", team.requesterEmail());
        t.put("assignee_id", zendeskId(team.sender().value(), "test sender"));
        team.group().ifPresent(g -> t.put("group_id", zendeskId(g.value(), "test group")));
        ArrayNode tags = t.putArray("tags");
        TreeSet<String> all = new TreeSet<>(ticket.tags());
        all.add(TestTicket.TAG);
        all.forEach(tags::add);
        JsonNode created = http.execute(HttpCall.write(
                        "POST", "/api/v2/tickets", Json.write(TaskWriter.wrap(t)), "creation of a self-test ticket")
                .header("Idempotency-Key", "handover-selftest-" + UUID.randomUUID())
                .repeatable(true));
        long id = created.path("ticket").path("id").asLong(0);
        if (id <= 0) {
            throw new CrmUnavailableException(
                    Errors.VENDOR, 0, "UnexpectedAnswer", "the created self-test ticket's answer names no id", null);
        }
        return reader.ticket(TicketId.of(Long.toString(id)))
                .orElseThrow(() -> new CrmUnavailableException(
                        Errors.VENDOR,
                        0,
                        "UnexpectedAnswer",
                        "the self-test ticket " + id + " was created but cannot be read",
                        null));
    }

    private static long zendeskId(String value, String what) {
        return Ids.parse(value)
                .orElseThrow(() -> new IllegalArgumentException(what + " '" + value + "' is not a Zendesk id"));
    }

    @Override
    public String discard(TicketId ticket) {
        long id = zendeskId(ticket.value(), "ticket");
        StringBuilder out = new StringBuilder();
        Set<Long> taskTickets;
        try {
            taskTickets = taskTickets(ticket);
        } catch (CrmException e) {
            taskTickets = Set.of();
            out.append("its task tickets could not be listed (")
                    .append(describe(e))
                    .append("); ");
        }
        int tasksGone = 0;
        for (long task : taskTickets) {
            if (task != id && remove(task).startsWith("deleted")) {
                tasksGone++;
            }
        }
        String self = remove(id);
        out.insert(0, self);
        if (!taskTickets.isEmpty()) {
            out.append(", with ")
                    .append(tasksGone)
                    .append(" of ")
                    .append(taskTickets.size())
                    .append(" task ticket(s) deleted");
        }
        return out.toString();
    }

    /**
     * Deletes one ticket ("Allowed for: Admins, Agents with permission to delete tickets"; 204 No Content,
     * https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/#delete-ticket), or solves it when the
     * API user may not delete tickets.
     */
    private String remove(long id) {
        HttpResult deleted = http.exchange(
                HttpCall.write("DELETE", "/api/v2/tickets/" + id, null, "deletion of self-test ticket " + id)
                        .repeatable(true));
        if (deleted.ok()) {
            return "deleted";
        }
        if (deleted.status() == 404) {
            return "deleted (already gone)";
        }
        String refused = describe(deleted.error().orElseThrow());
        ObjectNode solve = Json.object().put("status", "solved");
        HttpResult solved = http.exchange(HttpCall.write(
                        "PUT",
                        "/api/v2/tickets/" + id,
                        Json.write(TaskWriter.wrap(solve)),
                        "solving of self-test ticket " + id)
                .repeatable(true));
        if (solved.ok()) {
            return "solved: deletion refused with " + refused;
        }
        return "left open: deletion refused with " + refused + ", solving refused with "
                + describe(solved.error().orElseThrow());
    }

    @Override
    public List<Probe> probes() {
        return SelfTestProbes.all(this);
    }

    @Override
    public void record(Optional<ExchangeRecorder> recorder) {
        http.record(Objects.requireNonNull(recorder, "recorder"));
    }

    /** HTTP status and error code of a failure, never its message (it may echo ticket data). */
    static String describe(CrmException e) {
        String status = e.httpStatus().isPresent() ? "HTTP " + e.httpStatus().getAsInt() : "no HTTP answer";
        return status + e.vendorCode().map(c -> " " + c).orElse("");
    }
}
