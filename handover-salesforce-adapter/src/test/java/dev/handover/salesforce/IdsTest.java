package dev.handover.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Salesforce ids: 15 to 18 characters, case restored from the suffix, malformed ones refused. */
final class IdsTest {

    @ParameterizedTest
    @CsvSource({
        "500000000000001,500000000000001AAA",
        "500000000000001AAA,500000000000001AAA",
        "001D000000IqhSL,001D000000IqhSLIAZ",
        "001d000000iqhsliaz,001D000000IqhSLIAZ",
        "00G000000000002,00G000000000002EAA"
    })
    void normalizesToEighteenCharacters(String raw, String expected) {
        assertThat(Ids.normalize(raw)).hasValue(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "50000000000001",
                "500000000000001AA",
                "500000000000001AAA1",
                "500000000000001AAB",
                "50000000000000-AAA",
                "500000000000001 AA",
                "5000000000000０1"
            })
    void refusesMalformedIds(String raw) {
        assertThat(Ids.normalize(raw)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"500000000000001AAA,500,true", "500000000000001AAA,005,false", "00G000000000002EAA,00G,true"})
    void checksTheObjectPrefix(String id, String prefix, boolean of) {
        assertThat(Ids.isOf(id, prefix)).isEqualTo(of);
    }
}
