package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handover.runner.worker.ProcessLock;
import dev.handover.zendesk.fake.FakeZendesk;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code handover run} as a process: SIGTERM (and SIGINT) lets the current pass finish, then the worker stops cleanly
 * — state saved, journal closed, lock released — and exits 0, which systemd and Kubernetes count as a clean stop (the
 * JVM's own handling would exit 143).
 */
class GracefulStopTest {
    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheWorkerAfterItsPassWithItsStateSavedAndExitsZero() throws Exception {
        stopsCleanlyOn(null);
    }

    @Test
    void sigintStopsItTheSameWay() throws Exception {
        stopsCleanlyOn("INT");
    }

    /** Sends the signal ({@code null}: SIGTERM by {@code Process#destroy}) once the first pass is logged. */
    private void stopsCleanlyOn(String signal) throws Exception {
        try (FakeZendesk zendesk = FakeZendesk.start()) {
            Scenario s = Scenario.zendesk(zendesk, dir);
            zendesk.clock().set(Instant.now());
            Scenario.write(
                    s.config,
                    Files.readString(s.config)
                            .replace("  lookback: 36500d", "  lookback: 36500d\n" + "  pollInterval: 1h"));
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> command = new ArrayList<>();
            if (signal != null) {
                // a process started in the background by a non-interactive shell (a CI runner, `nohup … &`) inherits
                // SIGINT ignored, and an ignored signal stays ignored in the JVM: restore its default for the worker
                command.addAll(List.of("env", "--default-signal=" + signal));
            }
            command.addAll(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    classpath,
                    Main.class.getName(),
                    "run",
                    "--config",
                    s.config.toString()));
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectOutput(dir.resolve("out.txt").toFile());
            pb.environment().putAll(s.env);
            Process p = pb.start();
            List<String> log = new ArrayList<>();
            try (BufferedReader err =
                    new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                // the first pass is logged as one line; then the worker waits for the next poll or a webhook
                while ((line = err.readLine()) != null) {
                    log.add(line);
                    if (line.contains("logger=handover.worker msg=pass polled=")) {
                        break;
                    }
                }
                if (signal == null) {
                    p.toHandle().destroy(); // SIGTERM, leaving our end of its pipes open
                } else {
                    assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                                    .start()
                                    .waitFor())
                            .isZero();
                }
                // the rest is read beside the wait, so a worker that does not stop fails the test instead of hanging it
                List<String> rest = java.util.Collections.synchronizedList(new ArrayList<>());
                Thread drain = new Thread(() -> err.lines().forEach(rest::add), "stderr");
                drain.setDaemon(true);
                drain.start();
                boolean exited = p.waitFor(60, TimeUnit.SECONDS);
                if (!exited) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                drain.join(10_000);
                log.addAll(rest);
                assertThat(exited)
                        .as("the worker stopped within 60 s of the signal:%n%s", String.join("\n", log))
                        .isTrue();
            }
            assertThat(p.exitValue()).as(String.join("\n", log)).isZero();
            assertThat(log)
                    .anySatisfy(l -> assertThat(l)
                            .contains("SIG" + (signal == null ? "TERM" : signal)
                                    + " received: finishing the pass in flight"));
            assertThat(log)
                    .anySatisfy(
                            l -> assertThat(l).contains("stopped cleanly: state saved, journal closed, lock released"));
            // the lock is free: another worker can take it at once
            try (ProcessLock lock = ProcessLock.acquire(
                    List.of(dir.resolve("worker.state"), dir.resolve("journal.jsonl")),
                    Duration.ZERO,
                    "test",
                    Clock.systemUTC())) {
                assertThat(lock).isNotNull();
            }
            // every journal line is whole JSON: nothing was cut off
            List<String> lines = Files.readAllLines(dir.resolve("journal.jsonl"));
            assertThat(lines).isNotEmpty();
            ObjectMapper json = new ObjectMapper();
            for (String line : lines) {
                assertThat(json.readTree(line).path("type").asText()).isNotBlank();
            }

            assertThat(log)
                    .anySatisfy(l -> assertThat(l)
                            .matches(
                                    "ts=\\d{4}-\\d\\d-\\d\\dT\\S+ level=INFO logger=handover\\.worker msg=pass polled=3 handed_over=2 replayed=0"
                                            + " refused=0 failed=0 .*failures=0"));
            assertThat(log)
                    .anySatisfy(
                            l -> assertThat(l).contains("logger=handover.webhook msg=listening address=127.0.0.1:"));
            assertThat(log).anySatisfy(l -> assertThat(l).contains("logger=handover.worker msg=stopped"));
            assertThat(Files.readString(dir.resolve("worker.state"))).contains("\"passStartedAt\":null");
            assertThat(String.join("\n", log)).doesNotContain(Scenario.TOKEN).doesNotContain(Scenario.WEBHOOK_SECRET);
        }
    }
}
