package dev.handover.rt.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.spi.error.CrmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The final answer to an {@link HttpCall} after retries.
 *
 * @param status the HTTP status of the last attempt
 * @param headers response headers, names in lower case
 * @param json the parsed body of a success (an empty object when there was none); null for failures
 * @param error the mapped refusal, for statuses outside 2xx
 * @param uncertain true when an earlier attempt may have been processed although its answer was lost
 */
public record HttpResult(
        int status, Map<String, List<String>> headers, JsonNode json, Optional<CrmException> error, boolean uncertain) {

    /** Copies the headers. */
    public HttpResult {
        headers = Map.copyOf(headers);
    }

    /** True for 2xx. */
    public boolean ok() {
        return error.isEmpty();
    }

    /** The first value of a header (lower-case name), or empty. */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** The JSON of a success; throws the mapped error otherwise. */
    public JsonNode orThrow() {
        if (error.isPresent()) {
            throw error.get();
        }
        return json;
    }
}
