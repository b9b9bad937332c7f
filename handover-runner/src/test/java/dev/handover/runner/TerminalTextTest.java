package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What reaches the terminal: controls and bidi overrides shown as {@code \\uXXXX}, everything else as it is. */
class TerminalTextTest {
    @ParameterizedTest
    @ValueSource(
            chars = {
                '\u0000', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u009b', '\u202a',
                '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f',
                '\u061c'
            })
    void aHostileCharacterIsShownAsItsCode(char c) {
        String shown = TerminalText.neutralise("a" + c + "b");

        assertThat(shown).isEqualTo("a\\u" + String.format("%04x", (int) c) + "b");
    }

    @Test
    void textAndLineEndsStayAsTheyAre() {
        String text = "Jürgen → Ada\tnote: “refund” 😀\nnext line\r\nand CRLF";

        assertThat(TerminalText.neutralise(text)).isEqualTo(text);
        assertThat(TerminalText.neutralise("over\rwrite")).isEqualTo("over\\u000dwrite");
    }

    @Test
    void theWriterNeutralisesWhatIsPrintedPieceByPiece() {
        String hostile = "\u001b]0;pwned\u0007 \u001b[2J\u202eevil\u202c \u009b31m\rline\r\n";
        StringWriter raw = new StringWriter();
        try (PrintWriter out = new PrintWriter(new TerminalText(raw))) {
            for (char c : hostile.toCharArray()) {
                out.print(c); // one write per character: a CR's LF comes in the next one
            }
        }

        assertThat(raw.toString())
                .isEqualTo(TerminalText.neutralise(hostile))
                .isEqualTo("\\u001b]0;pwned\\u0007 \\u001b[2J\\u202eevil\\u202c \\u009b31m\\u000dline\r\n");
    }
}
