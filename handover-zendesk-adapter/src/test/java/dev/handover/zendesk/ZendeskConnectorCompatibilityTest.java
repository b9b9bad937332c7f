package dev.handover.zendesk;

import dev.handover.memory.time.MutableClock;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.Secret;
import dev.handover.testkit.compat.CrmConnectorCompatibilityKit;
import dev.handover.testkit.compat.KitFaults;
import dev.handover.testkit.compat.KitFixture;
import dev.handover.zendesk.fake.FakeZendesk;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;

/**
 * The Zendesk connector passes the whole compatibility kit against the stateful fake Zendesk, with a search index that
 * trails writes by two minutes (so every task and count the kit checks right after a write is found without the
 * index) and OAuth client credentials.
 */
final class ZendeskConnectorCompatibilityTest extends CrmConnectorCompatibilityKit {
    private static FakeZendesk zendesk;

    @Override
    protected CrmConnector createConnector(KitFixture fixture) {
        if (zendesk == null) {
            zendesk = FakeZendesk.start();
        }
        MutableClock clock = zendesk.clock();
        clock.set(KitFixture.BASE.plus(Duration.ofMinutes(5)));
        zendesk.reset().indexLag(Duration.ofMinutes(2)).seed(fixture);
        return ZendeskConnector.builder()
                .baseUrl(zendesk.url())
                .oauthClientCredentials(FakeZendesk.CLIENT_ID, Secret.of(FakeZendesk.CLIENT_SECRET))
                .ticketField(FakeZendesk.REFUND_FIELD, "refund_amount")
                .clock(clock)
                .sleeper(clock::advance)
                .random(new SplittableRandom(7))
                .readTimeout(Duration.ofSeconds(10))
                .build();
    }

    @Override
    protected KitFaults faults() {
        return zendesk.kitFaults();
    }

    @AfterAll
    static void stopFake() {
        if (zendesk != null) {
            zendesk.close();
            zendesk = null;
        }
    }
}
