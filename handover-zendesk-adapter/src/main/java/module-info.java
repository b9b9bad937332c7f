/**
 * A {@code CrmConnector} over the Zendesk Support API v2 (provider {@code zendesk}), and the verifier of Zendesk's
 * ticket webhooks offered through {@code CrmProvider#inbound}. Compiles against the Jakarta REST API; Jersey with the
 * JDK HTTP client connector is the run-time implementation unless the caller injects a client.
 */
module dev.handover.zendesk {
    requires transitive dev.handover.spi;
    requires transitive jakarta.ws.rs; // the builder accepts an injected jakarta.ws.rs.client.Client
    requires java.net.http;
    // Jersey 3.1's jars have no module-info: on the module path they are automatic modules, which require nothing, so
    // the explicit modules Jersey loads classes from are resolved only when a named module requires them. Without
    // these an embedder's module path fails with NoClassDefFoundError: jakarta/annotation/Priority (Jersey 4 is
    // modular: https://github.com/eclipse-ee4j/jersey/issues/4876). ModulePathIT in handover-modulepath-test checks it.
    requires jakarta.annotation; // @Priority on Jersey's providers
    requires jakarta.inject; // HK2's injection annotations
    requires jakarta.xml.bind; // jersey-media-json-jackson's provider reads JAXB annotations (and jakarta.activation)
    requires com.fasterxml.jackson.databind;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;

    exports dev.handover.zendesk;

    provides dev.handover.spi.CrmProvider with
            dev.handover.zendesk.ZendeskProvider;
}
