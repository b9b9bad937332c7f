/**
 * The Zendesk adapter: {@link dev.handover.zendesk.ZendeskConnector}, a {@code CrmConnector} over the Zendesk Support API
 * v2, and {@link dev.handover.zendesk.ZendeskProvider}, which makes it from settings (provider {@code zendesk}).
 */
package dev.handover.zendesk;
