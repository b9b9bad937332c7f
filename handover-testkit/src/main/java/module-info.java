/**
 * The handover testkit: {@code InMemoryCrm} (provider {@code memory}), the demo data set, a mutable clock, and the
 * {@code CrmConnectorCompatibilityKit} every connector passes.
 */
module dev.handover.testkit {
    requires transitive dev.handover.spi;
    // only the compatibility kit needs JUnit; users of InMemoryCrm alone do not
    requires static org.junit.jupiter.api;

    exports dev.handover.testkit.memory;
    exports dev.handover.testkit.demo;
    exports dev.handover.testkit.time;
    exports dev.handover.testkit.compat;

    opens dev.handover.testkit.compat to
            org.junit.platform.commons;

    provides dev.handover.spi.CrmProvider with
            dev.handover.testkit.memory.InMemoryCrmProvider;
}
