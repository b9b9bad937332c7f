/**
 * {@link dev.handover.memory.InMemoryCrm}: the reference {@code CrmConnector} (provider {@code memory}), with
 * fault injection and call accounting driven by an injected clock.
 */
package dev.handover.memory;
