package dev.handover.spi.selftest;

/**
 * One check of an assumption against a live account. A probe writes only to the test tickets it creates through
 * {@link ProbeContext#createTicket} (which registers them for clean-up) and never to any other ticket; it returns a
 * result instead of throwing for what the account answered, so that one failing probe does not hide the others.
 */
public interface Probe {
    /** A short, stable name: lower-case words joined by hyphens ({@code required-on-solve}). */
    String name();

    /** What the connector assumes, one sentence, shown next to the answer. */
    String assumption();

    /**
     * Runs the probe.
     *
     * @param context the connector, the test team and the tickets made for the test
     * @return what the account answered
     */
    ProbeResult run(ProbeContext context);
}
