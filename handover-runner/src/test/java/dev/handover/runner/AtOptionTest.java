package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.memory.time.MutableClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --at} on the commands that read the configuration: the forms it accepts, the clock it gives (exactly the
 * instant at the first reading, then running on), and its refusal to let a writing command act at another time on a
 * CRM that stamps its own.
 */
final class AtOptionTest {
    private static final String POLICY = """
            policy:
              name: Test
              calendar: { zone: Europe/London, hours: ["Mon-Fri 08:00-18:00"] }
              rules:
                - { id: complaint, when: { complaint: true }, reason: complaint, to: line-manager }
            """;

    @TempDir
    Path dir;

    private final MutableClock wall = MutableClock.at(Instant.parse("2026-11-20T18:00:00Z"));

    @Test
    void acceptsInstantsAndOffsetsAndSaysWhatItWantsOtherwise() {
        CommandClock.Converter c = new CommandClock.Converter();
        assertThat(c.convert("2026-03-02T09:30Z")).isEqualTo(Instant.parse("2026-03-02T09:30:00Z"));
        assertThat(c.convert("2026-03-02T09:30:15.5Z")).isEqualTo(Instant.parse("2026-03-02T09:30:15.500Z"));
        assertThat(c.convert(" 2026-03-02T10:30+01:00 ")).isEqualTo(Instant.parse("2026-03-02T09:30:00Z"));
        assertThat(c.convert("2026-03-02T10:30+01:00[Europe/Berlin]")).isEqualTo(Instant.parse("2026-03-02T09:30:00Z"));
        for (String bad : new String[] {"2026-03-02T09:30", "2026-03-02", "monday 9:30", ""}) {
            assertThatThrownBy(() -> c.convert(bad))
                    .isInstanceOf(TypeConversionException.class)
                    .hasMessage(
                            "'" + bad + "' is not an instant: write it as 2026-03-02T09:30Z (UTC) or with its offset,"
                                    + " 2026-03-02T10:30+01:00");
        }
    }

    @Test
    void theClockReadsTheInstantFirstAndRunsOnFromIt() {
        CommandClock clock = new CommandClock(wall);
        assertThat(clock.instant()).isEqualTo(wall.instant());
        assertThat(clock.at()).isEmpty();
        clock.startAt(Instant.parse("2026-03-02T09:30:00Z"));
        wall.advance(Duration.ofSeconds(9)); // the JVM starting, the configuration loading
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-02T09:30:00Z"));
        wall.advance(Duration.ofSeconds(2));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-02T09:30:02Z"));
        assertThat(clock.at()).contains(Instant.parse("2026-03-02T09:30:00Z"));
    }

    @Test
    void aBadValueIsAUsageError() throws IOException {
        Run r = run("check", "--config", memoryConfig().toString(), "--at", "half past nine");
        assertThat(r.code).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err).contains("--at").contains("'half past nine' is not an instant");
    }

    @Test
    void writingCommandsRefuseItOnACrmThatStampsItsOwnTime() throws IOException {
        Path config = dir.resolve("zendesk.yaml");
        Files.writeString(config, """
                crm:
                  type: zendesk
                  settings:
                    subdomain: acme
                    auth: { type: oauth, client-id: handover-worker, client-secret: "${ZENDESK_CLIENT_SECRET}" }
                """ + POLICY);
        Run transfer = run(
                "transfer",
                "--config",
                config.toString(),
                "--at",
                "2026-03-02T09:30Z",
                "--ticket",
                "1",
                "--to",
                "line-manager",
                "--reason",
                "complaint");
        assertThat(transfer.code).isEqualTo(ExitCodes.USAGE);
        assertThat(transfer.err)
                .contains("handover: --at is for sandboxes and replay: transfer writes to the CRM, and " + config
                        + " names crm.type zendesk, which stamps its own time; leave --at out, or try it on crm.type"
                        + " memory (docs/sandbox.md)");
        Run once = run("run", "--once", "--config", config.toString(), "--at", "2026-03-02T09:30Z");
        assertThat(once.code).isEqualTo(ExitCodes.USAGE);
        assertThat(once.err).contains("run writes to the CRM");
        // check writes nothing: it may describe the procedure as at another time
        Run check = run("check", "--config", config.toString(), "--at", "2026-03-02T09:30Z");
        assertThat(check.err).doesNotContain("--at");
    }

    @Test
    void theInMemoryCrmActsAtTheGivenTime() throws IOException {
        Run r = run(
                "transfer",
                "--config",
                memoryConfig().toString(),
                "--at",
                "2026-03-02T10:30+01:00",
                "--ticket",
                "1044",
                "--to",
                "line-manager",
                "--reason",
                "complaint",
                "--dry-run");
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("Mon 2 Mar 2026 09:30 UTC").doesNotContain("Nov 2026");
    }

    private Path memoryConfig() throws IOException {
        Path config = dir.resolve("memory.yaml");
        Files.writeString(config, """
                crm:
                  type: memory
                  settings: { start: 2026-03-02T08:00:00Z }
                worker: { journal: journal.jsonl, state: worker.state }
                """ + POLICY);
        return config;
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = Map.of("ZENDESK_CLIENT_SECRET", "not-a-real-secret");
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), new Context(wall, env::get, dir));
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int code, String out, String err) {}
}
