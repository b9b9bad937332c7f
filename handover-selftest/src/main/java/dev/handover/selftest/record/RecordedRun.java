package dev.handover.selftest.record;

import dev.handover.spi.selftest.Exchange;
import dev.handover.spi.selftest.TestTeam;
import dev.handover.spi.selftest.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A self-test run as {@link Recording} saved it: enough to run the same self-test against a replay of its exchanges
 * and expect the same verdicts.
 *
 * @param vendor the connector's vendor
 * @param startedAt the run's start (the probes' "now")
 * @param team the test team, its people as redacted in the exchanges
 * @param verdicts each probe's verdict, in the order they ran
 * @param exchanges the exchanges, in the order they completed
 */
public record RecordedRun(
        String vendor, Instant startedAt, TestTeam team, Map<String, Verdict> verdicts, List<Exchange> exchanges) {
    /** Validates and copies the components. */
    public RecordedRun {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(startedAt, "started at");
        Objects.requireNonNull(team, "team");
        verdicts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(verdicts));
        exchanges = List.copyOf(exchanges);
    }
}
