package dev.handover.spi;

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
     * @throws IllegalArgumentException when a setting is missing or malformed; the message names the key
     */
    CrmConnector create(CrmSettings settings);
}
