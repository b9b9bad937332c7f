package dev.handover.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A sweep's result counts by kind and sums itself up in the one line logs and the CLI have always shown. */
final class SweepResultTest {
    private static final Instant AT = Instant.parse("2026-03-09T14:15:00Z");

    @Test
    void countsEveryKindAndSumsItselfUpInOneLine() {
        SweepResult r = new SweepResult(
                AT,
                12,
                3,
                Map.of(
                        SweepResult.Kind.ACKNOWLEDGEMENTS, 2,
                        SweepResult.Kind.COMPLETIONS, 1,
                        SweepResult.Kind.CHECK_INS, 4,
                        SweepResult.Kind.REMINDERS, 5,
                        SweepResult.Kind.ESCALATIONS, 1,
                        SweepResult.Kind.RETARGETS, 1,
                        SweepResult.Kind.HAND_BACKS, 2,
                        SweepResult.Kind.CLOSED, 3),
                2,
                List.of("ticket 1001: the CRM was unavailable"));

        assertThat(r.summary())
                .isEqualTo("sweep at 2026-03-09T14:15:00Z: 12 due, 2 acknowledged, 1 completed, 4 check-ins,"
                        + " 5 reminders, 1 escalations, 1 re-targeted, 2 handed back, 3 closed, 2 writes, 1 failed");
        assertThat(r.reminders()).isEqualTo(r.count(SweepResult.Kind.REMINDERS)).isEqualTo(5);
        assertThat(r.handedBack()).isEqualTo(2);
        assertThat(r.otherPartitions()).isEqualTo(3);
    }

    @Test
    void aKindNothingWasDoneOfCountsZero() {
        SweepResult r = new SweepResult(AT, 0, 0, Map.of(), 0, List.of());

        assertThat(r.counts())
                .hasSize(SweepResult.Kind.values().length)
                .containsValue(0)
                .doesNotContainValue(1);
        assertThat(r.summary())
                .isEqualTo("sweep at 2026-03-09T14:15:00Z: 0 due, 0 acknowledged, 0 completed, 0 check-ins,"
                        + " 0 reminders, 0 escalations, 0 re-targeted, 0 handed back, 0 closed, 0 writes");
    }

    @Test
    void refusesANegativeCount() {
        assertThatThrownBy(() -> new SweepResult(AT, 0, 0, Map.of(SweepResult.Kind.REMINDERS, -1), 0, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REMINDERS");
    }
}
