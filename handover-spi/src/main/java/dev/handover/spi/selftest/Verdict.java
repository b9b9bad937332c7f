package dev.handover.spi.selftest;

/** A probe's verdict. */
public enum Verdict {
    /** The account behaves as the connector assumes. */
    PASS,
    /** It works, but not as well as it could, or the probe could not tell; the result says what to look at. */
    WARN,
    /** The connector's assumption does not hold in this account: handovers would go wrong until the fix is made. */
    FAIL
}
