package dev.handover.runner.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/** One line per event, the same fields in both formats, and no value that can forge a line or a field. */
final class LineEncoderTest {
    private static final Instant AT = Instant.parse("2026-03-02T09:30:00Z");
    private final LoggerContext context = new LoggerContext();

    {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    private final LineEncoder kv = new LineEncoder(LogFormat.KV);
    private final LineEncoder json = new LineEncoder(LogFormat.JSON);

    private LoggingEvent event(String logger, Level level, String message, Object... args) {
        LoggingEvent e = new LoggingEvent(getClass().getName(), context.getLogger(logger), level, message, null, args);
        e.setInstant(AT);
        return e;
    }

    @Test
    void theProductsMessageBecomesItsTextAndItsPairs() {
        LoggingEvent e = event("handover.worker", Level.INFO, "pass polled={} handed_over={} failures={}", 3, 2, 0);
        assertThat(kv.line(e))
                .isEqualTo("ts=2026-03-02T09:30:00.000Z level=INFO logger=handover.worker msg=pass polled=3"
                        + " handed_over=2 failures=0");
        assertThat(json.line(e))
                .isEqualTo("{\"ts\":\"2026-03-02T09:30:00.000Z\",\"level\":\"INFO\",\"logger\":\"handover.worker\","
                        + "\"msg\":\"pass\",\"polled\":\"3\",\"handed_over\":\"2\",\"failures\":\"0\"}");
    }

    @Test
    void quotedValuesAndSeveralWordsAreQuotedAgain() {
        LoggingEvent e = event(
                "handover.webhook",
                Level.WARN,
                "refused status={} reason={} detail=\"{}\"",
                401,
                "UNAUTHENTIC",
                "bad signature");
        assertThat(kv.line(e))
                .isEqualTo("ts=2026-03-02T09:30:00.000Z level=WARN logger=handover.webhook msg=refused status=401"
                        + " reason=UNAUTHENTIC detail=\"bad signature\"");
        assertThat(json.line(e))
                .endsWith(",\"msg\":\"refused\",\"status\":\"401\",\"reason\":\"UNAUTHENTIC\","
                        + "\"detail\":\"bad signature\"}");
    }

    @Test
    void aMessageThatIsNotTextThenPairsStaysWhole() {
        LoggingEvent e =
                event("handover.worker", Level.WARN, "giving up on ticket={}: its handover has failed since {}", 7, AT);
        assertThat(kv.line(e))
                .isEqualTo("ts=2026-03-02T09:30:00.000Z level=WARN logger=handover.worker msg=\"giving up on"
                        + " ticket=7: its handover has failed since 2026-03-02T09:30:00Z\"");
        // a library's message naming a field every line has is not split either: no field is written twice
        assertThat(kv.line(event("org.glassfish.jersey", Level.INFO, "level=high ok=1")))
                .endsWith(" msg=\"level=high ok=1\"");
    }

    @Test
    void noValueCanBreakTheLineOrForgeAField() {
        LoggingEvent e =
                event("handover.worker", Level.INFO, "note {}", "a\nts=forged level=ERROR \u001b[31m\u2028\"x\\");
        String line = kv.line(e);
        assertThat(line)
                .isEqualTo("ts=2026-03-02T09:30:00.000Z level=INFO logger=handover.worker"
                        + " msg=\"note a\\nts=forged level=ERROR \\u001b[31m\\u2028\\\"x\\\\\"")
                .doesNotContain("\n", "\u001b", "\u2028");
        assertThat(json.line(e)).doesNotContain("\n", "\u001b", "\u2028");
    }

    @Test
    void mdcKeyValuePairsAndTheStackTraceAreFieldsOnTheSameLine() throws Exception {
        LoggingEvent e = event("handover.worker", Level.ERROR, "pass failed ticket={}", 1016);
        e.setMDCPropertyMap(Map.of("partition", "1/3"));
        e.setKeyValuePairs(List.of(new KeyValuePair("attempt", 2)));
        e.setThrowableProxy(new ThrowableProxy(new IllegalStateException("the CRM answered 503")));
        String line = kv.line(e);
        assertThat(line)
                .startsWith("ts=2026-03-02T09:30:00.000Z level=ERROR logger=handover.worker msg=\"pass failed\""
                        + " ticket=1016 partition=1/3 attempt=2 exception=\"java.lang.IllegalStateException: the CRM"
                        + " answered 503\\n\tat ".replace("\t", "\\t"))
                .doesNotContain("\n");
        JsonNode node = new ObjectMapper().readTree(json.line(e));
        assertThat(node.get("ticket").asText()).isEqualTo("1016");
        assertThat(node.get("partition").asText()).isEqualTo("1/3");
        assertThat(node.get("attempt").asText()).isEqualTo("2");
        assertThat(node.get("exception").asText())
                .startsWith("java.lang.IllegalStateException: the CRM answered 503\n\tat ");
        assertThat(new String(json.encode(e), java.nio.charset.StandardCharsets.UTF_8))
                .endsWith("}\n")
                .containsOnlyOnce("\n");
    }
}
