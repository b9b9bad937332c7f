/**
 * How the Salesforce adapter talks to Salesforce: {@link dev.handover.salesforce.http.Transport} sends each call through
 * the {@link dev.handover.salesforce.http.Throttle} (the daily API allocation), with a token from {@link
 * dev.handover.salesforce.http.OAuthCredentials} and retries on the SPI's {@code Backoff}; {@link
 * dev.handover.salesforce.http.Errors} turns Salesforce's errors into the SPI's exceptions. Not exported: its classes
 * are public only because the adapter's top package uses them, and it depends on nothing of that package.
 */
package dev.handover.salesforce.http;
