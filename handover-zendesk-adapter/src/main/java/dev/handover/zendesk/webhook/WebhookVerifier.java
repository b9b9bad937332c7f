package dev.handover.zendesk.webhook;

import dev.handover.spi.Secret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook request came from Zendesk and is recent.
 *
 * <p>Zendesk signs each request: {@code X-Zendesk-Webhook-Signature} is {@code base64(HMAC-SHA256(signing secret,
 * timestamp + raw body))}, where the timestamp is the {@code X-Zendesk-Webhook-Signature-Timestamp} header and the body
 * the request's raw bytes, concatenated as they are. The verifier computes the same and compares in constant time, then
 * refuses timestamps older than the maximum age (or further in the future than the same allowance), so a captured
 * request cannot be replayed later. Verify before parsing; answer 401 to anything not {@link Result#VALID}.
 *
 * <p>Zendesk's pages disagree on the order: the text says timestamp then body, while the worked example on its event
 * connector page ("HRkRd4…", {@code {"say": "hello"}}) only verifies as body then timestamp. Both orders are accepted.
 * That gives a forger nothing: each is an HMAC under the secret, and moving the boundary between timestamp and body
 * would need a JSON body that begins or ends with a valid, fresh timestamp.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.of(Secret.of(signingSecret), Duration.ofMinutes(5), Clock.systemUTC());
 * if (verifier.verify(signatureHeader, timestampHeader, rawBody) != WebhookVerifier.Result.VALID) { return 401; }
 * TicketEvent event = TicketEvent.parse(rawBody);
 * }</pre>
 */
final class WebhookVerifier {
    /** The signature header. */
    public static final String SIGNATURE_HEADER = "X-Zendesk-Webhook-Signature";
    /** The timestamp header. */
    public static final String TIMESTAMP_HEADER = "X-Zendesk-Webhook-Signature-Timestamp";

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Duration maxAge;
    private final Clock clock;

    /** What a verification found. */
    public enum Result {
        /** Signed with the secret and recent. */
        VALID,
        /** The signature or timestamp header is missing or empty. */
        MISSING_HEADERS,
        /** The signature does not match the timestamp and body (wrong secret, tampered body or timestamp). */
        BAD_SIGNATURE,
        /** The timestamp is not a time. */
        MALFORMED_TIMESTAMP,
        /** The timestamp is older than the maximum age: possibly a replay. */
        EXPIRED,
        /** The timestamp lies further in the future than clocks drift. */
        FROM_THE_FUTURE;

        /** True only for {@link #VALID}. */
        public boolean isValid() {
            return this == VALID;
        }
    }

    private WebhookVerifier(Secret secret, Duration maxAge, Clock clock) {
        Objects.requireNonNull(secret, "signing secret");
        this.key = new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.maxAge = Objects.requireNonNull(maxAge, "max age");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("webhook max age must be positive, was " + maxAge);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A verifier.
     *
     * @param signingSecret the webhook's signing secret, as Zendesk shows it (used as its UTF-8 bytes)
     * @param maxAge how old a request may be; a few minutes covers Zendesk's delivery and retries
     * @param clock the clock the age is measured against
     */
    public static WebhookVerifier of(Secret signingSecret, Duration maxAge, Clock clock) {
        return new WebhookVerifier(signingSecret, maxAge, clock);
    }

    /**
     * Verifies one request.
     *
     * @param signature the {@code X-Zendesk-Webhook-Signature} header, or null
     * @param timestamp the {@code X-Zendesk-Webhook-Signature-Timestamp} header, or null
     * @param rawBody the request body exactly as received (empty for requests without one)
     */
    public Result verify(String signature, String timestamp, byte[] rawBody) {
        if (signature == null || signature.isBlank() || timestamp == null || timestamp.isBlank()) {
            return Result.MISSING_HEADERS;
        }
        byte[] body = rawBody == null ? new byte[0] : rawBody;
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.strip());
        } catch (IllegalArgumentException notBase64) {
            given = new byte[0];
        }
        // constant time: each comparison takes as long whichever byte differs, and both are always made
        boolean timestampFirst = MessageDigest.isEqual(sign(timestamp, body), given);
        boolean bodyFirst = MessageDigest.isEqual(signBodyFirst(timestamp, body), given);
        if (!(timestampFirst | bodyFirst)) {
            return Result.BAD_SIGNATURE;
        }
        Instant at;
        try {
            at = parse(timestamp.strip());
        } catch (DateTimeParseException | NumberFormatException e) {
            return Result.MALFORMED_TIMESTAMP;
        }
        Instant now = clock.instant();
        if (at.isBefore(now.minus(maxAge))) {
            return Result.EXPIRED;
        }
        if (at.isAfter(now.plus(maxAge))) {
            return Result.FROM_THE_FUTURE;
        }
        return Result.VALID;
    }

    /** The signature of this timestamp and body (timestamp first, as Zendesk documents), base64-encoded. */
    public String signature(String timestamp, byte[] rawBody) {
        return Base64.getEncoder().encodeToString(sign(timestamp, rawBody));
    }

    private byte[] sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private byte[] signBodyFirst(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(body);
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private static Instant parse(String timestamp) {
        // Zendesk sends ISO-8601 ("2021-07-25T10:00:00Z"); epoch seconds are accepted as well
        if (!timestamp.isEmpty() && timestamp.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochSecond(Long.parseLong(timestamp));
        }
        return Instant.parse(timestamp);
    }

    /** The maximum age; never the secret. */
    @Override
    public String toString() {
        return "WebhookVerifier[HMAC-SHA256, maxAge=" + maxAge + ", secret=****]";
    }
}
