/**
 * The Zendesk adapter's API: {@link dev.handover.zendesk.ZendeskConnector}, a {@code CrmConnector} over the Zendesk
 * Support API v2, configured by its {@link dev.handover.zendesk.ZendeskConnector.Builder Builder} — typed setters or
 * {@code CrmSettings} — and {@link dev.handover.zendesk.ZendeskProvider}, the {@code zendesk} provider that makes one
 * from settings and verifies Zendesk's ticket webhooks. The only exported package; everything else in it is
 * package-private.
 */
package dev.handover.zendesk;
