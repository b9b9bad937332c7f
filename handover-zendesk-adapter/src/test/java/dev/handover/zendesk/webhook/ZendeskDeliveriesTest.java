package dev.handover.zendesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.spi.Secret;
import dev.handover.spi.inbound.InboundDelivery;
import dev.handover.spi.inbound.InboundSettings;
import dev.handover.spi.inbound.InboundVerdict;
import dev.handover.spi.model.TicketId;
import dev.handover.zendesk.ZendeskProvider;
import dev.handover.zendesk.fake.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Zendesk's webhooks through the SPI's inbound verifier: what a vendor-neutral listener gets to see. */
final class ZendeskDeliveriesTest {
    private static final String SECRET = "signing-secret";
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private final InboundSettings settings =
            new InboundSettings(Secret.of(SECRET), Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
    private final ZendeskDeliveries deliveries =
            (ZendeskDeliveries) new ZendeskProvider().inbound(settings).orElseThrow();

    private static byte[] event(String id, String ticket, String tags) {
        return ("{\"type\":\"zen:event-type:ticket.comment_added\",\"id\":\"" + id + "\","
                        + "\"time\":\"2026-03-02T08:59:00Z\",\"subject\":\"zen:ticket:" + ticket + "\","
                        + "\"detail\":{\"id\":\"" + ticket + "\",\"tags\":[" + tags + "]},\"event\":{}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static InboundDelivery signed(byte[] body, String timestamp, String secret) {
        return InboundDelivery.of(WebhookSigner.headers(secret, timestamp, body), body);
    }

    @Test
    void aSignedFreshTicketEventNamesItsTicket() {
        InboundVerdict v = deliveries.verify(signed(event("01HQ", "10001", ""), "2026-03-02T08:59:30Z", SECRET));
        assertThat(v)
                .isEqualTo(new InboundVerdict.Accepted(
                        "01HQ", java.util.Set.of(TicketId.of("10001")), "comment_added on ticket 10001"));
    }

    @Test
    void anEventAboutAHandoverTaskNamesNoTicket() {
        InboundVerdict v =
                deliveries.verify(signed(event("01HR", "20001", "\"handover_task\""), "2026-03-02T08:59:30Z", SECRET));
        assertThat(v).isInstanceOfSatisfying(InboundVerdict.Accepted.class, a -> {
            assertThat(a.tickets()).isEmpty();
            assertThat(a.description()).startsWith("ignored:");
        });
    }

    @Test
    void aBadSignatureMissingHeadersAndOldTimestampsAreRefusedAsTheyShouldBe() {
        byte[] body = event("01HS", "10001", "");
        assertThat(deliveries.verify(signed(body, "2026-03-02T08:59:30Z", "another-secret")))
                .isEqualTo(new InboundVerdict.Refused(InboundVerdict.Reason.UNAUTHENTIC, "bad signature"));
        assertThat(deliveries.verify(InboundDelivery.of(Map.of(), body)))
                .isEqualTo(new InboundVerdict.Refused(InboundVerdict.Reason.UNAUTHENTIC, "missing headers"));
        assertThat(deliveries.verify(signed(body, "2026-03-02T08:40:00Z", SECRET)))
                .isEqualTo(new InboundVerdict.Refused(InboundVerdict.Reason.STALE, "expired"));
        assertThat(deliveries.verify(signed(body, "2026-03-02T09:20:00Z", SECRET)))
                .isEqualTo(new InboundVerdict.Refused(InboundVerdict.Reason.STALE, "from the future"));
    }

    @Test
    void anAuthenticBodyThatIsNoTicketEventIsMalformed() {
        byte[] body = "{\"type\":\"zen:event-type:user.created\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(deliveries.verify(signed(body, "2026-03-02T08:59:30Z", SECRET)))
                .isInstanceOfSatisfying(InboundVerdict.Refused.class, r -> {
                    assertThat(r.reason()).isEqualTo(InboundVerdict.Reason.MALFORMED);
                    assertThat(r.detail()).startsWith("not a Zendesk ticket event");
                });
    }

    @Test
    void anEventWithoutAnIdIsDeduplicatedByItsContent() {
        byte[] body = event("", "10002", "");
        InboundVerdict a = deliveries.verify(signed(body, "2026-03-02T08:59:30Z", SECRET));
        InboundVerdict b = deliveries.verify(signed(body, "2026-03-02T08:59:40Z", SECRET));
        assertThat(((InboundVerdict.Accepted) a).deliveryId())
                .startsWith("sha256:")
                .isEqualTo(((InboundVerdict.Accepted) b).deliveryId());
    }

    @Test
    void theVerifierShowsNoSecret() {
        assertThat(deliveries.toString()).doesNotContain(SECRET);
    }
}
