package dev.handover.salesforce;

import dev.handover.memory.time.MutableClock;
import dev.handover.salesforce.fake.FakeSalesforce;
import dev.handover.salesforce.fake.SalesforceKitIds;
import dev.handover.spi.CrmConnector;
import dev.handover.testkit.compat.CrmConnectorCompatibilityKit;
import dev.handover.testkit.compat.KitFaults;
import dev.handover.testkit.compat.KitFixture;
import dev.handover.testkit.compat.KitIds;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/** The whole SPI contract, against the stateful fake Salesforce on loopback, with Salesforce-shaped ids. */
final class SalesforceConnectorCompatibilityTest extends CrmConnectorCompatibilityKit {
    private FakeSalesforce org;

    @Override
    protected KitIds ids() {
        return SalesforceKitIds.INSTANCE;
    }

    @Override
    protected CrmConnector createConnector(KitFixture fixture) {
        MutableClock clock = MutableClock.at(KitFixture.BASE.plus(Duration.ofHours(1)));
        org = FakeSalesforce.builder().clock(clock).start().seed(fixture);
        return SalesforceConnector.builder()
                .settings(org.settings())
                .clock(clock)
                .sleeper(d -> clock.advance(d))
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
