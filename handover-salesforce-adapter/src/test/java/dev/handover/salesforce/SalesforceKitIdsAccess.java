package dev.handover.salesforce;

import dev.handover.salesforce.fake.SalesforceKitIds;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;

/** Short names for the kit's Salesforce ids in tests. */
final class SalesforceKitIdsAccess {
    private SalesforceKitIdsAccess() {}

    static AgentId agent(int n) {
        return SalesforceKitIds.INSTANCE.agent(n);
    }

    static GroupId group(int n) {
        return SalesforceKitIds.INSTANCE.group(n);
    }
}
