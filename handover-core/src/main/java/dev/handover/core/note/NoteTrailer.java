package dev.handover.core.note;

import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TicketId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * The last line of every handover note: a short machine-readable form of the {@link HandoverRecord} that survives
 * plain text, Markdown and HTML alike, and a parser that reads it back.
 *
 * <pre>[handover v1 id=ho-… ticket=1042 rule=shift-change reason=shift-change from=amelia to=jonas … crc=1a2b3c4d]</pre>
 *
 * <p>Values are percent-encoded UTF-8 except {@code A–Z a–z 0–9 . -}, so no value contains a space, bracket, markup
 * character or separator; times are compact UTC ({@code 20260302T140000Z}). A CRC-32 over the fields detects damage.
 * The parser reads only the last trailer of a comment and only when the checksum matches, and {@link
 * #neutralize(String)} defuses trailer look-alikes in customer text quoted in a note, so text that imitates a trailer
 * cannot pass for one.
 */
public final class NoteTrailer {
    /** How every trailer starts. */
    public static final String PREFIX = "[handover v1 ";

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");

    private NoteTrailer() {}

    /** The trailer line for this record. */
    public static String format(HandoverRecord r) {
        StringBuilder body = new StringBuilder();
        field(body, "id", r.id().value());
        field(body, "ticket", r.ticket().value());
        field(body, "rule", r.rule());
        field(body, "reason", r.reason());
        r.from().ifPresent(v -> field(body, "from", v.value()));
        r.to().ifPresent(v -> field(body, "to", v.value()));
        r.group().ifPresent(v -> field(body, "group", v.value()));
        body.append(" at=").append(time(r.at()));
        r.acknowledgeBy().ifPresent(t -> body.append(" ack=").append(time(t)));
        r.contactBy().ifPresent(t -> body.append(" contact=").append(time(t)));
        field(body, "reminders", r.reminderPolicy());
        r.returnAt().ifPresent(t -> body.append(" return=").append(time(t)));
        list(
                body,
                "actions",
                r.actions(),
                a -> encode(a.key()) + ":"
                        + a.owner().map(o -> encode(o.value())).orElse("") + ":" + time(a.due()) + ":"
                        + encode(a.text()));
        list(
                body,
                "promises",
                r.promises(),
                p -> encode(p.key()) + ":" + p.due().map(NoteTrailer::time).orElse("") + ":" + encode(p.text()));
        list(
                body,
                "chain",
                r.chain(),
                l -> encode(l.id().value()) + ":"
                        + l.from().map(f -> encode(f.value())).orElse("") + ":"
                        + l.to().map(t -> encode(t.value())).orElse("") + ":" + time(l.at()) + ":"
                        + encode(l.reason()));
        String fields = body.substring(1);
        return PREFIX + fields + " crc=" + crc(fields) + "]";
    }

    /**
     * The record of the last valid trailer in a comment, if there is one. Markup around the trailer (an HTML
     * paragraph, Markdown) is tolerated; a trailer with a wrong checksum or malformed fields is ignored.
     */
    public static Optional<HandoverRecord> find(String commentBody) {
        int start = commentBody.lastIndexOf(PREFIX);
        if (start < 0) {
            return Optional.empty();
        }
        int end = commentBody.indexOf(']', start);
        if (end < 0) {
            return Optional.empty();
        }
        String rest = commentBody.substring(end + 1).replaceAll("<[^>]*>", "").strip();
        if (!rest.isEmpty()) {
            return Optional.empty(); // a trailer is always the last thing in a note
        }
        try {
            return Optional.of(parse(commentBody.substring(start, end + 1)));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /**
     * Parses one trailer line.
     *
     * @throws IllegalArgumentException naming what is wrong when it is not a valid trailer
     */
    public static HandoverRecord parse(String line) {
        String l = line.strip();
        if (!l.startsWith(PREFIX) || !l.endsWith("]")) {
            throw new IllegalArgumentException(
                    "not a handover trailer: must start with '" + PREFIX.strip() + "' and end with ']'");
        }
        String inner = l.substring(PREFIX.length(), l.length() - 1);
        int crcAt = inner.lastIndexOf(" crc=");
        if (crcAt < 0) {
            throw new IllegalArgumentException("handover trailer has no checksum");
        }
        String fields = inner.substring(0, crcAt);
        if (!crc(fields).equals(inner.substring(crcAt + 5))) {
            throw new IllegalArgumentException("handover trailer checksum does not match: the trailer was changed");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : fields.split(" ")) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("handover trailer field '" + pair + "' is not key=value");
            }
            if (map.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("handover trailer field '" + pair.substring(0, eq) + "' repeats");
            }
        }
        return new HandoverRecord(
                HandoverId.of(decode(required(map, "id"))),
                TicketId.of(decode(required(map, "ticket"))),
                decode(required(map, "rule")),
                decode(required(map, "reason")),
                optional(map, "from").map(AgentId::of),
                optional(map, "to").map(AgentId::of),
                optional(map, "group").map(GroupId::of),
                instant(required(map, "at")),
                Optional.ofNullable(map.get("ack")).map(NoteTrailer::instant),
                Optional.ofNullable(map.get("contact")).map(NoteTrailer::instant),
                decode(required(map, "reminders")),
                Optional.ofNullable(map.get("return")).map(NoteTrailer::instant),
                items(
                        map.get("actions"),
                        4,
                        p -> new HandoverRecord.Action(
                                decode(p[0]),
                                nonEmpty(p[1]).map(v -> AgentId.of(decode(v))),
                                instant(p[2]),
                                decode(p[3]))),
                items(
                        map.get("promises"),
                        3,
                        p -> new HandoverRecord.Promise(
                                decode(p[0]), nonEmpty(p[1]).map(NoteTrailer::instant), decode(p[2]))),
                items(
                        map.get("chain"),
                        5,
                        p -> new HandoverRecord.Link(
                                HandoverId.of(decode(p[0])),
                                nonEmpty(p[1]).map(v -> AgentId.of(decode(v))),
                                nonEmpty(p[2]).map(v -> AgentId.of(decode(v))),
                                instant(p[3]),
                                decode(p[4]))));
    }

    /**
     * Defuses anything in user text that looks like a trailer ("[handover" becomes "(handover"), so customer text
     * quoted in a note can never pass for the note's trailer.
     */
    public static String neutralize(String text) {
        return text.replaceAll("(?i)\\[(\\s*)handover", "($1handover");
    }

    // ------------------------------------------------------------------------------------------ encoding

    private static void field(StringBuilder sb, String key, String value) {
        sb.append(' ').append(key).append('=').append(encode(value));
    }

    private static <T> void list(StringBuilder sb, String key, List<T> items, Function<T, String> item) {
        if (items.isEmpty()) {
            return;
        }
        sb.append(' ').append(key).append('=');
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(item.apply(items.get(i)));
        }
    }

    private static <T> List<T> items(String raw, int parts, Function<String[], T> make) {
        if (raw == null || raw.isEmpty()) {
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (String item : raw.split(",", -1)) {
            String[] p = item.split(":", -1);
            if (p.length != parts) {
                throw new IllegalArgumentException(
                        "handover trailer item '" + item + "' has " + p.length + " parts, expected " + parts);
            }
            out.add(make.apply(p));
        }
        return out;
    }

    private static String required(Map<String, String> map, String key) {
        String v = map.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("handover trailer has no " + key);
        }
        return v;
    }

    private static Optional<String> optional(Map<String, String> map, String key) {
        return Optional.ofNullable(map.get(key)).filter(v -> !v.isEmpty()).map(NoteTrailer::decode);
    }

    private static Optional<String> nonEmpty(String v) {
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    static String time(Instant t) {
        return COMPACT.format(t.atOffset(ZoneOffset.UTC));
    }

    static Instant instant(String v) {
        try {
            return LocalDateTime.parse(v, COMPACT).toInstant(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("handover trailer time '" + v + "' is not like 20260302T140000Z");
        }
    }

    static String encode(String value) {
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

    static String decode(String value) {
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

    static String crc(String fields) {
        CRC32 crc = new CRC32();
        crc.update(fields.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }
}
