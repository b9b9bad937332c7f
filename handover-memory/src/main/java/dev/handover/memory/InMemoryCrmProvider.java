package dev.handover.memory;

import dev.handover.memory.demo.DemoData;
import dev.handover.memory.demo.DemoDataSet;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmProvider;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.helpers.SettingsReader;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code memory} provider: an {@link InMemoryCrm}, by default loaded with the demo data set.
 *
 * <p>Settings: {@code data} ({@code demo} or {@code empty}, default {@code demo}), {@code seed} (default 42), {@code
 * tickets} (default 60), {@code start} (ISO-8601 instant the demo data is built around, default now), {@code file} (a
 * sandbox file: the state is read from it at the first call, created from the data above when the file does not exist,
 * and saved to it after every change, so that one command can go on where another stopped; relative to the working
 * directory; default none: the state lives as long as the connector). docs/sandbox.md describes them.
 */
public final class InMemoryCrmProvider implements CrmProvider {
    private static final Set<String> KEYS = Set.of("data", "seed", "tickets", "start", "file");

    private final Clock clock;

    /** For {@link java.util.ServiceLoader}: writes are stamped with the system clock. */
    public InMemoryCrmProvider() {
        this(Clock.systemUTC());
    }

    /**
     * A provider whose CRMs stamp their writes with this clock: the runner gives its command's clock, so that in a
     * sandbox run {@code --at} a time the notes and tickets tell the same time as the journal.
     */
    public InMemoryCrmProvider(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

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
        boolean demo = s.choice("data", true, SettingsReader.ordered("demo", true, "empty", false));
        Consumer<InMemoryCrm> seed = crm -> {};
        if (demo) {
            DemoDataSet data = DemoData.builder()
                    .seed(s.integer("seed", 42, Integer.MIN_VALUE, Integer.MAX_VALUE))
                    .tickets(s.integer("tickets", 60, 1, 100_000))
                    .start(s.parse("start", "an ISO-8601 instant like 2026-03-02T08:00:00Z", Instant::parse)
                            .orElseGet(() -> clock.instant().truncatedTo(ChronoUnit.MINUTES)))
                    .build();
            seed = data::loadInto;
        }
        Optional<Path> file = s.parse("file", "a file name like sandbox.json", SandboxFileName::parse);
        if (file.isPresent()) {
            // read at the first call, not here: a connector does no I/O before it (check makes one to test settings)
            return new SandboxCrm(
                    file.get(), () -> InMemoryCrm.builder().clock(clock).build(), seed);
        }
        InMemoryCrm crm = InMemoryCrm.builder().clock(clock).build();
        seed.accept(crm);
        return crm;
    }

    private static final class SandboxFileName {
        static Path parse(String text) {
            if (text.isBlank()) {
                throw new IllegalArgumentException("blank");
            }
            try {
                return Path.of(text.strip());
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }
}
