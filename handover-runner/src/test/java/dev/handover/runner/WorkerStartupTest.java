package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.memory.time.MutableClock;
import dev.handover.spi.model.GroupId;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code handover run} when the CRM cannot be reached at start: it tries again for {@code worker.startup.retryFor} on
 * the simulated clock, then gives up with exit code 3 and a message naming the host, the setting and the plain cause.
 * No network: a loopback port with nothing listening, and a name under {@code .invalid} (RFC 6761: never resolves).
 */
class WorkerStartupTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(T0);
    private final Map<String, String> env =
            new HashMap<>(Map.of("ZD_TOKEN", "t0ken-not-shown", "RT_TOKEN", "rt-t0ken"));

    private Scenario.Run run(String crm, String worker, String... args) throws IOException {
        Path config = dir.resolve("handover.yaml");
        Files.writeString(
                config,
                crm + Scenario.policy(GroupId.of("30001"))
                        + "worker:\n  journal: journal.jsonl\n  state: worker.state\n" + worker);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        int code = Main.run(all, new PrintWriter(out), new PrintWriter(err), new Context(clock, env::get));
        return new Scenario.Run(code, out.toString(), err.toString());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String zendesk(String baseUrl) {
        return """
                crm:
                  type: zendesk
                  settings:
                    base-url: %s
                    auth: { type: api-token, email: bot@example.com, api-token: "${ZD_TOKEN}" }
                    retry: { max-attempts: 1 }
                """.formatted(baseUrl);
    }

    @Test
    void aPortWithNothingListeningIsRetriedForRetryForThenGivenUpWithExitCode3() throws IOException {
        int port = closedPort();
        Scenario.Run r = run(zendesk("http://127.0.0.1:" + port), "  startup: { retryFor: 2m }\n", "run");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err())
                .startsWith("handover: giving up: could not reach the CRM for ")
                .contains("worker.startup.retryFor: 2 min")
                .contains("cannot reach 127.0.0.1 (crm.settings.base-url: http://127.0.0.1:" + port
                        + "): nothing listens on port " + port + " (connection refused)")
                .doesNotContain("ConnectException")
                .doesNotContain("ClosedChannelException")
                .doesNotContain("t0ken-not-shown");
        // the waits ran on the simulated clock, within the bound, and there were several attempts
        Duration waited = Duration.between(T0, clock.instant());
        assertThat(waited).isGreaterThan(Duration.ofSeconds(30)).isLessThanOrEqualTo(Duration.ofMinutes(2));
        assertThat(r.err()).containsPattern("\\(\\d+ attempts,");
        // nothing was left half-started: the lock went with the failed attempts
        assertThat(Files.exists(dir.resolve("worker.state"))).isFalse();
    }

    @Test
    void aNameThatDoesNotResolveIsNamedWithItsSetting() throws IOException {
        Scenario.Run r = run(zendesk("https://acme.invalid"), "  startup: { retryFor: 0s }\n", "run");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err())
                .contains("(1 attempt, worker.startup.retryFor: 0 ms)")
                .contains("cannot reach acme.invalid (crm.settings.base-url: https://acme.invalid): the name does not"
                        + " resolve")
                .doesNotContain("UnresolvedAddressException");
        assertThat(clock.instant()).isEqualTo(T0);
    }

    @Test
    void runOnceDoesNotWaitAndSaysWhichHostItCouldNotReach() throws IOException {
        Scenario.Run r = run(zendesk("https://acme.invalid"), "", "run", "--once");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err())
                .isEqualTo("handover: cannot start the worker: cannot reach acme.invalid (crm.settings.base-url:"
                        + " https://acme.invalid): the name does not resolve\n");
        assertThat(clock.instant()).isEqualTo(T0);
    }

    @Test
    void requestTrackersUrlIsNamedToo() throws IOException {
        int port = closedPort();
        Scenario.Run r = run("""
                crm:
                  type: rt
                  settings:
                    url: http://127.0.0.1:%d
                    auth: { type: token, token: "${RT_TOKEN}" }
                    retry: { max-attempts: 1 }
                """.formatted(port), "", "run", "--once");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err())
                .contains("cannot reach 127.0.0.1 (crm.settings.url: http://127.0.0.1:" + port + "): nothing listens on"
                        + " port " + port);
    }

    @Test
    void salesforcesInstanceUrlIsNamedToo() throws IOException {
        env.put("SF_SECRET", "sf-s3cret");
        Scenario.Run r = run("""
                crm:
                  type: salesforce
                  settings:
                    instance-url: https://acme.my.salesforce.invalid
                    api-version: "62.0"
                    auth: { client-id: handover, client-secret: "${SF_SECRET}" }
                    retry: { max-attempts: 1 }
                """, "", "run", "--once");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err())
                .contains("cannot reach acme.my.salesforce.invalid (crm.settings.instance-url:"
                        + " https://acme.my.salesforce.invalid): the name does not resolve")
                .doesNotContain("sf-s3cret");
    }

    @Test
    void aPartitionTheEnvironmentGetsWrongIsAUsageError() throws IOException {
        env.put("HANDOVER_REPLICAS", "3");
        env.put("HOSTNAME", "handover-3");
        Scenario.Run r = run(zendesk("https://acme.invalid"), "", "run", "--once");

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err())
                .startsWith("handover: HOSTNAME=handover-3 and HANDOVER_REPLICAS=3: ordinal 3 is not below"
                        + " the count 3");
    }
}
