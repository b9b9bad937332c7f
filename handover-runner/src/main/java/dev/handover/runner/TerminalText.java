package dev.handover.runner;

import java.io.IOException;
import java.io.Writer;

/**
 * What every command prints passes through here on its way to the terminal: characters that could drive the terminal
 * or disguise text are shown as {@code \\uXXXX} instead. Customer text (subjects, names, notes) reaches the output of
 * {@code transfer}, {@code check}, {@code simulate}, {@code report} and the demo, and an ESC sequence in it could set
 * the window title, rewrite what is shown or, on some terminals, write to the clipboard; a bidi override could make a
 * ticket id read backwards.
 *
 * <p>Neutralised: the C0 controls except tab and line feed (NUL, BEL, BS, ESC, …; a CR only when a LF does not follow
 * it, so a CRLF line end stays), DEL, the C1 controls (U+0080–U+009F, CSI among them), the bidi embeddings, overrides
 * and isolates (U+202A–U+202E, U+2066–U+2069) and the invisible direction marks (U+200E, U+200F, U+061C), which move
 * neighbouring digits and punctuation. {@code \\uXXXX} rather than U+FFFD: the operator sees what was there, and inside a
 * JSON string it is the same character escaped, so JSON output stays the same JSON.
 */
final class TerminalText extends Writer {
    private final Writer out;
    private boolean pendingCr;

    TerminalText(Writer out) {
        this.out = out;
    }

    /** The text as it is printed. */
    static String neutralise(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean crlf = c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n';
            if (hostile(c) && !crlf) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                escape(sb, c);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    static boolean hostile(char c) {
        return (c < 0x20 && c != '\t' && c != '\n')
                || (c >= 0x7f && c <= 0x9f)
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200e'
                || c == '\u200f'
                || c == '\u061c';
    }

    private static void escape(StringBuilder sb, char c) {
        sb.append("\\u");
        String hex = Integer.toHexString(c);
        sb.append("0".repeat(4 - hex.length())).append(hex);
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        StringBuilder sb = new StringBuilder(len + 8);
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
            if (pendingCr) {
                pendingCr = false;
                if (c == '\n') {
                    sb.append('\r');
                } else {
                    escape(sb, '\r');
                }
            }
            if (c == '\r') {
                pendingCr = true; // a CR is printed as it is only before a LF, which may come in the next write
            } else if (hostile(c)) {
                escape(sb, c);
            } else {
                sb.append(c);
            }
        }
        out.write(sb.toString());
    }

    @Override
    public void flush() throws IOException {
        settleCr(); // println writes its line end in one piece, so a CR still waiting here has no LF to come
        out.flush();
    }

    @Override
    public void close() throws IOException {
        settleCr();
        out.close();
    }

    private void settleCr() throws IOException {
        if (pendingCr) {
            pendingCr = false;
            StringBuilder sb = new StringBuilder();
            escape(sb, '\r');
            out.write(sb.toString());
        }
    }
}
