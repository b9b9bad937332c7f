package dev.handover.rt.real;

import dev.handover.memory.time.MutableClock;
import dev.handover.rt.RtConnector;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.Secret;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.TicketId;
import dev.handover.testkit.compat.CrmConnectorCompatibilityKit;
import dev.handover.testkit.compat.KitFaults;
import dev.handover.testkit.compat.KitFixture;
import dev.handover.testkit.compat.KitIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;

/**
 * The RT connector passes the whole compatibility kit against a <b>real</b> Request Tracker 5: the kit's fixture is
 * seeded into RT by {@code tools/rt/kit.pl} (ids, texts and times as the kit expects them), and RT's database is put
 * back to that seed before every case. Faults are made by a loopback proxy in front of RT ({@link FaultProxy}).
 */
final class RtConnectorCompatibilityTest extends CrmConnectorCompatibilityKit {
    private static FaultProxy proxy;
    private static MutableClock clock;

    @Override
    protected KitIds ids() {
        RealRt rt = RealRt.get();
        int tickets = rt.kitTicketOffset;
        int queues = rt.kitQueueOffset;
        return new KitIds() {
            @Override
            public TicketId ticket(int n) {
                return TicketId.of(Integer.toString(tickets + n));
            }

            @Override
            public AgentId agent(int n) {
                return AgentId.of("kit" + n);
            }

            @Override
            public GroupId group(int n) {
                return GroupId.of(Integer.toString(queues + n));
            }

            @Override
            public String customer(int n) {
                return "customer" + n + "@kit.example.org";
            }
        };
    }

    @Override
    protected CrmConnector createConnector(KitFixture fixture) {
        RealRt rt = RealRt.get();
        rt.reset();
        try {
            if (proxy == null) {
                proxy = new FaultProxy(rt.base);
                clock = MutableClock.at(KitFixture.BASE.plus(Duration.ofMinutes(5)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        proxy.clear();
        clock.set(KitFixture.BASE.plus(Duration.ofMinutes(5)));
        return RtConnector.builder()
                .url(proxy.url())
                .token(Secret.of(rt.token))
                .ticketField("refund_amount", "Refund amount")
                .queues("Kit Billing", "Kit Technical", "Kit Queue")
                .clock(clock)
                .sleeper(clock::advance)
                .random(new SplittableRandom(7))
                .readTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Override
    protected KitFaults faults() {
        return proxy.kitFaults(clock);
    }

    @AfterAll
    static void stopProxy() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
    }
}
