package dev.handover.spi.selftest;

/** Receives the HTTP exchanges of a recorded self-test, in the order they completed. Must be thread-safe. */
@FunctionalInterface
public interface ExchangeRecorder {
    /** One request and its answer. */
    void record(Exchange exchange);
}
