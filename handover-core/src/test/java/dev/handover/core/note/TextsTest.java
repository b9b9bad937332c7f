package dev.handover.core.note;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class TextsTest {
    @Test
    void whitespaceOfEveryKindCollapsesToOneSpace() {
        assertThat(Texts.clip("  Refund\tfor\r\n order  ORD-1 \u000B pending ", 100))
                .isEqualTo("Refund for order ORD-1 pending");
        assertThat(Texts.clip("already flat text", 100)).isEqualTo("already flat text");
    }

    @Test
    void aClippedTextDropsTheDanglingPunctuationBeforeTheEllipsis() {
        assertThat(Texts.clip("Call the bank, then (maybe) the courier", 16)).isEqualTo("Call the bank…");
        assertThat(Texts.clip("Steps: check — refund [ORD-1] now", 14)).isEqualTo("Steps: check…");
    }

    @Test
    void aLimitBelowTwoIsRefused() {
        assertThatThrownBy(() -> Texts.clip("x", 1)).hasMessageContaining("at least 2, was 1");
    }
}
