package dev.handover.rt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.rt.http.Errors;
import dev.handover.rt.http.HttpCall;
import dev.handover.rt.http.HttpResult;
import dev.handover.rt.http.Json;
import dev.handover.rt.http.Transport;
import dev.handover.spi.PageRequest;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.selftest.ExchangeRecorder;
import dev.handover.spi.selftest.Probe;
import dev.handover.spi.selftest.SelfTestSupport;
import dev.handover.spi.selftest.TestTeam;
import dev.handover.spi.selftest.TestTicket;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the RT connector offers {@code handover selftest}: test tickets in the team's queue, owned by the test sender,
 * with the test requester added <em>after</em> creation (RT's default "On Create Autoreply To Requestors" scrip would
 * otherwise mail them), discarded again with their reminders (RT's delete is a status, {@code deleted}; rejected when
 * the API user lacks DeleteTicket); the RT probes of {@link SelfTestProbes}; recording in the transport. RT has no
 * sandbox flag, so {@link #sandbox()} is empty and the configuration has to say {@code selftest.allowed: true}.
 */
final class SelfTest implements SelfTestSupport {
    private final Config config;
    private final Transport http;
    private final Reader reader;
    private final DirectoryReader directory;

    SelfTest(Config config, Transport http, Reader reader, DirectoryReader directory) {
        this.config = config;
        this.http = http;
        this.reader = reader;
        this.directory = directory;
    }

    Config config() {
        return config;
    }

    Transport http() {
        return http;
    }

    DirectoryReader directory() {
        return directory;
    }

    @Override
    public Optional<Boolean> sandbox() {
        return Optional.empty();
    }

    @Override
    public Optional<URI> address() {
        return Optional.of(config.url());
    }

    @Override
    public Ticket createTestTicket(TestTicket ticket, TestTeam team) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(team, "team");
        String queue = team.group()
                .map(g -> g.value())
                .or(() -> directory.directory().groups().stream()
                        .map(Group::id)
                        .map(g -> g.value())
                        .findFirst())
                .orElseThrow(() -> new IllegalArgumentException(
                        "the self-test needs a queue: set selftest.group, or let the API user see one"));
        ObjectNode t = Json.object();
        t.put("Queue", queue);
        t.put("Subject", ticket.labelledSubject());
        t.put("Owner", team.sender().value());
        t.put("Content", ticket.description());
        t.put("ContentType", "text/plain");
        ArrayNode tags = t.putObject("CustomFields").putArray(config.tagsField());
        TreeSet<String> all = new TreeSet<>(ticket.tags());
        all.add(TestTicket.TAG);
        all.forEach(tags::add);
        JsonNode created =
                http.execute(HttpCall.write("POST", "/ticket", Json.write(t), "creation of a self-test ticket"));
        String id = Json.text(created, "id");
        if (id.isBlank()) {
            throw new CrmUnavailableException(Errors.VENDOR, "the created self-test ticket's answer names no id");
        }
        ObjectNode requestor = Json.object();
        requestor.putArray("Requestor").add(team.requesterEmail());
        http.execute(
                HttpCall.write("PUT", "/ticket/" + id, Json.write(requestor), "requestor of self-test ticket " + id)
                        .repeatable(true));
        return reader.ticket(TicketId.of(id))
                .orElseThrow(() -> new CrmUnavailableException(
                        Errors.VENDOR, "the self-test ticket " + id + " was created but cannot be read"));
    }

    @Override
    public String discard(TicketId ticket) {
        StringBuilder out = new StringBuilder();
        List<Task> reminders;
        try {
            reminders = reader.tasks(TaskQuery.builder().ticket(ticket).build(), PageRequest.first(100))
                    .items();
        } catch (CrmException e) {
            reminders = List.of();
            out.append("; its reminders could not be listed (")
                    .append(describe(e))
                    .append(')');
        }
        int gone = 0;
        for (Task r : reminders) {
            if (remove(r.id().value()).startsWith("deleted")) {
                gone++;
            }
        }
        if (!reminders.isEmpty()) {
            out.insert(0, ", with " + gone + " of " + reminders.size() + " reminder(s) deleted");
        }
        return remove(ticket.value()) + out;
    }

    /** RT's DELETE sets the status {@code deleted} (right DeleteTicket); without the right the ticket is rejected. */
    private String remove(String id) {
        HttpResult deleted =
                http.exchange(HttpCall.write("DELETE", "/ticket/" + id, null, "deletion of self-test ticket " + id)
                        .repeatable(true));
        if (deleted.ok()) {
            return "deleted";
        }
        if (deleted.status() == 404) {
            return "deleted (already gone)";
        }
        String refused = describe(deleted.error().orElseThrow());
        HttpResult rejected = http.exchange(HttpCall.write(
                        "PUT",
                        "/ticket/" + id,
                        Json.write(Json.object().put("Status", "rejected")),
                        "rejection of self-test ticket " + id)
                .repeatable(true));
        if (rejected.ok()) {
            return "rejected: deletion refused with " + refused;
        }
        return "left open: deletion refused with " + refused + ", rejection refused with "
                + describe(rejected.error().orElseThrow());
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
