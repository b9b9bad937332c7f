package dev.handover.runner.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The options win over the variables, the variables over the defaults; a wrong value names where it came from. */
final class LogSettingsTest {
    private static final Map<String, String> NONE = Map.of();

    @Test
    void withNothingSetLinesAreKeyValueAtInfo() {
        assertThat(LogSettings.resolve(null, null, NONE::get))
                .isEqualTo(new LogSettings(LogFormat.KV, LogLevel.INFO, false));
    }

    @Test
    void theVariablesApplyWhenNoOptionIsGiven() {
        Map<String, String> env = Map.of("HANDOVER_LOG_FORMAT", "JSON", "HANDOVER_LOG_LEVEL", "Warning");
        assertThat(LogSettings.resolve(null, null, env::get))
                .isEqualTo(new LogSettings(LogFormat.JSON, LogLevel.WARN, true));
        assertThat(LogSettings.resolve("kv", "debug", env::get))
                .isEqualTo(new LogSettings(LogFormat.KV, LogLevel.DEBUG, true));
        assertThat(LogSettings.resolve(null, null, Map.of("HANDOVER_LOG_LEVEL", " ")::get))
                .isEqualTo(LogSettings.defaults());
    }

    @Test
    void aWrongValueNamesTheOptionOrTheVariable() {
        assertThatThrownBy(() -> LogSettings.resolve("xml", null, NONE::get))
                .hasMessage("--log-format: 'xml' is not a log format; use kv (key=value, the default) or json");
        assertThatThrownBy(() -> LogSettings.resolve(null, null, Map.of("HANDOVER_LOG_LEVEL", "loud")::get))
                .hasMessage("HANDOVER_LOG_LEVEL: 'loud' is not a log level; use debug, info, warn or error");
    }
}
