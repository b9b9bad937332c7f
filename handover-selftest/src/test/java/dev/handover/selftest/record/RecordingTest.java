package dev.handover.selftest.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.selftest.SelfTestReport;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.selftest.Exchange;
import dev.handover.spi.selftest.ProbeResult;
import dev.handover.spi.selftest.TestTeam;
import dev.handover.spi.selftest.Verdict;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RecordingTest {
    private static final URI ACCOUNT = URI.create("https://acme.zendesk.com");

    @TempDir
    Path dir;

    private static Exchange exchange(String target, String requestBody, String responseBody) {
        return new Exchange(
                "GET",
                target,
                Map.of("Authorization", List.of("Bearer s3cr3t-token"), "Accept", List.of("application/json")),
                requestBody,
                200,
                Map.of("Set-Cookie", List.of("_session=abc"), "x-rate-limit-remaining", List.of("199")),
                responseBody);
    }

    @Test
    void secretsAndPeopleNeverReachTheFileAndTheSamePersonIsTheSameStandIn() throws Exception {
        try (Recording r = Recording.to(dir, ACCOUNT)) {
            r.record(exchange(
                    "/api/v2/search.json?query=assignee%3Aada.lovelace%40acme.example",
                    "grant_type=password&client_secret=hunter2&password=pw",
                    "{\"access_token\":\"tok-123\",\"users\":[{\"id\":20001,\"name\":\"Ada Lovelace\","
                            + "\"email\":\"ada.lovelace@acme.example\",\"phone\":\"+44 20 7946 0001\"}],"
                            + "\"tickets\":[{\"id\":7,\"subject\":\"My card was charged twice\","
                            + "\"description\":\"Call me on +44 20 7946 0002\"},{\"id\":8,"
                            + "\"subject\":\"[handover selftest] a handover write\"}],"
                            + "\"next_page\":\"https://acme.zendesk.com/api/v2/search.json?page=2\"}"));
            r.record(
                    exchange(
                            "/api/v2/users/20001.json",
                            "",
                            "{\"user\":{\"id\":20001,\"email\":\"Ada.Lovelace@acme.example\",\"notes\":\"VIP, calls often\"}}"));
            assertThat(r.count()).isEqualTo(2);
        }
        String file = Files.readString(dir.resolve(Recording.FILE), StandardCharsets.UTF_8);

        assertThat(file)
                .doesNotContain("s3cr3t", "hunter2", "tok-123", "_session", "password=pw")
                .doesNotContain("Ada", "Lovelace", "lovelace", "7946", "charged twice", "VIP")
                .doesNotContain("acme.zendesk.com")
                .contains("{{base}}/api/v2/search.json?page=2")
                .contains("[handover selftest] a handover write")
                .contains("x-rate-limit-remaining");
        List<Exchange> back = Recording.read(dir);
        assertThat(back).hasSize(2);
        // the address in the search and in both user records is one stand-in
        String standIn = back.get(1).responseBody().replaceAll(".*\"email\":\"([^\"]+)\".*", "$1");
        assertThat(standIn).endsWith("@example.invalid");
        assertThat(back.get(0).responseBody()).contains(standIn);
        assertThat(back.get(0).target()).contains(standIn.replace("@", "%40"));
        assertThat(back.get(0).requestHeaders())
                .doesNotContainKey("authorization")
                .containsKey("accept");
        assertThat(back.get(0).responseHeaders()).doesNotContainKey("set-cookie");
    }

    @Test
    void aRunReadsBackWithItsTeamStartAndVerdicts() {
        TestTeam team = new TestTeam(
                "tester@acme.example",
                "Tess Tester",
                AgentId.of("20001"),
                AgentId.of("20002"),
                Optional.of(GroupId.of("3")));
        Instant start = Instant.parse("2026-12-04T10:00:00Z");
        try (Recording r = Recording.to(dir, ACCOUNT)) {
            r.record(exchange("/api/v2/tickets/1.json", "", "{\"requester\":{\"email\":\"tester@acme.example\"}}"));
            r.finish(
                    team,
                    new SelfTestReport(
                            "zendesk",
                            "sandbox not reported",
                            start,
                            List.of(new ProbeResult("directory", "a", "b", Verdict.PASS, Optional.empty())),
                            List.of()));
        }
        RecordedRun run = Recording.readRun(dir);

        assertThat(run.vendor()).isEqualTo("zendesk");
        assertThat(run.startedAt()).isEqualTo(start);
        assertThat(run.verdicts()).containsExactly(Map.entry("directory", Verdict.PASS));
        assertThat(run.team().sender()).isEqualTo(AgentId.of("20001"));
        assertThat(run.team().group()).contains(GroupId.of("3"));
        assertThat(run.team().requesterEmail())
                .endsWith("@example.invalid")
                .isEqualTo(run.exchanges().get(0).responseBody().replaceAll(".*\"email\":\"([^\"]+)\".*", "$1"));
        assertThat(run.team().requesterName()).doesNotContain("Tess");
    }

    @Test
    void aLineThatIsNotAnExchangeIsNamedByFileAndLine() throws Exception {
        Files.writeString(
                dir.resolve(Recording.FILE),
                "{\"method\":\"GET\",\"target\":\"/a\",\"status\":200}\n{\"method\":\"GET\"}\n");
        assertThatThrownBy(() -> Recording.read(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Recording.FILE + ":2:1")
                .hasMessageContaining("'target'");
    }
}
