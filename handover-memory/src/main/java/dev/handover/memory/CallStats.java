package dev.handover.memory;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the calls made to an {@link InMemoryCrm}, per {@link Operation}, as a real CRM would count API requests.
 * Calls refused by injected faults or the simulated rate limit are counted too (a vendor counts them) and also
 * reported by {@link #failures()}. Thread-safe.
 */
public final class CallStats {
    private final EnumMap<Operation, LongAdder> calls = new EnumMap<>(Operation.class);
    private final LongAdder failures = new LongAdder();

    CallStats() {
        for (Operation op : Operation.values()) {
            calls.put(op, new LongAdder());
        }
    }

    void record(Operation op) {
        calls.get(op).increment();
    }

    void recordFailure() {
        failures.increment();
    }

    /** Calls of one operation. */
    public long count(Operation op) {
        return calls.get(op).sum();
    }

    /** All calls. */
    public long total() {
        return calls.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Calls that write ({@link Operation#isWrite()}). */
    public long writes() {
        return calls.entrySet().stream()
                .filter(e -> e.getKey().isWrite())
                .mapToLong(e -> e.getValue().sum())
                .sum();
    }

    /** Calls that only read. */
    public long reads() {
        return total() - writes();
    }

    /** Calls that failed on purpose (injected faults and simulated rate limiting). */
    public long failures() {
        return failures.sum();
    }

    /** Every operation's count, in declaration order. */
    public Map<Operation, Long> snapshot() {
        EnumMap<Operation, Long> out = new EnumMap<>(Operation.class);
        calls.forEach((op, n) -> out.put(op, n.sum()));
        return out;
    }

    /** Sets every count to zero. */
    public void reset() {
        calls.values().forEach(LongAdder::reset);
        failures.reset();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CallStats[total=").append(total());
        calls.forEach((op, n) -> {
            if (n.sum() > 0) {
                sb.append(", ").append(op).append('=').append(n.sum());
            }
        });
        return sb.append(", failures=").append(failures()).append(']').toString();
    }
}
