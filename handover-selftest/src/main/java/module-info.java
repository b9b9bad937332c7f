/**
 * The handover self-test: the live-safe probes every connector is checked with against a real account, the run that
 * cleans up after itself, and the redacted recording of what went over the wire.
 */
module dev.handover.selftest {
    requires transitive dev.handover.spi;
    requires com.fasterxml.jackson.databind;

    exports dev.handover.selftest;
    exports dev.handover.selftest.record;
}
