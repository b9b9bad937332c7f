package dev.handover.rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmConnectors;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.CrmSettingsException;
import dev.handover.spi.Secret;
import org.junit.jupiter.api.Test;

/** The {@code rt} settings: found by name, checked at the key, secrets never echoed. */
final class SettingsTest {

    private static CrmSettings.Builder base() {
        return CrmSettings.builder("rt")
                .put("url", "http://127.0.0.1:9")
                .secret("auth.token", Secret.of("s3cr3t-token"));
    }

    @Test
    void theProviderIsFoundByName() {
        try (CrmConnector c = CrmConnectors.builder().settings(base().build()).build()) {
            assertThat(c.vendor()).isEqualTo("rt");
            assertThat(c.toString()).contains("RT auth token").doesNotContain("s3cr3t-token");
        }
    }

    @Test
    void aTypoIsReportedAtTheKeyWithWhatWasMeant() {
        assertThatThrownBy(() -> RtConnector.builder()
                        .settings(base().put("feilds.tags", "Labels").build())
                        .build())
                .isInstanceOf(CrmSettingsException.class)
                .hasMessageContaining("feilds.tags")
                .hasMessageContaining("fields.tags");
    }

    @Test
    void queuesThatNameNoQueueAreRefusedAtTheKey() {
        assertThatThrownBy(() -> RtConnector.builder()
                        .settings(base().put("queues", " , ").build())
                        .build())
                .isInstanceOf(CrmSettingsException.class)
                .hasMessageContaining("queues")
                .hasMessageContaining("at least one queue");
    }

    @Test
    void basicAuthNeedsAPassword() {
        assertThatThrownBy(() -> RtConnector.builder()
                        .settings(CrmSettings.builder("rt")
                                .put("url", "http://127.0.0.1:9")
                                .put("auth.type", "basic")
                                .put("auth.user", "handover")
                                .build())
                        .build())
                .isInstanceOf(CrmSettingsException.class)
                .hasMessageContaining("auth.password");
    }

    @Test
    void aUrlWithCredentialsInItIsRefused() {
        assertThatThrownBy(() -> RtConnector.builder()
                        .settings(CrmSettings.builder("rt")
                                .put("url", "https://root:password@rt.example.com")
                                .secret("auth.token", Secret.of("t"))
                                .build())
                        .build())
                .isInstanceOf(CrmSettingsException.class)
                .hasMessageContaining("url")
                .hasMessageNotContaining("password@");
    }

    @Test
    void priorityThresholdsMustRise() {
        assertThatThrownBy(() -> RtConnector.builder()
                        .settings(base().put("priorities.high", "10").build())
                        .build())
                .isInstanceOf(CrmSettingsException.class)
                .hasMessageContaining("priorities.high");
    }

    @Test
    void aCustomLifecycleStatusMapsToAHandoverStatus() {
        RtConnector.Builder b = RtConnector.builder()
                .settings(base().put("statuses.waiting-on-customer", "pending").build());
        assertThat(b.config().status("waiting-on-customer")).hasToString("PENDING");
        assertThat(b.config().status("stalled")).hasToString("PENDING");
        assertThat(b.config().status("resolved")).hasToString("SOLVED");
    }
}
