/**
 * {@link dev.handover.testkit.memory.InMemoryCrm}: the reference {@code CrmConnector} (provider {@code memory}), with
 * fault injection and call accounting driven by an injected clock.
 */
package dev.handover.testkit.memory;
