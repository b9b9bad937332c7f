package dev.handover.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.salesforce.http.Errors;
import dev.handover.salesforce.http.Json;
import dev.handover.salesforce.http.Transport;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.selftest.ExchangeRecorder;
import dev.handover.spi.selftest.Probe;
import dev.handover.spi.selftest.SelfTestSupport;
import dev.handover.spi.selftest.TestTeam;
import dev.handover.spi.selftest.TestTicket;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the Salesforce connector offers {@code handover selftest}: test Cases created and deleted (closed when deletion
 * is refused) with plain sObject Rows calls, the org's {@code Organization.IsSandbox}, the Salesforce probes of {@link
 * SelfTestProbes}, and recording of every API exchange in the transport. Kept in the top package because it maps
 * Cases as the connector does ({@link Reader}, {@link CaseState}), which are package-private.
 */
final class SelfTest implements SelfTestSupport {
    static final String SANDBOX_SOQL = "SELECT IsSandbox FROM Organization";
    /** Case.Subject holds 255 characters. */
    private static final int SUBJECT_MAX = 255;

    private final Config config;
    private final Transport transport;
    private final Reader reader;

    SelfTest(Config config, Transport transport, Reader reader) {
        this.config = config;
        this.transport = transport;
        this.reader = reader;
    }

    Config config() {
        return config;
    }

    Transport transport() {
        return transport;
    }

    Reader reader() {
        return reader;
    }

    /** The instance the token names (it may differ from the configured login URL): recordings replace it. */
    @Override
    public Optional<java.net.URI> address() {
        return Optional.of(transport.instanceUrl());
    }

    @Override
    public Optional<Boolean> sandbox() {
        String what = "reading the org's sandbox flag";
        JsonNode flag =
                transport.query(SANDBOX_SOQL, what).path("records").path(0).path("IsSandbox");
        if (!flag.isBoolean()) {
            throw Errors.unavailable(what, "the Organization record carries no IsSandbox", null);
        }
        return Optional.of(flag.booleanValue());
    }

    @Override
    public Ticket createTestTicket(TestTicket ticket, TestTeam team) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(team, "team");
        ObjectNode c = Json.MAPPER.createObjectNode();
        String subject = ticket.labelledSubject();
        c.put("Subject", Json.protect(subject.length() > SUBJECT_MAX ? subject.substring(0, SUBJECT_MAX) : subject));
        c.put("Description", Json.protect(ticket.description()));
        // no Contact: the test requester is the web-to-case requester, which the connector reads when there is none
        c.put("SuppliedEmail", team.requesterEmail());
        c.put("SuppliedName", team.requesterName());
        c.put("OwnerId", Ids.userId(team.sender(), "test sender"));
        team.group().ifPresent(g -> config.caseFields().group().ifPresent(f -> c.put(f, Ids.groupId(g))));
        TreeSet<String> tags = new TreeSet<>(ticket.tags());
        tags.add(TestTicket.TAG);
        c.put(
                config.caseFields().tags(),
                Json.protect(CaseState.formatTags(
                        List.copyOf(tags), config.caseFields().tagsMultiPicklist())));
        String what = "creating a test Case";
        JsonNode created;
        try {
            created = transport.write("POST", "/sobjects/Case", c, what);
        } catch (Transport.WriteOutcomeUnknown e) {
            throw e.failure();
        }
        String id = created.path("id").asText("");
        if (!Ids.isOf(id, Ids.CASE)) {
            throw Errors.unavailable(what, "the answer names no Case id", null);
        }
        return reader.ticket(TicketId.of(Ids.normalize(id).orElseThrow()))
                .orElseThrow(() -> Errors.notFound("the test Case " + id + " was created but cannot be read"));
    }

    @Override
    public String discard(TicketId ticket) {
        String caseId = Ids.caseId(ticket);
        String refused;
        try {
            transport.write("DELETE", "/sobjects/Case/" + caseId, null, "deleting test Case " + caseId);
            return "deleted";
        } catch (CrmNotFoundException e) {
            return "already deleted (" + describe(e) + ")";
        } catch (CrmException e) {
            refused = describe(e);
        } catch (Transport.WriteOutcomeUnknown e) {
            refused = "an unknown outcome (" + describe(e.failure()) + ")";
        }
        // an integration user without Delete on Cases may still close them, which keeps them off the agents' lists
        String closed = closedStatus();
        ObjectNode close = Json.MAPPER.createObjectNode().put("Status", closed);
        try {
            transport.write("PATCH", "/sobjects/Case/" + caseId, close, "closing test Case " + caseId);
            return "closed (Status '" + closed + "'): deletion refused with " + refused;
        } catch (CrmNotFoundException e) {
            return "deleted (the deletion's answer was lost)";
        } catch (CrmException e) {
            return "left open: deletion refused with " + refused + ", closing refused with " + describe(e);
        } catch (Transport.WriteOutcomeUnknown e) {
            return "perhaps closed: deletion refused with " + refused + ", closing ended in " + describe(e.failure());
        }
    }

    /** The first Case Status the status map reads as CLOSED: what a test Case is closed with. */
    String closedStatus() {
        return config.statusMap().entrySet().stream()
                .filter(e -> e.getValue() == TicketStatus.CLOSED)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse("Closed");
    }

    @Override
    public List<Probe> probes() {
        return SelfTestProbes.all(this);
    }

    @Override
    public void record(Optional<ExchangeRecorder> recorder) {
        transport.record(Objects.requireNonNull(recorder, "recorder"));
    }

    /** HTTP status and code of a failure, never its message (it may echo record data). */
    static String describe(CrmException e) {
        String status = e.httpStatus().isPresent() ? "HTTP " + e.httpStatus().getAsInt() : "no HTTP answer";
        return status + e.vendorCode().map(c -> " " + c).orElse("");
    }
}
