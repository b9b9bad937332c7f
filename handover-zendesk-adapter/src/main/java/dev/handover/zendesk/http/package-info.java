/**
 * The HTTP layer of the Zendesk adapter (not exported; public only for the top package): {@code Transport} sends one
 * request — through the client-side {@code Throttle}, with the {@code Credentials} (OAuth or API token), retrying with
 * the SPI's {@code Backoff} what is safe to repeat — and {@code Errors} is the one place Zendesk's refusals become the
 * SPI's exceptions. {@code HttpCall} and {@code HttpResult} describe a request and its final answer, {@code Json} holds
 * the one JSON mapper. Nothing here depends on the top package.
 */
package dev.handover.zendesk.http;
