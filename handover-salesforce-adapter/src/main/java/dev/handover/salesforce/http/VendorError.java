package dev.handover.salesforce.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a Salesforce error array ({@code [{"message":…,"errorCode":…,"fields":[…]}]}), of a SaveResult's
 * {@code errors} ({@code statusCode} instead of {@code errorCode}) or of an OAuth error ({@code error}, {@code
 * error_description}).
 *
 * @param code the vendor's error code, or empty when the body had none
 * @param message the vendor's message; never put in exceptions unless {@link #safeMessage()} allows it
 * @param fields the fields the error is about
 */
public record VendorError(String code, String message, List<String> fields) {

    /** Codes whose messages name configuration (fields, objects, picklist values, permissions), not record data. */
    private static final java.util.Set<String> SAFE_MESSAGES = java.util.Set.of(
            "INVALID_FIELD",
            "INVALID_TYPE",
            "MALFORMED_QUERY",
            "INVALID_FIELD_FOR_INSERT_UPDATE",
            "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
            "API_DISABLED_FOR_ORG",
            "API_CURRENTLY_DISABLED",
            "INSUFFICIENT_ACCESS",
            "INSUFFICIENT_ACCESS_OR_READONLY",
            "REQUEST_LIMIT_EXCEEDED",
            "INVALID_SESSION_ID",
            "invalid_client",
            "invalid_client_id",
            "invalid_grant",
            "unsupported_grant_type",
            "invalid_request");

    /** Absent parts become empty. */
    public VendorError {
        code = code == null ? "" : code;
        message = message == null ? "" : message;
        fields = List.copyOf(fields);
    }

    /** Parses any of the error shapes Salesforce sends; unknown shapes give an empty list. */
    public static List<VendorError> parse(JsonNode body) {
        List<VendorError> out = new ArrayList<>();
        if (body == null || body.isMissingNode() || body.isNull()) {
            return out;
        }
        if (body.isArray()) {
            for (JsonNode e : body) {
                if (e.isObject()) {
                    out.add(one(e));
                }
            }
        } else if (body.isObject()) {
            if (body.has("error") && body.get("error").isTextual()) {
                out.add(new VendorError(
                        body.get("error").asText(),
                        body.path("error_description").asText(""),
                        List.of()));
            } else if (body.has("errorCode") || body.has("statusCode")) {
                out.add(one(body));
            }
        }
        return out;
    }

    private static VendorError one(JsonNode e) {
        String code = e.hasNonNull("errorCode")
                ? e.get("errorCode").asText()
                : e.path("statusCode").asText("");
        List<String> fields = new ArrayList<>();
        for (JsonNode f : e.path("fields")) {
            fields.add(f.asText());
        }
        return new VendorError(code, e.path("message").asText(""), fields);
    }

    /** The message when its code is known to describe configuration only; otherwise empty. */
    String safeMessage() {
        if (!SAFE_MESSAGES.contains(code) || message.isBlank()) {
            return "";
        }
        String m = message.replaceAll("\\p{Cntrl}", " ").strip();
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }

    /** Code, fields and safe message, for an exception message. */
    String describe() {
        StringBuilder sb = new StringBuilder(code.isEmpty() ? "no error code" : code);
        if (!fields.isEmpty()) {
            sb.append(" on ").append(String.join(", ", fields));
        }
        String safe = safeMessage();
        if (!safe.isEmpty()) {
            sb.append(": ").append(safe);
        }
        return sb.toString();
    }
}
