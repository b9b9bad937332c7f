package dev.handover.zendesk.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.error.CrmRateLimitedException;
import dev.handover.spi.error.CrmUnauthorizedException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.helpers.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place where Zendesk's refusals become the SPI's exceptions, with Zendesk's error code and description: the
 * answers to requests ({@link #map}) and the failed items of background jobs ({@link #jobItem}).
 *
 * <p>Zendesk answers in several shapes: {@code {"error":"RecordNotFound","description":"Not found"}}, validation errors
 * with {@code details} per field, {@code {"error":{"title":…,"message":…}}}, JSON:API style {@code
 * {"errors":[{"code":…,"title":…,"detail":…}]}}, OAuth's {@code error_description}, and plain text for API-level errors.
 * Descriptions are shortened and never include request headers, so no credential reaches a message.
 */
public final class Errors {
    /** The vendor name carried by every exception. */
    public static final String VENDOR = "zendesk";

    private static final int MAX_DESCRIPTION = 300;

    private Errors() {}

    /**
     * Maps a refusal.
     *
     * @param what the call's description ({@code "update of ticket 42"})
     * @param status the HTTP status
     * @param headers response headers, names in lower case
     * @param body the response body as text (may be empty, JSON, plain text or HTML)
     */
    public static CrmException map(
            String what, int status, Map<String, List<String>> headers, String body, Clock clock) {
        Parsed p = parse(headers, body);
        // Zendesk's request id lets its support trace the call; it is no secret
        String requestId = first(headers, "x-zendesk-request-id");
        String message = what + " failed: " + (p.description.isEmpty() ? "HTTP " + status : p.description)
                + (requestId == null || requestId.isBlank() ? "" : " (Zendesk request id " + shorten(requestId) + ")");
        String code = p.code.isEmpty() ? null : p.code;
        if (status == 429) {
            Duration after = Backoff.parseRetryAfter(first(headers, "retry-after"), clock)
                    .orElse(null);
            return new CrmRateLimitedException(VENDOR, status, code, message, after, null);
        }
        if (status >= 500) {
            return new CrmUnavailableException(VENDOR, status, code, message, null);
        }
        return switch (status) {
            case 401, 403 -> new CrmUnauthorizedException(VENDOR, status, code, message, null);
            case 404 -> new CrmNotFoundException(VENDOR, status, code, message, null);
            case 409 -> new CrmConflictException(VENDOR, status, code, message, null);
            default -> new CrmInvalidRequestException(VENDOR, status, code, message, null);
        };
    }

    /** The error code and description of a refusal body, for per-item job results too. */
    public static Parsed parse(Map<String, List<String>> headers, String body) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            return new Parsed("", "");
        }
        String contentType = first(headers, "content-type");
        boolean json = text.startsWith("{") || (contentType != null && contentType.contains("json"));
        if (json) {
            try {
                return fromJson(Json.parse(text));
            } catch (JsonProcessingException notJson) {
                return new Parsed("", "");
            }
        }
        // a plain-text answer counts whatever its type says: Zendesk's 429 is text under "text/html"
        if (!text.startsWith("<")) {
            String line = text.lines().findFirst().orElse("").strip();
            return new Parsed("", shorten(line));
        }
        return new Parsed("", "");
    }

    /** Reads the code and description of a JSON error object. */
    public static Parsed fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            return new Parsed("", "");
        }
        String code = "";
        String description = "";
        JsonNode error = node.get("error");
        if (error != null && error.isTextual()) {
            code = error.asText();
        } else if (error != null && error.isObject()) {
            code = Json.text(error, "title");
            description = Json.text(error, "message");
        }
        JsonNode errors = node.get("errors");
        if (code.isEmpty() && errors != null && errors.isArray() && !errors.isEmpty()) {
            JsonNode e0 = errors.get(0);
            code = Json.text(e0, "code");
            description = Json.text(e0, "detail").isEmpty() ? Json.text(e0, "title") : Json.text(e0, "detail");
        }
        if (description.isEmpty()) {
            description = Json.text(node, "description");
        }
        if (description.isEmpty()) {
            description = Json.text(node, "error_description");
        }
        String details = details(node.get("details"));
        if (!details.isEmpty()) {
            description = description.isEmpty() ? details : description + " (" + details + ")";
        }
        return new Parsed(code, shorten(description));
    }

    /**
     * The SPI's exception for a failed item of an {@code update_many} or {@code create_many} job. Job results carry an
     * error code and free-text details, not an HTTP status, so the kind is read from them: safe-update collisions
     * become conflicts, missing records not-found.
     *
     * @param result the item's entry in the job's {@code results}
     * @param what what the item did, for the message ({@code "update of ticket 42"})
     * @param job the job's id
     */
    public static CrmException jobItem(JsonNode result, String what, String job) {
        String code = Json.text(result, "error");
        JsonNode d = result.get("details");
        String details = d == null || d.isNull()
                ? ""
                : d.isTextual() ? d.asText() : fromJson(result).description();
        String message = what + " failed in job " + job + ": " + (details.isEmpty() ? code : details);
        String probe = (code + " " + details).toLowerCase(Locale.ROOT);
        String vendorCode = code.isEmpty() ? null : code;
        if (probe.contains("conflict") || probe.contains("collision") || probe.contains("outdated")) {
            return new CrmConflictException(VENDOR, 409, vendorCode, message, null);
        }
        if (probe.contains("notfound") || probe.contains("not found")) {
            return new CrmNotFoundException(VENDOR, 404, vendorCode, message, null);
        }
        if (probe.contains("permission") || probe.contains("forbidden")) {
            return new CrmUnauthorizedException(VENDOR, 403, vendorCode, message, null);
        }
        return new CrmInvalidRequestException(VENDOR, 422, vendorCode, message, null);
    }

    private static String details(JsonNode details) {
        if (details == null || details.isNull()) {
            return "";
        }
        if (details.isTextual()) {
            return details.asText();
        }
        StringBuilder sb = new StringBuilder();
        Iterator<Map.Entry<String, JsonNode>> fields = details.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String d = f.getValue().isArray() && !f.getValue().isEmpty()
                    ? Json.text(f.getValue().get(0), "description")
                    : f.getValue().asText("");
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(f.getKey());
            if (!d.isEmpty()) {
                sb.append(": ").append(d);
            }
        }
        return sb.toString();
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= MAX_DESCRIPTION ? one : one.substring(0, MAX_DESCRIPTION - 1) + "…";
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /**
     * A vendor error code and description.
     *
     * @param code Zendesk's code, or empty
     * @param description Zendesk's description, shortened, or empty
     */
    public record Parsed(String code, String description) {}
}
