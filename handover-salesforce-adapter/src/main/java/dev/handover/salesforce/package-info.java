/**
 * The Salesforce adapter: {@link dev.handover.salesforce.SalesforceConnector}, a {@code CrmConnector} over the
 * Salesforce REST API, configured through its {@link dev.handover.salesforce.SalesforceConnector.Builder} (typed options
 * or settings), its {@link dev.handover.salesforce.SalesforceProvider} ({@code salesforce}) for discovery, and {@link
 * dev.handover.salesforce.ApiUsage}, the org's API usage the connector reports. Everything else in the package is
 * internal.
 */
package dev.handover.salesforce;
