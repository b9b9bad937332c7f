/**
 * A {@code CrmConnector} over the Salesforce REST API (provider {@code salesforce}). Compiles against the Jakarta REST
 * client API only; Jersey with its JDK HttpClient connector is the implementation at run time.
 */
module dev.handover.salesforce {
    requires transitive dev.handover.spi;
    requires transitive jakarta.ws.rs; // the builder accepts an injected jakarta.ws.rs.client.Client
    requires java.net.http;
    requires com.fasterxml.jackson.databind;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;

    exports dev.handover.salesforce;

    provides dev.handover.spi.CrmProvider with
            dev.handover.salesforce.SalesforceProvider;
}
