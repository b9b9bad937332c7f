package dev.handover.spi;

import dev.handover.spi.internal.Checks;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds {@link CrmProvider}s with {@link ServiceLoader} and makes the connector to use.
 *
 * <pre>{@code
 * CrmConnector crm = CrmConnectors.builder()
 *         .settings(CrmSettings.builder("zendesk").put("subdomain", "acme").build())
 *         .build();
 * }</pre>
 *
 * <p>The rules, after SLF4J's provider discovery: an explicitly passed connector always wins and no discovery runs;
 * otherwise the provider named by the settings is used; without settings exactly one provider must be on the class
 * path. A provider that fails to load is reported (logged with {@link System.Logger} and listed in errors) and skipped,
 * never fatal to the others.
 */
public final class CrmConnectors {
    private static final System.Logger LOG = System.getLogger(CrmConnectors.class.getName());
    private static final int MAX_PROVIDER_ENTRIES = 1000;
    static final String HOW_TO_ADD = "Add an adapter to the class path (dev.handover:handover-zendesk-adapter, "
            + "dev.handover:handover-salesforce-adapter, or dev.handover:handover-memory for the in-memory CRM "
            + "'memory'), or pass a CrmConnector explicitly. An adapter declares its CrmProvider in "
            + "META-INF/services/dev.handover.spi.CrmProvider and in module-info.java.";

    private CrmConnectors() {}

    /**
     * What discovery found: the providers that loaded, by name, and the ones that failed.
     *
     * @param providers the providers that loaded, in discovery order
     * @param failures what could not be loaded, and why
     */
    public record Discovery(List<CrmProvider> providers, List<String> failures) {
        /** Copies the lists. */
        public Discovery {
            providers = List.copyOf(providers);
            failures = List.copyOf(failures);
        }

        /** The provider with this name. */
        public Optional<CrmProvider> provider(String name) {
            return providers.stream().filter(p -> p.name().equals(name)).findFirst();
        }

        /** The names found, for messages: {@code memory (dev.handover.memory.InMemoryCrmProvider), …}. */
        public String describe() {
            if (providers.isEmpty()) {
                return "none";
            }
            return providers.stream()
                    .map(p -> p.name() + " (" + p.getClass().getName() + ")")
                    .collect(Collectors.joining(", "));
        }

        private String failuresSuffix() {
            return failures.isEmpty() ? "" : " Providers that failed to load: " + String.join("; ", failures) + ".";
        }
    }

    /** Discovers providers with the thread's context class loader, or this class's loader when there is none. */
    public static Discovery discover() {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        return discover(tccl != null ? tccl : CrmConnectors.class.getClassLoader());
    }

    /** Discovers providers visible to this class loader. */
    public static Discovery discover(ClassLoader loader) {
        return discover(ServiceLoader.load(CrmProvider.class, loader).iterator());
    }

    static Discovery discover(Iterator<CrmProvider> it) {
        Map<String, CrmProvider> byName = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < MAX_PROVIDER_ENTRIES; i++) {
            CrmProvider provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                failures.add(e.getMessage());
                LOG.log(
                        System.Logger.Level.WARNING,
                        "A CRM provider failed to load and is skipped: " + e.getMessage(),
                        e);
                continue;
            }
            String name;
            try {
                name = Checks.nonBlank(provider.name(), "provider name");
            } catch (RuntimeException e) {
                failures.add(provider.getClass().getName() + ": name() failed: " + e);
                LOG.log(
                        System.Logger.Level.WARNING,
                        "CRM provider " + provider.getClass().getName() + " has no usable name and is skipped",
                        e);
                continue;
            }
            CrmProvider clash = byName.putIfAbsent(name, provider);
            if (clash != null && clash.getClass() != provider.getClass()) {
                String msg = "two providers are named '" + name + "': "
                        + clash.getClass().getName() + " and "
                        + provider.getClass().getName() + "; the first is used";
                failures.add(msg);
                LOG.log(System.Logger.Level.WARNING, msg);
            }
        }
        return new Discovery(List.copyOf(byName.values()), failures);
    }

    /** A builder that decides which connector to use. */
    public static Builder builder() {
        return new Builder();
    }

    /** Chooses the connector: explicit first, then by settings, then the only provider found. */
    public static final class Builder {
        private CrmConnector connector;
        private CrmSettings settings;
        private ClassLoader classLoader;

        private Builder() {}

        /** A connector to use as it is; discovery does not run. */
        public Builder connector(CrmConnector connector) {
            if (this.connector != null) {
                throw new IllegalStateException("connector already set");
            }
            this.connector = Checks.notNull(connector, "connector");
            return this;
        }

        /** Settings naming the provider ({@link CrmSettings#provider()}) and configuring it. */
        public Builder settings(CrmSettings settings) {
            if (this.settings != null) {
                throw new IllegalStateException("settings already set");
            }
            this.settings = Checks.notNull(settings, "settings");
            return this;
        }

        /** The class loader to discover providers with. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Checks.notNull(loader, "class loader");
            return this;
        }

        /**
         * The connector.
         *
         * @throws IllegalStateException when no provider, or several and none chosen, or the named one is not found;
         *     the message lists what was found and how to add an adapter
         * @throws IllegalArgumentException when the provider rejects the settings
         */
        public CrmConnector build() {
            if (connector != null) {
                return connector;
            }
            Discovery found = classLoader != null ? discover(classLoader) : discover();
            if (settings != null) {
                CrmProvider provider = found.provider(settings.provider())
                        .orElseThrow(() -> new IllegalStateException("No CRM provider named '" + settings.provider()
                                + "' was found. Found: " + found.describe() + "." + found.failuresSuffix() + " "
                                + HOW_TO_ADD));
                return provider.create(settings);
            }
            if (found.providers().isEmpty()) {
                throw new IllegalStateException("No CRM provider was found on the class path (looked for "
                        + CrmProvider.class.getName() + " with ServiceLoader)." + found.failuresSuffix() + " "
                        + HOW_TO_ADD);
            }
            if (found.providers().size() > 1) {
                throw new IllegalStateException("Several CRM providers were found: " + found.describe()
                        + ". Choose one with CrmSettings.builder(\"<name>\") or pass a CrmConnector explicitly.");
            }
            CrmProvider only = found.providers().get(0);
            return only.create(CrmSettings.empty(only.name()));
        }
    }
}
