package dev.handover.core.marker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The encoding of marker lines ({@code [handover v1 id=… crc=…]}, {@code [handover-step v1 …]}): values are
 * percent-encoded UTF-8 except {@code A–Z a–z 0–9 . -}, so no value contains a space, bracket, markup character or
 * separator; times are compact UTC ({@code 20260302T140000Z}); a CRC-32 over the fields detects damage. Tickets hold
 * these lines for good, so an encoding once written is read for good: version 2 of the trailer only adds a space
 * written as {@code +} ({@link #encodeText(String)}), which this decoder reads in either version.
 */
public final class Markers {
    private static final Pattern MARKER_LIKE = Pattern.compile("(?i)\\[(\\s*)handover");
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");

    private Markers() {}

    /**
     * The last marker starting with {@code prefix} in a comment, from the prefix to its closing bracket, when it is the
     * last thing in the comment (markup around it, such as an HTML paragraph, is tolerated).
     */
    public static Optional<String> last(String commentBody, String prefix) {
        int start = commentBody.lastIndexOf(prefix);
        if (start < 0) {
            return Optional.empty();
        }
        int end = commentBody.indexOf(']', start);
        if (end < 0 || !commentBody.substring(end + 1).replaceAll("<[^>]*>", "").isBlank()) {
            return Optional.empty();
        }
        return Optional.of(commentBody.substring(start, end + 1));
    }

    /**
     * Defuses anything in user text that looks like a marker ("[handover" becomes "(handover"), so customer text
     * quoted in a note can never pass for the note's own marker.
     */
    public static String neutralize(String text) {
        // called for every quoted text of every note: most have no bracket at all
        return text.indexOf('[') < 0 ? text : MARKER_LIKE.matcher(text).replaceAll("($1handover");
    }

    /** A time as markers write it: {@code 20260302T140000Z}. */
    public static String time(Instant t) {
        return COMPACT.format(t.atOffset(ZoneOffset.UTC));
    }

    /**
     * A time as markers write it, read back.
     *
     * @throws IllegalArgumentException when it is not like {@code 20260302T140000Z}
     */
    public static Instant instant(String v) {
        try {
            return LocalDateTime.parse(v, COMPACT).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("handover trailer time '" + v + "' is not like 20260302T140000Z");
        }
    }

    /** A value percent-encoded. */
    public static String encode(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-') {
                sb.append((char) c);
            } else {
                sb.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /**
     * A text value as version-2 trailers write it: as {@link #encode(String)}, except that a space is a {@code +} —
     * a note's texts are mostly words, and {@code %20} tripled their length in the trailer.
     */
    public static String encodeText(String value) {
        return encode(value).replace("%20", "+");
    }

    /**
     * A percent-encoded value, decoded; a {@code +} is a space (version 1 never writes one: it encodes {@code +} as
     * {@code %2B}, so one decoder reads both versions).
     *
     * @throws IllegalArgumentException when it has a broken escape or a character that should have been encoded
     */
    public static String decode(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length()) {
                    throw new IllegalArgumentException(
                            "handover trailer value '" + value + "' ends in a broken escape");
                }
                int hi = Character.digit(value.charAt(i + 1), 16);
                int lo = Character.digit(value.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("handover trailer value '" + value + "' has a broken escape");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '-') {
                out.write(c);
            } else {
                throw new IllegalArgumentException(
                        "handover trailer value '" + value + "' has an unencoded '" + c + "'");
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The checksum of a marker's fields: the CRC-32 of their UTF-8 bytes, eight hex digits. */
    public static String crc(String fields) {
        CRC32 crc = new CRC32();
        crc.update(fields.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }
}
