/**
 * Events a CRM pushes: a provider that offers an {@link dev.handover.spi.inbound.InboundVerifier} turns a signed
 * delivery ({@link dev.handover.spi.inbound.InboundDelivery}) into the tickets it names, or refuses it ({@link
 * dev.handover.spi.inbound.InboundVerdict}). The listener that receives deliveries knows no vendor.
 */
package dev.handover.spi.inbound;
