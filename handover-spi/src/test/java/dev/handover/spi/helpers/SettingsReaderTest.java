package dev.handover.spi.helpers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.handover.spi.CrmSettings;
import dev.handover.spi.CrmSettingsException;
import dev.handover.spi.Secret;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class SettingsReaderTest {
    private final CrmSettings settings = CrmSettings.builder("acme")
            .put("subdomian", "acme")
            .put("limit", " 400 ")
            .put("ratio", "1.5")
            .put("timeout", "30s")
            .put("zero", "0s")
            .put("auth.type", "OAuth")
            .put("fields.360001", "refund")
            .put("auth.password", "plain-leak")
            .secret("auth.secret", Secret.of("s3cr3t"))
            .build();

    private SettingsReader reader() {
        return SettingsReader.of(settings);
    }

    @Test
    void anUnknownKeyIsRefusedWithItsKeyAndTheNearestKnownOne() {
        CrmSettingsException e = catchThrowableOfType(
                CrmSettingsException.class,
                () -> reader().known("subdomain", "limit", "ratio", "timeout", "zero", "auth.type", "auth.password")
                        .known("auth.secret")
                        .knownPrefix("fields.", "fields.<field id>")
                        .checkKnown());
        assertThat(e.key()).isEqualTo("subdomian");
        assertThat(e.provider()).isEqualTo("acme");
        assertThat(e.found()).contains("subdomian");
        assertThat(e).hasMessageStartingWith("acme setting 'subdomian' is unknown (did you mean 'subdomain'?)");
        assertThat(e.getMessage()).contains("fields.<field id>");
    }

    @Test
    void readsTypedValuesStripped() {
        SettingsReader r = reader();
        assertThat(r.integer("limit", 200, 1, 1000)).isEqualTo(400);
        assertThat(r.integer("absent", 200, 1, 1000)).isEqualTo(200);
        assertThat(r.positiveDuration("timeout", Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.duration("zero", Duration.ofSeconds(5))).isZero();
        assertThat(r.string("subdomian")).contains("acme");
        assertThat(r.choice("auth.type", "x", SettingsReader.ordered("oauth", "o", "api-token", "t")))
                .isEqualTo("o");
        assertThat(r.keysUnder("fields.")).containsExactly("fields.360001");
        assertThat(r.hasAnyUnder("retry.")).isFalse();
        assertThat(r.requiredSecret("auth.secret").reveal()).isEqualTo("s3cr3t");
    }

    @Test
    void aMalformedValueNamesKeyExpectationAndFinding() {
        CrmSettingsException e =
                catchThrowableOfType(CrmSettingsException.class, () -> reader().integer("limit", 1, 1, 100));
        assertThat(e.key()).isEqualTo("limit");
        assertThat(e.expected()).isEqualTo("a whole number from 1 to 100");
        assertThat(e.found()).contains("400");
        assertThatThrownBy(() -> reader().fraction("ratio", 0.8))
                .isInstanceOf(CrmSettingsException.class)
                .hasMessage("acme setting 'ratio' must be a fraction above 0 and at most 1, like 0.8, was '1.5'");
        assertThatThrownBy(() -> reader().positiveDuration("zero", Duration.ofSeconds(1)))
                .hasMessageContaining("'zero' must be a positive duration");
    }

    @Test
    void aChoiceOutsideTheListSuggestsTheNearest() {
        CrmSettingsException e = catchThrowableOfType(
                CrmSettingsException.class,
                () -> reader().choice("auth.type", 0, SettingsReader.ordered("oauth2", 1, "api-token", 2)));
        assertThat(e)
                .hasMessage("acme setting 'auth.type' must be oauth2 or api-token, was 'OAuth'"
                        + " (did you mean 'oauth2'?)");
        assertThat(e.expected()).isEqualTo("oauth2 or api-token");
    }

    @Test
    void aMissingRequiredValueIsAnErrorWithoutAFinding() {
        CrmSettingsException e = catchThrowableOfType(CrmSettingsException.class, () -> reader().required("base-url"));
        assertThat(e).hasMessage("acme setting 'base-url' is required but missing");
        assertThat(e.found()).isEmpty();
    }

    @Test
    void secretsAndPlainValuesAreNeverMixedUpAndNeverEchoed() {
        CrmSettingsException asPlain =
                catchThrowableOfType(CrmSettingsException.class, () -> reader().secret("auth.password"));
        assertThat(asPlain.key()).isEqualTo("auth.password");
        assertThat(asPlain.found())
                .as("a secret given as plain text is not repeated")
                .isEmpty();
        assertThat(asPlain).hasMessageNotContaining("plain-leak");
        CrmSettingsException asSecret =
                catchThrowableOfType(CrmSettingsException.class, () -> reader().string("auth.secret"));
        assertThat(asSecret).hasMessageNotContaining("s3cr3t");
        assertThat(catchThrowableOfType(CrmSettingsException.class, () -> reader().requiredSecret("auth.other"))
                        .key())
                .isEqualTo("auth.other");
    }

    @Test
    void aBuilderRefusalBecomesASettingsErrorNamingTheKey() {
        CrmSettingsException e = catchThrowableOfType(
                CrmSettingsException.class,
                () -> reader().apply("limit", () -> {
                    throw new IllegalArgumentException("rate must be at most 100");
                }));
        assertThat(e).hasMessage("acme setting 'limit': rate must be at most 100");
        assertThat(e.key()).isEqualTo("limit");
        assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class);
        assertThat(reader().invalid("limit", "below 100").getMessage())
                .isEqualTo("acme setting 'limit' must be below 100, was ' 400 '");
    }

    @Test
    void parsesWithTheCallersParser() {
        assertThat(reader().parse("limit", "an id", Long::parseLong)).contains(400L);
        assertThat(catchThrowableOfType(
                                CrmSettingsException.class, () -> reader().parse("subdomian", "an id", Long::parseLong))
                        .expected())
                .isEqualTo("an id");
        assertThat(reader().bool("absent", true)).isTrue();
        assertThat(SettingsReader.ordered("a", 1, "b", 2)).isEqualTo(Map.of("a", 1, "b", 2));
    }

    @Test
    void sizesAreReadWithTheUnitsOfTheConfigurationFile() {
        CrmSettings sizes = CrmSettings.builder("acme")
                .put("a", "32MiB")
                .put("b", "500 kb")
                .put("c", "2048")
                .put("d", "1GiB")
                .put("e", "32 megs")
                .build();
        SettingsReader r = SettingsReader.of(sizes);
        assertThat(r.size("a")).contains(32L << 20);
        assertThat(r.size("b")).contains(500_000L);
        assertThat(r.size("c")).contains(2048L);
        assertThat(r.size("d")).contains(1L << 30);
        assertThat(r.size("absent")).isEmpty();
        CrmSettingsException e = catchThrowableOfType(CrmSettingsException.class, () -> r.size("e"));
        assertThat(e.key()).isEqualTo("e");
        assertThat(e.expected()).isEqualTo("a size like 32MiB, 500KB or a number of bytes");
    }
}
