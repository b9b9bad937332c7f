package dev.handover.runner.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ticket file shape {@code simulate} reads, told apart by content, and mapped as the connectors map the same
 * records read over the API. The fixtures in {@code src/test/resources/simulate} have the vendors' documented shapes;
 * their README cites the pages the fields are taken from.
 */
class TicketFileFormatsTest {
    /** The configuration's CRM settings as a Zendesk-type configuration would name its fields. */
    static final Mapping TICKET_SETTINGS =
            new Mapping(Map.of("fields.360006", "refund_amount", "ticket.language-field", "360005"));

    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(
                    TicketFileFormatsTest.class.getResource("/simulate/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    static Ticket ticket(TicketFile.Contents c, String id) {
        return c.tickets().stream()
                .filter(t -> t.id().value().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no ticket " + id + " in " + c.tickets()));
    }

    @Test
    void incrementalExportPagesOneAfterAnotherAreReadWithTheirSideloads() {
        TicketFile.Contents c = TicketFile.read(fixture("incremental-cursor.json"), TICKET_SETTINGS);

        assertThat(c.format()).isEqualTo(TicketFile.Format.INCREMENTAL_EXPORT);
        // 1004 is deleted, 1003 comes twice: its newer copy is kept
        assertThat(c.tickets()).extracting(t -> t.id().value()).containsExactly("1001", "1002", "1003");
        assertThat(c.skipped()).isEqualTo(2);
        Ticket complaint = ticket(c, "1001");
        assertThat(complaint.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(complaint.priority()).isEqualTo(TicketPriority.HIGH);
        assertThat(complaint.assignee()).contains(AgentId.of("361"));
        assertThat(complaint.group()).contains(GroupId.of("360000000001"));
        assertThat(complaint.tags()).containsExactly("refund", "vip");
        assertThat(complaint.channel()).isEqualTo(Channel.EMAIL);
        // only the fields the settings name, as the connector reads them (the language field is not one)
        assertThat(complaint.customFields()).containsExactly(Map.entry("refund_amount", "120"));
        assertThat(complaint.language()).contains(Locale.ENGLISH);
        assertThat(complaint.requester().name()).isEqualTo("Mia Customer");
        assertThat(complaint.requester().email()).isEqualTo("mia@example.org");
        assertThat(complaint.requester().organization()).isEmpty(); // no organizations sideloaded
        assertThat(complaint.createdAt()).isEqualTo(Instant.parse("2026-03-02T07:40:00Z"));
        Ticket german = ticket(c, "1002");
        assertThat(german.language()).contains(Locale.GERMAN);
        assertThat(german.requester().language()).contains(Locale.GERMAN);
        Ticket again = ticket(c, "1003");
        assertThat(again.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(again.tags()).containsExactly("how-to");
        assertThat(again.updatedAt()).isEqualTo(Instant.parse("2026-03-02T08:40:00Z"));

        // the sideloaded users who are agents or admins, and the groups: a team without the CRM
        assertThat(c.people().agents())
                .extracting(Agent::name)
                .containsExactly("Ada Lovelace", "Jonas Weber", "Eve Moneypenny", "Lena Light");
        Agent ada = c.people().agent(AgentId.of("361")).orElseThrow();
        assertThat(ada.manager()).contains(AgentId.of("363"));
        assertThat(ada.groups()).containsExactly(GroupId.of("360000000001"));
        assertThat(ada.timeZone().getId()).isEqualTo("Europe/London");
        Agent jonas = c.people().agent(AgentId.of("362")).orElseThrow();
        assertThat(jonas.speaks(Locale.GERMAN)).isTrue();
        assertThat(jonas.capacity()).isEqualTo(20);
        assertThat(c.people().agent(AgentId.of("363")).orElseThrow().role()).isEqualTo("lead");
        assertThat(c.people().agent(AgentId.of("364")).orElseThrow().cannotTakeTickets())
                .isEqualTo("a light agent: cannot be assigned tickets");
        assertThat(c.people().groups()).extracting(g -> g.name()).containsExactly("EMEA Support");
    }

    @Test
    void theTimeBasedExportOnePagePerLineReadsTheSame() {
        TicketFile.Contents c = TicketFile.read(fixture("incremental-time.jsonl"), TICKET_SETTINGS);

        assertThat(c.format()).isEqualTo(TicketFile.Format.INCREMENTAL_EXPORT);
        TicketFile.Contents cursor = TicketFile.read(fixture("incremental-cursor.json"), TICKET_SETTINGS);
        assertThat(c.tickets()).isEqualTo(cursor.tickets());
        assertThat(c.people().agents()).isEqualTo(cursor.people().agents());
    }

    @Test
    void aSearchPageKeepsItsTicketsAndLeavesOtherResultsOut() {
        TicketFile.Contents c = TicketFile.read(fixture("search.json"), TICKET_SETTINGS);

        assertThat(c.format()).isEqualTo(TicketFile.Format.SEARCH);
        assertThat(c.tickets()).extracting(t -> t.id().value()).containsExactly("1001", "1002", "1003");
        assertThat(c.skipped()).as("the user result").isEqualTo(1);
        assertThat(ticket(c, "1002").requester().name()).isEqualTo("Jan Berg");
        assertThat(c.people().agents()).hasSize(4);
    }

    @Test
    void ticketObjectsOnePerLineKeepPeopleAsIds() {
        TicketFile.Contents c = TicketFile.read(fixture("tickets-per-line.jsonl"), Mapping.none());

        assertThat(c.format()).isEqualTo(TicketFile.Format.TICKET_OBJECTS);
        assertThat(c.tickets()).extracting(t -> t.id().value()).containsExactly("1001", "1002", "1003");
        Ticket complaint = ticket(c, "1001");
        assertThat(complaint.requester().id()).isEqualTo("9001");
        assertThat(complaint.requester().name()).isEmpty();
        assertThat(complaint.assignee()).contains(AgentId.of("361"));
        // without settings no custom field is read, as the connector reads none, and none is the language
        assertThat(complaint.customFields()).isEmpty();
        assertThat(complaint.language()).isEmpty();
        assertThat(c.people().agents()).isEmpty();
    }

    @Test
    void aJsonArrayOfTicketObjectsIsReadToo() throws IOException {
        String objects = Files.readString(fixture("tickets-per-line.jsonl"));
        Path f = write(
                "array.json", "[" + String.join(",", objects.strip().lines().toList()) + "]\n");

        TicketFile.Contents c = TicketFile.read(f, Mapping.none());

        assertThat(c.format()).isEqualTo(TicketFile.Format.TICKET_OBJECTS);
        assertThat(c.tickets()).hasSize(3);
    }

    @Test
    void aDataLoaderCaseExportIsMappedAsTheConnectorMapsACase() {
        Mapping settings = new Mapping(Map.of(
                "fields.case.language", "Language__c",
                "fields.custom.refund_amount", "Refund_Amount__c"));

        TicketFile.Contents c = TicketFile.read(fixture("cases.csv"), settings);

        assertThat(c.format()).isEqualTo(TicketFile.Format.CASE_CSV);
        assertThat(c.tickets()).hasSize(4);
        Ticket complaint = ticket(c, "5003X00001AbCdEQAV");
        assertThat(complaint.status()).isEqualTo(TicketStatus.OPEN);
        assertThat(complaint.rawStatus()).isEqualTo("Working");
        assertThat(complaint.priority()).isEqualTo(TicketPriority.HIGH);
        assertThat(complaint.assignee()).contains(AgentId.of("0053X00000Ada01QAA"));
        assertThat(complaint.group()).contains(GroupId.of("00G3X000001EmeaUAA"));
        assertThat(complaint.tags()).containsExactly("refund", "vip");
        assertThat(complaint.channel()).isEqualTo(Channel.of("email"));
        assertThat(complaint.description()).isEqualTo("Three weeks and still nothing.\nPlease call me, \"urgently\".");
        assertThat(complaint.requester().name()).isEqualTo("Mia Customer");
        assertThat(complaint.requester().salutation()).isEqualTo("Ms.");
        assertThat(complaint.requester().organization()).isEqualTo("Customer Ltd");
        assertThat(complaint.language()).contains(Locale.ENGLISH);
        assertThat(complaint.customFields()).containsEntry("refund_amount", "120");
        assertThat(complaint.createdAt()).isEqualTo(Instant.parse("2026-03-02T07:40:00Z"));
        Ticket german = ticket(c, "5003X00001AbCdFQAV");
        assertThat(german.status()).isEqualTo(TicketStatus.NEW);
        assertThat(german.priority()).isEqualTo(TicketPriority.NORMAL);
        assertThat(german.requester().name()).as("the web-to-case name").isEqualTo("Jan Berg");
        assertThat(german.language()).contains(Locale.GERMAN);
        Ticket queued = ticket(c, "5003X00001AbCdGQAV");
        assertThat(queued.status()).isEqualTo(TicketStatus.PENDING);
        assertThat(queued.assignee()).as("owned by a queue").isEmpty();
        assertThat(queued.group()).contains(GroupId.of("00G3X000001EmeaUAA"));
        assertThat(ticket(c, "5003X00001AbCdHQAV").status()).isEqualTo(TicketStatus.CLOSED);
    }

    @Test
    void aCaseExportWithTheHeaderAsTheSoqlQuerySpellsItReadsTheSame() {
        TicketFile.Contents c = TicketFile.read(fixture("cases-soql-header.csv"), Mapping.none());

        assertThat(c.format()).isEqualTo(TicketFile.Format.CASE_CSV);
        assertThat(c.tickets())
                .extracting(t -> t.id().value())
                .containsExactly("5003X00001AbCdEQAV", "5003X00001AbCdFQAV");
        assertThat(ticket(c, "5003X00001AbCdEQAV").requester().name()).isEqualTo("Mia Customer");
        assertThat(ticket(c, "5003X00001AbCdFQAV").createdAt()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
    }

    @Test
    void theStatusAndPriorityMapsOfTheSettingsApply() throws IOException {
        Path f = write("cases.csv", """
                "ID","STATUS","ISCLOSED","PRIORITY","CREATEDDATE"
                "5003X00001AbCdEQAV","Awaiting Reply","false","P1","2026-03-02 07:40:00"
                "5003X00001AbCdFQAV","Done for good","true","P4","2026-03-02"
                """);
        Mapping settings = new Mapping(
                Map.of("case.status-map", "Awaiting Reply=PENDING", "case.priority-map", "P1=URGENT;P4=LOW"));

        TicketFile.Contents c = TicketFile.read(f, settings);

        assertThat(c.tickets()).extracting(Ticket::status).containsExactly(TicketStatus.PENDING, TicketStatus.CLOSED);
        assertThat(c.tickets()).extracting(Ticket::priority).containsExactly(TicketPriority.URGENT, TicketPriority.LOW);
        assertThat(c.tickets())
                .extracting(Ticket::createdAt)
                .containsExactly(Instant.parse("2026-03-02T07:40:00Z"), Instant.parse("2026-03-02T00:00:00Z"));
    }

    @Test
    void theFormatIsToldFromTheContentNotTheName() throws IOException {
        Path csvNamedJson = Files.copy(fixture("cases.csv"), dir.resolve("export.json"));
        Path pagesNamedCsv = Files.copy(fixture("incremental-cursor.json"), dir.resolve("export.csv"));
        Path own = write("tickets.csv", "{\"id\":\"1\",\"createdAt\":\"2026-03-02T08:00:00Z\"}\n");

        assertThat(TicketFile.read(csvNamedJson).format()).isEqualTo(TicketFile.Format.CASE_CSV);
        assertThat(TicketFile.read(pagesNamedCsv).format()).isEqualTo(TicketFile.Format.INCREMENTAL_EXPORT);
        assertThat(TicketFile.read(own).format()).isEqualTo(TicketFile.Format.LINES);
        assertThat(TicketFile.read(fixture("search.json")).format()).isEqualTo(TicketFile.Format.SEARCH);
        assertThat(TicketFile.read(fixture("tickets-per-line.jsonl")).format())
                .isEqualTo(TicketFile.Format.TICKET_OBJECTS);
    }

    @Test
    void aBrokenJsonLineIsToldInPlainWordsAtItsLineAndColumn() throws IOException {
        Path f = write("tickets.jsonl", """
                {"id":"1","createdAt":"2026-03-02T08:00:00Z"}
                {"id":"2","createdAt":"2026-03-02T08:00:00Z"}
                {"id":"3" "createdAt":"2026-03-02T08:00:00Z"}
                """);

        assertThatThrownBy(() -> TicketFile.read(f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(f + ":3:11: not valid JSON: expected ',' or '}' after a field's value, found '\"'");
    }

    @Test
    void otherJsonMistakesAreToldInPlainWordsToo() throws IOException {
        String ok = "{\"id\":\"1\",\"createdAt\":\"2026-03-02T08:00:00Z\"}\n";
        assertThat(message(write("a.jsonl", ok + "{id:\"2\"}\n")))
                .isEqualTo(dir.resolve("a.jsonl") + ":2:2: not valid JSON: a field name must be in double quotes,"
                        + " found 'i'");
        assertThat(message(write("b.jsonl", ok + "{\"id\":\"2\",\"status\":open}\n")))
                .isEqualTo(dir.resolve("b.jsonl") + ":2:20: not valid JSON: 'open' is not a value: text must be in"
                        + " double quotes, and true, false and null in lower case");
        assertThat(message(write("c.jsonl", ok + "{\"id\":\"2\",\"tags\":[\"x\"\n")))
                .isEqualTo(dir.resolve("c.jsonl") + ":2:22: not valid JSON: the line ends inside a list: a closing"
                        + " ']' is missing");
        assertThat(message(write("d.jsonl", ok + "{\"id\":\"2\"}}\n")))
                .isEqualTo(dir.resolve("d.jsonl") + ":2:11: not valid JSON: '}' closes nothing that was opened");
        assertThat(message(write("d2.jsonl", ok + "{\"id\":\"2\"} {\"id\":\"3\"}\n")))
                .isEqualTo(dir.resolve("d2.jsonl") + ":2:12: not valid JSON: a second value on the line; put one"
                        + " value per line");
        assertThat(message(write("e.json", "{\n  \"tickets\": [\n    {\"id\": 1,}\n  ]\n}\n")))
                .isEqualTo(dir.resolve("e.json") + ":3:14: not valid JSON: a field name must be in double quotes,"
                        + " found '}'");
        assertThat(message(write("f.jsonl", ok + "{\"id\":\"2\",\"subject\":\"a\tb\"}\n")))
                .isEqualTo(
                        dir.resolve("f.jsonl") + ":2:23: not valid JSON: a tab inside a text must be written as \\t");
        assertThat(message(write("g.jsonl", ok + "{\"id\":\"2\",\"subject\":\"a\\qb\"}\n")))
                .isEqualTo(dir.resolve("g.jsonl") + ":2:24: not valid JSON: a backslash in a text must start an escape"
                        + " such as \\\\, \\\" or \\n");
    }

    @Test
    void anUnknownFormatSaysWhichFormatsAreAccepted() throws IOException {
        Path text = write("notes.txt", "Ticket 1: refund\nTicket 2: invoice\n");
        Path json = write("other.json", "{\"rows\":[1,2,3]}\n");

        String accepted = "Accepted:\n"
                + "  - JSON lines in this tool's own shape, one ticket per line with \"id\" and \"createdAt\"\n"
                + "  - pages of an incremental ticket export: objects with \"tickets\" and \"end_of_stream\" (or"
                + " \"next_page\"), sideloaded \"users\" and \"groups\" optional\n"
                + "  - pages of a ticket search: objects with \"results\" (each with \"result_type\") and \"count\"\n"
                + "  - one ticket object per line as the helpdesk's API writes it (\"requester_id\", \"assignee_id\","
                + " \"group_id\", \"created_at\"), or a JSON array of them\n"
                + "  - a Data Loader CSV export of Case with a header of field names (ID, CASENUMBER, STATUS, OWNERID,"
                + " CREATEDDATE, …)\n"
                + "See docs/simulate.md for how to export each.";
        assertThat(message(text))
                .isEqualTo(text + ": not a ticket file this command reads (it is neither JSON nor a CSV file with an Id"
                        + " column). " + accepted);
        assertThat(message(json))
                .isEqualTo(json + ":1: not a ticket file this command reads (an object with the fields rows). "
                        + accepted);
    }

    @Test
    void aCsvWithoutARequiredColumnNamesIt() throws IOException {
        Path f = write("cases.csv", """
                "ID","SUBJECT","STATUS"
                "5003X00001AbCdEQAV","Refund","New"
                """);

        assertThat(message(f))
                .isEqualTo(f + ":1: the column CREATEDDATE is missing; a Case export needs ID and CREATEDDATE (the"
                        + " header has ID, SUBJECT, STATUS)");
    }

    @Test
    void aBadCsvValueNamesTheLineTheCaseAndTheColumn() throws IOException {
        Path f = write("cases.csv", """
                "ID","CREATEDDATE"
                "5003X00001AbCdEQAV","2026-03-02T07:40:00.000Z"
                "5003X00001AbCdFQAV","yesterday"
                """);

        assertThat(message(f))
                .isEqualTo(f + ":3 (Case 5003X00001AbCdFQAV): the column CREATEDDATE must be a time like"
                        + " 2026-03-02T08:00:00.000Z, found 'yesterday'");
    }

    @Test
    void aTicketObjectWithoutItsCreationTimeNamesTheField() throws IOException {
        Path f = write("export.json", "{\"tickets\":[{\"id\":7,\"requester_id\":1}],\"end_of_stream\":true}\n");

        assertThat(message(f)).isEqualTo(f + ":1: tickets[0] (ticket 7): field 'created_at' is required");
    }

    private static String message(Path f) {
        try {
            TicketFile.read(f);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("read " + f + " without complaint");
    }
}
