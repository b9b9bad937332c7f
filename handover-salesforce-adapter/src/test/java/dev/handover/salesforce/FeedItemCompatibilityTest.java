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

/**
 * The whole contract again with notes written as FeedItems ({@code Visibility=InternalUsers}, HTML as rich text) and
 * comments read from CaseComments and FeedItems merged — the seeded conversation is CaseComments, new notes are
 * FeedItems, and paging crosses both.
 */
final class FeedItemCompatibilityTest extends CrmConnectorCompatibilityKit {
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
                .settings(org.settings(v -> {
                    v.put("notes.object", "FeedItem");
                    v.put("notes.read", "both");
                }))
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
