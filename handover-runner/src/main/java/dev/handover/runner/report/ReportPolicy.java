package dev.handover.runner.report;

import dev.handover.runner.config.RunnerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code handover report} takes from {@code handover.yaml}: the zone of the policy's business calendar, its
 * ping-pong window (a hand-back within it is a bounce), and the worker's journal. The configuration names groups by id
 * only, so it gives no team names; {@code --from-crm} takes them from the CRM's directory.
 *
 * @param zone the default calendar's zone
 * @param bounceWindow the policy's ping-pong window
 * @param journal the worker section's journal, when a configuration was read
 */
record ReportPolicy(ZoneId zone, Duration bounceWindow, Optional<Path> journal) {
    ReportPolicy {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(bounceWindow, "bounce window");
        Objects.requireNonNull(journal, "journal");
    }

    /** Without a configuration: UTC, the engine's default window, the default journal. */
    static ReportPolicy none() {
        return new ReportPolicy(ZoneOffset.UTC, ReviewOptions.DEFAULT_BOUNCE_WINDOW, Optional.empty());
    }

    /** From a loaded configuration (its journal path is already resolved against the file's directory). */
    static ReportPolicy of(RunnerConfig config) {
        Duration window = config.policy().pingPongWindow();
        return new ReportPolicy(
                config.policy().defaultCalendar().zone(),
                // a policy without the guard (a zero window) still needs a positive window for the review
                window.isNegative() || window.isZero() ? ReviewOptions.DEFAULT_BOUNCE_WINDOW : window,
                Optional.of(config.worker().journal()));
    }
}
