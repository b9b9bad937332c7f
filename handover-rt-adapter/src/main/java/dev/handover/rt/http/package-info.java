/**
 * The HTTP layer of the Request Tracker adapter: calls described before they are sent ({@link
 * dev.handover.rt.http.HttpCall}), one {@link dev.handover.rt.http.Transport} that authenticates, retries what may be
 * retried and bounds every exchange, and the mapping of RT's refusals to the SPI's exceptions ({@link
 * dev.handover.rt.http.Errors}). Internal to the adapter: not exported by its module.
 */
package dev.handover.rt.http;
