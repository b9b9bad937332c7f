/** A {@code CrmConnector} over the Salesforce REST API (provider {@code salesforce}). */
module dev.handover.salesforce {
    requires transitive dev.handover.spi;
    requires jakarta.ws.rs;
    requires com.fasterxml.jackson.databind;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;
}
