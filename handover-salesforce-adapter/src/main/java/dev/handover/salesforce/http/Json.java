package dev.handover.salesforce.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Optional;

/**
 * Jackson and Salesforce's JSON conventions: date-times like {@code 2026-03-02T09:00:00.000+0000}, numbers as doubles,
 * and the protection of text that looks like a composite reference. Public only because the adapter's top package
 * reads records with it; the package is not exported.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    /** Salesforce writes {@code +0000}; ISO-8601 readers want {@code +00:00} or {@code Z}: accept all three. */
    private static final DateTimeFormatter SF_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .appendPattern("[XXX][XX][X]")
            .toFormatter();

    private Json() {}

    static JsonNode parse(String text) throws IOException {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        return MAPPER.readTree(text);
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static byte[] bytes(JsonNode node) {
        return write(node).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A composite request resolves {@code @{ref.path}} in every string it carries, and Salesforce documents no escape.
     * Text the adapter writes (notes, task texts, tags) therefore gets an invisible word joiner (U+2060) between
     * {@code @} and <code>{</code>; reads remove it again, so the text round-trips unchanged.
     */
    static final String REFERENCE_START = "@{";

    private static final String PROTECTED_START = "@\u2060{";

    public static String protect(String text) {
        return text.contains(REFERENCE_START) ? text.replace(REFERENCE_START, PROTECTED_START) : text;
    }

    public static String unprotect(String text) {
        return text.contains(PROTECTED_START) ? text.replace(PROTECTED_START, REFERENCE_START) : text;
    }

    /** A text field, or empty when absent or null. */
    public static String text(JsonNode record, String field) {
        JsonNode v = path(record, field);
        return v.isNull() || v.isMissingNode() ? "" : unprotect(v.asText());
    }

    /** A text field, or empty when absent, null or blank. */
    public static Optional<String> optionalText(JsonNode record, String field) {
        String v = text(record, field);
        return v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /** A field by name or relationship path ({@code Contact.Email}); missing when any step is absent or null. */
    public static JsonNode path(JsonNode record, String field) {
        JsonNode node = record;
        for (String step : field.split("\\.")) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return MissingNode.getInstance();
            }
            node = node.path(step);
        }
        return node;
    }

    public static Optional<Instant> instant(JsonNode record, String field) {
        String v = text(record, field);
        if (v.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(v, SF_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("Salesforce sent an unreadable date-time in field " + field);
        }
    }

    /** A number field as a plain decimal ({@code 20.0} becomes {@code 20}), or empty. */
    public static Optional<String> plainNumber(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return Optional.empty();
        }
        if (v.isNumber()) {
            BigDecimal d = v.decimalValue().stripTrailingZeros();
            return Optional.of(d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString());
        }
        return Optional.of(v.asText());
    }

    public static Optional<Long> longValue(JsonNode record, String field) {
        JsonNode v = path(record, field);
        if (v.isNull() || v.isMissingNode()) {
            return Optional.empty();
        }
        if (v.isNumber()) {
            return Optional.of(v.asLong());
        }
        try {
            return Optional.of(new BigDecimal(v.asText().strip()).longValue());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** How Salesforce accepts a date-time in a record body. */
    public static String dateTime(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
