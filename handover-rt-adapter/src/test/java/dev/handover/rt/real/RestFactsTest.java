package dev.handover.rt.real;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Request Tracker 5's REST 2.0 does, measured on the real server (https://docs.bestpractical.com/rt/5.0.3/RT/REST2.html):
 * the facts the RT adapter's handover write is designed on. Each test makes its own ticket in the seeded Billing queue
 * (tools/rt/team.initialdata: ada, chen, eve and dana in the Billing team; jonas only in Technical).
 */
final class RestFactsTest {
    private RealRt rt;

    @BeforeEach
    void rt() {
        rt = RealRt.get();
    }

    /** The header block of one mail (up to the first blank line). */
    private static String headers(String message) {
        int end = message.indexOf("\n\n");
        return end < 0 ? message : message.substring(0, end);
    }

    private String newTicket(String subject) {
        ObjectNode t = RealRt.JSON
                .createObjectNode()
                .put("Queue", "Billing")
                .put("Subject", subject)
                .put("Owner", "ada")
                .put("Requestor", "requester@customer.test")
                .put("Content", "Created by RestFactsTest.");
        HttpResponse<String> r = rt.call("POST", "/ticket", t, Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return rt.json(r).path("id").asText();
    }

    private HttpResponse<String> read(String id) {
        return rt.call("GET", "/ticket/" + id, null, Map.of());
    }

    private static String etag(HttpResponse<String> r) {
        return r.headers().firstValue("ETag").orElseThrow();
    }

    private String owner(String id) {
        return rt.json(read(id)).path("Owner").path("id").asText();
    }

    private List<String> transactionTypes(String id) {
        JsonNode page = rt.json(rt.call("GET", "/ticket/" + id + "/history?per_page=100&fields=Type", null, Map.of()));
        List<String> out = new ArrayList<>();
        page.path("items").forEach(i -> out.add(i.path("Type").asText()));
        return out;
    }

    @Test
    void aStaleIfMatchIsRefusedWith412AndChangesNothing() {
        String id = newTicket("stale If-Match");
        String before = etag(read(id));
        ObjectNode change = RealRt.JSON.createObjectNode().put("Owner", "chen");
        assertThat(rt.call("PUT", "/ticket/" + id, change, Map.of("If-Match", before))
                        .statusCode())
                .isEqualTo(200);
        String after = etag(read(id));
        assertThat(after).isNotEqualTo(before);

        HttpResponse<String> stale = rt.call(
                "PUT", "/ticket/" + id, RealRt.JSON.createObjectNode().put("Owner", "eve"), Map.of("If-Match", before));

        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(owner(id)).isEqualTo("chen");
        assertThat(etag(read(id))).isEqualTo(after);
    }

    @Test
    void aRefusedOwnerChangeIsAnsweredWith200AndAMessage() {
        String id = newTicket("owner refused");

        // jonas has no OwnTicket right in Billing: RT says so in the message list of a 200, and keeps the owner
        HttpResponse<String> r =
                rt.call("PUT", "/ticket/" + id, RealRt.JSON.createObjectNode().put("Owner", "jonas"), Map.of());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(rt.json(r).toString()).contains("That user may not own tickets in that queue");
        assertThat(owner(id)).isEqualTo("ada");
    }

    @Test
    void aCommentIsInternalACorrespondenceMailsTheRequesterAndBothAdvanceTheETag() {
        String id = newTicket("comment and correspond");
        String before = etag(read(id));

        HttpResponse<String> comment = rt.call(
                "POST",
                "/ticket/" + id + "/comment",
                RealRt.JSON
                        .createObjectNode()
                        .put("Content", "Internal handover note")
                        .put("ContentType", "text/plain"),
                Map.of());
        HttpResponse<String> reply = rt.call(
                "POST",
                "/ticket/" + id + "/correspond",
                RealRt.JSON
                        .createObjectNode()
                        .put("Content", "Hello, a colleague takes over")
                        .put("ContentType", "text/plain"),
                Map.of());

        assertThat(comment.statusCode()).as(comment.body()).isEqualTo(201);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        assertThat(transactionTypes(id)).contains("Create", "Comment", "Correspond");
        // RT's default scrips: a correspondence is mailed to the requester, a comment only to the queue's AdminCcs
        // (the team); no message with the internal note is addressed to the requester
        List<String> messages = List.of(rt.mailSent().split("(?m)^From rt@"));
        assertThat(messages)
                .filteredOn(m -> m.contains("Hello, a colleague takes over"))
                .anySatisfy(m -> assertThat(headers(m)).contains("requester@customer.test"));
        assertThat(messages)
                .filteredOn(m -> m.contains("Internal handover note"))
                .isNotEmpty()
                .allSatisfy(m -> assertThat(headers(m)).doesNotContain("requester@customer.test"));
        // a note and a reassignment are two requests: a version read before the note is stale after it
        assertThat(etag(read(id))).isNotEqualTo(before);
    }

    @Test
    void ticketSqlFindsTicketsByLastUpdated() {
        String id = newTicket("TicketSQL on LastUpdated");
        String updated = rt.json(read(id)).path("LastUpdated").asText(); // 2026-12-06T02:04:04Z
        String since = updated.replace('T', ' ').replace("Z", "");
        assertThat(search("Queue = 'Billing' AND LastUpdated >= '" + since + "'"))
                .contains(id);
    }

    @Test
    void aCommentRefusesEveryIfMatchAndCarriesAStatusChangeButNotAnOwnerChange() {
        String id = newTicket("comment with If-Match");
        String current = etag(read(id));

        // the comment resource has no ETag of its own: even the ticket's current one is refused
        HttpResponse<String> guarded = rt.call(
                "POST",
                "/ticket/" + id + "/comment",
                RealRt.JSON.createObjectNode().put("Content", "guarded note").put("ContentType", "text/plain"),
                Map.of("If-Match", current));
        assertThat(guarded.statusCode()).isEqualTo(412);
        assertThat(transactionTypes(id)).doesNotContain("Comment");

        HttpResponse<String> withStatus = rt.call(
                "POST",
                "/ticket/" + id + "/comment",
                RealRt.JSON
                        .createObjectNode()
                        .put("Content", "note with a status and an owner")
                        .put("ContentType", "text/plain")
                        .put("Status", "stalled")
                        .put("Owner", "chen"),
                Map.of());

        assertThat(withStatus.statusCode()).as(withStatus.body()).isEqualTo(201);
        assertThat(rt.json(withStatus).toString()).contains("Comments added", "Status changed");
        JsonNode t = rt.json(read(id));
        assertThat(t.path("Status").asText()).isEqualTo("stalled");
        assertThat(t.path("Owner").path("id").asText()).isEqualTo("ada"); // Owner is not taken with a comment
    }

    @Test
    void remindersAreTicketsOfTypeReminderReferringToTheTicketAndStayOutOfTicketSql() {
        String id = newTicket("reminders");
        String before = etag(read(id));

        HttpResponse<String> created = rt.call(
                "POST",
                "/ticket",
                RealRt.JSON
                        .createObjectNode()
                        .put("Queue", "Billing")
                        .put("Type", "reminder")
                        .put("Subject", "Follow up: refund booked?")
                        .put("Owner", "ada")
                        .put("RefersTo", id)
                        .put("Due", "2030-01-08T14:37:00Z"),
                Map.of());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String reminder = rt.json(created).path("id").asText();
        JsonNode r = rt.json(read(reminder));
        assertThat(r.path("Type").asText()).isEqualTo("reminder");
        assertThat(r.path("Due").asText()).isEqualTo("2030-01-08T14:37:00Z"); // to the second
        assertThat(etag(read(id))).isEqualTo(before); // the ticket's version does not move
        assertThat(search("Type = 'reminder' AND RefersTo = " + id)).containsExactly(reminder);
        // TicketSQL without a Type condition finds tickets only: workload counts leave reminders out
        assertThat(search("Owner = 'ada' AND id >= " + id)).containsExactly(id);
        JsonNode unset = rt.json(read(id)).path("Resolved");
        assertThat(unset.asText()).isEqualTo("1970-01-01T00:00:00Z"); // an unset date reads as the epoch
    }

    private List<String> search(String query) {
        JsonNode page = rt.json(rt.call(
                "GET",
                "/tickets?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&per_page=100",
                null,
                Map.of()));
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(i -> ids.add(i.path("id").asText()));
        return ids;
    }
}
