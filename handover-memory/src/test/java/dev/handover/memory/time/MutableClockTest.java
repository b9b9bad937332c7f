package dev.handover.memory.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

final class MutableClockTest {
    @Test
    void movesOnlyWhenTold() {
        MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
        assertThat(clock.instant()).isEqualTo(clock.instant());
        clock.advance(Duration.ofMinutes(5));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-03-02T09:05:00Z"));
        assertThat(clock.advanceTo(Instant.parse("2026-03-02T09:00:00Z"))).isEqualTo(clock.instant());
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).hasMessageContaining("only advances");
    }

    @Test
    void zonedViewsShareTheTime() {
        MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
        var london = clock.withZone(ZoneId.of("Europe/London"));
        clock.advance(Duration.ofHours(1));
        assertThat(london.instant()).isEqualTo(clock.instant());
        assertThat(london.getZone()).isEqualTo(ZoneId.of("Europe/London"));
    }
}
