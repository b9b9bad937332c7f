/**
 * The HTTP layer of the Zendesk adapter (not exported): requests over a Jakarta REST client, credentials, retries of
 * writes that are safe to repeat, the client-side rate limiter and the mapping of vendor errors to the SPI's.
 */
package dev.handover.zendesk.http;
