package dev.handover.spi.inbound;

/**
 * Turns a signed delivery from a CRM (a webhook request: headers and raw body) into the tickets it names, or refuses
 * it. Offered by {@link dev.handover.spi.CrmProvider#inbound} where the vendor pushes events; a listener such as the
 * runner's {@code /webhooks/{provider}} needs nothing else of the vendor.
 *
 * <p>Implementations verify before they parse, compare signatures in constant time, refuse old timestamps, and never
 * put a signature, a secret or customer text into a verdict. Thread-safe.
 */
@FunctionalInterface
public interface InboundVerifier {
    /** Verifies one delivery and names its tickets, or refuses it. Never throws for a bad delivery. */
    InboundVerdict verify(InboundDelivery delivery);
}
