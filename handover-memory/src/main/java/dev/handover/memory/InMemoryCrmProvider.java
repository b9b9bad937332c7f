package dev.handover.memory;

import dev.handover.memory.demo.DemoData;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmProvider;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.helpers.SettingsReader;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * The {@code memory} provider: an {@link InMemoryCrm}, by default loaded with the demo data set.
 *
 * <p>Settings: {@code data} ({@code demo} or {@code empty}, default {@code demo}), {@code seed} (default 42), {@code
 * tickets} (default 60), {@code start} (ISO-8601 instant the demo data is built around, default now).
 */
public final class InMemoryCrmProvider implements CrmProvider {
    private static final Set<String> KEYS = Set.of("data", "seed", "tickets", "start");

    /** For {@link java.util.ServiceLoader}. */
    public InMemoryCrmProvider() {}

    @Override
    public String name() {
        return InMemoryCrm.VENDOR;
    }

    @Override
    public String description() {
        return "in-memory CRM with the demo team and tickets (no account, no network)";
    }

    @Override
    public CrmConnector create(CrmSettings settings) {
        SettingsReader s = SettingsReader.of(settings).known(KEYS).checkKnown();
        InMemoryCrm crm = InMemoryCrm.builder().clock(Clock.systemUTC()).build();
        boolean demo = s.choice("data", true, SettingsReader.ordered("demo", true, "empty", false));
        if (demo) {
            DemoData.builder()
                    .seed(s.integer("seed", 42, Integer.MIN_VALUE, Integer.MAX_VALUE))
                    .tickets(s.integer("tickets", 60, 1, 100_000))
                    .start(s.parse("start", "an ISO-8601 instant like 2026-03-02T08:00:00Z", Instant::parse)
                            .orElseGet(() -> Instant.now().truncatedTo(ChronoUnit.MINUTES)))
                    .build()
                    .loadInto(crm);
        }
        return crm;
    }
}
