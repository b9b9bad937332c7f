package dev.handover.runner.worker;

import dev.handover.core.Partition;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worker's partition as the environment names it, for Kubernetes, where one configuration (a ConfigMap) serves
 * every replica of a StatefulSet. In order of precedence:
 *
 * <ol>
 *   <li>{@code HANDOVER_PARTITION=i/n}, as {@code worker.partition} is written;
 *   <li>{@code HANDOVER_REPLICAS=n} with the pod's ordinal {@code i}: {@code HANDOVER_POD_INDEX} (the downward API's
 *       {@code apps.kubernetes.io/pod-index} label), else the {@code -<ordinal>} a StatefulSet ends its pods' names
 *       with, read from {@code POD_NAME}, else from {@code HOSTNAME};
 *   <li>otherwise {@code worker.partition} from the file (default {@code 0/1}).
 * </ol>
 *
 * <p>A host name is read only when {@code HANDOVER_REPLICAS} is set: a host that happens to end in {@code -2} must not
 * make a worker skip two thirds of the tickets. Every inconsistency is an error naming the variables, not a guess.
 */
public final class PartitionFromEnvironment {
    /** {@code i/n}. */
    public static final String PARTITION = "HANDOVER_PARTITION";
    /** The replica count {@code n}. */
    public static final String REPLICAS = "HANDOVER_REPLICAS";
    /** The pod's ordinal, from the downward API. */
    public static final String POD_INDEX = "HANDOVER_POD_INDEX";
    /** The pod's name, from the downward API ({@code metadata.name}). */
    public static final String POD_NAME = "POD_NAME";
    /** The host name, which Kubernetes sets to the pod's name. */
    public static final String HOSTNAME = "HOSTNAME";

    private static final Pattern SHARE = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");
    private static final Pattern NUMBER = Pattern.compile("\\s*(\\d{1,9})\\s*");
    private static final Pattern ORDINAL = Pattern.compile(".*-(\\d{1,9})");

    private PartitionFromEnvironment() {}

    /**
     * The partition the environment names, with where it came from, or empty when it names none.
     *
     * @throws IllegalArgumentException when the variables are malformed or contradict each other; the message names
     *     them
     */
    public static Optional<Found> read(Function<String, String> env) {
        Objects.requireNonNull(env, "env");
        Optional<String> share = value(env, PARTITION);
        Optional<String> replicas = value(env, REPLICAS);
        Optional<String> index = value(env, POD_INDEX);
        if (share.isPresent()) {
            Matcher m = SHARE.matcher(share.get());
            if (!m.matches()) {
                throw new IllegalArgumentException(PARTITION + ": expected index/count with 0 ≤ index < count, such as"
                        + " 0/3, found '" + share.get() + "'");
            }
            return Optional.of(new Found(
                    partition(
                            Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), PARTITION + "=" + share.get()),
                    PARTITION + "=" + share.get().strip()));
        }
        if (replicas.isEmpty()) {
            if (index.isPresent()) {
                throw new IllegalArgumentException(POD_INDEX + " is set (" + index.get() + ") but " + REPLICAS
                        + " is not: set it to the StatefulSet's replicas, or set " + PARTITION + "=i/n");
            }
            return Optional.empty();
        }
        int n = number(REPLICAS, replicas.get());
        if (n < 1) {
            throw new IllegalArgumentException(
                    REPLICAS + ": expected the number of replicas, at least 1, found '" + replicas.get() + "'");
        }
        String source;
        int i;
        if (index.isPresent()) {
            i = number(POD_INDEX, index.get());
            source = POD_INDEX + "=" + index.get().strip();
        } else {
            Optional<String> name = value(env, POD_NAME).or(() -> value(env, HOSTNAME));
            String var = value(env, POD_NAME).isPresent() ? POD_NAME : HOSTNAME;
            if (name.isEmpty()) {
                throw new IllegalArgumentException(REPLICAS + " is set but the pod's ordinal is not: set " + POD_INDEX
                        + " (the downward API's apps.kubernetes.io/pod-index label) or " + POD_NAME
                        + " (metadata.name), or set " + PARTITION + "=i/n");
            }
            Matcher m = ORDINAL.matcher(name.get().strip());
            if (!m.matches()) {
                throw new IllegalArgumentException(REPLICAS + " is set but " + var + "='" + name.get()
                        + "' does not end in -<ordinal> as a StatefulSet's pods do (handover-0, handover-1, …): set "
                        + POD_INDEX + " or " + PARTITION + "=i/n");
            }
            i = Integer.parseInt(m.group(1));
            source = var + "=" + name.get().strip();
        }
        String with = source + " and " + REPLICAS + "=" + replicas.get().strip();
        return Optional.of(new Found(partition(i, n, with), with));
    }

    private static Partition partition(int i, int n, String source) {
        if (n < 1) {
            throw new IllegalArgumentException(source + ": the count must be at least 1");
        }
        if (i >= n) {
            throw new IllegalArgumentException(source + ": ordinal " + i + " is not below the count " + n
                    + " (0-based: partitions 0 to " + (n - 1) + "); are the replicas and " + REPLICAS + " the same?");
        }
        return new Partition(i, n);
    }

    private static int number(String var, String v) {
        Matcher m = NUMBER.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException(var + ": expected a whole number, found '" + v + "'");
        }
        return Integer.parseInt(m.group(1));
    }

    private static Optional<String> value(Function<String, String> env, String name) {
        return Optional.ofNullable(env.apply(name)).filter(v -> !v.isBlank());
    }

    /**
     * A partition the environment named.
     *
     * @param partition the partition
     * @param source the variables it came from, for the log ({@code HOSTNAME=handover-2 and HANDOVER_REPLICAS=3})
     */
    public record Found(Partition partition, String source) {
        /** Validates. */
        public Found {
            Objects.requireNonNull(partition, "partition");
            Objects.requireNonNull(source, "source");
        }
    }
}
