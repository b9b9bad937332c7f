package dev.handover.runner.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.event.KeyValuePair;

/**
 * Writes an event as one line in the chosen format, with the same fields in both: {@code ts} (UTC, milliseconds),
 * {@code level}, {@code logger}, {@code msg}, the message's own {@code key=value} pairs ({@link Fields}), the MDC and
 * the SLF4J key-value pairs, and {@code exception} (the stack trace) when there is one. A line never contains a line
 * break or a control character: values are quoted and escaped, so a value cannot forge a line or a field.
 */
final class LineEncoder extends EncoderBase<ILoggingEvent> {
    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final JsonFactory JSON = new JsonFactory();

    private final LogFormat format;

    LineEncoder(LogFormat format) {
        this.format = Objects.requireNonNull(format, "format");
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return (line(event) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    /** The line, without its line break. */
    String line(ILoggingEvent event) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ts", TS.format(Instant.ofEpochMilli(event.getTimeStamp())));
        fields.put("level", event.getLevel().toString());
        fields.put("logger", event.getLoggerName());
        Fields message = Fields.split(event.getFormattedMessage());
        fields.put("msg", message.text());
        message.pairs().forEach(p -> fields.put(p.getKey(), p.getValue()));
        if (event.getMDCPropertyMap() != null) {
            event.getMDCPropertyMap().forEach(fields::putIfAbsent);
        }
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair p : event.getKeyValuePairs()) {
                fields.putIfAbsent(p.key, String.valueOf(p.value));
            }
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            fields.put("exception", ThrowableProxyUtil.asString(thrown).strip());
        }
        return format == LogFormat.JSON ? json(fields) : kv(fields);
    }

    private static String kv(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder(160);
        fields.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(k).append('=');
            quoted(sb, v);
        });
        return sb.toString();
    }

    /** A value as is when it is one plain word, else in double quotes with {@code \"}, {@code \\} and controls escaped. */
    static void quoted(StringBuilder sb, String v) {
        boolean plain = !v.isEmpty();
        for (int i = 0; i < v.length() && plain; i++) {
            char c = v.charAt(i);
            plain = c > ' ' && c != '"' && c != '=' && c != '\\' && !isControl(c);
        }
        if (plain) {
            sb.append(v);
            return;
        }
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (isControl(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** C0 and C1 controls, DEL, and the Unicode line and paragraph separators some readers break lines at. */
    private static boolean isControl(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    private static String json(Map<String, String> fields) {
        StringWriter w = new StringWriter(200);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            for (Map.Entry<String, String> f : fields.entrySet()) {
                g.writeStringField(f.getKey(), f.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        // Jackson writes U+2028/U+2029 as they are, which is valid JSON; escape them for line-splitting readers
        return w.toString().replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }
}
