/**
 * The handover testkit: the {@code CrmConnectorCompatibilityKit} every connector passes, its fixture, and the fault
 * hook each adapter implements over its fake server, and a hostile HTTP server for adapters' tests. A JUnit 5 suite: adapters depend on it in test scope.
 */
module dev.handover.testkit {
    requires transitive dev.handover.spi;
    requires transitive org.junit.jupiter.api;
    requires transitive dev.handover.selftest;
    requires jdk.httpserver;

    exports dev.handover.testkit.compat;
    exports dev.handover.testkit.hostile;
    exports dev.handover.testkit.replay;

    opens dev.handover.testkit.compat to
            org.junit.platform.commons;
}
