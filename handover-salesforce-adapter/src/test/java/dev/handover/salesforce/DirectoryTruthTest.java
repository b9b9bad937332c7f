package dev.handover.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.salesforce.fake.FakeSalesforce;
import dev.handover.salesforce.fake.Ids18;
import dev.handover.spi.Assignment;
import dev.handover.spi.CrmSettingsException;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.GroupKind;
import dev.handover.spi.model.TicketId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The directory holds only whom and what the engine may target: queues that can own Cases (a queue owns only the
 * objects its QueueSobject rows name), and agents whose licence lets them work Cases — read in the same one composite
 * call of five queries as before.
 */
final class DirectoryTruthTest {
    private static final GroupId LEAD_QUEUE = GroupId.of(Ids18.of("00G", 40));
    private static final GroupId MIXED_QUEUE = GroupId.of(Ids18.of("00G", 41));
    private static final AgentId PLATFORM_USER = AgentId.of(Ids18.of("005", 60));
    private static final AgentId CHATTER_USER = AgentId.of(Ids18.of("005", 61));

    private static void seedBusyOrg(Orgs orgs) {
        orgs.org.putQueue(Group.queue(LEAD_QUEUE, "Web Leads"), "Lead");
        orgs.org.putQueue(Group.queue(MIXED_QUEUE, "Leads and Cases"), "Lead", "Case");
        orgs.org.putUser(user(PLATFORM_USER, "Pat Platform", orgs.fixture.group(1)), "Salesforce Platform");
        orgs.org.putUser(user(CHATTER_USER, "Cleo Chatter", orgs.fixture.group(1)), "Chatter Only");
    }

    private static Agent user(AgentId id, String name, GroupId group) {
        return Agent.builder(id)
                .name(name)
                .email(name.toLowerCase().replace(' ', '.') + "@example.com")
                .timeZone(ZoneOffset.UTC)
                .group(group)
                .build();
    }

    @Test
    void aQueueThatCannotOwnCasesIsNotInTheDirectory() {
        try (Orgs orgs = new Orgs()) {
            seedBusyOrg(orgs);
            Directory d = orgs.connector().directory();

            assertThat(d.group(LEAD_QUEUE)).isEmpty();
            assertThat(d.group(MIXED_QUEUE)).map(Group::kind).contains(GroupKind.QUEUE);
            assertThat(d.group(orgs.fixture.group(3))).map(Group::kind).contains(GroupKind.QUEUE);
            assertThat(d.group(orgs.fixture.group(1))).map(Group::kind).contains(GroupKind.TEAM);
        }
    }

    @Test
    void theFakeOrgRefusesACaseForALeadOnlyQueueAsSalesforceDoes() {
        try (Orgs orgs = new Orgs()) {
            seedBusyOrg(orgs);
            String caseId = orgs.fixture.ticket(5).value();

            assertThatThrownBy(() -> orgs.org.editCase(caseId, Map.of("OwnerId", LEAD_QUEUE.value())))
                    .hasMessageContaining("does not support Case");
            orgs.org.editCase(caseId, Map.of("OwnerId", MIXED_QUEUE.value()));
            assertThat(orgs.org.record(caseId).orElseThrow().get("OwnerId")).isEqualTo(MIXED_QUEUE.value());
        }
    }

    @Test
    void handingACaseToALeadOnlyQueueIsRefusedBeforeAnyWrite() {
        try (Orgs orgs = new Orgs()) {
            seedBusyOrg(orgs);
            SalesforceConnector crm = orgs.connector();
            TicketId ticket = orgs.fixture.ticket(5);
            crm.directory();
            crm.ticket(ticket);
            orgs.org.clearRequests();

            assertThatThrownBy(() -> crm.apply(TicketUpdate.builder(ticket)
                            .assign(Assignment.toGroup(LEAD_QUEUE))
                            .build()))
                    .isInstanceOf(CrmInvalidRequestException.class)
                    .hasMessageContaining("does not exist");
            assertThat(orgs.apiRequests()).isZero();
            assertThat(orgs.org.record(ticket.value()).orElseThrow().get("OwnerId"))
                    .isNotEqualTo(LEAD_QUEUE.value());
        }
    }

    @Test
    void usersWhoseLicenceHasNoCaseAccessCannotTakeTickets() {
        try (Orgs orgs = new Orgs()) {
            seedBusyOrg(orgs);
            Directory d = orgs.connector().directory();

            Agent platform = d.agent(PLATFORM_USER).orElseThrow();
            assertThat(platform.active()).isTrue();
            assertThat(platform.canTakeTickets()).isFalse();
            assertThat(platform.cannotTakeTickets())
                    .contains("Salesforce Platform")
                    .contains("no access to Cases");
            assertThat(d.agent(CHATTER_USER).orElseThrow().cannotTakeTickets()).contains("Chatter Only");
            // still members: the team is what it is, only who may receive work differs
            assertThat(d.members(orgs.fixture.group(1))).extracting(Agent::id).contains(PLATFORM_USER, CHATTER_USER);
            for (int n = 1; n <= 5; n++) {
                assertThat(d.agent(orgs.fixture.agent(n)).orElseThrow().canTakeTickets())
                        .as("fixture agent %d, on the Salesforce licence", n)
                        .isTrue();
            }
        }
    }

    @Test
    void theLicencesWithoutCasesAreASetting() {
        try (Orgs orgs = new Orgs()) {
            seedBusyOrg(orgs);
            Directory onlyPlatform = orgs.connector(
                            orgs.org.settings(v -> v.put("directory.licences-without-cases", "salesforce platform")))
                    .directory();
            assertThat(onlyPlatform.agent(PLATFORM_USER).orElseThrow().canTakeTickets())
                    .isFalse();
            assertThat(onlyPlatform.agent(CHATTER_USER).orElseThrow().canTakeTickets())
                    .isTrue();

            Directory none = orgs.connector(orgs.org.settings(v -> v.put("directory.licences-without-cases", "none")))
                    .directory();
            assertThat(none.agents()).allMatch(Agent::canTakeTickets);
        }
    }

    @Test
    void aBadLicenceListIsRefusedAtItsKey() {
        try (Orgs orgs = new Orgs()) {
            assertThatThrownBy(() -> orgs.connector(orgs.org.settings(
                            v -> v.put("directory.licences-without-cases", "Chatter Free;" + "x".repeat(81)))))
                    .isInstanceOfSatisfying(
                            CrmSettingsException.class,
                            e -> assertThat(e.key()).isEqualTo("directory.licences-without-cases"))
                    .hasMessageContaining("directory.licences-without-cases")
                    .hasMessageContaining("user licence names");
            assertThatThrownBy(() -> SalesforceConnector.builder()
                            .licencesWithoutCases(List.of("Chatter Free"))
                            .licencesWithoutCases(List.of("Chatter Only")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("licences without cases is already set");
        }
    }

    @Test
    void theDirectoryIsStillOneCompositeOfFiveQueries() {
        try (Orgs orgs = new Orgs()) {
            seedBusyOrg(orgs);
            SalesforceConnector crm = orgs.connector();
            crm.directory();

            List<FakeSalesforce.RecordedRequest> calls = orgs.org.requests(FakeSalesforce.RecordedRequest::isApiCall);
            assertThat(calls).hasSize(1);
            assertThat(calls.get(0).path()).isEqualTo("/services/data/v67.0/composite");
            List<String> urls = new ArrayList<>();
            for (JsonNode sub : calls.get(0).json().path("compositeRequest")) {
                urls.add(java.net.URLDecoder.decode(sub.path("url").asText(), java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(urls).hasSize(5);
            assertThat(urls)
                    .anyMatch(u -> u.contains("(SELECT SobjectType FROM QueueSobjects WHERE SobjectType = 'Case')"));
            assertThat(urls).anyMatch(u -> u.contains("Profile.UserLicense.Name"));
        }
    }
}
