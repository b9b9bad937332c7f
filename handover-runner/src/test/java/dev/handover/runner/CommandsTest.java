package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handover.core.event.HandoverEvent;
import dev.handover.spi.model.AgentId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every subcommand through {@code Main}: output, exit codes and error messages, against the fake Zendesk. */
class CommandsTest extends OnFakeZendesk {
    Scenario.Run cli(String... args) {
        return s.cli(args);
    }

    String config() {
        return s.config.toString();
    }

    /** {@code transfer} with the scenario's configuration: the ticket, the target and the reason, then {@code more}. */
    Scenario.Run transfer(String ticket, String to, String reason, String... more) {
        List<String> args = new ArrayList<>(
                List.of("transfer", "--config", config(), "--ticket", ticket, "--to", to, "--reason", reason));
        args.addAll(List.of(more));
        return cli(args.toArray(String[]::new));
    }

    /** {@code ack} of the handover by the agent, with the scenario's configuration. */
    Scenario.Run ack(String handover, AgentId agent) {
        return cli("ack", "--config", config(), "--handover", handover, "--agent", agent.value());
    }

    Long assignee(dev.handover.spi.model.TicketId t) {
        return zendesk.ticket(Long.parseLong(t.value())).orElseThrow().assigneeId();
    }

    static String handoverId(String out) {
        Matcher m = Pattern.compile("handover (ho-[0-9a-f]{16})").matcher(out);
        assertThat(m.find()).as("a handover id in: " + out).isTrue();
        return m.group(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"check", "selftest", "run", "transfer", "ack", "feedback", "simulate", "demo"})
    void everySubcommandExplainsItself(String command) {
        Scenario.Run r = cli(command, "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("Usage: handover " + command);
    }

    @Test
    void checkPrintsTheProcedureAndWithConnectChecksTheIdsAgainstTheCrm() {
        Scenario.Run r = cli("check", "--config", config());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("is valid: 2 rules, 1 reminder policy, CRM zendesk.")
                .contains("Handover procedure: Support desk")
                .contains("1. complaint-to-lead");

        Scenario.Run connected = cli("check", "--config", config(), "--connect", "--quiet");
        assertThat(connected.code()).as(connected.err()).isZero();
        assertThat(connected.out())
                .contains("connected to zendesk; 5 agents and 1 group; every id the file names exists")
                .doesNotContain("Handover procedure");

        String edited = readConfig().replace("bestAvailable: \"30001\"", "bestAvailable: \"39999\"");
        Scenario.write(s.config, edited);
        List<String> lines = edited.lines().toList();
        int line = 1
                + lines.indexOf(lines.stream()
                        .filter(l -> l.contains("39999"))
                        .findFirst()
                        .orElseThrow());
        int column = 1 + lines.get(line - 1).indexOf("\"39999\"");
        Scenario.Run unknown = cli("check", "--config", config(), "--connect");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err())
                .contains(config() + ":" + line + ":" + column + ":")
                .contains("policy.rules[1].to.bestAvailable: no group '39999' in the CRM's directory");

        // a user-field key the account does not have: agents would silently have no skills
        Scenario.write(
                s.config,
                readConfig().replace("  settings:\n", "  settings:\n    directory.skills-field: handover_skils\n"));
        Scenario.Run typo = cli("check", "--config", config(), "--connect");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err())
                .contains("crm.settings.directory.skills-field: no user field 'handover_skils' in this Zendesk account"
                        + " (did you mean 'handover_skills'?)");
    }

    @Test
    void checkWithProbeTasksCreatesClosesAndDeletesOneTaskAndNamesWhatBlocksClosing() {
        Scenario.Run ok = cli("check", "--config", config(), "--connect", "--probe-tasks", "--quiet");
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("a task was created, closed and deleted again");
        assertThat(zendesk.taskTickets()).isEmpty();

        zendesk.requireOnSolve(360777L, "Contact reason");
        Scenario.Run blocked = cli("check", "--config", config(), "--connect", "--probe-tasks");
        assertThat(blocked.code()).isEqualTo(2);
        assertThat(blocked.err())
                .contains("crm.settings.tasks.solve-fields: ticket field 360777 'Contact reason' is required to solve")
                .contains("crm: tasks: a task ticket was created (#")
                .contains("Contact reason: needed");
        assertThat(zendesk.taskTickets()).isEmpty();

        Scenario.Run alone = cli("check", "--config", config(), "--probe-tasks");
        assertThat(alone.code()).isEqualTo(2);
        assertThat(alone.err()).contains("--probe-tasks needs --connect");
    }

    @Test
    void aBadConfigurationIsExitCode2WithItsLocation() {
        Scenario.write(s.config, readConfig().replace("acknowledgeWithin: 30m", "acknowledgeWithin: soon"));
        Scenario.Run r = cli("check", "--config", config());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("handover.yaml:").contains("acknowledgeWithin: expected a duration like 30m");
        assertThat(cli("check", "--config", dir.resolve("none.yaml").toString()).err())
                .contains("none.yaml:1:1: the configuration file does not exist");
    }

    @Test
    void transferHandsOverByHandAndPrintsTheNoteAsWritten() {
        Scenario.Run r = transfer(
                s.ids.ordinary().value(),
                "agent:" + s.ids.jonas().value(),
                "expertise",
                "--summary",
                "Customer cannot find the invoice export",
                "--done",
                "Sent the help-centre article",
                "--promise",
                "We will call back tomorrow@2026-03-03T10:00:00Z",
                "--action",
                "Walk the customer through the export@2h");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("Handed over ticket " + s.ids.ordinary() + " to Jonas Weber")
                .contains("Customer cannot find the invoice export")
                .contains("Sent the help-centre article")
                .contains("We will call back tomorrow")
                .contains("Walk the customer through the export");
        assertThat(assignee(s.ids.ordinary()))
                .isEqualTo(Long.valueOf(s.ids.jonas().value()));
        assertThat(s.journal())
                .filteredOn(e -> e.event() instanceof HandoverEvent.Executed x
                        && x.rule().equals("manual"))
                .hasSize(1);
    }

    @Test
    void aDryRunWritesNothing() {
        zendesk.clearRequests();
        Scenario.Run r =
                transfer(s.ids.ordinary().value(), "agent:" + s.ids.jonas().value(), "expertise", "--dry-run");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Would hand over ticket").contains("Internal note (not written):");
        assertThat(zendesk.requests(q -> !q.method().equals("GET"))).isEmpty();
        assertThat(assignee(s.ids.ordinary()))
                .isEqualTo(Long.valueOf(s.ids.chen().value()));
    }

    @Test
    void aReceiverWhoCannotTakeTheTicketIsRefusedWithTheReasonAndExitCode1() {
        Scenario.Run r =
                transfer(s.ids.german().value(), "agent:" + s.ids.chen().value(), "language");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).startsWith("Refused: ticket " + s.ids.german() + " was not handed over.");
        assertThat(assignee(s.ids.german())).isEqualTo(Long.valueOf(s.ids.ada().value()));
    }

    @Test
    void badTransferArgumentsAreUsageErrors() {
        Scenario.Run to = transfer("10003", "someone", "expertise");
        assertThat(to.code()).isEqualTo(2);
        assertThat(to.err()).contains("--to 'someone' is not a target; use agent:ID, group:ID");
        Scenario.Run reason = transfer("10003", "line-manager", "boredom");
        assertThat(reason.code()).isEqualTo(2);
        assertThat(reason.err()).contains("--reason 'boredom' is not a reason of the policy; known:");
        Scenario.Run action = transfer("10003", "line-manager", "expertise", "--action", "Call back");
        assertThat(action.code()).isEqualTo(2);
        assertThat(action.err()).contains("--action 'Call back': give a deadline after @");
        Scenario.Run missing = cli("transfer", "--config", config(), "--ticket", "10003");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("handover: missing required options '--to TARGET', '--reason CODE'");
    }

    @Test
    void ackAndFeedbackAreRecordedOnTheTicketAndInTheJournal() {
        Scenario.Run t = transfer(
                s.ids.ordinary().value(),
                "agent:" + s.ids.jonas().value(),
                "expertise",
                "--summary",
                "Export question");
        String handover = handoverId(t.out());
        s.clock.advance(Duration.ofMinutes(12));

        Scenario.Run ack = ack(handover, s.ids.jonas());
        assertThat(ack.code()).as(ack.err()).isZero();
        assertThat(ack.out())
                .startsWith("Acknowledged: handover " + handover + " of ticket " + s.ids.ordinary() + " by "
                        + s.ids.jonas())
                .contains("minutes after the handover");
        Scenario.Run wrongAgent = ack(handover, s.ids.chen());
        assertThat(wrongAgent.code()).isEqualTo(2);
        assertThat(wrongAgent.err())
                .contains("handover " + handover + " is for " + s.ids.jonas() + " to acknowledge, not " + s.ids.chen());
        Scenario.Run unknown = ack("ho-0000000000000000", s.ids.jonas());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("handover ho-0000000000000000 has no acknowledgement task");
        Scenario.Run again = ack(handover, s.ids.jonas());
        assertThat(again.out()).startsWith("Already acknowledged");

        Scenario.Run fb = cli(
                "feedback",
                "--config",
                config(),
                "--handover",
                handover,
                "--agent",
                s.ids.jonas().value(),
                "--missing",
                "history,promises",
                "--comment",
                "What was tried already?");
        assertThat(fb.code()).as(fb.err()).isZero();
        assertThat(fb.out()).contains("missing or unclear — history, promises made to the customer");
        assertThat(s.journal())
                .filteredOn(e -> e.event() instanceof HandoverEvent.Acknowledged)
                .hasSize(1);
        assertThat(s.journal())
                .filteredOn(e -> e.event() instanceof HandoverEvent.FeedbackGiven)
                .singleElement()
                .satisfies(e -> assertThat(((HandoverEvent.FeedbackGiven) e.event()).comment())
                        .isEqualTo("What was tried already?"));
        assertThat(zendesk.comments(Long.parseLong(s.ids.ordinary().value())))
                .anySatisfy(c -> assertThat(c.body()).contains("What was tried already?"));

        Scenario.Run bad =
                cli("feedback", "--config", config(), "--handover", handover, "--agent", "1", "--missing", "vibes");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--missing 'vibes' is not a note section");
    }

    @Test
    void simulateShowsWhatWouldHappenAndWritesNothing() throws Exception {
        Path tickets = dir.resolve("tickets.jsonl");
        Scenario.write(tickets, """
                {"id":"1","subject":"I want to complain: the refund never came","status":"open","assignee":"%s","group":"%s","createdAt":"2026-03-02T08:00:00Z","requester":{"name":"Mia","language":"en"}}
                {"id":"2","subject":"Rechnung doppelt bezahlt","status":"open","assignee":"%s","group":"%s","language":"de","createdAt":"2026-03-02T08:00:00Z","requester":{"name":"Jan","language":"de"}}
                {"id":"3","subject":"How do I export?","status":"open","assignee":"%s","createdAt":"2026-03-02T08:00:00Z","comments":[{"author":"%s","body":"Looking into it","public":false,"at":"2026-03-02T08:10:00Z"}]}
                """.formatted(
                        s.ids.ada(), s.ids.support(), s.ids.ada(), s.ids.support(), s.ids.chen(), s.ids.chen()));
        zendesk.clearRequests();

        Scenario.Run r =
                cli("simulate", "--config", config(), "--tickets", tickets.toString(), "--at", "2026-03-02T09:00:00Z");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("ticket 1: rule complaint-to-lead (Complaint) — Ada Lovelace → Eve Moneypenny")
                .contains("ticket 2: rule language (Language) — Ada Lovelace → Jonas Weber")
                .doesNotContain("ticket 3:")
                .contains("2 of 3 tickets would be handed over, 0 refused, 1 left as they are.");
        assertThat(zendesk.requests(q -> !q.method().equals("GET"))).isEmpty();

        Scenario.Run json = cli("simulate", "--config", config(), "--tickets", tickets.toString(), "--json");
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> lines = json.out()
                .lines()
                .map(l -> {
                    try {
                        return m.readTree(l);
                    } catch (Exception e) {
                        throw new AssertionError(l, e);
                    }
                })
                .toList();
        assertThat(lines).extracting(n -> n.get("outcome").asText()).containsExactly("handover", "handover", "none");
        assertThat(lines.get(1).get("to").asText()).isEqualTo(s.ids.jonas().value());
    }

    @Test
    void aBadTicketFileNamesTheLineAndField() {
        Path tickets = dir.resolve("bad.jsonl");
        Scenario.write(tickets, """
                {"id":"1","subject":"ok","createdAt":"2026-03-02T08:00:00Z"}
                {"id":"2","subject":"bad","status":"opne","createdAt":"2026-03-02T08:00:00Z"}
                """);
        Scenario.Run r = cli("simulate", "--config", config(), "--tickets", tickets.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .contains("bad.jsonl:2 (ticket 2): field 'status' must be one of new, open, pending,"
                        + " on-hold, solved, closed, found 'opne'");
    }

    @Test
    void runOnceDoesOnePassAndFailsWithExitCode1WhenTheCrmIsDown() {
        Scenario.Run r = cli("run", "--config", config(), "--once");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("3 changed tickets read; 2 handed over, 0 refused, 0 failed");

        zendesk.close();
        Scenario.Run down = cli("run", "--config", config(), "--once");
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.err() + down.out()).doesNotContain(Scenario.TOKEN);
    }

    private String readConfig() {
        try {
            return java.nio.file.Files.readString(s.config);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
