package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.zendesk.fake.FakeZendesk;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code handover run} as a process: SIGTERM lets the current pass finish, then the worker stops cleanly. */
class GracefulStopTest {
    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheWorkerAfterItsPassWithItsStateSaved() throws Exception {
        try (FakeZendesk zendesk = FakeZendesk.start()) {
            Scenario s = Scenario.zendesk(zendesk, dir);
            zendesk.clock().set(Instant.now());
            Scenario.write(
                    s.config,
                    Files.readString(s.config)
                            .replace("  lookback: 36500d", "  lookback: 36500d\n" + "  pollInterval: 1h"));
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            ProcessBuilder pb = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            classpath,
                            Main.class.getName(),
                            "run",
                            "--config",
                            s.config.toString())
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
                p.toHandle().destroy(); // SIGTERM, leaving our end of its pipes open
                while ((line = err.readLine()) != null) {
                    log.add(line);
                }
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(log)
                    .anySatisfy(l -> assertThat(l)
                            .matches(
                                    "ts=\\d{4}-\\d\\d-\\d\\dT\\S+ level=INFO logger=handover\\.worker msg=pass polled=3 handed_over=2 replayed=0"
                                            + " refused=0 failed=0 .*failures=0"));
            assertThat(log)
                    .anySatisfy(
                            l -> assertThat(l).contains("logger=handover.webhook msg=listening address=127.0.0.1:"));
            assertThat(log.get(log.size() - 1)).contains("logger=handover.worker msg=stopped");
            assertThat(Files.readString(dir.resolve("worker.state"))).contains("\"passStartedAt\":null");
            assertThat(String.join("\n", log)).doesNotContain(Scenario.TOKEN).doesNotContain(Scenario.WEBHOOK_SECRET);
        }
    }
}
