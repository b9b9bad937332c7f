package dev.handover.zendesk.fake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries as Zendesk does (developer.zendesk.com/documentation/webhooks/verifying): the signature
 * header is {@code base64(HMAC-SHA256(signing secret, timestamp + raw body))}, sent with the timestamp header. Written
 * apart from the adapter's verifier so the tests check the adapter against Zendesk's rule, not against itself.
 */
public final class WebhookSigner {
    /** The signature header Zendesk sends. */
    public static final String SIGNATURE_HEADER = "X-Zendesk-Webhook-Signature";
    /** The timestamp header Zendesk sends. */
    public static final String TIMESTAMP_HEADER = "X-Zendesk-Webhook-Signature-Timestamp";

    private WebhookSigner() {}

    /** The signature of this delivery. */
    public static String signature(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Both headers of a signed delivery. */
    public static Map<String, String> headers(String secret, String timestamp, byte[] body) {
        return Map.of(SIGNATURE_HEADER, signature(secret, timestamp, body), TIMESTAMP_HEADER, timestamp);
    }
}
