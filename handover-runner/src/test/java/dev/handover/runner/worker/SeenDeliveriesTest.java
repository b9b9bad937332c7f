package dev.handover.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.memory.time.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seen webhook deliveries outlive the process, for the replay window, and no longer. */
class SeenDeliveriesTest {
    static final Duration WINDOW = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");

    Path file() {
        return SeenDeliveries.fileFor(dir.resolve("worker.state"));
    }

    @Test
    void aDeliveryIsKnownAfterARestartWithinTheWindow() throws Exception {
        SeenDeliveries first = SeenDeliveries.open(file(), WINDOW, clock);
        assertThat(first.first("evt-1")).isTrue();
        assertThat(first.first("evt-1")).isFalse();

        clock.advance(Duration.ofMinutes(9));
        SeenDeliveries restarted = SeenDeliveries.open(file(), WINDOW, clock);

        assertThat(restarted.first("evt-1")).as("replayed after a restart").isFalse();
        assertThat(restarted.first("evt-2")).isTrue();
        assertThat(file()).hasFileName("worker.state.deliveries");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file())))
                .isEqualTo("rw-------");
    }

    @Test
    void deliveriesOlderThanTheWindowAreForgottenAndPrunedFromTheFile() throws Exception {
        SeenDeliveries first = SeenDeliveries.open(file(), WINDOW, clock);
        first.first("evt-old");
        clock.advance(Duration.ofMinutes(6));
        first.first("evt-new");

        clock.advance(Duration.ofMinutes(5)); // evt-old is 11 minutes old, evt-new 5
        SeenDeliveries restarted = SeenDeliveries.open(file(), WINDOW, clock);

        assertThat(Files.readString(file())).doesNotContain("evt-old").contains("evt-new");
        assertThat(restarted.first("evt-new")).isFalse();
        assertThat(restarted.first("evt-old")).isTrue();
    }

    @Test
    void aLineTornByACrashIsSkipped() throws Exception {
        SeenDeliveries first = SeenDeliveries.open(file(), WINDOW, clock);
        first.first("evt-1");
        Files.writeString(file(), "{\"id\":\"evt-2\",\"at\":\"2026-03-", java.nio.file.StandardOpenOption.APPEND);

        SeenDeliveries restarted = SeenDeliveries.open(file(), WINDOW, clock);

        assertThat(restarted.first("evt-1")).isFalse();
        assertThat(restarted.first("evt-2"))
                .as("never answered, so it may come again")
                .isTrue();
    }
}
