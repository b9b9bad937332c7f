package dev.handover.testkit.memory;

import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmProvider;
import dev.handover.spi.CrmSettings;
import dev.handover.testkit.demo.DemoData;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
        for (String key : settings.keys()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(
                        "memory setting '" + key + "' is not known; known settings: data, seed, start, tickets");
            }
        }
        InMemoryCrm crm = InMemoryCrm.builder().clock(Clock.systemUTC()).build();
        String data = settings.get("data", "demo");
        switch (data) {
            case "empty" -> {}
            case "demo" ->
                DemoData.builder()
                        .seed(settings.getInt("seed", 42))
                        .tickets(settings.getInt("tickets", 60))
                        .start(start(settings))
                        .build()
                        .loadInto(crm);
            default ->
                throw new IllegalArgumentException(
                        "memory setting 'data' must be 'demo' or 'empty', was '" + data + "'");
        }
        return crm;
    }

    private static Instant start(CrmSettings settings) {
        String raw = settings.get("start").orElse(null);
        if (raw == null) {
            return Instant.now().truncatedTo(ChronoUnit.MINUTES);
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "memory setting 'start' must be an ISO-8601 instant like 2026-03-02T08:00:00Z, was '" + raw + "'");
        }
    }
}
