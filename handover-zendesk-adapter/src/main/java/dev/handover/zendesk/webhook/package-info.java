/**
 * Zendesk webhooks: {@link dev.handover.zendesk.webhook.WebhookVerifier} checks a request's signature and age, {@link
 * dev.handover.zendesk.webhook.TicketEvent} reads a ticket event into the SPI's terms. The runner mounts them on its
 * webhook listener.
 */
package dev.handover.zendesk.webhook;
