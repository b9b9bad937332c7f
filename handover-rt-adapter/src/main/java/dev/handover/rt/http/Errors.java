package dev.handover.rt.http;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one place where RT's refusals become the SPI's exceptions. REST 2.0 refuses with a status and {@code
 * {"message": "…"}} (404 "Resource does not exist", 412 on a stale {@code If-Match}, 400 for a malformed body); but a
 * field change RT refuses — an owner who may not own tickets in the queue, an unknown custom field — comes back as a
 * <b>200</b> whose body is the list of per-field messages, which {@link #refusals} picks out.
 */
public final class Errors {
    /** The vendor name carried by every exception. */
    public static final String VENDOR = "rt";

    private static final int MAX_DESCRIPTION = 300;

    /**
     * The wordings RT 5 uses when it does not make a field change (RT::Ticket, RT::Record, RT::CustomField); every
     * other message of a 200 reports a change made.
     */
    private static final List<String> REFUSED = List.of(
            "may not own",
            "could not",
            "couldn't",
            "can't",
            "cannot",
            "permission denied",
            "no permission",
            "not found",
            "no such",
            "invalid",
            "illegal",
            "that user does not exist",
            "is disabled",
            "failed",
            "unknown");

    /** What RT says about a change it made: the value, which may hold any word, is never read as a refusal. */
    private static final Pattern CHANGED =
            Pattern.compile("( changed from .* to .*| changed to .*| added| added as a value for .*| deleted| set to .*"
                    + "| is no longer a value for custom field .*)$");

    private Errors() {}

    /**
     * Maps a refusal.
     *
     * @param what the call's description ({@code "update of ticket 42"})
     * @param status the HTTP status
     * @param headers response headers, names in lower case
     * @param body the response body (JSON, HTML or empty)
     * @param clock reads a {@code Retry-After} date
     */
    public static CrmException map(
            String what, int status, Map<String, List<String>> headers, String body, Clock clock) {
        String description = describe(body);
        String message = what + " failed: " + (description.isEmpty() ? "HTTP " + status : description);
        if (status == 429 || (status == 503 && headers.containsKey("retry-after"))) {
            // RT itself has no rate limit; a proxy in front of it may have one
            Duration after = Backoff.parseRetryAfter(first(headers, "retry-after"), clock)
                    .orElse(null);
            return new CrmRateLimitedException(VENDOR, status, null, message, after, null);
        }
        if (status >= 500) {
            return new CrmUnavailableException(VENDOR, status, null, message, null);
        }
        return switch (status) {
            case 401, 403 -> new CrmUnauthorizedException(VENDOR, status, null, message, null);
            case 404 -> new CrmNotFoundException(VENDOR, status, null, message, null);
            case 409, 412 -> new CrmConflictException(VENDOR, status, null, message, null);
            default -> new CrmInvalidRequestException(VENDOR, status, null, message, null);
        };
    }

    /** The messages of a 200 answer to a field change that say a change was refused. */
    public static List<String> refusals(JsonNode answer) {
        List<String> out = new ArrayList<>();
        if (answer == null || !answer.isArray()) {
            return out;
        }
        for (JsonNode m : answer) {
            String text = m.asText("");
            String lower = text.toLowerCase(Locale.ROOT);
            if (!CHANGED.matcher(text).find() && REFUSED.stream().anyMatch(lower::contains)) {
                out.add(shorten(text));
            }
        }
        return out;
    }

    private static String describe(String body) {
        String text = body == null ? "" : body.strip();
        if (text.startsWith("{") || text.startsWith("[")) {
            try {
                JsonNode node = Json.parse(text);
                if (node.isObject()) {
                    return shorten(Json.text(node, "message"));
                }
                List<String> all = new ArrayList<>();
                node.forEach(n -> all.add(n.asText("")));
                return shorten(String.join("; ", all));
            } catch (JsonProcessingException notJson) {
                return "";
            }
        }
        return text.startsWith("<") || text.isEmpty()
                ? ""
                : shorten(text.lines().findFirst().orElse(""));
    }

    static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= MAX_DESCRIPTION ? one : one.substring(0, MAX_DESCRIPTION - 1) + "…";
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
