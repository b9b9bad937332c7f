package dev.handover.core.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Times in follow-up notes are in their reader's zone, with UTC after them where the two differ. */
final class WordingTest {
    private static final Instant MONDAY_1300_UTC = Instant.parse("2026-03-09T13:00:00Z");

    @Test
    void aTimeIsShownInTheReadersZoneWithUtcAfterItWhereTheyDiffer() {
        assertThat(Wording.when(MONDAY_1300_UTC, ZoneId.of("America/New_York")))
                .isEqualTo("Mon 9 Mar 09:00 America/New_York (13:00 UTC)");
        assertThat(Wording.when(MONDAY_1300_UTC, ZoneId.of("Asia/Kolkata")))
                .isEqualTo("Mon 9 Mar 18:30 Asia/Kolkata (13:00 UTC)");
        // London is on GMT in early March and on BST from the last Sunday of March
        assertThat(Wording.when(MONDAY_1300_UTC, ZoneId.of("Europe/London")))
                .isEqualTo("Mon 9 Mar 13:00 Europe/London");
        assertThat(Wording.when(Instant.parse("2026-03-30T13:00:00Z"), ZoneId.of("Europe/London")))
                .isEqualTo("Mon 30 Mar 14:00 Europe/London (13:00 UTC)");
        assertThat(Wording.when(MONDAY_1300_UTC, ZoneOffset.UTC)).isEqualTo("Mon 9 Mar 13:00 UTC");
    }
}
