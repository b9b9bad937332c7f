package dev.handover.runner;

import dev.handover.spi.CrmConnectors;
import dev.handover.spi.CrmProvider;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmUnreachableException;
import java.util.Optional;

/**
 * The message for a CRM that cannot be reached: the host, the setting that produced it and the plain cause — {@code
 * cannot reach acme.zendesk.com (crm.settings.subdomain: acme): the name does not resolve} — instead of the JDK's
 * {@code UnresolvedAddressException}. The adapter names the host and the cause ({@link CrmUnreachableException}), its
 * provider the settings that name the host ({@link CrmProvider#hostSettings()}); their values are host names, never
 * secrets.
 */
final class UnreachableMessage {
    private UnreachableMessage() {}

    /** The message for this failure: as above when the host could not be reached, else the failure's own. */
    static String describe(CrmException e, CrmSettings settings) {
        if (!(e instanceof CrmUnreachableException u)) {
            return e.getMessage();
        }
        return "cannot reach " + u.host() + setting(settings).orElse("") + ": " + u.reason();
    }

    /** {@code " (crm.settings.subdomain: acme)"}: the first of the provider's host settings that is set. */
    static Optional<String> setting(CrmSettings settings) {
        Optional<CrmProvider> provider;
        try {
            provider = CrmConnectors.discover().provider(settings.provider());
        } catch (RuntimeException e) {
            return Optional.empty(); // a message without the setting is still a message
        }
        return provider.flatMap(p -> p.hostSettings().stream()
                .filter(k -> settings.get(k).filter(v -> !v.isBlank()).isPresent())
                .findFirst()
                .map(k -> " (crm.settings." + k + ": " + settings.get(k).orElseThrow() + ")"));
    }
}
