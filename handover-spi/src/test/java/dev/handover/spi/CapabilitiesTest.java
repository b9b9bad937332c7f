package dev.handover.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.spi.model.NoteFormat;
import org.junit.jupiter.api.Test;

final class CapabilitiesTest {
    @Test
    void defaultsAreConservative() {
        CrmCapabilities c = CrmCapabilities.builder().build();
        assertThat(c.maxWriteBatchSize()).isEqualTo(1);
        assertThat(c.atomicUpdate()).isFalse();
        assertThat(c.noteFormats()).containsExactly(NoteFormat.PLAIN_TEXT);
        assertThat(c.maxNoteBytes()).isEqualTo(4000);
    }

    @Test
    void preferredFormatJoinsTheStoredFormats() {
        CrmCapabilities c =
                CrmCapabilities.builder().preferredNoteFormat(NoteFormat.HTML).build();
        assertThat(c.noteFormats()).contains(NoteFormat.HTML, NoteFormat.PLAIN_TEXT);
        assertThat(c.preferredNoteFormat()).isEqualTo(NoteFormat.HTML);
    }

    @Test
    void refusesImpossibleDeclarations() {
        assertThatThrownBy(() -> CrmCapabilities.builder().maxWriteBatchSize(0))
                .hasMessage("max write batch size must be positive, was 0");
        assertThatThrownBy(() -> CrmCapabilities.builder().maxNoteBytes(10).build())
                .hasMessage("max note bytes must be at least 1000, was 10");
    }
}
