package dev.handover.salesforce;

import dev.handover.salesforce.fake.FakeSalesforce;
import dev.handover.spi.CrmSettings;

/** The whole SPI contract, against the stateful fake Salesforce on loopback, with Salesforce-shaped ids. */
final class SalesforceConnectorCompatibilityTest extends FakeOrgCompatibilityKit {

    @Override
    CrmSettings settings(FakeSalesforce org) {
        return org.settings();
    }
}
