package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handover.runner.config.RunnerConfig;
import dev.handover.runner.logging.LogSettings;
import dev.handover.runner.logging.Logging;
import dev.handover.runner.worker.WebhookListener;
import dev.handover.spi.model.TicketId;
import dev.handover.zendesk.fake.FakeZendesk;
import dev.handover.zendesk.fake.WebhookSigner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every line the product writes on standard error has one format — its own lines, the adapters' and Jersey's
 * java.util.logging — chosen by {@code --log-format} / {@code HANDOVER_LOG_FORMAT}, at the level of {@code
 * --log-level} / {@code HANDOVER_LOG_LEVEL}; starting the worker and its webhook listener warns of nothing; no secret
 * reaches a line.
 */
final class LogsTest extends OnFakeZendesk {
    /** {@code key=value}: time, level, logger, message, then the fields. */
    private static final String KV_LINE =
            "ts=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z level=(DEBUG|INFO|WARN|ERROR) logger=\\S+ msg=.*";

    @AfterEach
    void defaultLogs() {
        Logging.configure(LogSettings.defaults()); // the tests set other formats and levels for the whole JVM
    }

    /** The scenario's configuration with OAuth client credentials: an API token makes the adapter warn, rightly. */
    private Path oauthConfig() throws Exception {
        String yaml = Files.readString(s.config)
                .replaceAll(
                        "(?m)auth: \\{ type: api-token.*$",
                        "auth: { type: oauth, client-id: " + FakeZendesk.CLIENT_ID
                                + ", client-secret: \"\\${ZD_CLIENT_SECRET}\" }");
        assertThat(yaml).contains("type: oauth");
        s.env.put("ZD_CLIENT_SECRET", FakeZendesk.CLIENT_SECRET);
        Path config = dir.resolve("oauth.yaml");
        Files.writeString(config, yaml);
        return config;
    }

    private static List<String> lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    /** What the process writes on standard error while {@code action} runs. */
    private static String stderrOf(Callable<?> action) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream before = System.err;
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.call();
        } finally {
            System.setErr(before);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private int run(Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(s.env);
        all.putAll(env);
        return Cli.run(
                args, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), s.clock, dir, all::get);
    }

    @Test
    void aWorkerPassAtDebugWarnsOfNothingAndWritesNoSecret() throws Exception {
        Path config = oauthConfig();
        zendesk.clock().set(Instant.now());
        WorkerProcess w = WorkerProcess.in(dir)
                .env(s.env)
                .name("debug")
                .start("run", "--once", "--config", config.toString(), "--log-level", "debug");
        assertThat(w.exitCode(Duration.ofMinutes(3))).as(w.log()).isZero();

        String log = Files.readString(dir.resolve("debug.log"), StandardCharsets.UTF_8);
        List<String> lines = lines(log);
        // the engine's line for each handover, its ticket and handover ids as fields (from the MDC)
        assertThat(lines)
                .as(log)
                .anyMatch(l -> l.contains(" logger=dev.handover.core.Handovers msg=\"handover ho-")
                        && l.contains(" ticket=" + s.ids.complaint().value()));
        assertThat(lines).as("every line in one format").allMatch(l -> l.matches(KV_LINE), log);
        assertThat(lines)
                .as("no warning at start")
                .noneMatch(l -> l.contains(" level=WARN ") || l.contains(" level=ERROR "));
        assertThat(log + w.log())
                .doesNotContain(FakeZendesk.CLIENT_SECRET)
                .doesNotContain(Scenario.TOKEN)
                .doesNotContain(Scenario.WEBHOOK_SECRET);
    }

    @Test
    void startingTheWebhookListenerWarnsOfNothing() throws Exception {
        RunnerConfig c = dev.handover.runner.config.ConfigLoader.with(s.env::get, s.clock)
                .load(s.config);
        List<TicketId> received = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        String log = stderrOf(() -> {
            try (WebhookListener listener = WebhookListener.start(
                    c.worker().webhook().orElseThrow(), c.worker().state(), "zendesk", s.clock, received::add)) {
                String body = WebhookTest.event("evt-logs", s.ids.complaint().value());
                String ts = s.clock.instant().toString();
                HttpRequest.Builder r = HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + listener.port() + listener.path()))
                        .POST(HttpRequest.BodyPublishers.ofString(body));
                WebhookSigner.headers(Scenario.WEBHOOK_SECRET, ts, body.getBytes(StandardCharsets.UTF_8))
                        .forEach(r::header);
                return http.send(r.build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode();
            }
        });
        // the resource Jersey makes per request has the listener's collaborators
        assertThat(received).containsExactly(s.ids.complaint());
        List<String> lines = lines(log);
        assertThat(lines)
                .as(log)
                .anyMatch(l -> l.matches(KV_LINE) && l.contains(" logger=handover.webhook msg=listening "));
        assertThat(lines).as(log).noneMatch(l -> l.contains(" level=WARN ") || l.contains(" level=ERROR "));
        assertThat(log).doesNotContain("will be ignored").doesNotContain(Scenario.WEBHOOK_SECRET);
    }

    @Test
    void jsonLinesFromTheVariableForTheWorkersLines() throws Exception {
        Path config = oauthConfig();
        String log = stderrOf(
                () -> run(Map.of("HANDOVER_LOG_FORMAT", "json"), "run", "--once", "--config", config.toString()));
        List<String> lines = lines(log);
        assertThat(lines).as(log).isNotEmpty();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        for (String l : lines) {
            nodes.add(json.readTree(l));
        }
        assertThat(nodes)
                .allSatisfy(n -> assertThat(n.fieldNames()).toIterable().startsWith("ts", "level", "logger", "msg"));
        assertThat(nodes).anySatisfy(n -> {
            assertThat(n.get("logger").asText()).isEqualTo("dev.handover.core.Handovers");
            assertThat(n.get("ticket").asText()).isEqualTo(s.ids.complaint().value());
            assertThat(n.get("handover").asText()).startsWith("ho-");
        });
    }

    @Test
    void theLevelOptionWinsOverTheVariable() throws Exception {
        org.slf4j.Logger worker = org.slf4j.LoggerFactory.getLogger("handover.worker");
        String quiet = stderrOf(() -> {
            run(Map.of("HANDOVER_LOG_LEVEL", "warn"), "--version");
            worker.info("pass polled={}", 3);
            worker.warn("giving up");
            return null;
        });
        assertThat(lines(quiet)).singleElement().satisfies(l -> assertThat(l).endsWith(" msg=\"giving up\""));
        String shown = stderrOf(() -> {
            run(Map.of("HANDOVER_LOG_LEVEL", "warn"), "--log-level", "info", "--version");
            worker.info("pass polled={}", 3);
            return null;
        });
        assertThat(lines(shown))
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .matches(KV_LINE)
                        .endsWith(" level=INFO logger=handover.worker msg=pass polled=3"));
    }

    @Test
    void theJdksOwnDebugStaysOffAtDebug() throws Exception {
        // the JDK's HTTP client logs hundreds of lines a pass at FINE, headers included: detail for the JDK's
        // developers, not for ours
        stderrOf(() -> run(Map.of(), "--log-level", "debug", "--version"));
        assertThat(java.util.logging.Logger.getLogger("jdk.internal.httpclient.debug")
                        .isLoggable(Level.FINE))
                .isFalse();
        assertThat(org.slf4j.LoggerFactory.getLogger("dev.handover.zendesk.http.Transport")
                        .isDebugEnabled())
                .isTrue();
    }

    @Test
    void javaUtilLoggingComesOutInTheSameFormatAtTheSameLevel() throws Exception {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("org.glassfish.jersey.example");
        String info = stderrOf(() -> {
            // the option wins over the variable
            run(Map.of("HANDOVER_LOG_FORMAT", "kv"), "--log-format", "json", "--version");
            jul.warning("a provider warned");
            jul.fine("a detail");
            return null;
        });
        assertThat(lines(info)).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines(info).get(0));
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("logger").asText()).isEqualTo("org.glassfish.jersey.example");
        assertThat(line.get("msg").asText()).isEqualTo("a provider warned");
        // logback's level reaches JUL: a disabled JUL level is dropped before a record is made
        assertThat(jul.isLoggable(Level.FINE)).isFalse();

        String debug = stderrOf(() -> {
            Main.run(
                    new String[] {"--log-level", "debug", "--version"},
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter()));
            jul.fine("a detail");
            return null;
        });
        assertThat(jul.isLoggable(Level.FINE)).isTrue();
        assertThat(lines(debug))
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .matches(KV_LINE)
                        .endsWith(" level=DEBUG logger=org.glassfish.jersey.example msg=\"a detail\""));
    }
}
