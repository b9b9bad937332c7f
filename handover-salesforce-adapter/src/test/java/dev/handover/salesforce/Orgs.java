package dev.handover.salesforce;

import dev.handover.memory.time.MutableClock;
import dev.handover.salesforce.fake.FakeSalesforce;
import dev.handover.salesforce.fake.SalesforceKitIds;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.model.HandoverId;
import dev.handover.testkit.compat.KitFixture;
import dev.handover.testkit.compat.KitIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A fake org seeded with the kit's fixture and a connector on it, with time and sleeping under the test's control. */
final class Orgs implements AutoCloseable {
    static final Instant START = KitFixture.BASE.plus(Duration.ofHours(1));
    static final HandoverId HANDOVER = HandoverId.of("ho-test-1");

    final MutableClock clock = MutableClock.at(START);
    final List<Duration> slept = new ArrayList<>();
    final FakeSalesforce org;
    final KitFixture fixture = fixture(SalesforceKitIds.INSTANCE);
    private final List<SalesforceConnector> connectors = new ArrayList<>();

    Orgs() {
        this(FakeSalesforce.builder());
    }

    Orgs(FakeSalesforce.Builder builder) {
        org = builder.clock(clock).start().seed(fixture);
    }

    /**
     * The kit's fixture outside the kit: its constructor is package-private (the kit makes one per case), so the
     * tests that reuse its data make one reflectively; tests run on the class path, where that is allowed.
     */
    static KitFixture fixture(KitIds ids) {
        try {
            var constructor = KitFixture.class.getDeclaredConstructor(KitIds.class);
            constructor.setAccessible(true);
            return constructor.newInstance(ids);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make the kit's fixture", e);
        }
    }

    SalesforceConnector connector() {
        return connector(org.settings());
    }

    SalesforceConnector connector(CrmSettings settings) {
        SalesforceConnector c = SalesforceConnector.builder()
                .settings(settings)
                .clock(clock)
                .sleeper(d -> {
                    synchronized (slept) {
                        slept.add(d);
                    }
                    clock.advance(d);
                })
                .random(new Random(7))
                .build();
        connectors.add(c);
        return c;
    }

    /** API requests the org received (token requests excluded). */
    long apiRequests() {
        return org.requests(FakeSalesforce.RecordedRequest::isApiCall).size();
    }

    @Override
    public void close() {
        connectors.forEach(SalesforceConnector::close);
        org.close();
    }
}
