package dev.handover.spi.selftest;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request and its answer as a connector sent and received it, credentials left out.
 *
 * @param method the HTTP method
 * @param target the path and query, without scheme and host ({@code /api/v2/tickets/1.json?include=users})
 * @param requestHeaders the request's headers, lower-case names, without {@code authorization} and {@code cookie}
 * @param requestBody the request's body, empty when it had none
 * @param status the answer's status code
 * @param responseHeaders the answer's headers, lower-case names, without {@code set-cookie}
 * @param responseBody the answer's body, empty when it had none
 */
public record Exchange(
        String method,
        String target,
        Map<String, List<String>> requestHeaders,
        String requestBody,
        int status,
        Map<String, List<String>> responseHeaders,
        String responseBody) {
    /** Validates the components, copies the maps, and drops credential headers whatever the connector passed. */
    public Exchange {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(requestBody, "request body");
        Objects.requireNonNull(responseBody, "response body");
        requestHeaders = withoutCredentials(requestHeaders);
        responseHeaders = withoutCredentials(responseHeaders);
    }

    private static Map<String, List<String>> withoutCredentials(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        headers.forEach((k, v) -> {
            String name = k.toLowerCase(java.util.Locale.ROOT);
            if (!name.equals("authorization")
                    && !name.equals("cookie")
                    && !name.equals("set-cookie")
                    && !name.equals("proxy-authorization")) {
                out.put(name, List.copyOf(v));
            }
        });
        return java.util.Collections.unmodifiableMap(out);
    }
}
