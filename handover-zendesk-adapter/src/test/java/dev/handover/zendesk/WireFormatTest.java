package dev.handover.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.handover.spi.Assignment;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.PageRequest;
import dev.handover.spi.Secret;
import dev.handover.spi.SortOrder;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.error.CrmRateLimitedException;
import dev.handover.spi.error.CrmUnauthorizedException;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.NoteFormat;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter's requests, byte for byte where it matters, against Zendesk's documented shapes: paths, query strings,
 * headers and JSON bodies. Plain WireMock stubs, no fake state: what is asserted is what goes on the wire.
 */
final class WireFormatTest {
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final String EMAIL = "agent@example.com";
    private static final String TOKEN = "wire-token";
    private static final String BASIC =
            "Basic " + Base64.getEncoder().encodeToString((EMAIL + "/token:" + TOKEN).getBytes(StandardCharsets.UTF_8));

    private WireMockServer server;
    private ZendeskConnector crm;

    @BeforeEach
    void start() {
        server = PlainWireMock.start();
        crm = connector(ZendeskConnector.builder().apiToken(EMAIL, Secret.of(TOKEN)));
    }

    private ZendeskConnector connector(ZendeskConnector.Builder b) {
        return b.baseUrl(URI.create(server.baseUrl()))
                .ticketField(360001L, "refund_amount")
                .ticketField(360002L, "products")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .sleeper(d -> {})
                .random(new SplittableRandom(1))
                .build();
    }

    private void perItem() {
        crm.close();
        crm = connector(
                ZendeskConnector.builder().apiToken(EMAIL, Secret.of(TOKEN)).taskTicketPerItem(true));
    }

    @AfterEach
    void stop() {
        crm.close();
        server.stop();
    }

    private static String ticketJson(long id, String updatedAt, String extra) {
        return "{\"id\":" + id + ",\"subject\":\"Refund\",\"description\":\"Where is my refund?\",\"status\":\"open\","
                + "\"priority\":\"high\",\"requester_id\":401,\"assignee_id\":201,\"group_id\":301,"
                + "\"organization_id\":501,\"tags\":[\"kit\",\"vip\"],\"via\":{\"channel\":\"web_form\"},"
                + "\"custom_fields\":[{\"id\":360001,\"value\":\"123.50\"},{\"id\":360002,\"value\":[\"a\",\"b\"]},"
                + "{\"id\":999,\"value\":\"unmapped\"}],\"created_at\":\"2026-03-01T08:00:00Z\",\"updated_at\":\""
                + updatedAt + "\"" + extra + "}";
    }

    private static final String SIDELOADS =
            "\"users\":[{\"id\":401,\"name\":\"Zoë Customer\",\"email\":\"zoe@example.org\","
                    + "\"phone\":\"+44 20 7946 0000\",\"locale\":\"de-DE\"}],\"organizations\":[{\"id\":501,\"name\":\"Acme Ltd\"}],"
                    + "\"metric_sets\":[{\"ticket_id\":42,\"reopens\":2}]";

    private void stubTicket(String updatedAt) {
        server.stubFor(get(urlPathEqualTo("/api/v2/tickets/42"))
                .willReturn(okJson("{\"ticket\":" + ticketJson(42, updatedAt, "") + "," + SIDELOADS + "}")));
    }

    private void stubPutOk(long id, String newUpdatedAt) {
        server.stubFor(put(urlEqualTo("/api/v2/tickets/" + id))
                .willReturn(okJson("{\"ticket\":" + ticketJson(id, newUpdatedAt, "") + ",\"audit\":{\"id\":1}}")));
    }

    @Test
    void readsATicketWithItsSideloadsAndMapsEveryField() {
        stubTicket("2026-03-02T08:00:00Z");

        Ticket t = crm.ticket(TicketId.of("42")).orElseThrow();

        server.verify(getRequestedFor(urlEqualTo("/api/v2/tickets/42?include=users%2Corganizations%2Cmetric_sets"))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("Authorization", equalTo(BASIC))
                .withHeader("User-Agent", equalTo("handover-zendesk-adapter/0.1")));
        assertThat(t.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(t.rawStatus()).isEqualTo("open");
        assertThat(t.priority()).isEqualTo(TicketPriority.HIGH);
        assertThat(t.assignee()).contains(AgentId.of("201"));
        assertThat(t.group()).contains(GroupId.of("301"));
        assertThat(t.channel()).isEqualTo(Channel.WEB);
        assertThat(t.customFields())
                .containsExactly(
                        java.util.Map.entry("refund_amount", "123.50"), java.util.Map.entry("products", "a,b"));
        assertThat(t.requester().name()).isEqualTo("Zoë Customer");
        assertThat(t.requester().phone()).isEqualTo("+44 20 7946 0000");
        assertThat(t.requester().organization()).isEqualTo("Acme Ltd");
        assertThat(t.requester().language()).contains(Locale.forLanguageTag("de-DE"));
        assertThat(t.reopens()).isEqualTo(2);
        assertThat(t.version()).isEqualTo(Version.of("2026-03-02T08:00:00Z"));
        assertThat(t.link()).contains(URI.create(server.baseUrl() + "/agent/tickets/42"));
    }

    @Test
    void aMissingTicketIsEmptyAndANonNumericIdCostsNoCall() {
        server.stubFor(get(urlPathEqualTo("/api/v2/tickets/43"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"RecordNotFound\",\"description\":\"Not found\"}")));

        assertThat(crm.ticket(TicketId.of("43"))).isEmpty();
        assertThat(crm.ticket(TicketId.of("not-a-zendesk-id"))).isEmpty();
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    @Test
    void writesAHandoverAsOnePutWithAPrivateNoteTheComputedTagsAndSafeUpdate() {
        stubTicket("2026-03-02T08:00:00Z");
        stubPutOk(42, "2026-03-02T09:00:01Z");
        Ticket read = crm.ticket(TicketId.of("42")).orElseThrow();

        crm.apply(TicketUpdate.builder(read.id())
                .note(NoteDraft.internal("Handover: refund promised by Friday"))
                .assign(Assignment.toAgentInGroup(AgentId.of("202"), GroupId.of("302")))
                .addTag("handover")
                .removeTag("vip")
                .expectedVersion(read.version())
                .idempotencyKey("ho-7-note")
                .build());

        server.verify(putRequestedFor(urlEqualTo("/api/v2/tickets/42"))
                .withHeader("Content-Type", equalTo("application/json;charset=UTF-8"))
                .withRequestBody(equalToJson("""
                        {"ticket":{
                          "comment":{"body":"Handover: refund promised by Friday\\n\\n[handover write: ho-7-note]","public":false},
                          "assignee_id":202,"group_id":302,
                          "tags":["kit","handover"],
                          "metadata":{"handover_write":"ho-7-note"},
                          "safe_update":true,"updated_stamp":"2026-03-02T08:00:00Z"}}""", false, false)));
    }

    @Test
    void reassignsToAGroupWithAnExplicitNullAssignee() {
        stubTicket("2026-03-02T08:00:00Z");
        stubPutOk(42, "2026-03-02T09:00:01Z");

        crm.apply(TicketUpdate.builder(TicketId.of("42"))
                .assign(Assignment.toGroup(GroupId.of("303")))
                .expectedVersion(Version.of("2026-03-02T08:00:00Z"))
                .build());

        server.verify(putRequestedFor(urlEqualTo("/api/v2/tickets/42"))
                .withRequestBody(equalToJson(
                        "{\"ticket\":{\"assignee_id\":null,\"group_id\":303,\"safe_update\":true,"
                                + "\"updated_stamp\":\"2026-03-02T08:00:00Z\"}}",
                        false,
                        true))
                // without an idempotency key the write's own random key goes into its audit
                .withRequestBody(matchingJsonPath("$.ticket.metadata.handover_write", matching("w-[0-9a-f-]{36}"))));
        // no tags to compute from the ticket: it is not read (the directory is, to check the group)
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api/v2/tickets/42"))))
                .isEmpty();
        assertThat(server.findAll(getRequestedFor(urlPathEqualTo("/api/v2/tickets/show_many"))))
                .isEmpty();
    }

    @Test
    void writesAnHtmlNoteAsHtmlBodyAndACustomerNoticeAsAPublicComment() {
        stubTicket("2026-03-02T08:00:00Z");
        stubPutOk(42, "2026-03-02T09:00:01Z");

        crm.apply(TicketUpdate.builder(TicketId.of("42"))
                .note(NoteDraft.customerReply("Bruno takes over your case."))
                .note(NoteDraft.internal("<p>Handover <strong>note</strong></p>", NoteFormat.HTML))
                .expectedVersion(Version.of("2026-03-02T08:00:00Z"))
                .idempotencyKey("ho-8")
                .build());

        List<String> bodies = server.findAll(putRequestedFor(urlEqualTo("/api/v2/tickets/42"))).stream()
                .map(r -> r.getBodyAsString())
                .toList();
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(0))
                .contains("\"html_body\":\"<p>Handover <strong>note</strong></p><p>[handover write: ho-8]</p>\"")
                .contains("\"public\":false")
                .contains("\"updated_stamp\":\"2026-03-02T08:00:00Z\"");
        assertThat(bodies.get(1))
                .contains("\"body\":\"Bruno takes over your case.\"")
                .contains("\"public\":true")
                .contains("\"updated_stamp\":\"2026-03-02T09:00:01Z\"") // chained on the first write's version
                .doesNotContain("handover write");
    }

    @Test
    void aStaleVersionIsAConflictWithZendesksCode() {
        server.stubFor(put(urlEqualTo("/api/v2/tickets/42"))
                .willReturn(aResponse()
                        .withStatus(409)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"error\":\"UpdateConflict\",\"description\":\"Safe Update prevented the update due to "
                                        + "outdated ticket data.\"}")));

        assertThatThrownBy(() -> crm.apply(TicketUpdate.builder(TicketId.of("42"))
                        .note(NoteDraft.internal("late"))
                        .expectedVersion(Version.of("2026-03-02T07:00:00Z"))
                        .build()))
                .isInstanceOf(CrmConflictException.class)
                .satisfies(e -> assertThat(((CrmConflictException) e).vendor()).isEqualTo("zendesk"))
                .hasMessageContaining("ticket 42 changed since it was read");
        assertThat(server.findAll(putRequestedFor(urlEqualTo("/api/v2/tickets/42"))))
                .hasSize(1); // never retried
    }

    @Test
    void aConflictWithAKeyLooksForTheWriteMarkerAmongTheNewestComments() {
        server.stubFor(put(urlEqualTo("/api/v2/tickets/42"))
                .willReturn(aResponse()
                        .withStatus(409)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"UpdateConflict\",\"description\":\"outdated\"}")));
        server.stubFor(get(urlPathEqualTo("/api/v2/tickets/42/comments"))
                .willReturn(okJson("{\"comments\":[{\"id\":9,\"author_id\":1,\"public\":false,"
                        + "\"body\":\"Note\\n\\n[handover write: ho-9]\",\"created_at\":\"2026-03-02T08:30:00Z\"}],"
                        + "\"meta\":{\"has_more\":false}}")));

        var result = crm.apply(TicketUpdate.builder(TicketId.of("42"))
                .note(NoteDraft.internal("Note"))
                .expectedVersion(Version.of("2026-03-02T07:00:00Z"))
                .idempotencyKey("ho-9")
                .build());

        assertThat(result.status()).isEqualTo(dev.handover.spi.UpdateResult.Status.REPLAYED);
        server.verify(getRequestedFor(urlEqualTo("/api/v2/tickets/42/comments?page%5Bsize%5D=100&sort=-created_at")));
    }

    @Test
    void createsATaskTicketWithAnIdempotencyKey() {
        perItem(); // the wire format of one task ticket per task (tasks.tickets: per-item)
        server.stubFor(get(urlPathEqualTo("/api/v2/tickets/show_many"))
                .willReturn(okJson("{\"tickets\":[" + ticketJson(42, "2026-03-02T08:00:00Z", "") + "]}")));
        server.stubFor(post(urlEqualTo("/api/v2/tickets"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("x-idempotency-lookup", "miss")
                        .withBody(
                                "{\"ticket\":{\"id\":77,\"type\":\"task\",\"subject\":\"Acknowledge\",\"status\":\"open\","
                                        + "\"description\":\"Please confirm\\n\\n[handover task: ticket #42, handover ho-1, key ack]\","
                                        + "\"assignee_id\":202,\"due_at\":\"2026-03-02T10:00:00Z\",\"external_id\":\"handover:ho-1:ack\","
                                        + "\"tags\":[\"handover_task\",\"handover_ticket_42\",\"handover_id_ho-1\","
                                        + "\"handover_kind_acknowledgement\"],\"created_at\":\"2026-03-02T09:00:00Z\","
                                        + "\"updated_at\":\"2026-03-02T09:00:00Z\"}}")));

        var result = crm.apply(TicketUpdate.builder(TicketId.of("42"))
                .createTask(TaskDraft.builder(HandoverId.of("ho-1"), "ack", TaskKind.ACKNOWLEDGEMENT)
                        .owner(AgentId.of("202"))
                        .subject("Acknowledge")
                        .body("Please confirm")
                        .due(Instant.parse("2026-03-02T10:00:00.250Z"))
                        .build())
                .build());

        server.verify(postRequestedFor(urlEqualTo("/api/v2/tickets"))
                .withHeader("Idempotency-Key", equalTo("handover-task-42-ho-1-ack"))
                .withRequestBody(equalToJson("""
                        {"ticket":{"type":"task","subject":"Acknowledge",
                          "comment":{"body":"Please confirm\\n\\n[handover task: ticket #42, handover ho-1, key ack]","public":false},
                          "assignee_id":202,"due_at":"2026-03-02T10:00:00Z","external_id":"handover:ho-1:ack",
                          "tags":["handover_task","handover_ticket_42","handover_id_ho-1","handover_kind_acknowledgement"]}}""", false, false)));
        assertThat(result.createdTasks()).singleElement().satisfies(task -> {
            assertThat(task.body()).isEqualTo("Please confirm");
            assertThat(task.ticket()).isEqualTo(TicketId.of("42"));
            assertThat(task.kind()).isEqualTo(TaskKind.ACKNOWLEDGEMENT);
        });
    }

    private static String taskJson(long id, String key) {
        return "{\"id\":" + id + ",\"type\":\"task\",\"subject\":\"Task " + key + "\",\"status\":\"open\","
                + "\"description\":\"[handover task: ticket #42, handover ho-2, key " + key + "]\","
                + "\"assignee_id\":202,\"due_at\":\"2026-03-02T10:00:00Z\",\"external_id\":\"handover:ho-2:" + key
                + "\",\"tags\":[\"handover_task\",\"handover_ticket_42\",\"handover_id_ho-2\",\"handover_kind_action\"],"
                + "\"created_at\":\"2026-03-02T09:00:00Z\",\"updated_at\":\"2026-03-02T09:00:00Z\"}";
    }

    @Test
    void readsCreateManyResultsThatCarryOnlyIndexAndId() {
        perItem(); // the wire format of one task ticket per task (tasks.tickets: per-item)
        // Zendesk's create_many job results may name each new ticket by index and id only, without success or status
        server.stubFor(post(urlEqualTo("/api/v2/tickets/create_many"))
                .willReturn(okJson("{\"job_status\":{\"id\":\"c1\",\"status\":\"queued\"}}")));
        server.stubFor(get(urlEqualTo("/api/v2/job_statuses/c1"))
                .willReturn(okJson("{\"job_status\":{\"id\":\"c1\",\"status\":\"completed\",\"total\":3,"
                        + "\"results\":[{\"index\":0,\"id\":77},{\"index\":1,\"id\":78},{\"index\":2,\"id\":79}]}}")));
        server.stubFor(get(urlPathEqualTo("/api/v2/tickets/show_many"))
                .withQueryParam("ids", equalTo("42"))
                .willReturn(okJson("{\"tickets\":[" + ticketJson(42, "2026-03-02T08:00:00Z", "") + "]}")));
        server.stubFor(get(urlPathEqualTo("/api/v2/tickets/show_many"))
                .withQueryParam("ids", equalTo("77,78,79"))
                .willReturn(okJson("{\"tickets\":[" + taskJson(77, "a") + "," + taskJson(78, "b") + ","
                        + taskJson(79, "c") + "]}")));
        TicketUpdate.Builder u = TicketUpdate.builder(TicketId.of("42"));
        for (String key : List.of("a", "b", "c")) {
            u.createTask(TaskDraft.builder(HandoverId.of("ho-2"), key, TaskKind.ACTION)
                    .owner(AgentId.of("202"))
                    .subject("Task " + key)
                    .due(Instant.parse("2026-03-02T10:00:00Z"))
                    .build());
        }

        var result = crm.apply(u.build());

        assertThat(result.createdTasks()).extracting(t -> t.id().value()).containsExactly("77", "78", "79");
        server.verify(0, getRequestedFor(urlPathEqualTo("/api/v2/tickets"))); // no reconciling look-up
        server.verify(0, postRequestedFor(urlEqualTo("/api/v2/tickets"))); // nothing created one by one
    }

    @Test
    void batchesWritesInOneUpdateManyJobWithAStampPerTicket() {
        StringBuilder tickets = new StringBuilder();
        for (long id = 50; id < 53; id++) {
            tickets.append(tickets.length() == 0 ? "" : ",")
                    .append(ticketJson(id, "2026-03-02T08:00:0" + (id - 50) + "Z", ""));
        }
        server.stubFor(
                get(urlPathEqualTo("/api/v2/tickets/show_many")).willReturn(okJson("{\"tickets\":[" + tickets + "]}")));
        server.stubFor(put(urlEqualTo("/api/v2/tickets/update_many"))
                .willReturn(okJson("{\"job_status\":{\"id\":\"j1\",\"status\":\"queued\"}}")));
        server.stubFor(get(urlEqualTo("/api/v2/job_statuses/j1"))
                .willReturn(okJson("{\"job_status\":{\"id\":\"j1\",\"status\":\"completed\",\"results\":["
                        + "{\"id\":50,\"action\":\"update\",\"success\":true,\"status\":\"Updated\"},"
                        + "{\"id\":51,\"action\":\"update\",\"success\":false,\"status\":\"Failed\",\"error\":\"RecordInvalid\","
                        + "\"details\":\"Assignee is invalid\"},"
                        + "{\"id\":52,\"action\":\"update\",\"success\":true,\"status\":\"Updated\"}]}}")));

        var results = crm.applyAll(List.of(50L, 51L, 52L).stream()
                .map(id -> TicketUpdate.builder(TicketId.of(Long.toString(id)))
                        .note(NoteDraft.internal("note " + id))
                        .addTag("shift")
                        .idempotencyKey("b-" + id)
                        .expectedVersion(Version.of("2026-03-02T08:00:0" + (id - 50) + "Z"))
                        .build())
                .toList());

        server.verify(getRequestedFor(urlEqualTo("/api/v2/tickets/show_many?ids=50%2C51%2C52")));
        server.verify(putRequestedFor(urlEqualTo("/api/v2/tickets/update_many"))
                .withRequestBody(equalToJson("""
                        {"tickets":[
                         {"comment":{"body":"note 50\\n\\n[handover write: b-50]","public":false},"tags":["kit","vip","shift"],
                          "metadata":{"handover_write":"b-50"},"safe_update":true,"updated_stamp":"2026-03-02T08:00:00Z","id":50},
                         {"comment":{"body":"note 51\\n\\n[handover write: b-51]","public":false},"tags":["kit","vip","shift"],
                          "metadata":{"handover_write":"b-51"},"safe_update":true,"updated_stamp":"2026-03-02T08:00:01Z","id":51},
                         {"comment":{"body":"note 52\\n\\n[handover write: b-52]","public":false},"tags":["kit","vip","shift"],
                          "metadata":{"handover_write":"b-52"},"safe_update":true,"updated_stamp":"2026-03-02T08:00:02Z","id":52}]}""", false, false)));
        assertThat(results).extracting(r -> r.status().name()).containsExactly("APPLIED", "FAILED", "APPLIED");
        assertThat(results.get(1).error())
                .get()
                .isInstanceOf(CrmInvalidRequestException.class)
                .satisfies(e -> assertThat(e.vendorCode()).contains("RecordInvalid"));
    }

    @Test
    void searchesWithDocumentedKeywordsSortedByUpdateAndPagesByKey() {
        server.stubFor(get(urlPathEqualTo("/api/v2/search"))
                .willReturn(
                        okJson("{\"results\":[" + ticketJson(42, "2026-03-02T08:00:00Z", ",\"result_type\":\"ticket\"")
                                + "],\"next_page\":null,\"count\":1," + SIDELOADS + "}")));

        var page = crm.searchTickets(
                TicketQuery.builder()
                        .assignee(AgentId.of("201"))
                        .status(TicketStatus.OPEN, TicketStatus.PENDING)
                        .updatedSince(Instant.parse("2026-03-01T00:00:00Z"))
                        .build(),
                PageRequest.first(10));

        assertThat(page.items()).extracting(Ticket::id).containsExactly(TicketId.of("42"));
        assertThat(page.hasNext()).isFalse();
        var request = server.findAll(getRequestedFor(urlPathEqualTo("/api/v2/search")))
                .get(0);
        assertThat(request.queryParameter("query").firstValue())
                .isEqualTo(
                        "type:ticket -tags:handover_task assignee:201 status>new status<hold updated>2026-02-28T23:59:59Z");
        assertThat(request.queryParameter("sort_by").firstValue()).isEqualTo("updated_at");
        assertThat(request.queryParameter("sort_order").firstValue()).isEqualTo("asc");
        assertThat(request.queryParameter("per_page").firstValue()).isEqualTo("100");
        assertThat(request.queryParameter("page").firstValue()).isEqualTo("1");
        assertThat(request.queryParameter("include").firstValue())
                .isEqualTo("tickets(users,organizations,metric_sets)");
        assertThat(request.getUrl()).contains("query=type%3Aticket%20-tags%3Ahandover_task"); // spaces as %20
    }

    @Test
    void readsCommentsWithCursorPaginationAndStripsTheWriteMarker() {
        server.stubFor(get(urlPathEqualTo("/api/v2/tickets/42/comments"))
                .willReturn(okJson("{\"comments\":[{\"id\":5,\"author_id\":201,\"public\":false,"
                        + "\"body\":\"Handover\\n\\n[handover write: ho-1]\",\"created_at\":\"2026-03-02T08:00:00Z\"}],"
                        + "\"meta\":{\"has_more\":true,\"after_cursor\":\"xyz\"},\"links\":{\"next\":\"…\"}}")));

        var page = crm.comments(TicketId.of("42"), SortOrder.NEWEST_FIRST, PageRequest.first(3));
        crm.comments(TicketId.of("42"), SortOrder.OLDEST_FIRST, page.next(3).orElseThrow());

        server.verify(getRequestedFor(urlEqualTo("/api/v2/tickets/42/comments?page%5Bsize%5D=3&sort=-created_at")));
        server.verify(getRequestedFor(
                urlEqualTo("/api/v2/tickets/42/comments?page%5Bsize%5D=3&sort=created_at&page%5Bafter%5D=xyz")));
        Comment c = page.items().get(0);
        assertThat(c.body()).isEqualTo("Handover");
        assertThat(c.isInternal()).isTrue();
        assertThat(page.nextCursor()).contains("xyz");
    }

    @Test
    void readsTheDirectoryWithCursorPaginationAndUserFields() {
        server.stubFor(get(urlPathEqualTo("/api/v2/users"))
                .withQueryParam("page[after]", equalTo("c2"))
                .willReturn(okJson("{\"users\":[{\"id\":203,\"name\":\"Chen\",\"role\":\"agent\",\"active\":true,"
                        + "\"suspended\":true,\"locale\":\"en-US\",\"iana_time_zone\":\"America/New_York\"}],"
                        + "\"meta\":{\"has_more\":false}}")));
        server.stubFor(get(urlEqualTo("/api/v2/users?role%5B%5D=agent&role%5B%5D=admin&page%5Bsize%5D=100"))
                .willReturn(okJson(
                        "{\"users\":[{\"id\":201,\"name\":\"Ada\",\"email\":\"ada@example.com\",\"role\":\"agent\","
                                + "\"active\":true,\"suspended\":false,\"locale\":\"en-GB\",\"iana_time_zone\":\"Europe/London\","
                                + "\"user_fields\":{\"handover_skills\":[\"billing\",\"refunds\"],\"handover_languages\":\"en, de\","
                                + "\"handover_manager\":205,\"handover_capacity\":\"12\",\"handover_role\":\"senior\"}}],"
                                + "\"meta\":{\"has_more\":true,\"after_cursor\":\"c2\"}}")));
        server.stubFor(get(urlPathEqualTo("/api/v2/groups"))
                .willReturn(okJson(
                        "{\"groups\":[{\"id\":301,\"name\":\"Billing\"},{\"id\":302,\"name\":\"Old\",\"deleted\":true}],"
                                + "\"meta\":{\"has_more\":false}}")));
        server.stubFor(get(urlPathEqualTo("/api/v2/group_memberships"))
                .willReturn(okJson(
                        "{\"group_memberships\":[{\"user_id\":201,\"group_id\":301}],\"meta\":{\"has_more\":false}}")));

        var d = crm.directory();

        var ada = d.agent(AgentId.of("201")).orElseThrow();
        assertThat(ada.skills()).containsExactlyInAnyOrder("billing", "refunds");
        assertThat(ada.languages()).extracting(Locale::getLanguage).containsExactly("en", "de");
        assertThat(ada.manager()).contains(AgentId.of("205"));
        assertThat(ada.capacity()).isEqualTo(12);
        assertThat(ada.role()).isEqualTo("senior");
        assertThat(ada.groups()).containsExactly(GroupId.of("301"));
        assertThat(ada.timeZone()).isEqualTo(java.time.ZoneId.of("Europe/London"));
        var chen = d.agent(AgentId.of("203")).orElseThrow();
        assertThat(chen.active()).isFalse();
        assertThat(chen.languages()).extracting(Locale::getLanguage).containsExactly("en"); // from the locale
        assertThat(chen.role()).isEqualTo("agent");
        assertThat(d.groups()).extracting(g -> g.name()).containsExactly("Billing");
        crm.directory();
        assertThat(server.getAllServeEvents()).hasSize(4); // cached
    }

    @Test
    void obtainsAnOauthTokenWithTheClientCredentialsGrantAndSendsItAsBearer() {
        crm.close();
        crm = connector(ZendeskConnector.builder().oauthClientCredentials("handover", Secret.of("client-secret")));
        server.stubFor(post(urlEqualTo("/oauth/tokens"))
                .willReturn(okJson("{\"access_token\":\"at-1\",\"token_type\":\"bearer\",\"expires_in\":3600}")));
        stubTicket("2026-03-02T08:00:00Z");

        crm.ticket(TicketId.of("42"));
        crm.ticket(TicketId.of("42"));

        server.verify(
                1,
                postRequestedFor(urlEqualTo("/oauth/tokens"))
                        .withHeader("Content-Type", equalTo("application/json;charset=UTF-8"))
                        .withRequestBody(equalToJson(
                                "{\"grant_type\":\"client_credentials\",\"client_id\":\"handover\","
                                        + "\"client_secret\":\"client-secret\",\"scope\":\"read write\"}",
                                false,
                                false)));
        server.verify(
                2,
                getRequestedFor(urlPathEqualTo("/api/v2/tickets/42"))
                        .withHeader("Authorization", equalTo("Bearer at-1")));
    }

    @Test
    void mapsValidationErrorsWithTheirFieldDetails() {
        server.stubFor(
                put(urlEqualTo("/api/v2/tickets/42"))
                        .willReturn(
                                aResponse()
                                        .withStatus(422)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":\"RecordInvalid\",\"description\":\"Record validation errors\",\"details\":"
                                                        + "{\"assignee\":[{\"description\":\"Assignee cannot be set while the ticket is being routed\"}]}}")));

        assertThatThrownBy(() -> crm.apply(TicketUpdate.builder(TicketId.of("42"))
                        .note(NoteDraft.internal("x"))
                        .expectedVersion(Version.of("2026-03-02T08:00:00Z"))
                        .build()))
                .isInstanceOf(CrmInvalidRequestException.class)
                .hasMessageContaining("assignee: Assignee cannot be set while the ticket is being routed")
                .hasMessageContaining("RecordInvalid")
                .hasMessageContaining("HTTP 422");
    }

    @Test
    void mapsPlainTextAndPermissionErrors() {
        server.stubFor(get(urlPathEqualTo("/api/v2/tickets/44"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "text/plain")
                        .withBody("Bad request: malformed id\nsecond line")));
        server.stubFor(
                get(urlPathEqualTo("/api/v2/tickets/45"))
                        .willReturn(
                                aResponse()
                                        .withStatus(403)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"error\":{\"title\":\"Forbidden\",\"message\":\"You do not have access to this page\"}}")));
        server.stubFor(get(urlPathEqualTo("/api/v2/tickets/46/comments"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"RecordNotFound\",\"description\":\"Not found\"}")));

        assertThatThrownBy(() -> crm.ticket(TicketId.of("44")))
                .isInstanceOf(CrmInvalidRequestException.class)
                .hasMessageContaining("read of ticket 44 failed: Bad request: malformed id [zendesk, HTTP 400]");
        assertThatThrownBy(() -> crm.ticket(TicketId.of("45")))
                .isInstanceOf(CrmUnauthorizedException.class)
                .hasMessageContaining("You do not have access to this page")
                .hasMessageContaining("Forbidden");
        assertThatThrownBy(() -> crm.comments(TicketId.of("46"), SortOrder.OLDEST_FIRST, PageRequest.first()))
                .isInstanceOf(CrmNotFoundException.class);
    }

    @Test
    void aRetryAfterBeyondTheCeilingIsHandedToTheCaller() {
        server.stubFor(get(urlPathEqualTo("/api/v2/tickets/42"))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "600")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"APIRateLimitExceeded\",\"description\":\"Too many requests\"}")));

        assertThatThrownBy(() -> crm.ticket(TicketId.of("42")))
                .isInstanceOf(CrmRateLimitedException.class)
                .satisfies(e ->
                        assertThat(((CrmRateLimitedException) e).retryAfter()).contains(Duration.ofMinutes(10)))
                .satisfies(e ->
                        assertThat(((CrmRateLimitedException) e).vendorCode()).contains("APIRateLimitExceeded"));
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    @Test
    void declaresWhatZendeskCanDo() {
        var c = crm.capabilities();
        assertThat(c.maxReadBatchSize()).isEqualTo(100);
        assertThat(c.maxWriteBatchSize()).isEqualTo(100);
        assertThat(c.atomicUpdate()).isTrue();
        assertThat(c.tasksInSameWrite()).isFalse();
        assertThat(c.nativeReminders()).isFalse();
        assertThat(c.agentPresence()).isFalse();
        assertThat(c.noteFormats()).containsExactlyInAnyOrder(NoteFormat.PLAIN_TEXT, NoteFormat.HTML);
        assertThat(c.preferredNoteFormat()).isEqualTo(NoteFormat.HTML);
        assertThat(c.maxNoteBytes()).isEqualTo(32_000);
        assertThat(Optional.of(crm.vendor())).contains("zendesk");
    }
}
