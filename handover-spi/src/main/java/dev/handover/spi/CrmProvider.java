package dev.handover.spi;

import dev.handover.spi.inbound.InboundSettings;
import dev.handover.spi.inbound.InboundVerifier;
import java.util.Optional;

/**
 * Makes connectors for one CRM. Adapters register an implementation for {@link java.util.ServiceLoader} twice, as
 * SLF4J providers do: in {@code META-INF/services/dev.handover.spi.CrmProvider} for the class path and with {@code
 * provides dev.handover.spi.CrmProvider with …} in {@code module-info.java} for the module path. {@link CrmConnectors}
 * finds them.
 *
 * <p>Implementations have a public no-argument constructor and do no I/O until {@link #create} is called.
 */
public interface CrmProvider {

    /** The name settings refer to: lower-case, unique among providers ({@code zendesk}, {@code salesforce}). */
    String name();

    /** One line for people: what this provider connects to. */
    default String description() {
        return name();
    }

    /**
     * A connector configured by these settings.
     *
     * @throws CrmSettingsException when a setting is unknown, missing or malformed; it carries the key
     * @throws IllegalArgumentException for other problems with the settings; the message names the key
     */
    CrmConnector create(CrmSettings settings);

    /**
     * The settings that name the CRM's host, most specific first ({@code base-url}, {@code subdomain}): an
     * application that gets a {@link dev.handover.spi.error.CrmUnreachableException} names the one the user set, so
     * the message says where the host came from ({@code cannot reach acme.zendesk.com (crm.settings.subdomain:
     * acme)}). Their values name a host, never a secret. The default: none.
     */
    default java.util.List<String> hostSettings() {
        return java.util.List.of();
    }

    /**
     * The verifier of the signed events this CRM pushes (webhooks), when it pushes any. A listener hands every delivery
     * to it and looks at the tickets an accepted one names. The default: none.
     */
    default Optional<InboundVerifier> inbound(InboundSettings settings) {
        return Optional.empty();
    }
}
