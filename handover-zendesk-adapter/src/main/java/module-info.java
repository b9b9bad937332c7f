/**
 * A {@code CrmConnector} over the Zendesk Support API v2 (provider {@code zendesk}), and the verifier of Zendesk's
 * ticket webhooks offered through {@code CrmProvider#inbound}. Compiles against the Jakarta REST API; Jersey with the
 * JDK HTTP client connector is the run-time implementation unless the caller injects a client.
 */
module dev.handover.zendesk {
    requires transitive dev.handover.spi;
    requires transitive jakarta.ws.rs; // the builder accepts an injected jakarta.ws.rs.client.Client
    requires java.net.http;
    requires com.fasterxml.jackson.databind;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;

    exports dev.handover.zendesk;

    provides dev.handover.spi.CrmProvider with
            dev.handover.zendesk.ZendeskProvider;
}
