package dev.handover.testkit.memory;

import java.time.Duration;

/**
 * Waits for simulated latency. Tests pass one that advances a {@code MutableClock}; benchmarks can pass {@link
 * #REAL} to measure behaviour under real delays.
 */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps on the wall clock. */
    Sleeper REAL = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

    /** Waits this long. */
    void sleep(Duration duration) throws InterruptedException;
}
