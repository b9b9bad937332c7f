package dev.handover.zendesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.spi.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The webhook signature: Zendesk's documented example, and every way a request can fail the check. */
final class WebhookVerifierTest {
    // the example of developer.zendesk.com/documentation/webhooks/verifying
    private static final String DOC_SECRET = "HRkRd4BeOAoUkfZr-mhauJT64rvBASlJRoIyPsd3zeA=";
    private static final String DOC_BODY = "{\"say\": \"hello\"}";
    private static final String DOC_TIMESTAMP = "2021-07-25T10:00:00Z";
    private static final String DOC_SIGNATURE = "tRDSF7URY8BLCDlaBcQ7FHu051Zk+aAB0NKMP53teMw=";

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private final WebhookVerifier verifier =
            WebhookVerifier.of(Secret.of("signing-secret"), Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void acceptsZendesksDocumentedExample() {
        WebhookVerifier v = WebhookVerifier.of(
                Secret.of(DOC_SECRET),
                Duration.ofMinutes(5),
                Clock.fixed(Instant.parse("2021-07-25T10:01:00Z"), ZoneOffset.UTC));

        // the example only verifies as body-then-timestamp, while the text says timestamp-then-body: both are accepted
        assertThat(v.verify(DOC_SIGNATURE, DOC_TIMESTAMP, bytes(DOC_BODY))).isEqualTo(WebhookVerifier.Result.VALID);
        assertThat(v.verify(v.signature(DOC_TIMESTAMP, bytes(DOC_BODY)), DOC_TIMESTAMP, bytes(DOC_BODY)))
                .isEqualTo(WebhookVerifier.Result.VALID);
        assertThat(v.verify(DOC_SIGNATURE, DOC_TIMESTAMP, bytes("{\"say\": \"hello!\"}")))
                .isEqualTo(WebhookVerifier.Result.BAD_SIGNATURE);
    }

    /** A body signed with the right secret at a time: good within five minutes either side of now, else refused. */
    @ParameterizedTest(name = "signed at {0}: {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "2026-03-02T08:58:00Z | {\"type\":\"zen:event-type:ticket.status_changed\"} | VALID",
                "2026-03-02T08:54:59Z | {}                                                | EXPIRED", // 5 min 1 s ago
                "2026-03-02T09:06:00Z | {}                                                | FROM_THE_FUTURE"
            })
    void judgesARightlySignedBodyByItsTimestamp(String ts, String json, WebhookVerifier.Result expected) {
        byte[] body = bytes(json);

        assertThat(verifier.verify(verifier.signature(ts, body), ts, body)).isEqualTo(expected);
    }

    @Test
    void refusesASignatureMadeWithAnotherSecret() {
        String ts = "2026-03-02T08:58:00Z";
        byte[] body = bytes("{}");
        String forged = WebhookVerifier.of(Secret.of("another-secret"), Duration.ofMinutes(5), Clock.systemUTC())
                .signature(ts, body);

        assertThat(verifier.verify(forged, ts, body)).isEqualTo(WebhookVerifier.Result.BAD_SIGNATURE);
        assertThat(verifier.verify("not base64 at all!", ts, body)).isEqualTo(WebhookVerifier.Result.BAD_SIGNATURE);
    }

    @Test
    void refusesATamperedBodyOrTimestamp() {
        String ts = "2026-03-02T08:58:00Z";
        byte[] body = bytes("{\"ticket\":1}");
        String signature = verifier.signature(ts, body);

        assertThat(verifier.verify(signature, ts, bytes("{\"ticket\":2}")))
                .isEqualTo(WebhookVerifier.Result.BAD_SIGNATURE);
        assertThat(verifier.verify(signature, "2026-03-02T08:59:00Z", body))
                .isEqualTo(WebhookVerifier.Result.BAD_SIGNATURE);
    }

    @Test
    void refusesMissingHeadersAndMalformedTimestamps() {
        byte[] body = bytes("{}");

        assertThat(verifier.verify(null, "2026-03-02T08:58:00Z", body))
                .isEqualTo(WebhookVerifier.Result.MISSING_HEADERS);
        assertThat(verifier.verify("abc", " ", body)).isEqualTo(WebhookVerifier.Result.MISSING_HEADERS);
        assertThat(verifier.verify(verifier.signature("yesterday", body), "yesterday", body))
                .isEqualTo(WebhookVerifier.Result.MALFORMED_TIMESTAMP);
    }

    @Test
    void acceptsEpochSecondsAndAnEmptyBody() {
        String ts = Long.toString(NOW.minusSeconds(30).getEpochSecond());

        assertThat(verifier.verify(verifier.signature(ts, new byte[0]), ts, null))
                .isEqualTo(WebhookVerifier.Result.VALID);
    }

    @Test
    void showsNoSecret() {
        assertThat(verifier.toString()).doesNotContain("signing-secret").contains("****");
    }
}
