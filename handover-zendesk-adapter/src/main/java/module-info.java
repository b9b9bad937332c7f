/** A {@code CrmConnector} over the Zendesk Support API v2 (provider {@code zendesk}). */
module dev.handover.zendesk {
    requires transitive dev.handover.spi;
    requires jakarta.ws.rs;
    requires com.fasterxml.jackson.databind;
    requires com.github.benmanes.caffeine;
    requires org.slf4j;
}
