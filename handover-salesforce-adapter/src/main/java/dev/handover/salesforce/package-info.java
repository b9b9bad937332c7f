/**
 * The Salesforce adapter: {@link dev.handover.salesforce.SalesforceConnector}, a {@code CrmConnector} over the
 * Salesforce REST API, its {@link dev.handover.salesforce.SalesforceProvider} ({@code salesforce}) and {@link
 * dev.handover.salesforce.ApiUsage}, the org's API usage the connector exposes; everything else in the package is
 * internal.
 */
package dev.handover.salesforce;
