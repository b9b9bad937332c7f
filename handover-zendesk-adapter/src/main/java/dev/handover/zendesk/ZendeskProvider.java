package dev.handover.zendesk;

import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmProvider;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.inbound.InboundSettings;
import dev.handover.spi.inbound.InboundVerifier;
import dev.handover.zendesk.webhook.ZendeskDeliveries;
import java.util.Optional;

/**
 * The {@code zendesk} provider: makes a {@link ZendeskConnector} from {@link CrmSettings} — the keys are listed at
 * {@link ZendeskConnector.Builder#settings} — and verifies Zendesk's ticket webhooks. Registered for {@link
 * java.util.ServiceLoader} in {@code META-INF/services} and {@code module-info}, so {@code CrmConnectors} finds it by
 * the name {@code zendesk}:
 *
 * <pre>{@code
 * CrmConnector zendesk = CrmConnectors.builder()
 *         .settings(CrmSettings.builder("zendesk")
 *                 .put("subdomain", "acme")
 *                 .put("auth.client-id", "handover")
 *                 .secret("auth.client-secret", Secret.of(System.getenv("ZENDESK_CLIENT_SECRET")))
 *                 .build())
 *         .build();
 * }</pre>
 */
public final class ZendeskProvider implements CrmProvider {
    /** The provider name settings refer to. */
    public static final String NAME = ZendeskConnector.VENDOR;

    /** A provider; does no I/O until {@link #create}. */
    public ZendeskProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    /** The host comes from {@code base-url}, or {@code subdomain} ({@code <subdomain>.zendesk.com}). */
    @Override
    public java.util.List<String> hostSettings() {
        return java.util.List.of("base-url", "subdomain");
    }

    @Override
    public String description() {
        return "Zendesk Support (API v2): tickets, internal notes, task tickets, update_many/create_many";
    }

    /**
     * A connector configured by these settings.
     *
     * @throws dev.handover.spi.CrmSettingsException naming the key of the first setting that is unknown, missing or
     *     malformed
     */
    @Override
    public CrmConnector create(CrmSettings settings) {
        return ZendeskConnector.builder().settings(settings).build();
    }

    /** Zendesk's ticket webhooks, signed with the webhook's signing secret (HMAC-SHA256 over timestamp and body). */
    @Override
    public Optional<InboundVerifier> inbound(InboundSettings settings) {
        return Optional.of(ZendeskDeliveries.of(settings));
    }

    @Override
    public String toString() {
        return "ZendeskProvider[" + NAME + "]";
    }
}
