package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.runner.journal.JournalReader;
import dev.handover.zendesk.fake.FakeZendesk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on one configuration (a cron {@code run --once} overlapping the daemon, an operator's {@code transfer}
 * during a pass): the second is refused with the lock file and the holder named, and writes nothing; a holder killed
 * with SIGKILL leaves its lock file behind, and it blocks no one.
 */
class TwoProcessesTest {
    @TempDir
    Path dir;

    FakeZendesk zendesk;
    Scenario s;
    Process daemon;

    @BeforeEach
    void start() throws IOException {
        zendesk = FakeZendesk.start();
        s = Scenario.zendesk(zendesk, dir);
        zendesk.clock().set(Instant.now()); // the processes run on the real clock
        Scenario.write(
                s.config,
                Files.readString(s.config)
                        .replace("  lookback: 36500d", "  lookback: 36500d\n  pollInterval: 1h\n  lockWait: 1s"));
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.destroyForcibly();
        }
        zendesk.close();
    }

    @Test
    void aSecondProcessIsRefusedAndAKilledHolderBlocksNoOne() throws Exception {
        daemon = launch("daemon", "run", "--config", s.config.toString());
        awaitLog("daemon", "logger=handover.worker msg=pass polled=");
        List<String> journalBefore = Files.readAllLines(dir.resolve("journal.jsonl"));
        assertThat(journalBefore).isNotEmpty();

        Process cron = launch("cron", "run", "--once", "--config", s.config.toString());
        assertThat(cron.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Process transfer = launch(
                "transfer",
                "transfer",
                "--config",
                s.config.toString(),
                "--ticket",
                s.ids.ordinary().value(),
                "--to",
                "agent:" + s.ids.jonas().value(),
                "--reason",
                "expertise");
        assertThat(transfer.waitFor(60, TimeUnit.SECONDS)).isTrue();

        String holder = "(pid=" + daemon.pid() + " command=worker since=";
        assertThat(cron.exitValue()).as(log("cron")).isEqualTo(ExitCodes.FAILED);
        assertThat(log("cron"))
                .contains("handover: another handover process holds " + dir.resolve("worker.state.lock") + " " + holder)
                .contains("two processes on one configuration would tear the journal");
        assertThat(transfer.exitValue()).as(log("transfer")).isEqualTo(ExitCodes.FAILED);
        assertThat(log("transfer")).contains(holder).contains("did not let go within 1s");
        assertThat(Files.readAllLines(dir.resolve("journal.jsonl")))
                .as("the refused processes wrote nothing")
                .isEqualTo(journalBefore);
        assertThat(zendesk.ticket(Long.parseLong(s.ids.ordinary().value()))
                        .orElseThrow()
                        .assigneeId())
                .isEqualTo(Long.valueOf(s.ids.chen().value()));

        daemon.destroyForcibly(); // SIGKILL: no shutdown hook, no release; the OS drops the lock with the process
        assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dir.resolve("worker.state.lock")).exists();

        Process next = launch("next", "run", "--once", "--config", s.config.toString());
        assertThat(next.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(next.exitValue()).as(log("next")).isZero();
        assertThat(JournalReader.read(dir.resolve("journal.jsonl")).warnings()).isEmpty();
        for (String f : List.of("journal.jsonl", "worker.state", "worker.state.lock", "journal.jsonl.lock")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))))
                    .as(f)
                    .isEqualTo("rw-------");
        }
    }

    private void awaitLog(String name, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!log(name).contains(line)) {
            assertThat(System.nanoTime() < deadline)
                    .as("waiting for '%s' in %s", line, log(name))
                    .isTrue();
            assertThat(daemon.isAlive()).as(log(name)).isTrue();
            daemon.waitFor(100, TimeUnit.MILLISECONDS); // polls the real process, bounded by the deadline
        }
    }

    private Process launch(String name, String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", classpath, Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".log").toFile());
        pb.environment().putAll(s.env);
        return pb.start();
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name + ".log"), StandardCharsets.UTF_8)
                    + Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
