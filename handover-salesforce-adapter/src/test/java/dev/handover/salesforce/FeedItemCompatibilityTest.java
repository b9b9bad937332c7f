package dev.handover.salesforce;

import dev.handover.salesforce.fake.FakeSalesforce;
import dev.handover.spi.CrmSettings;

/**
 * The whole contract again with notes written as FeedItems ({@code Visibility=InternalUsers}, HTML as rich text) and
 * comments read from CaseComments and FeedItems merged — the seeded conversation is CaseComments, new notes are
 * FeedItems, and paging crosses both.
 */
final class FeedItemCompatibilityTest extends FakeOrgCompatibilityKit {

    @Override
    CrmSettings settings(FakeSalesforce org) {
        return org.settings(v -> {
            v.put("notes.object", "FeedItem");
            v.put("notes.read", "both");
        });
    }
}
