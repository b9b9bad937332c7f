/**
 * Zendesk webhooks: {@link dev.handover.zendesk.webhook.ZendeskDeliveries} checks a delivery's signature and age and
 * reads the ticket event it carries, as the SPI's {@code InboundVerifier}. Not exported: the provider offers it through
 * {@code CrmProvider#inbound}, and the runner's listener knows no vendor.
 */
package dev.handover.zendesk.webhook;
