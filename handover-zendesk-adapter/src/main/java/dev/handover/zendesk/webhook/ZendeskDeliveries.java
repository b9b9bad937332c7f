package dev.handover.zendesk.webhook;

import dev.handover.spi.inbound.InboundDelivery;
import dev.handover.spi.inbound.InboundSettings;
import dev.handover.spi.inbound.InboundVerdict;
import dev.handover.spi.inbound.InboundVerifier;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Zendesk's ticket webhooks as the SPI's inbound deliveries: the signature and age are checked first ({@link
 * WebhookVerifier}), then the body is read as a ticket event ({@link TicketEvent}), and the ticket it names is
 * accepted. Events about the adapter's own task tickets are accepted with no ticket to look at. Made by {@code
 * ZendeskProvider#inbound}.
 */
public final class ZendeskDeliveries implements InboundVerifier {
    private final WebhookVerifier verifier;

    private ZendeskDeliveries(WebhookVerifier verifier) {
        this.verifier = verifier;
    }

    /** A verifier of deliveries signed with the webhook's signing secret. */
    public static ZendeskDeliveries of(InboundSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return new ZendeskDeliveries(WebhookVerifier.of(settings.signingSecret(), settings.maxAge(), settings.clock()));
    }

    @Override
    public InboundVerdict verify(InboundDelivery delivery) {
        byte[] body = delivery.body();
        WebhookVerifier.Result check = verifier.verify(
                delivery.header(WebhookVerifier.SIGNATURE_HEADER).orElse(null),
                delivery.header(WebhookVerifier.TIMESTAMP_HEADER).orElse(null),
                body);
        String detail = check.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        switch (check) {
            case VALID -> {}
            case MISSING_HEADERS, BAD_SIGNATURE, MALFORMED_TIMESTAMP -> {
                return new InboundVerdict.Refused(InboundVerdict.Reason.UNAUTHENTIC, detail);
            }
            case EXPIRED, FROM_THE_FUTURE -> {
                return new InboundVerdict.Refused(InboundVerdict.Reason.STALE, detail);
            }
        }
        TicketEvent event;
        try {
            event = TicketEvent.parse(body);
        } catch (IllegalArgumentException e) {
            return new InboundVerdict.Refused(
                    InboundVerdict.Reason.MALFORMED, "not a Zendesk ticket event: " + e.getMessage());
        }
        // Zendesk gives every event an id; a body without one is de-duplicated by its content
        String id = event.id().isBlank() ? "sha256:" + sha256(body) : event.id();
        if (event.handoverTask()) {
            return new InboundVerdict.Accepted(
                    id, Set.of(), "ignored: " + event.kind() + " on handover task " + event.ticket());
        }
        return new InboundVerdict.Accepted(id, Set.of(event.ticket()), event.kind() + " on ticket " + event.ticket());
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** The verifier; never the secret. */
    @Override
    public String toString() {
        return "ZendeskDeliveries[" + verifier + "]";
    }
}
