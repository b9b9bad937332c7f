package dev.handover.runner.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.policy.HandoverRule;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration shown in the README loads as it is written there. */
class ReadmeConfigExampleTest {
    @Test
    void theReadmeConfigurationIsValid() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("<!-- README-CONFIG-START -->");
        int end = readme.indexOf("<!-- README-CONFIG-END -->");
        assertThat(start).as("README config markers").isPositive();
        String block = readme.substring(start, end);
        String yaml = block.substring(block.indexOf("```yaml") + 7, block.lastIndexOf("```"));

        RunnerConfig c = ConfigLoader.with(Map.of("ZENDESK_CLIENT_SECRET", "s")::get, ExampleConfigsTest.CLOCK)
                .load(new StringReader(yaml), "README.md", Path.of("."));

        assertThat(c.crm().provider()).isEqualTo("zendesk");
        assertThat(c.policy().rules()).extracting(HandoverRule::id).containsExactly("complaint-to-lead", "language");
        assertThat(c.team().isEmpty()).isFalse();
        assertThat(c.worker().journal()).hasToString("/var/lib/handover/journal.jsonl");
    }
}
