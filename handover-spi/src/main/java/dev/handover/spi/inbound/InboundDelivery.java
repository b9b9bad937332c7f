package dev.handover.spi.inbound;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One delivery a CRM pushed (a webhook request): its headers and its raw body, exactly as received. A verifier checks
 * the signature over these bytes, so nothing may have parsed or re-encoded them.
 *
 * @param headers the request headers; names are matched ignoring case
 * @param body the raw body; copied in and out, so no one changes the bytes a signature was checked over
 */
public record InboundDelivery(Map<String, List<String>> headers, byte[] body) {

    /** Copies the headers (names ignoring case) and the body. */
    public InboundDelivery {
        Objects.requireNonNull(headers, "headers");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.merge(
                Objects.requireNonNull(name, "header name"),
                List.copyOf(Objects.requireNonNull(values, "header values")),
                (a, b) -> {
                    List<String> all = new java.util.ArrayList<>(a);
                    all.addAll(b);
                    return List.copyOf(all);
                }));
        headers = Collections.unmodifiableMap(copy);
        body = Objects.requireNonNull(body, "body").clone();
    }

    /** A delivery with single-valued headers. */
    public static InboundDelivery of(Map<String, String> headers, byte[] body) {
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        return new InboundDelivery(h, body);
    }

    /** The first value of a header, when it was sent and is not blank. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(Objects.requireNonNull(name, "name"));
        return values == null || values.isEmpty() || values.get(0).isBlank()
                ? Optional.empty()
                : Optional.of(values.get(0));
    }

    /** A copy of the raw body. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Compares headers and body bytes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof InboundDelivery d && headers.equals(d.headers) && Arrays.equals(body, d.body);
    }

    @Override
    public int hashCode() {
        return 31 * headers.hashCode() + Arrays.hashCode(body);
    }

    /** The header names and the body's size; never a signature or the body itself. */
    @Override
    public String toString() {
        return "InboundDelivery[headers=" + headers.keySet() + ", " + body.length + " bytes]";
    }
}
