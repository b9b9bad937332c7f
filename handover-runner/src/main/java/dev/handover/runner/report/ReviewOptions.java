package dev.handover.runner.report;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;

/**
 * How a review is drawn beyond its period: the team's time zone (for days, weeks and the times shown), the ping-pong
 * window that makes a hand-back a bounce, and team names by group id for entries the worker wrote without a label.
 * {@link #defaults()} is UTC, the engine's default window of 4 hours and no names; {@code handover report --config}
 * takes them from the policy.
 *
 * @param zone where days begin and end, and how times are shown
 * @param bounceWindow a hand-back within this time of the handover it answers is a bounce
 * @param teamNames display names by group id, used when an entry carries no {@code team} or {@code group} label
 */
public record ReviewOptions(ZoneId zone, Duration bounceWindow, Map<String, String> teamNames) {
    /** The engine's default ping-pong window. */
    public static final Duration DEFAULT_BOUNCE_WINDOW = Duration.ofHours(4);

    /** Validates and copies. */
    public ReviewOptions {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(bounceWindow, "bounceWindow");
        if (bounceWindow.isNegative() || bounceWindow.isZero()) {
            throw new IllegalArgumentException("bounceWindow must be positive: " + bounceWindow);
        }
        teamNames = Map.copyOf(teamNames);
    }

    /** UTC, a 4-hour bounce window, no team names. */
    public static ReviewOptions defaults() {
        return new ReviewOptions(ZoneOffset.UTC, DEFAULT_BOUNCE_WINDOW, Map.of());
    }

    /** These options in another time zone. */
    public ReviewOptions withZone(ZoneId other) {
        return new ReviewOptions(other, bounceWindow, teamNames);
    }

    /** These options with another bounce window. */
    public ReviewOptions withBounceWindow(Duration other) {
        return new ReviewOptions(zone, other, teamNames);
    }

    /** These options with these team names. */
    public ReviewOptions withTeamNames(Map<String, String> other) {
        return new ReviewOptions(zone, bounceWindow, other);
    }
}
