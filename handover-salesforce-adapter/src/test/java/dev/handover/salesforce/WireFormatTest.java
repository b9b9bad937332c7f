package dev.handover.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.handover.memory.time.MutableClock;
import dev.handover.salesforce.fake.Ids18;
import dev.handover.spi.Assignment;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.Secret;
import dev.handover.spi.TaskDraft;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The exact requests the adapter sends, against Salesforce's documented shapes: the OAuth form, the SOQL of a read,
 * and the one {@code /composite} call of a handover — its order, the guard and its reference, the per-subrequest
 * {@code Sforce-Auto-Assign: FALSE}, the sObject Collections and every field of the CaseComments and the Task.
 */
final class WireFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CASE = Ids18.of("500", 5);
    private static final String AGENT = Ids18.of("005", 2);
    private static final String GROUP = Ids18.of("00G", 2);
    private static final String CONTACT = Ids18.of("003", 5);
    private static final String TASK = Ids18.of("00T", 77);
    private static final String DATA = "/services/data/v67.0";

    private WireMockServer wire;
    private final List<java.time.Duration> slept = new ArrayList<>();

    @BeforeEach
    void startWireMock() {
        wire = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wire.start();
        wire.stubFor(post("/services/oauth2/token")
                .willReturn(okJson("{\"access_token\":\"00Dwire!token\",\"instance_url\":\"" + wire.baseUrl()
                        + "\",\"token_type\":\"Bearer\",\"issued_at\":\"1772442000000\"}")));
    }

    @AfterEach
    void stopWireMock() {
        wire.stop();
    }

    private SalesforceConnector connector() {
        MutableClock clock = MutableClock.at("2026-03-02T10:00:00Z");
        return SalesforceConnector.builder()
                .settings(CrmSettings.builder("salesforce")
                        .put("instance-url", wire.baseUrl())
                        .put("auth.client-id", "3MVG9wire")
                        .secret("auth.client-secret", Secret.of("wire-secret"))
                        .build())
                .clock(clock)
                .sleeper(slept::add)
                .random(new Random(1))
                .build();
    }

    private static String caseRecord() {
        return "{\"attributes\":{\"type\":\"Case\"},\"Id\":\"" + CASE + "\",\"CaseNumber\":\"00001005\","
                + "\"Subject\":\"Refund\",\"Description\":\"Where is my refund?\",\"Status\":\"Working\","
                + "\"IsClosed\":false,\"Priority\":\"High\",\"Origin\":\"Email\",\"OwnerId\":\"" + Ids18.of("005", 1)
                + "\",\"ContactId\":\"" + CONTACT + "\",\"Contact\":{\"attributes\":{\"type\":\"Contact\"},"
                + "\"Name\":\"Customer 5\",\"Email\":\"c5@example.org\",\"Phone\":null},\"Account\":null,"
                + "\"SuppliedName\":null,\"SuppliedEmail\":null,\"SuppliedPhone\":null,"
                + "\"CreatedDate\":\"2026-03-01T09:00:00.000+0000\",\"LastModifiedDate\":\"2026-03-02T09:00:00.000+0000\","
                + "\"SystemModstamp\":\"2026-03-02T09:00:00.000+0000\",\"Handover_Tags__c\":\"kit n2\","
                + "\"Handover_Keys__c\":null,\"Handover_Revision__c\":null,\"Handover_Group__c\":\""
                + Ids18.of("00G", 1)
                + "\"}";
    }

    private void stubCaseRead() {
        wire.stubFor(get(urlPathEqualTo(DATA + "/query"))
                .willReturn(okJson("{\"totalSize\":1,\"done\":true,\"records\":[" + caseRecord() + "]}")));
    }

    private void stubDirectory() {
        String users = "{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"" + AGENT + "\",\"Name\":\"Bruno\","
                + "\"Email\":\"b@example.com\",\"IsActive\":true,\"TimeZoneSidKey\":\"Europe/Paris\",\"ManagerId\":null,"
                + "\"LanguageLocaleKey\":\"fr\"}]}";
        String groups = "{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"" + GROUP + "\",\"Name\":\"Technical\","
                + "\"DeveloperName\":\"Technical\",\"Type\":\"Regular\"}]}";
        String members = "{\"totalSize\":1,\"done\":true,\"records\":[{\"GroupId\":\"" + GROUP
                + "\",\"UserOrGroupId\":\"" + AGENT + "\"}]}";
        String statuses =
                "{\"totalSize\":2,\"done\":true,\"records\":[{\"ApiName\":\"Not Started\",\"IsClosed\":false},"
                        + "{\"ApiName\":\"Completed\",\"IsClosed\":true},{\"ApiName\":\"Deferred\",\"IsClosed\":false}]}";
        String priorities = "{\"totalSize\":1,\"done\":true,\"records\":[{\"ApiName\":\"Normal\"}]}";
        StringBuilder body = new StringBuilder("{\"compositeResponse\":[");
        String[] refs = {"users", "groups", "members", "statuses", "priorities"};
        String[] bodies = {users, groups, members, statuses, priorities};
        for (int i = 0; i < refs.length; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"body\":")
                    .append(bodies[i])
                    .append(",\"httpHeaders\":{},\"httpStatusCode\":200,\"referenceId\":\"")
                    .append(refs[i])
                    .append("\"}");
        }
        wire.stubFor(post(DATA + "/composite")
                .withRequestBody(containing("\"referenceId\":\"users\""))
                .willReturn(okJson(body.append("]}").toString())));
    }

    private void stubWriteSuccess() {
        String body = compositeWriteAnswer("2026-03-02T10:00:01.000+0000");
        wire.stubFor(post(DATA + "/composite")
                .withRequestBody(containing("\"referenceId\":\"guard\""))
                .willReturn(okJson(body).withHeader("Sforce-Limit-Info", "api-usage=42/15000")));
    }

    private static TicketUpdate handover(Ticket ticket) {
        return TicketUpdate.builder(ticket.id())
                .note(NoteDraft.internal("Handover: refund of 120 EUR promised by Friday"))
                .note(NoteDraft.customerReply("Bruno from our technical team now looks after your case."))
                .assign(Assignment.toAgentInGroup(AgentId.of(AGENT), GroupId.of(GROUP)))
                .addTag("handover")
                .createTask(TaskDraft.builder(HandoverId.of("ho-wire-1"), "ack", TaskKind.ACKNOWLEDGEMENT)
                        .owner(AgentId.of(AGENT))
                        .subject("Acknowledge the handover")
                        .body("Read the note")
                        .due(Instant.parse("2026-03-02T23:30:00Z"))
                        .remindAt(Instant.parse("2026-03-02T23:00:00Z"))
                        .build())
                .expectedVersion(ticket.version())
                .idempotencyKey("wire-1")
                .build();
    }

    @Test
    void anAnswerTheAdapterCannotReadIsAVendorFailureNotARuntimeException() {
        wire.stubFor(get(urlPathEqualTo(DATA + "/query"))
                .willReturn(okJson("{\"totalSize\":1,\"done\":true,\"records\":["
                        + caseRecord()
                                .replace(
                                        "\"SystemModstamp\":\"2026-03-02T09:00:00.000+0000\"",
                                        "\"SystemModstamp\":\"yesterday\"")
                        + "]}")));
        try (SalesforceConnector crm = connector()) {
            assertThatThrownBy(() -> crm.ticket(TicketId.of(CASE)))
                    .isInstanceOf(CrmUnavailableException.class)
                    .hasMessageContaining("Salesforce")
                    .hasMessageNotContaining("Where is my refund");
            assertThatThrownBy(() -> crm.tickets(List.of(TicketId.of(CASE))))
                    .isInstanceOf(CrmUnavailableException.class);
        }
    }

    @Test
    void aWriteWhoseNewVersionCannotBeReadIsAppliedAndItsRetryIsAReplay() {
        // the Case as read before the write, then as the write left it (its key among the markers)
        wire.stubFor(get(urlPathEqualTo(DATA + "/query"))
                .withQueryParam("q", containing("FROM Case"))
                .inScenario("write")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"totalSize\":1,\"done\":true,\"records\":[" + caseRecord() + "]}")));
        wire.stubFor(get(urlPathEqualTo(DATA + "/query"))
                .withQueryParam("q", containing("FROM Case"))
                .inScenario("write")
                .whenScenarioStateIs("written")
                .willReturn(okJson("{\"totalSize\":1,\"done\":true,\"records\":["
                        + caseRecord()
                                .replace(
                                        "\"SystemModstamp\":\"2026-03-02T09:00:00.000+0000\"",
                                        "\"SystemModstamp\":\"2026-03-02T10:00:01.000+0000\"")
                                .replace("\"Handover_Keys__c\":null", "\"Handover_Keys__c\":\"wire-1\\n~first\"")
                                .replace("\"Handover_Revision__c\":null", "\"Handover_Revision__c\":1.0")
                        + "]}")));
        wire.stubFor(get(urlPathEqualTo(DATA + "/query"))
                .withQueryParam("q", containing("FROM Task"))
                .willReturn(okJson("{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"" + TASK
                        + "\",\"WhatId\":\"" + CASE + "\",\"OwnerId\":\"" + AGENT
                        + "\",\"Subject\":\"Acknowledge the handover\",\"Status\":\"Not Started\",\"IsClosed\":false,"
                        + "\"Handover_Id__c\":\"ho-wire-1\",\"Handover_Task_Key__c\":\"ack\","
                        + "\"Handover_Task_Kind__c\":\"ACKNOWLEDGEMENT\",\"Handover_Due__c\":\"2026-03-02T23:30:00.000+0000\","
                        + "\"CreatedDate\":\"2026-03-02T10:00:01.000+0000\"}]}")));
        stubDirectory();
        wire.stubFor(post(DATA + "/composite")
                .withRequestBody(containing("\"referenceId\":\"guard\""))
                .inScenario("write")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(compositeWithUnreadableAfter()))
                .willSetStateTo("written"));
        try (SalesforceConnector crm = connector()) {
            TicketUpdate u = handover(crm.ticket(TicketId.of(CASE)).orElseThrow());

            // every subrequest succeeded and allOrNone committed them: the write landed, only its version is unknown
            assertThat(crm.applyAll(List.of(u))).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(UpdateResult.Status.APPLIED);
                assertThat(r.version()).isEmpty();
                assertThat(r.createdTasks())
                        .singleElement()
                        .satisfies(t -> assertThat(t.id().value()).isEqualTo(TASK));
            });

            // the unknown version is not taken from the cache: the retry reads the Case and finds its key
            UpdateResult retry = crm.apply(u);
            assertThat(retry.status()).isEqualTo(UpdateResult.Status.REPLAYED);
            assertThat(retry.version())
                    .hasValueSatisfying(v -> assertThat(v.value()).isEqualTo("2026-03-02T10:00:01Z/1"));
            assertThat(retry.createdTasks())
                    .singleElement()
                    .satisfies(t -> assertThat(t.id().value()).isEqualTo(TASK));
        }
        assertThat(wire.findAll(postRequestedFor(urlPathEqualTo(DATA + "/composite"))).stream()
                        .filter(r -> r.getBodyAsString().contains("\"referenceId\":\"guard\"")))
                .as("no second write")
                .hasSize(1);
    }

    @Test
    void aCreatedTaskWhoseIdCannotBeReadLeavesTheWriteApplied() {
        stubCaseRead();
        stubDirectory();
        wire.stubFor(post(DATA + "/composite")
                .withRequestBody(containing("\"referenceId\":\"guard\""))
                .willReturn(okJson(compositeWithUnreadableAfter()
                        .replace("\"not a time\"", "\"2026-03-02T10:00:01.000+0000\"")
                        .replace("{\"id\":\"" + TASK + "\"", "{\"id\":null"))));
        try (SalesforceConnector crm = connector()) {
            UpdateResult r = crm.apply(handover(crm.ticket(TicketId.of(CASE)).orElseThrow()));

            assertThat(r.status()).isEqualTo(UpdateResult.Status.APPLIED);
            assertThat(r.version())
                    .hasValueSatisfying(v -> assertThat(v.value()).isEqualTo("2026-03-02T10:00:01Z/1"));
            assertThat(r.createdTasks()).isEmpty();
        }
    }

    /** The answer of a successful handover write whose closing query names a SystemModstamp that is no time. */
    private static String compositeWithUnreadableAfter() {
        return compositeWriteAnswer("not a time");
    }

    /** The answer of a successful handover write: guard, update, creates, and a closing query naming this stamp. */
    private static String compositeWriteAnswer(String systemModstamp) {
        return "{\"compositeResponse\":["
                + "{\"body\":{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"" + CASE
                + "\"}]},\"httpHeaders\":{},\"httpStatusCode\":200,\"referenceId\":\"guard\"},"
                + "{\"body\":{\"Id\":\"" + CASE
                + "\"},\"httpHeaders\":{},\"httpStatusCode\":200,\"referenceId\":\"guardCheck\"},"
                + "{\"body\":[{\"id\":\"" + CASE + "\",\"success\":true,\"errors\":[]}],\"httpHeaders\":{},"
                + "\"httpStatusCode\":200,\"referenceId\":\"updates\"},"
                + "{\"body\":[{\"id\":\"" + Ids18.of("00a", 1) + "\",\"success\":true,\"errors\":[]},"
                + "{\"id\":\"" + Ids18.of("00a", 2) + "\",\"success\":true,\"errors\":[]},"
                + "{\"id\":\"" + TASK + "\",\"success\":true,\"errors\":[]}],\"httpHeaders\":{},"
                + "\"httpStatusCode\":200,\"referenceId\":\"creates\"},"
                + "{\"body\":{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"" + CASE + "\","
                + "\"SystemModstamp\":\"" + systemModstamp + "\",\"Handover_Revision__c\":1.0}]},"
                + "\"httpHeaders\":{},\"httpStatusCode\":200,\"referenceId\":\"after\"}]}";
    }

    @Test
    void getsATokenWithTheClientCredentialsForm() {
        stubCaseRead();
        try (SalesforceConnector crm = connector()) {
            crm.ticket(TicketId.of(CASE));
        }
        wire.verify(postRequestedFor(urlPathEqualTo("/services/oauth2/token"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(
                        equalTo("grant_type=client_credentials&client_id=3MVG9wire&client_secret=wire-secret")));
    }

    @Test
    void readsACaseWithOneSoqlQueryAndTheBearerToken() {
        stubCaseRead();
        try (SalesforceConnector crm = connector()) {
            Ticket t = crm.ticket(TicketId.of(CASE)).orElseThrow();
            assertThat(t.version().value()).isEqualTo("2026-03-02T09:00:00Z/0");
            assertThat(t.tags()).containsExactly("kit", "n2");
            assertThat(t.requester().email()).isEqualTo("c5@example.org");
        }
        wire.verify(getRequestedFor(urlPathEqualTo(DATA + "/query"))
                .withHeader("Authorization", equalTo("Bearer 00Dwire!token"))
                .withQueryParam(
                        "q",
                        equalTo(
                                "SELECT Id, CaseNumber, Subject, Description, Status, IsClosed, Priority, Origin, OwnerId,"
                                        + " ContactId, Contact.Name, Contact.Email, Contact.Phone, Contact.Salutation,"
                                        + " Account.Name, SuppliedName,"
                                        + " SuppliedEmail, SuppliedPhone, CreatedDate, LastModifiedDate, SystemModstamp,"
                                        + " Handover_Tags__c, Handover_Keys__c, Handover_Revision__c, Handover_Group__c FROM Case"
                                        + " WHERE Id IN ('" + CASE + "')")));
    }

    @Test
    void writesAHandoverAsOneCompositeWithTheDocumentedShapes() throws Exception {
        stubCaseRead();
        stubDirectory();
        stubWriteSuccess();
        UpdateResult result;
        try (SalesforceConnector crm = connector()) {
            Ticket ticket = crm.ticket(TicketId.of(CASE)).orElseThrow();
            result = crm.apply(handover(ticket));
            assertThat(crm.apiUsage())
                    .hasValueSatisfying(u -> assertThat(u.used()).isEqualTo(42));
        }
        assertThat(result.status()).isEqualTo(UpdateResult.Status.APPLIED);
        assertThat(result.version())
                .hasValueSatisfying(v -> assertThat(v.value()).isEqualTo("2026-03-02T10:00:01Z/1"));
        assertThat(result.createdTasks()).singleElement().satisfies(t -> {
            assertThat(t.id().value()).isEqualTo(TASK);
            assertThat(t.due()).isEqualTo(Instant.parse("2026-03-02T23:30:00Z"));
        });

        String expected = """
                {
                  "allOrNone": true,
                  "collateSubrequests": false,
                  "compositeRequest": [
                    {"method": "GET", "url": "${json-unit.any-string}", "referenceId": "guard"},
                    {"method": "GET", "url": "/services/data/v67.0/sobjects/Case/@{guard.records[0].Id}?fields=Id",
                     "referenceId": "guardCheck"},
                    {"method": "PATCH", "url": "/services/data/v67.0/composite/sobjects", "referenceId": "updates",
                     "httpHeaders": {"Sforce-Auto-Assign": "FALSE"},
                     "body": {"allOrNone": true, "records": [
                       {"attributes": {"type": "Case"}, "id": "CASE", "OwnerId": "AGENT", "Handover_Group__c": "GROUP",
                        "Handover_Tags__c": "kit n2 handover",
                        "Handover_Keys__c": "${json-unit.regex}wire-1\\\\n~[0-9a-z]+",
                        "Handover_Revision__c": 1}]}},
                    {"method": "POST", "url": "/services/data/v67.0/composite/sobjects", "referenceId": "creates",
                     "httpHeaders": {"Sforce-Auto-Assign": "FALSE"},
                     "body": {"allOrNone": true, "records": [
                       {"attributes": {"type": "CaseComment"}, "ParentId": "CASE",
                        "CommentBody": "Handover: refund of 120 EUR promised by Friday", "IsPublished": false},
                       {"attributes": {"type": "CaseComment"}, "ParentId": "CASE",
                        "CommentBody": "Bruno from our technical team now looks after your case.", "IsPublished": true},
                       {"attributes": {"type": "Task"}, "WhatId": "CASE", "WhoId": "CONTACT", "OwnerId": "AGENT",
                        "Subject": "Acknowledge the handover", "Description": "Read the note",
                        "Status": "Not Started", "Priority": "Normal",
                        "ActivityDate": "2026-03-03", "Handover_Due__c": "2026-03-02T23:30:00Z",
                        "IsReminderSet": true, "ReminderDateTime": "2026-03-02T23:00:00Z",
                        "Handover_Id__c": "ho-wire-1", "Handover_Task_Key__c": "ack",
                        "Handover_Task_Kind__c": "ACKNOWLEDGEMENT"}]}},
                    {"method": "GET", "url": "${json-unit.any-string}", "referenceId": "after"}
                  ]
                }
                """.replace("CASE", CASE)
                .replace("AGENT", AGENT)
                .replace("GROUP", GROUP)
                .replace("CONTACT", CONTACT);
        wire.verify(postRequestedFor(urlPathEqualTo(DATA + "/composite"))
                .withHeader("Sforce-Auto-Assign", equalTo("FALSE"))
                .withRequestBody(equalToJson(expected, false, false)));

        JsonNode sent = JSON.readTree(writeRequest().getBodyAsString());
        assertThat(soqlOf(sent, 0))
                .isEqualTo("SELECT Id FROM Case WHERE (Id = '" + CASE + "') AND (SystemModstamp = 2026-03-02T09:00:00Z)"
                        + " AND ((Handover_Revision__c = null) OR (Handover_Revision__c = 0))");
        assertThat(soqlOf(sent, 4))
                .isEqualTo("SELECT Id, SystemModstamp, Handover_Revision__c FROM Case WHERE Id IN ('" + CASE + "')");
    }

    @Test
    void completesATaskThroughTheTaskGuardAndItsReference() throws Exception {
        stubCaseRead();
        stubDirectory();
        wire.stubFor(post(DATA + "/composite")
                .withRequestBody(containing("\"referenceId\":\"guard\""))
                .willReturn(okJson("{\"compositeResponse\":[]}")));
        try (SalesforceConnector crm = connector()) {
            Ticket ticket = crm.ticket(TicketId.of(CASE)).orElseThrow();
            try {
                crm.apply(TicketUpdate.builder(ticket.id())
                        .changeTask(dev.handover.spi.TaskChange.complete(dev.handover.spi.model.TaskId.of(TASK)))
                        .build());
            } catch (RuntimeException expectedBecauseTheStubAnswersNothing) {
                // only the request matters here
            }
        }
        JsonNode sent = JSON.readTree(writeRequest().getBodyAsString());
        JsonNode subs = sent.path("compositeRequest");
        assertThat(subs.get(2).path("referenceId").asText()).isEqualTo("taskGuard");
        assertThat(soqlOf(sent, 2))
                .isEqualTo("SELECT Id FROM Task WHERE (WhatId = '" + CASE + "') AND (Id IN ('" + TASK + "'))");
        assertThat(subs.get(3).path("url").asText())
                .isEqualTo(DATA + "/sobjects/Task/@{taskGuard.records[0].Id}?fields=Id");
        JsonNode records = subs.get(4).path("body").path("records");
        assertThat(records.get(1).toString())
                .isEqualTo("{\"attributes\":{\"type\":\"Task\"},\"id\":\"" + TASK + "\",\"Status\":\"Completed\"}");
    }

    @Test
    void retriesAReadAfterAResetAndAnEmptyAnswer() {
        wire.stubFor(get(urlPathEqualTo(DATA + "/query"))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("reset"));
        wire.stubFor(get(urlPathEqualTo(DATA + "/query"))
                .inScenario("flaky")
                .whenScenarioStateIs("reset")
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE))
                .willSetStateTo("empty"));
        wire.stubFor(get(urlPathEqualTo(DATA + "/query"))
                .inScenario("flaky")
                .whenScenarioStateIs("empty")
                .willReturn(okJson("{\"totalSize\":1,\"done\":true,\"records\":[" + caseRecord() + "]}")));
        try (SalesforceConnector crm = connector()) {
            assertThat(crm.ticket(TicketId.of(CASE))).isPresent();
        }
        // the JDK client may itself retry an idempotent GET once on a dropped connection; either way it ends well
        assertThat(wire.findAll(getRequestedFor(urlPathEqualTo(DATA + "/query"))))
                .hasSize(3);
        assertThat(slept)
                .isNotEmpty()
                .allSatisfy(d ->
                        assertThat(d).isBetween(java.time.Duration.ofMillis(125), java.time.Duration.ofSeconds(8)));
    }

    @Test
    void aRetryAfterUpToTheMaxBackoffIsWaitedExactly() {
        wire.stubFor(get(urlPathEqualTo(DATA + "/query"))
                .inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Retry-After", "3")
                        .withBody("[{\"message\":\"busy\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]"))
                .willSetStateTo("free"));
        wire.stubFor(get(urlPathEqualTo(DATA + "/query"))
                .inScenario("busy")
                .whenScenarioStateIs("free")
                .willReturn(okJson("{\"totalSize\":1,\"done\":true,\"records\":[" + caseRecord() + "]}")));
        try (SalesforceConnector crm = connector()) {
            assertThat(crm.ticket(TicketId.of(CASE))).isPresent();
        }
        // the server's wait, not the jittered backoff (250 ms doubling)
        assertThat(slept).containsExactly(java.time.Duration.ofSeconds(3));
    }

    @Test
    void aRetryAfterBeyondTheMaxBackoffIsReportedNotWaited() {
        wire.stubFor(get(urlPathEqualTo(DATA + "/query"))
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Retry-After", "30")
                        .withBody("[{\"message\":\"busy\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]")));
        try (SalesforceConnector crm = connector()) {
            assertThatThrownBy(() -> crm.ticket(TicketId.of(CASE)))
                    .isInstanceOfSatisfying(
                            CrmUnavailableException.class,
                            e -> assertThat(e.isRetryable()).isTrue());
        }
        // retry.max-backoff (8s) caps what is waited: the caller hears of the failure at once and retries later
        assertThat(slept).isEmpty();
        assertThat(wire.findAll(getRequestedFor(urlPathEqualTo(DATA + "/query"))))
                .hasSize(1);
    }

    @Test
    void writeWhoseConnectionWasResetIsReReadThenSentAgainUnchanged() {
        stubCaseRead(); // the re-read finds the Case as before: the write did not land
        stubDirectory();
        wire.stubFor(post(DATA + "/composite")
                .withRequestBody(containing("\"referenceId\":\"guard\""))
                .inScenario("reset")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("after reset"));
        String ok = "{\"compositeResponse\":["
                + "{\"body\":{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"" + CASE
                + "\"}]},\"httpHeaders\":{},"
                + "\"httpStatusCode\":200,\"referenceId\":\"guard\"},"
                + "{\"body\":{\"Id\":\"" + CASE
                + "\"},\"httpHeaders\":{},\"httpStatusCode\":200,\"referenceId\":\"guardCheck\"},"
                + "{\"body\":[{\"id\":\"" + CASE + "\",\"success\":true,\"errors\":[]}],\"httpHeaders\":{},"
                + "\"httpStatusCode\":200,\"referenceId\":\"updates\"},"
                + "{\"body\":[{\"id\":\"" + Ids18.of("00a", 1)
                + "\",\"success\":true,\"errors\":[]}],\"httpHeaders\":{},"
                + "\"httpStatusCode\":200,\"referenceId\":\"creates\"},"
                + "{\"body\":{\"totalSize\":1,\"done\":true,\"records\":[{\"Id\":\"" + CASE + "\","
                + "\"SystemModstamp\":\"2026-03-02T10:00:01.000+0000\",\"Handover_Revision__c\":1.0}]},"
                + "\"httpHeaders\":{},\"httpStatusCode\":200,\"referenceId\":\"after\"}]}";
        wire.stubFor(post(DATA + "/composite")
                .withRequestBody(containing("\"referenceId\":\"guard\""))
                .inScenario("reset")
                .whenScenarioStateIs("after reset")
                .willReturn(okJson(ok)));
        try (SalesforceConnector crm = connector()) {
            Ticket ticket = crm.ticket(TicketId.of(CASE)).orElseThrow();
            UpdateResult r = crm.apply(TicketUpdate.builder(ticket.id())
                    .note(NoteDraft.internal("after a reset"))
                    .idempotencyKey("reset-1")
                    .build());
            assertThat(r.status()).isEqualTo(UpdateResult.Status.APPLIED);
        }
        List<LoggedRequest> writes = wire.findAll(postRequestedFor(urlPathEqualTo(DATA + "/composite"))).stream()
                .filter(r -> r.getBodyAsString().contains("\"referenceId\":\"guard\""))
                .toList();
        assertThat(writes).hasSize(2);
        assertThat(writes.get(1).getBodyAsString()).isEqualTo(writes.get(0).getBodyAsString());
        assertThat(wire.findAll(getRequestedFor(urlPathEqualTo(DATA + "/query"))))
                .hasSize(2); // read, re-read
    }

    private LoggedRequest writeRequest() {
        return wire.findAll(postRequestedFor(urlPathEqualTo(DATA + "/composite"))).stream()
                .filter(r -> r.getBodyAsString().contains("\"referenceId\":\"guard\""))
                .findFirst()
                .orElseThrow();
    }

    private static String soqlOf(JsonNode composite, int index) {
        String url = composite.path("compositeRequest").get(index).path("url").asText();
        assertThat(url).startsWith(DATA + "/query?q=");
        return URLDecoder.decode(url.substring((DATA + "/query?q=").length()), StandardCharsets.UTF_8);
    }
}
