/**
 * The Salesforce adapter: {@link dev.handover.salesforce.SalesforceConnector}, a {@code CrmConnector} over the
 * Salesforce REST API, and its {@link dev.handover.salesforce.SalesforceProvider} ({@code salesforce}); everything
 * else in the package is internal.
 */
package dev.handover.salesforce;
