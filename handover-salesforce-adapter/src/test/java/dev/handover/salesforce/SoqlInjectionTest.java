package dev.handover.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.salesforce.fake.FakeSoql;
import dev.handover.salesforce.http.Json;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing a caller or the data passes in becomes SOQL syntax: literals are escaped (checked against the fake org's
 * strict parser, with hostile and seeded random strings), ids are validated before any call, cursors are parsed, and
 * text that looks like a composite reference stays text.
 */
final class SoqlInjectionTest {

    static Stream<String> hostileStrings() {
        return Stream.of(
                "O'Brien",
                "' OR Id != '",
                "x' OR Name LIKE '%",
                "\\' OR 1=1 --",
                "back\\slash\\",
                "\"double\" quotes",
                "line\nbreak\r\ncarriage",
                "tab\tand\bbackspace\fform feed",
                "100% _under_score_",
                "nul\u0000and\u001fcontrol",
                "ünïcödé — 请回电 🚀",
                "') OR (Id != null",
                "\\u0027 unicode escape text",
                "'; DELETE FROM Case; --");
    }

    @ParameterizedTest
    @MethodSource("hostileStrings")
    void escapedLiteralParsesBackToTheSameValue(String value) {
        String soql =
                Soql.select("Id").from("Case").where(Soql.eq("Subject", value)).build();
        FakeSoql.Compare where = (FakeSoql.Compare) FakeSoql.parse(soql).where();
        assertThat(where.field()).isEqualTo("Subject");
        assertThat(where.value()).isEqualTo(value);
    }

    @Test
    void randomStringsSurviveEscapingInEqualityAndIn() {
        Random random = new Random(4711);
        String alphabet = "'\"\\%_()=!<>,;:\n\r\t\b\f\u0000\u0007 aZ09äé€🚀ORANDLIKE";
        int[] codePoints = alphabet.codePoints().toArray();
        for (int n = 0; n < 2000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(24);
            for (int i = 0; i < length; i++) {
                sb.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
            }
            String value = sb.toString();
            String other = new StringBuilder(value).reverse().toString();
            String soql = Soql.select("Id")
                    .from("Case")
                    .where(Soql.in("Status", List.of(value, other)))
                    .build();
            FakeSoql.In in = (FakeSoql.In) FakeSoql.parse(soql).where();
            assertThat(in.values()).as("value %d: %s", n, value).containsExactly(value, other);
        }
    }

    @Test
    void likePatternsMatchTheValueLiterally() {
        String literal = Soql.likeLiteral("", "50%_off", "%");
        FakeSoql.Like like = (FakeSoql.Like) FakeSoql.parse("SELECT Id FROM Case WHERE Subject LIKE " + literal)
                .where();
        assertThat(like.pattern().matcher("50%_off and more").matches()).isTrue();
        assertThat(like.pattern().matcher("50X_off").matches()).isFalse();
        assertThat(like.pattern().matcher("50%Xoff").matches()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "500000000000001AAA' OR Id != '",
                "' OR 1=1 --",
                "500000000000001AAB", // wrong checksum
                "005000000000001AAA", // a User, not a Case
                "500000000000001AAA\\",
                "5000000000000０1AAA", // a full-width digit
                "500%",
                "500000000000001AAAA"
            })
    void hostileTicketIdsAreRefusedBeforeAnyCall(String hostile) {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            crm.ticket(orgs.fixture.ticket(1)); // a token and a first call, so the count below is of calls made now
            long before = orgs.apiRequests();
            TicketId id = TicketId.of(hostile);

            assertThatThrownBy(() -> crm.ticket(id)).isInstanceOf(CrmInvalidRequestException.class);
            assertThatThrownBy(() -> crm.tickets(List.of(orgs.fixture.ticket(2), id)))
                    .isInstanceOf(CrmInvalidRequestException.class);
            assertThatThrownBy(() -> crm.comments(id, SortOrder.OLDEST_FIRST, PageRequest.first()))
                    .isInstanceOf(CrmInvalidRequestException.class);
            assertThatThrownBy(() -> crm.tasks(TaskQuery.builder().ticket(id).build(), PageRequest.first()))
                    .isInstanceOf(CrmInvalidRequestException.class);
            assertThat(crm.applyAll(List.of(TicketUpdate.builder(id).addTag("x").build()))
                            .get(0)
                            .error())
                    .containsInstanceOf(CrmInvalidRequestException.class);
            assertThat(orgs.apiRequests()).isEqualTo(before);
        }
    }

    @Test
    void hostileAgentAndGroupIdsAreRefusedOrCountedAsUnknownWithoutReachingSoql() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            AgentId hostileAgent = AgentId.of("005000000000001AAA' OR OwnerId != '");
            GroupId hostileGroup = GroupId.of("00G' OR Id != null OR Id = '");

            assertThatThrownBy(() -> crm.searchTickets(
                            TicketQuery.builder().assignee(hostileAgent).build(), PageRequest.first()))
                    .isInstanceOf(CrmInvalidRequestException.class);
            assertThatThrownBy(() -> crm.searchTickets(
                            TicketQuery.builder().group(hostileGroup).build(), PageRequest.first()))
                    .isInstanceOf(CrmInvalidRequestException.class);
            Map<AgentId, Integer> counts = crm.openTicketCounts(List.of(hostileAgent, orgs.fixture.agent(1)));
            assertThat(counts.get(hostileAgent)).isZero();
            assertThat(counts.get(orgs.fixture.agent(1))).isPositive();
            assertThat(orgs.org.requests()).noneMatch(r -> r.soql().orElse("").contains("OR OwnerId"));
        }
    }

    @Test
    void tamperedCursorsAreRefusedBeforeAnyCall() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            crm.ticket(orgs.fixture.ticket(1));
            long before = orgs.apiRequests();
            String evil = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString("t|2026-03-02T00:00:00Z|0|' OR Id != '".getBytes(StandardCharsets.UTF_8));

            for (String cursor : List.of(evil, "not base64 !", "dHx4fHl8eg")) {
                assertThatThrownBy(
                                () -> crm.searchTickets(TicketQuery.builder().build(), PageRequest.after(cursor, 10)))
                        .isInstanceOfSatisfying(
                                CrmInvalidRequestException.class,
                                e -> assertThat(e.vendorCode()).hasValue("BAD_CURSOR"));
                assertThatThrownBy(() -> crm.tasks(TaskQuery.builder().build(), PageRequest.after(cursor, 10)))
                        .isInstanceOf(CrmInvalidRequestException.class);
            }
            assertThat(orgs.apiRequests()).isEqualTo(before);
        }
    }

    @Test
    void hostileTagsAreStoredAndReadBackAsTheyAre() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            TicketId ticket = orgs.fixture.ticket(21);
            Set<String> hostile = Set.of(
                    "o'brien",
                    "back\\slash",
                    "\"quoted\"",
                    "100%",
                    "under_score",
                    "ünïcödé",
                    "');drop",
                    "@{guard.records[0].id}");

            crm.apply(TicketUpdate.builder(ticket)
                    .addTag(hostile.toArray(String[]::new))
                    .build());

            assertThat(crm.ticket(ticket).orElseThrow().tags())
                    .containsAll(hostile)
                    .contains("kit", "n0");
            assertThat(crm.ticket(orgs.fixture.ticket(22)).orElseThrow().tags()).containsExactly("kit", "n1");
        }
    }

    @Test
    void hostileStatusValuesInTheSettingsStayLiterals() {
        try (Orgs orgs = new Orgs()) {
            String weird = "Waiting on O'Brien \\ \") OR (IsClosed = true";
            SalesforceConnector crm = orgs.connector(orgs.org.settings(v -> v.put(
                    "case.status-map", "New=NEW;Working=OPEN;" + weird + "=ON_HOLD;Solved=SOLVED;Closed=CLOSED")));
            orgs.org.editCase(orgs.fixture.ticket(23).value(), Map.of("Status", weird));

            List<TicketId> onHold = crm.searchAll(
                            TicketQuery.builder().status(TicketStatus.ON_HOLD).build())
                    .map(t -> t.id())
                    .toList();

            assertThat(onHold).containsExactly(orgs.fixture.ticket(23));
        }
    }

    @Test
    void notesThatLookLikeCompositeReferencesStayText() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            TicketId ticket = orgs.fixture.ticket(24);
            String body = "Customer wrote: reply to @{guard.records[0].Id} and @{creates[0].id}, not @ {x}";

            UpdateResult r = crm.apply(
                    TicketUpdate.builder(ticket).note(NoteDraft.internal(body)).build());

            assertThat(r.status()).isEqualTo(UpdateResult.Status.APPLIED);
            List<Comment> comments = crm.comments(ticket, SortOrder.NEWEST_FIRST, PageRequest.first(1))
                    .items();
            assertThat(comments.get(0).body()).isEqualTo(body);
        }
    }

    @Test
    void aLongNoteIsSplitWithoutBreakingAProtectedReference() {
        String text = "x".repeat(3998) + "@{a.b}" + " tail";
        List<String> parts = Notes.split(Json.protect(text), 4000);
        assertThat(parts)
                .allSatisfy(p ->
                        assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4000));
        assertThat(String.join("", parts.stream().map(Json::unprotect).toList()))
                .isEqualTo(text);
    }
}
