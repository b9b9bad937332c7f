package dev.handover.salesforce;

import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmProvider;
import dev.handover.spi.CrmSettings;

/**
 * The {@code salesforce} provider, found by {@link java.util.ServiceLoader} (declared in {@code
 * META-INF/services/dev.handover.spi.CrmProvider} and in {@code module-info.java}). Makes a {@link
 * SalesforceConnector} from settings; no I/O until the connector's first call.
 */
public final class SalesforceProvider implements CrmProvider {

    /** For {@link java.util.ServiceLoader}. */
    public SalesforceProvider() {}

    @Override
    public String name() {
        return Config.PROVIDER;
    }

    /** The host comes from {@code instance-url}: the org's My Domain, which the token request and every call go to. */
    @Override
    public java.util.List<String> hostSettings() {
        return java.util.List.of("instance-url");
    }

    @Override
    public String description() {
        return "Salesforce Service Cloud over the REST API (Cases, CaseComments or FeedItems, Tasks)";
    }

    @Override
    public CrmConnector create(CrmSettings s) {
        return SalesforceConnector.builder().settings(s).build();
    }
}
