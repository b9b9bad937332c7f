package dev.handover.rt.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One request to RT's REST 2.0 API, described before it is sent. {@link #toString()} leaves out the body and headers,
 * which may hold secrets or customer text.
 *
 * @param method HTTP method
 * @param path path below {@code /REST/2.0}, starting with {@code /}
 * @param query query parameters in order, unencoded
 * @param body JSON body, or null
 * @param headers extra headers (never {@code Authorization})
 * @param repeatable true when sending it twice cannot write twice (reads, writes guarded by {@code If-Match})
 * @param description what the call does, for messages and logs; no secrets, no customer text
 */
public record HttpCall(
        String method,
        String path,
        List<Map.Entry<String, String>> query,
        String body,
        Map<String, String> headers,
        boolean repeatable,
        String description) {

    /** Validates and copies. */
    public HttpCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        query = List.copyOf(query);
        headers = Map.copyOf(headers);
        Objects.requireNonNull(description, "description");
    }

    /** A repeatable read. */
    public static HttpCall get(String path, String description) {
        return new HttpCall("GET", path, List.of(), null, Map.of(), true, description);
    }

    /** A write; not repeatable until {@link #repeatable(boolean)} says so. */
    public static HttpCall write(String method, String path, String body, String description) {
        return new HttpCall(method, path, List.of(), body, Map.of(), false, description);
    }

    /** This call with one more query parameter. */
    public HttpCall query(String name, Object value) {
        List<Map.Entry<String, String>> q = new ArrayList<>(query);
        q.add(Map.entry(name, String.valueOf(value)));
        return new HttpCall(method, path, q, body, headers, repeatable, description);
    }

    /** This call with one more header. */
    public HttpCall header(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new HttpCall(method, path, query, body, h, repeatable, description);
    }

    /** This call, marked as safe (or not) to repeat after an unknown outcome. */
    public HttpCall repeatable(boolean safe) {
        return new HttpCall(method, path, query, body, headers, safe, description);
    }

    /** The path and the percent-encoded query, as sent. */
    public String pathAndQuery() {
        if (query.isEmpty()) {
            return path;
        }
        StringBuilder sb = new StringBuilder(path).append('?');
        for (int i = 0; i < query.size(); i++) {
            sb.append(i == 0 ? "" : "&")
                    .append(encode(query.get(i).getKey()))
                    .append('=')
                    .append(encode(query.get(i).getValue()));
        }
        return sb.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "HttpCall[" + method + " " + path + ", " + description + "]";
    }
}
