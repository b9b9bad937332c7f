package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import dev.handover.zendesk.fake.FakeZendesk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Customer text that would drive a terminal (a window-title OSC, clear-screen, a C1 CSI, NUL, DEL, a bidi override)
 * comes out of every command visible and harmless: in the text of {@code transfer}, {@code check} and
 * {@code simulate}, on standard error, and in the report's JSON (the same JSON) and HTML.
 */
class HostileTextTest {
    static final String HOSTILE = "Refund \u001b]0;pwned\u0007 \u001b[2J \u009b31m \u0000\u007f \u202eevil\u202c";
    static final Pattern RAW = Pattern.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]");

    @TempDir
    Path dir;

    FakeZendesk zendesk;
    Scenario s;
    final TicketId hostile = TicketId.of("10009");

    @BeforeEach
    void start() {
        zendesk = FakeZendesk.start();
        s = Scenario.zendesk(zendesk, dir);
        zendesk.addTicket(Ticket.builder(hostile)
                .subject(HOSTILE)
                .description(HOSTILE + " please")
                .status(TicketStatus.OPEN)
                .priority(TicketPriority.NORMAL)
                .requester(Customer.builder()
                        .id("40009")
                        .name("Mallory \u001b[31mRed\u001b[0m")
                        .build())
                .assignee(s.ids.chen())
                .group(s.ids.support())
                .createdAt(Scenario.T0.minus(Duration.ofHours(1)))
                .version(Version.of("1"))
                .build());
    }

    @AfterEach
    void stop() {
        zendesk.close();
    }

    static void harmless(String printed) {
        Matcher m = RAW.matcher(printed);
        assertThat(m.find())
                .as("a raw control at %s in: %s", m.hitEnd() ? -1 : m.start(), printed)
                .isFalse();
    }

    @Test
    void transferPrintsTheCustomersTextVisibly() {
        Scenario.Run r = s.cli(
                "transfer",
                "--config",
                s.config.toString(),
                "--ticket",
                hostile.value(),
                "--to",
                "agent:" + s.ids.jonas().value(),
                "--reason",
                "expertise",
                "--summary",
                HOSTILE,
                "--dry-run");

        assertThat(r.code()).as(r.err()).isZero();
        harmless(r.out());
        assertThat(r.out())
                .contains("Refund \\u001b]0;pwned\\u0007 \\u001b[2J \\u009b31m \\u0000\\u007f \\u202eevil\\u202c");
    }

    @Test
    void checkAndSimulateToo() throws Exception {
        Scenario.write(
                s.config,
                Files.readString(s.config).replace("name: Support desk", "name: \"Support \\e]0;pwned\\a desk\""));
        Scenario.Run check = s.cli("check", "--config", s.config.toString());
        assertThat(check.code()).as(check.err()).isZero();
        harmless(check.out());
        assertThat(check.out()).contains("Support \\u001b]0;pwned\\u0007 desk");

        Path tickets = dir.resolve("tickets.jsonl");
        Scenario.write(tickets, """
                {"id":"1","subject":"I want to complain \\u001b]0;x\\u0007","status":"open","assignee":"%s","group":"%s","createdAt":"2026-03-02T08:00:00Z","requester":{"name":"Mia \\u009b31m","language":"en"}}
                """.formatted(s.ids.ada(), s.ids.support()));
        Scenario.Run sim = s.cli("simulate", "--config", s.config.toString(), "--tickets", tickets.toString());
        assertThat(sim.code()).as(sim.err()).isZero();
        harmless(sim.out());
        assertThat(sim.out()).contains("ticket 1: rule complaint-to-lead");

        simulationRefusesHarmlessly(
                tickets,
                "{\"id\":\"1\\u001b[2J\\u202e\",\"status\":\"open\",\"createdAt\":\"2026-03-02T08:00:00Z\"}",
                "(ticket 1\\u001b[2J\\u202e)");
        simulationRefusesHarmlessly(
                tickets,
                "{\"id\":\"2\",\"status\":\"\\u001b[2Jopen\",\"createdAt\":\"2026-03-02T08:00:00Z\"}",
                "\\u001b[2Jopen");
    }

    /** A ticket file {@code simulate} refuses: the error names the bad value, escaped. */
    private void simulationRefusesHarmlessly(Path tickets, String line, String shown) {
        Scenario.write(tickets, line + "\n");
        Scenario.Run bad = s.cli("simulate", "--config", s.config.toString(), "--tickets", tickets.toString());
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        harmless(bad.err());
        assertThat(bad.err()).contains(shown);
    }

    @Test
    void theReportsJsonIsTheSameJsonAndItsHtmlHasNoControls() throws Exception {
        Scenario.Run t = s.cli(
                "transfer",
                "--config",
                s.config.toString(),
                "--ticket",
                hostile.value(),
                "--to",
                "agent:" + s.ids.jonas().value(),
                "--reason",
                "expertise");
        assertThat(t.code()).as(t.err()).isZero();
        Matcher id = Pattern.compile("handover (ho-[0-9a-f]{16})").matcher(t.out());
        assertThat(id.find()).isTrue();
        s.clock.advance(Duration.ofMinutes(12)); // the CRM's search finds the new tasks after a while
        Scenario.Run fb = s.cli(
                "feedback",
                "--config",
                s.config.toString(),
                "--handover",
                id.group(1),
                "--agent",
                s.ids.jonas().value(),
                "--comment",
                HOSTILE);
        assertThat(fb.code()).as(fb.err()).isZero();
        String journal = dir.resolve("journal.jsonl").toString();

        Scenario.Run json = s.cli("report", "--journal", journal, "--format", "json");
        Scenario.Run html = s.cli(
                "report", "--journal", journal, "--out", dir.resolve("r.html").toString());

        assertThat(json.code()).as(json.err()).isZero();
        harmless(json.out());
        JsonNode comments = new ObjectMapper().readTree(json.out()).findValue("comments");
        assertThat(comments.get(0).get("comment").asText()).as("the same JSON").isEqualTo(HOSTILE);
        assertThat(html.code()).as(html.err()).isZero();
        String page = Files.readString(dir.resolve("r.html"));
        harmless(page);
        assertThat(page).contains("Refund \uFFFD]0;pwned\uFFFD");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(dir.resolve("r.html"))))
                .as("a new report is owner-only")
                .isEqualTo("rw-------");
    }
}
