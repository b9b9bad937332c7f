/**
 * The contract between the handover engine and CRM adapters: {@link dev.handover.spi.CrmConnector} (reads, atomic
 * handover writes, the agent directory), the {@link dev.handover.spi.CrmProvider} found by {@link
 * java.util.ServiceLoader}, and the requests and results they exchange. JDK only.
 */
package dev.handover.spi;
