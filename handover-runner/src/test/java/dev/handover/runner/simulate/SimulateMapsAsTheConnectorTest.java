package dev.handover.runner.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handover.salesforce.fake.FakeSalesforce;
import dev.handover.salesforce.fake.Ids18;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmProvider;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.Secret;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import dev.handover.zendesk.fake.FakeZendesk;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate} reads a helpdesk's export with mapping code of its own, beside the connector's. This holds the two
 * together: the same tickets and people are put in the stateful fake Zendesk, read once through the connector over
 * HTTP and once from the export the same account gives ({@code show_many} with its users and metrics sideloaded, the
 * page an incremental export also writes), and every ticket and agent must come out equal. A mapping changed on one
 * side only fails here.
 */
class SimulateMapsAsTheConnectorTest {
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private static final GroupId EMEA = GroupId.of("360000000001");
    private static final GroupId BILLING = GroupId.of("360000000002");

    @TempDir
    Path dir;

    @Test
    void aZendeskExportOfAnAccountMapsAsTheConnectorReadsTheSameAccount() throws Exception {
        try (FakeZendesk zendesk = FakeZendesk.start()) {
            zendesk.customField("refund_amount", 360006L).customField("language", 360005L);
            zendesk.addGroup(Group.team(EMEA, "EMEA Support")).addGroup(Group.team(BILLING, "Billing L2"));
            List<Agent> team = team();
            team.forEach(zendesk::addAgent);
            zendesk.agentKind(364L, 1, false, null); // a light agent, as the Users API marks one
            zendesk.agentKind(366L, null, true, null); // chat only
            List<Ticket> tickets = tickets();
            tickets.forEach(zendesk::addTicket);

            Map<String, String> values = new LinkedHashMap<>();
            values.put("base-url", zendesk.url().toString());
            values.put("auth.type", "api-token");
            values.put("auth.email", FakeZendesk.API_EMAIL);
            values.put("fields.360006", "refund_amount");
            values.put("ticket.language-field", "360005");
            values.put("customer.tier-field", "customer_tier");
            values.put("customer.salutation-field", "salutation");
            CrmSettings settings = CrmSettings.builder("zendesk")
                    .putAll(values)
                    .secret("auth.api-token", Secret.of(FakeZendesk.API_TOKEN))
                    .build();

            List<TicketId> ids = tickets.stream().map(Ticket::id).toList();
            Map<TicketId, Ticket> read;
            Directory directory;
            try (CrmConnector crm = provider("zendesk").create(settings)) {
                read = crm.tickets(ids);
                directory = crm.directory();
            }

            // the export: what the account answers, written to a file as a team would save it
            String page = get(
                    zendesk,
                    "/api/v2/tickets/show_many.json?ids="
                            + String.join(",", ids.stream().map(TicketId::value).toList())
                            + "&include=users,organizations,metric_sets");
            Path file = dir.resolve("export.json");
            Files.writeString(file, page, StandardCharsets.UTF_8);
            TicketFile.Contents export = TicketFile.read(file, new Mapping(settings.values()));

            assertThat(export.tickets()).hasSameSizeAs(ids);
            for (Ticket fromFile : export.tickets()) {
                Ticket overApi = read.get(fromFile.id());
                assertThat(fromFile)
                        .as("ticket %s from the export against the connector's read", fromFile.id())
                        // the link is the agent's web page, whose host an export file does not hold, and the
                        // version is what a write would be checked against: a simulation writes nothing
                        .usingRecursiveComparison()
                        .ignoringFields("link", "version")
                        .isEqualTo(overApi);
            }
            // the tickets exercise the mapping's tables, not only their defaults
            assertThat(export.tickets())
                    .extracting(Ticket::status)
                    .contains(TicketStatus.NEW, TicketStatus.PENDING, TicketStatus.ON_HOLD, TicketStatus.SOLVED);
            assertThat(export.tickets()).extracting(Ticket::channel).contains(Channel.WEB, Channel.PHONE);
            assertThat(export.tickets())
                    .anySatisfy(t -> assertThat(t.language()).contains(Locale.GERMAN));
            assertThat(export.tickets())
                    .anySatisfy(t -> assertThat(t.customFields()).containsEntry("refund_amount", "780"));

            // every agent the export sideloads is the agent the connector's directory has
            List<String> compared = new ArrayList<>();
            for (Agent fromFile : export.people().agents()) {
                Agent overApi = directory.agent(fromFile.id()).orElseThrow();
                assertThat(fromFile)
                        .as("agent %s from the export against the connector's directory", fromFile.id())
                        // an export's user carries only its default group; the directory reads every membership
                        .usingRecursiveComparison()
                        .ignoringFields("groups", "presence")
                        // the same reason; the runner's code names no vendor, so it says "a light agent" alone
                        .withEqualsForFields(
                                (String a, String b) -> a.equals(b.replace(" in Zendesk", "")), "cannotTakeTickets")
                        .isEqualTo(overApi);
                compared.add(fromFile.name());
            }
            assertThat(compared).contains("Ada Lovelace", "Jonas Weber", "Lena Light", "Chat Charlie");
            assertThat(export.people().agent(AgentId.of("364")).orElseThrow().cannotTakeTickets())
                    .isNotEmpty();
        }
    }

    @Test
    void aDataLoaderCaseExportOfAnOrgMapsAsTheConnectorReadsTheSameOrg() throws Exception {
        try (FakeSalesforce org = FakeSalesforce.start()) {
            GroupId support = GroupId.of(Ids18.of("00G", 1));
            org.putGroup(Group.team(support, "Support"));
            Agent ada = Agent.builder(AgentId.of(Ids18.of("005", 1)))
                    .name("Ada Lovelace")
                    .email("ada@example.com")
                    .group(support)
                    .speaks("en")
                    .build();
            Agent jonas = Agent.builder(AgentId.of(Ids18.of("005", 2)))
                    .name("Jonas Weber")
                    .email("jonas@example.com")
                    .group(support)
                    .speaks("de")
                    .build();
            org.putUser(ada);
            org.putUser(jonas);
            List<Ticket> cases = List.of(
                    sfCase(1, TicketStatus.NEW, TicketPriority.HIGH, Channel.EMAIL, ada.id(), support)
                            .tags(List.of("refund", "vip"))
                            .requester(customer(Ids18.of("003", 1), "Mia Customer", "en", "", "Ms."))
                            .build(),
                    sfCase(2, TicketStatus.OPEN, TicketPriority.URGENT, Channel.PHONE, jonas.id(), support)
                            .requester(customer(Ids18.of("003", 2), "Paul Wagner", "de", "", ""))
                            .build(),
                    sfCase(3, TicketStatus.PENDING, TicketPriority.LOW, Channel.WEB, null, support)
                            .requester(customer(Ids18.of("003", 3), "Olivia \"Liv\" Harris", "en-GB", "", ""))
                            .description("Two lines,\nwith a comma and a \"quote\".")
                            .build(),
                    sfCase(4, TicketStatus.ON_HOLD, TicketPriority.NORMAL, Channel.EMAIL, ada.id(), null)
                            .requester(customer(Ids18.of("003", 4), "Sofia Rossi", "it", "", ""))
                            .build());
            cases.forEach(org::putCase);
            CrmSettings settings = org.settings();

            List<TicketId> ids = cases.stream().map(Ticket::id).toList();
            Map<TicketId, Ticket> read;
            try (CrmConnector crm = provider("salesforce").create(settings)) {
                read = crm.tickets(ids);
            }

            // the export: the query docs/simulate.md gives, run on the org, written as Data Loader writes a CSV
            List<String> columns = List.of(
                    "Id",
                    "CaseNumber",
                    "Subject",
                    "Description",
                    "Status",
                    "IsClosed",
                    "Priority",
                    "Origin",
                    "OwnerId",
                    "ContactId",
                    "Contact.Name",
                    "Contact.Email",
                    "Contact.Phone",
                    "Contact.Salutation",
                    "Contact.Language__c",
                    "CreatedDate",
                    "LastModifiedDate",
                    "Handover_Tags__c",
                    "Handover_Group__c");
            JsonNode records = query(org, "SELECT " + String.join(", ", columns) + " FROM Case");
            Path file = dir.resolve("cases.csv");
            Files.writeString(file, dataLoaderCsv(columns, records), StandardCharsets.UTF_8);
            TicketFile.Contents export = TicketFile.read(file, new Mapping(settings.values()));

            assertThat(export.format()).isEqualTo(TicketFile.Format.CASE_CSV);
            assertThat(export.tickets()).hasSameSizeAs(ids);
            for (Ticket fromFile : export.tickets()) {
                assertThat(fromFile)
                        .as("Case %s from the export against the connector's read", fromFile.id())
                        .usingRecursiveComparison()
                        .ignoringFields("link", "version")
                        .isEqualTo(read.get(fromFile.id()));
            }
            assertThat(export.tickets())
                    .extracting(Ticket::status)
                    .contains(TicketStatus.NEW, TicketStatus.PENDING, TicketStatus.ON_HOLD);
            // the Contact's language (fields.contact.language), a quoted multi-line description, a name with quotes
            assertThat(export.tickets())
                    .anySatisfy(t -> assertThat(t.requester().language()).contains(Locale.GERMAN));
            assertThat(export.tickets())
                    .anySatisfy(t -> assertThat(t.description()).contains("\n").contains("\"quote\""));
            assertThat(export.tickets())
                    .anySatisfy(t -> assertThat(t.requester().name()).isEqualTo("Olivia \"Liv\" Harris"));
        }
    }

    /**
     * A CSV as Data Loader's extract writes it: the query's fields as the heading, upper-cased (its CSV writer's
     * {@code visitHeaderColumns}), a relationship's fields flattened as {@code Contact.Name}, every value quoted, times
     * in UTC as {@code 2026-03-02T08:00:00.000Z}.
     */
    private static String dataLoaderCsv(List<String> columns, JsonNode records) {
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(
                        ",",
                        columns.stream()
                                .map(c -> quote(c.toUpperCase(Locale.ROOT)))
                                .toList()))
                .append("\r\n");
        for (JsonNode r : records) {
            List<String> cells = new ArrayList<>();
            for (String c : columns) {
                JsonNode v = r;
                for (String part : c.split("\\.")) {
                    v = v.path(part);
                }
                String text = v.isMissingNode() || v.isNull() ? "" : v.asText();
                // the API answers 2026-03-02T08:00:00.000+0000; Data Loader writes the same instant in UTC as ...Z
                cells.add(quote(
                        text.matches("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+\\+0000") ? text.replace("+0000", "Z") : text));
            }
            csv.append(String.join(",", cells)).append("\r\n");
        }
        return csv.toString();
    }

    private static String quote(String v) {
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    private static JsonNode query(FakeSalesforce org, String soql) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String form = "grant_type=client_credentials&client_id=" + enc(FakeSalesforce.CLIENT_ID) + "&client_secret="
                + enc(FakeSalesforce.CLIENT_SECRET);
        HttpResponse<String> token = http.send(
                HttpRequest.newBuilder(URI.create(org.url() + "/services/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        ObjectMapper json = new ObjectMapper();
        String access = json.readTree(token.body()).path("access_token").asText();
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(
                                org.url() + "/services/data/v" + FakeSalesforce.API_VERSION + "/query?q=" + enc(soql)))
                        .header("Authorization", "Bearer " + access)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        JsonNode body = json.readTree(page.body());
        assertThat(body.path("done").asBoolean()).isTrue();
        return body.path("records");
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    private static Ticket.Builder sfCase(
            int n, TicketStatus status, TicketPriority priority, Channel channel, AgentId owner, GroupId group) {
        Instant created = T0.minus(Duration.ofHours(n));
        return Ticket.builder(TicketId.of(Ids18.of("500", n)))
                .subject("Case " + n)
                .description("What the customer wrote on case " + n + ".")
                .status(status)
                .priority(priority)
                .channel(channel)
                .assignee(owner)
                .group(group)
                .createdAt(created)
                .updatedAt(created.plus(Duration.ofMinutes(20)))
                .version(Version.of("1"));
    }

    private static CrmProvider provider(String name) {
        return ServiceLoader.load(CrmProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static String get(FakeZendesk zendesk, String pathAndQuery) throws IOException, InterruptedException {
        String basic = Base64.getEncoder()
                .encodeToString(
                        (FakeZendesk.API_EMAIL + "/token:" + FakeZendesk.API_TOKEN).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(zendesk.url() + pathAndQuery))
                                .header("Authorization", "Basic " + basic)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static List<Agent> team() {
        return List.of(
                agent("361", "Ada Lovelace", "Europe/London", "en")
                        .manager(AgentId.of("363"))
                        .capacity(12)
                        .build(),
                agent("362", "Jonas Weber", "Europe/Berlin", "de", "en")
                        .skills(List.of("billing", "refunds"))
                        .manager(AgentId.of("363"))
                        .build(),
                agent("363", "Eve Moneypenny", "Europe/London", "en")
                        .role("lead")
                        .build(),
                agent("364", "Lena Light", "Europe/Paris", "fr").build(),
                agent("365", "Sam Suspended", "UTC", "en").active(false).build(),
                agent("366", "Chat Charlie", "America/New_York", "en").build());
    }

    private static Agent.Builder agent(String id, String name, String zone, String... languages) {
        return Agent.builder(AgentId.of(id))
                .name(name)
                .email(name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.com")
                .group(id.equals("362") ? BILLING : EMEA)
                .timeZone(ZoneId.of(zone))
                .speaks(languages);
    }

    private static List<Ticket> tickets() {
        return List.of(
                ticket("1001", TicketStatus.OPEN, TicketPriority.HIGH, Channel.EMAIL, "361", EMEA)
                        .tags(List.of("refund", "vip"))
                        .customField("refund_amount", "780")
                        .requester(customer("9001", "Mia Customer", "en", "gold", "Ms"))
                        .build(),
                ticket("1002", TicketStatus.NEW, TicketPriority.URGENT, Channel.WEB, null, BILLING)
                        .customField("language", "de")
                        .requester(customer("9002", "Paul Wagner", "de", "", ""))
                        .build(),
                ticket("1003", TicketStatus.PENDING, TicketPriority.LOW, Channel.PHONE, "362", BILLING)
                        .requester(customer("9003", "Olivia Harris", "en-GB", "", ""))
                        .build(),
                ticket("1004", TicketStatus.ON_HOLD, TicketPriority.NORMAL, Channel.CHAT, "364", EMEA)
                        .requester(customer("9004", "Sofia Rossi", "it", "silver", ""))
                        .build(),
                ticket("1005", TicketStatus.SOLVED, TicketPriority.NORMAL, Channel.EMAIL, "366", EMEA)
                        .tags(List.of("how-to"))
                        .requester(customer("9005", "Tom Baker", "en", "", "Mr"))
                        .build(),
                ticket("1006", TicketStatus.OPEN, TicketPriority.NORMAL, Channel.EMAIL, "365", null)
                        .requester(customer("9006", "Ana Lima", "pt-BR", "", ""))
                        .build());
    }

    private static Ticket.Builder ticket(
            String id, TicketStatus status, TicketPriority priority, Channel channel, String assignee, GroupId group) {
        Instant created = T0.minus(Duration.ofHours(Long.parseLong(id) - 1000));
        return Ticket.builder(TicketId.of(id))
                .subject("Ticket " + id)
                .description("What the customer wrote on ticket " + id + ".")
                .status(status)
                .priority(priority)
                .channel(channel)
                .assignee(assignee == null ? null : AgentId.of(assignee))
                .group(group)
                .createdAt(created)
                .updatedAt(created.plus(Duration.ofMinutes(20)))
                .version(Version.of("1"));
    }

    private static Customer customer(String id, String name, String language, String tier, String salutation) {
        return Customer.builder()
                .id(id)
                .name(name)
                .email(name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.org")
                .language(Locale.forLanguageTag(language))
                .tier(tier)
                .salutation(salutation)
                .build();
    }
}
