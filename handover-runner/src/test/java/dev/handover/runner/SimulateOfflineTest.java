package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate} through {@code Main.run} on exports as the helpdesks write them, without any CRM: the configuration
 * names a Zendesk account whose secret is not set and whose host does not exist, so a single attempt to connect would
 * fail the run. The team comes from the export's sideloads, a directory file or the {@code team:} section.
 */
class SimulateOfflineTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
    private static final String POLICY = """
            policy:
              name: Support desk
              calendar: { zone: Europe/London, hours: ["Mon-Fri 08:00-18:00"] }
              rules:
                - id: complaint-to-lead
                  when: { complaint: true }
                  reason: complaint
                  to: line-manager
                - id: language
                  when: { open: true, languageNotSpokenByAssignee: true }
                  reason: language
                  to: { bestAvailable: "360000000001" }
            """;

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true), CLOCK, dir, name -> null);
        return new Run(code, out.toString(), err.toString());
    }

    Path config(String crm, String team) throws IOException {
        Path f = dir.resolve("handover.yaml");
        Files.writeString(f, crm + POLICY + team, StandardCharsets.UTF_8);
        return f;
    }

    static String zendesk() {
        return """
                crm:
                  type: zendesk
                  settings:
                    subdomain: handover-offline-test.invalid
                    auth: { type: oauth, client-id: handover-worker, client-secret: "${ZENDESK_CLIENT_SECRET}" }
                    fields:
                      "360006": refund_amount
                    ticket:
                      language-field: "360005"
                """;
    }

    static String fixture(String name) {
        try {
            return Path.of(SimulateOfflineTest.class
                            .getResource("/simulate/" + name)
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anIncrementalExportWithItsSideloadsNeedsNoCrmAndNoSecret() throws IOException {
        Path config = config(zendesk(), "");

        Run r = cli(
                "simulate",
                "--config",
                config.toString(),
                "--tickets",
                fixture("incremental-cursor.json"),
                "--offline");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("Replaying 3 tickets through the policy as at 2026-03-02T09:00:00Z (nothing is written).")
                .contains("read: pages of an incremental ticket export")
                .contains("; 2 record(s) left out (not tickets, deleted, or older copies)")
                .contains("offline: the CRM was not contacted; team of 4 agents and 1 groups.")
                .contains("ticket 1001: rule complaint-to-lead (Complaint) — Ada Lovelace → Eve Moneypenny")
                // Lena speaks German too, but a light agent cannot be assigned tickets
                .contains("ticket 1002: rule language (Language) — Ada Lovelace → Jonas Weber")
                .doesNotContain("ticket 1003:")
                .contains("2 of 3 tickets would be handed over, 0 refused, 1 left as they are.")
                .contains("not checked offline:")
                .contains("  - group membership is taken from each user's default group only")
                .contains("  - presence (online, away) is unknown offline")
                .contains("  - workload: open tickets are counted over the replayed tickets only;");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aDirectoryFileGivesTheTeamAndItsOpenTickets() throws IOException {
        Path config = config(zendesk(), "");

        Run r = cli(
                "simulate",
                "--config",
                config.toString(),
                "--tickets",
                fixture("tickets-per-line.jsonl"),
                "--directory",
                fixture("team.yaml"));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("offline: the CRM was not contacted; team of 4 agents and 2 groups.")
                .contains("ticket 1001: rule complaint-to-lead (Complaint) — Ada Lovelace → Eve Moneypenny")
                // Jonas holds 20 open tickets, his capacity: Klara takes the German customer
                .contains("ticket 1002: rule language (Language) — Ada Lovelace → Klara Schmidt")
                .doesNotContain("workload: open tickets are counted")
                .doesNotContain("default group");
        // the flattened export has no sideloads: the language comes from the custom field the settings name
        assertThat(r.out()).contains("2 of 3 tickets would be handed over");
    }

    @Test
    void theTeamSectionAloneIsATeamToo() throws IOException {
        Path config = config(zendesk(), """
                team:
                  agents:
                    "361": { languages: [en], manager: "363" }
                    "363": { languages: [en], role: lead }
                    "362": { languages: [de, en] }
                """);

        Run r = cli(
                "simulate",
                "--config",
                config.toString(),
                "--tickets",
                fixture("tickets-per-line.jsonl"),
                "--offline",
                "--all");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("offline: the CRM was not contacted; team of 3 agents and 1 groups.")
                .contains("ticket 1001: rule complaint-to-lead (Complaint) — 361 → 363")
                .contains("ticket 1002: a rule applies but nobody could take it")
                .contains("ticket 1003: no rule applies")
                .contains("  - 3 agent(s) come from the team: section alone: they belong to no group and have no name"
                        + " but their key")
                .contains(
                        "  - the policy names group(s) 360000000001 that no directory given describes: taken as empty,"
                                + " nobody can be chosen from them");
    }

    @Test
    void aCaseExportIsSimulatedOfflineWithItsJsonOutput() throws IOException {
        String crm = """
                crm:
                  type: salesforce
                  settings:
                    instance-url: https://handover-offline-test.invalid
                    auth: { flow: client-credentials, client-id: x, client-secret: "${SF_SECRET}" }
                    fields:
                      case:
                        language: Language__c
                """;
        Path config = dir.resolve("handover.yaml");
        Files.writeString(config, crm + POLICY.replace("360000000001", "00G3X000001EmeaUAA"));
        Path team = dir.resolve("team.json");
        Files.writeString(team, """
                {"groups":[{"id":"00G3X000001EmeaUAA","name":"EMEA Support","kind":"queue"}],
                 "agents":[
                  {"id":"0053X00000Ada01QAA","name":"Ada","languages":["en"],"manager":"0053X00000Eve03QAA","groups":["00G3X000001EmeaUAA"]},
                  {"id":"0053X00000Eve03QAA","name":"Eve","languages":["en"],"role":"lead"},
                  {"id":"0053X00000Jon02QAA","name":"Jonas","languages":["de","en"],"groups":["00G3X000001EmeaUAA"]}]}
                """);

        Run r = cli(
                "simulate",
                "--config",
                config.toString(),
                "--tickets",
                fixture("cases.csv"),
                "--directory",
                team.toString(),
                "--json");

        assertThat(r.code()).as(r.err()).isZero();
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> lines = r.out()
                .lines()
                .map(l -> {
                    try {
                        return m.readTree(l);
                    } catch (IOException e) {
                        throw new AssertionError(l, e);
                    }
                })
                .toList();
        assertThat(lines)
                .extracting(n -> n.get("ticket").asText())
                .containsExactly(
                        "5003X00001AbCdEQAV", "5003X00001AbCdFQAV", "5003X00001AbCdGQAV", "5003X00001AbCdHQAV");
        assertThat(lines)
                .extracting(n -> n.get("outcome").asText())
                .containsExactly("handover", "handover", "none", "none");
        assertThat(lines.get(0).get("to").asText()).isEqualTo("0053X00000Eve03QAA");
        assertThat(lines.get(1).get("to").asText()).isEqualTo("0053X00000Jon02QAA");
    }

    @Test
    void badInputStopsTheRunWithItsPlaceAndNothingElse() throws IOException {
        Path config = config(zendesk(), "");
        Path tickets = dir.resolve("tickets.jsonl");
        Files.writeString(tickets, """
                {"id":"1","createdAt":"2026-03-02T08:00:00Z"}
                {"id":"2","createdAt":"2026-03-02T08:00:00Z"}
                {"id":"3", createdAt:"2026-03-02T08:00:00Z"}
                """);

        Run r = cli("simulate", "--config", config.toString(), "--tickets", tickets.toString(), "--offline");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .contains(tickets + ":3:12: not valid JSON: a field name must be in double quotes, found 'c'")
                .doesNotContain("Unexpected character", "jackson", "Source:", "code 99");

        Path team = dir.resolve("team.yaml");
        Files.writeString(team, "agents:\n  - { id: \"1\", shifts: [\"Mon-Fri 8-17\"] }\n");
        Run badTeam = cli(
                "simulate",
                "--config",
                config.toString(),
                "--tickets",
                fixture("search.json"),
                "--directory",
                team.toString());
        assertThat(badTeam.code()).isEqualTo(2);
        assertThat(badTeam.err())
                .contains(team + ": agents[0] (1): shifts: 'Mon-Fri 8-17' is not working hours like"
                        + " 'Mon-Fri 08:00-18:00' or 'Sat,Sun 10:00-14:00'");
    }
}
