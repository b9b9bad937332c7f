/**
 * A {@code CrmConnector} over Request Tracker 5's REST 2.0 API (provider {@code rt}). Compiles against the Jakarta REST
 * API; Jersey with the JDK HTTP client connector is the run-time implementation unless the caller injects a client.
 */
module dev.handover.rt {
    requires transitive dev.handover.spi;
    requires transitive jakarta.ws.rs; // the builder accepts an injected jakarta.ws.rs.client.Client
    requires java.net.http;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports dev.handover.rt;

    provides dev.handover.spi.CrmProvider with
            dev.handover.rt.RtProvider;
}
