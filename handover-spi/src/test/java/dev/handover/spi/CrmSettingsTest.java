package dev.handover.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class CrmSettingsTest {
    private final CrmSettings settings = CrmSettings.builder("zendesk")
            .put("subdomain", "acme")
            .put("timeout", "30s")
            .put("limit", "400")
            .put("bad-number", "four hundred")
            .put("flag", "TRUE")
            .secret("auth.token", Secret.of("s3cr3t-value"))
            .build();

    @Test
    void secretsNeverAppearInToString() {
        assertThat(settings.toString())
                .contains("subdomain=acme", "auth.token=****")
                .doesNotContain("s3cr3t-value");
        assertThat(Secret.of("s3cr3t-value").toString()).isEqualTo("Secret[****]");
        assertThat(settings.requireSecret("auth.token").reveal()).isEqualTo("s3cr3t-value");
    }

    @Test
    void secretsCompareByValueWithoutLeakingThroughHash() {
        assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).isNotEqualTo(Secret.of("b"));
        assertThat(Secret.of("a").hashCode()).isEqualTo(Secret.of("zzz").hashCode());
    }

    @Test
    void missingValuesNameTheProviderAndKey() {
        assertThatThrownBy(() -> settings.require("base-url"))
                .hasMessage("zendesk setting 'base-url' is required but missing");
        assertThatThrownBy(() -> settings.require("auth.token"))
                .hasMessageContaining("given as a secret")
                .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> settings.requireSecret("auth.client-secret"))
                .hasMessageContaining("'auth.client-secret'");
    }

    @Test
    void parsesTypedValuesAndNamesTheKeyWhenMalformed() {
        assertThat(settings.getDuration("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.getDuration("other", Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.getInt("limit", 0)).isEqualTo(400);
        assertThat(settings.getBoolean("flag", false)).isTrue();
        assertThatThrownBy(() -> settings.getInt("bad-number", 0))
                .hasMessage("zendesk setting 'bad-number' must be a whole number, was 'four hundred'");
        assertThatThrownBy(() -> settings.getDuration("subdomain", Duration.ZERO))
                .hasMessageContaining("'subdomain' must be a duration");
        assertThatThrownBy(() -> settings.getBoolean("limit", false)).hasMessageContaining("true or false");
    }

    @Test
    void parsesEveryDurationForm() {
        assertThat(CrmSettings.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(CrmSettings.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(CrmSettings.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(CrmSettings.parseDuration("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(CrmSettings.parseDuration("PT90S")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aKeyMayBeSetOnce() {
        CrmSettings.Builder b = CrmSettings.builder("x").put("k", "v");
        assertThatThrownBy(() -> b.secret("k", Secret.of("s"))).hasMessage("x setting 'k' is set twice");
    }
}
