package dev.handover.salesforce;

import dev.handover.memory.time.MutableClock;
import dev.handover.salesforce.fake.FakeSalesforce;
import dev.handover.salesforce.fake.SalesforceKitIds;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmSettings;
import dev.handover.testkit.compat.CrmConnectorCompatibilityKit;
import dev.handover.testkit.compat.KitFaults;
import dev.handover.testkit.compat.KitFixture;
import dev.handover.testkit.compat.KitIds;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * The compatibility kit against a fresh fake Salesforce org on loopback, with Salesforce-shaped ids; a subclass says
 * only which settings its connector runs with.
 */
abstract class FakeOrgCompatibilityKit extends CrmConnectorCompatibilityKit {
    private FakeSalesforce org;

    /** The connector's settings for this org. */
    abstract CrmSettings settings(FakeSalesforce org);

    @Override
    protected KitIds ids() {
        return SalesforceKitIds.INSTANCE;
    }

    @Override
    protected CrmConnector createConnector(KitFixture fixture) {
        MutableClock clock = MutableClock.at(KitFixture.BASE.plus(Duration.ofHours(1)));
        org = FakeSalesforce.builder().clock(clock).start().seed(fixture);
        return SalesforceConnector.builder()
                .settings(settings(org))
                .clock(clock)
                .sleeper(clock::advance)
                .build();
    }

    @Override
    protected KitFaults faults() {
        return org.kitFaults();
    }

    @AfterEach
    void stopTheFakeOrg() {
        org.close();
    }
}
