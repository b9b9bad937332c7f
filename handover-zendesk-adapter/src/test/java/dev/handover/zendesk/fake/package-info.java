/**
 * A stateful fake of the Zendesk Support API on loopback (WireMock with a stateful extension), for the adapter's tests
 * and the runner's: tickets, comments, task tickets, search with index lag, {@code safe_update}, {@code Idempotency-Key}
 * replays, {@code update_many}/{@code create_many} jobs, OAuth, rate limits and injected faults.
 */
package dev.handover.zendesk.fake;
