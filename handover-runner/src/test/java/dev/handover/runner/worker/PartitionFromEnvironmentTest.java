package dev.handover.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.core.Partition;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The partition from the environment: HANDOVER_PARTITION, or the StatefulSet ordinal with HANDOVER_REPLICAS. */
class PartitionFromEnvironmentTest {
    private static Optional<PartitionFromEnvironment.Found> read(Map<String, String> env) {
        return PartitionFromEnvironment.read(env::get);
    }

    private static Partition partition(Map<String, String> env) {
        return read(env).orElseThrow().partition();
    }

    @Test
    void nothingSetLeavesTheFilesPartition() {
        assertThat(read(Map.of())).isEmpty();
        // a host name alone is never read: a host ending in -2 must not make a worker skip tickets
        assertThat(read(Map.of("HOSTNAME", "web-2"))).isEmpty();
        assertThat(read(Map.of("HANDOVER_PARTITION", " "))).isEmpty();
    }

    @Test
    void handoverPartitionIsReadAsWorkerPartitionIs() {
        assertThat(partition(Map.of("HANDOVER_PARTITION", "1/3"))).isEqualTo(new Partition(1, 3));
        assertThat(read(Map.of("HANDOVER_PARTITION", " 2 / 4 ")).orElseThrow().source())
                .isEqualTo("HANDOVER_PARTITION=2 / 4");
    }

    @Test
    void theStatefulSetOrdinalComesFromThePodIndexThenThePodNameThenTheHostName() {
        assertThat(partition(Map.of("HANDOVER_REPLICAS", "3", "HANDOVER_POD_INDEX", "2", "POD_NAME", "handover-0")))
                .isEqualTo(new Partition(2, 3));
        assertThat(partition(Map.of("HANDOVER_REPLICAS", "3", "POD_NAME", "handover-1", "HOSTNAME", "handover-0")))
                .isEqualTo(new Partition(1, 3));
        PartitionFromEnvironment.Found f = read(Map.of("HANDOVER_REPLICAS", "3", "HOSTNAME", "handover-worker-2"))
                .orElseThrow();
        assertThat(f.partition()).isEqualTo(new Partition(2, 3));
        assertThat(f.source()).isEqualTo("HOSTNAME=handover-worker-2 and HANDOVER_REPLICAS=3");
    }

    @Test
    void handoverPartitionWinsOverTheOrdinal() {
        assertThat(partition(Map.of("HANDOVER_PARTITION", "0/2", "HANDOVER_REPLICAS", "3", "HOSTNAME", "handover-2")))
                .isEqualTo(new Partition(0, 2));
    }

    @Test
    void inconsistentVariablesAreErrorsThatNameThem() {
        assertThatThrownBy(() -> read(Map.of("HANDOVER_REPLICAS", "3", "HOSTNAME", "handover-3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HOSTNAME=handover-3 and HANDOVER_REPLICAS=3: ordinal 3 is not below the count 3 (0-based:"
                        + " partitions 0 to 2); are the replicas and HANDOVER_REPLICAS the same?");
        assertThatThrownBy(() -> read(Map.of("HANDOVER_PARTITION", "3/3")))
                .hasMessageStartingWith("HANDOVER_PARTITION=3/3: ordinal 3 is not below the count 3");
        assertThatThrownBy(() -> read(Map.of("HANDOVER_PARTITION", "one of three")))
                .hasMessage(
                        "HANDOVER_PARTITION: expected index/count with 0 ≤ index < count, such as 0/3, found 'one of"
                                + " three'");
        assertThatThrownBy(() -> read(Map.of("HANDOVER_REPLICAS", "0", "HOSTNAME", "handover-0")))
                .hasMessageStartingWith("HANDOVER_REPLICAS: expected the number of replicas, at least 1");
        assertThatThrownBy(() -> read(Map.of("HANDOVER_REPLICAS", "three")))
                .hasMessage("HANDOVER_REPLICAS: expected a whole number, found 'three'");
        assertThatThrownBy(() -> read(Map.of("HANDOVER_REPLICAS", "3", "HOSTNAME", "worker")))
                .hasMessageContaining("HOSTNAME='worker' does not end in -<ordinal>");
        assertThatThrownBy(() -> read(Map.of("HANDOVER_REPLICAS", "3")))
                .hasMessageContaining("HANDOVER_REPLICAS is set but the pod's ordinal is not");
        assertThatThrownBy(() -> read(Map.of("HANDOVER_POD_INDEX", "1")))
                .hasMessageContaining("HANDOVER_POD_INDEX is set (1) but HANDOVER_REPLICAS is not");
        assertThatThrownBy(() -> read(Map.of("HANDOVER_REPLICAS", "3", "HANDOVER_POD_INDEX", "x")))
                .hasMessage("HANDOVER_POD_INDEX: expected a whole number, found 'x'");
    }
}
