/**
 * A {@code CrmConnector} over Request Tracker 5's REST 2.0 API (provider {@code rt}). Compiles against the Jakarta REST
 * API; Jersey with the JDK HTTP client connector is the run-time implementation unless the caller injects a client.
 */
module dev.handover.rt {
    requires transitive dev.handover.spi;
    requires transitive jakarta.ws.rs; // the builder accepts an injected jakarta.ws.rs.client.Client
    requires java.net.http;
    // Jersey 3.1's jars have no module-info: on the module path they are automatic modules, which require nothing, so
    // the explicit modules Jersey loads classes from are resolved only when a named module requires them. Without
    // these an embedder's module path fails with NoClassDefFoundError: jakarta/annotation/Priority (Jersey 4 is
    // modular: https://github.com/eclipse-ee4j/jersey/issues/4876). ModulePathIT in handover-modulepath-test checks it.
    requires jakarta.annotation; // @Priority on Jersey's providers
    requires jakarta.inject; // HK2's injection annotations
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.handover.rt;

    provides dev.handover.spi.CrmProvider with
            dev.handover.rt.RtProvider;
}
