package dev.handover.rt;

import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmProvider;
import dev.handover.spi.CrmSettings;

/**
 * The {@code rt} provider: makes an {@link RtConnector} from {@link CrmSettings} — the keys are listed at {@link
 * RtConnector.Builder#settings} and in docs/rt.md. Registered for {@link java.util.ServiceLoader} in {@code
 * META-INF/services} and {@code module-info}:
 *
 * <pre>{@code
 * CrmConnector rt = CrmConnectors.builder()
 *         .settings(CrmSettings.builder("rt")
 *                 .put("url", "https://rt.example.com")
 *                 .secret("auth.token", Secret.of(System.getenv("RT_TOKEN")))
 *                 .build())
 *         .build();
 * }</pre>
 */
public final class RtProvider implements CrmProvider {
    /** The provider name settings refer to. */
    public static final String NAME = RtConnector.VENDOR;

    /** A provider; does no I/O until {@link #create}. */
    public RtProvider() {}

    @Override
    public String name() {
        return NAME;
    }

    /** The host comes from {@code url}: the RT server. */
    @Override
    public java.util.List<String> hostSettings() {
        return java.util.List.of("url");
    }

    @Override
    public String description() {
        return "Request Tracker 5 (REST 2.0): tickets, comments and correspondence, reminders as tasks";
    }

    @Override
    public CrmConnector create(CrmSettings settings) {
        return RtConnector.builder().settings(settings).build();
    }

    @Override
    public String toString() {
        return "RtProvider[" + NAME + "]";
    }
}
