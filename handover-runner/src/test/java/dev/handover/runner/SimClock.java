package dev.handover.runner;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Simulated time that runs {@code rate} times faster than the wall clock from a wall-clock instant both processes know:
 * the test JVM (its fake CRM) and a worker process started with {@link #property()} compute the same time without
 * talking to each other. A working day passes in seconds; the worker waits its poll interval in wall time, so a poll
 * interval of one second is {@code rate} seconds of the day.
 */
final class SimClock extends Clock {
    /** The system property {@link ClockedMain} reads: {@code <sim start>,<wall start millis>,<rate>}. */
    static final String PROPERTY = "handover.test.clock";

    private final Instant simStart;
    private final long wallStart;
    private final long rate;

    SimClock(Instant simStart, long wallStartMillis, long rate) {
        if (rate < 1) {
            throw new IllegalArgumentException(
                    "a simulated clock runs at least as fast as the wall clock, rate was " + rate);
        }
        this.simStart = simStart;
        this.wallStart = wallStartMillis;
        this.rate = rate;
    }

    /** Simulated time from {@code simStart}, starting now. */
    static SimClock startingNow(Instant simStart, long rate) {
        return new SimClock(simStart, System.currentTimeMillis(), rate);
    }

    /** The clock a worker process was given, or null. */
    static SimClock fromProperty() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            return null;
        }
        String[] parts = v.split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException(PROPERTY + " must be <instant>,<wall millis>,<rate>, was " + v);
        }
        return new SimClock(Instant.parse(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    }

    /** {@code -Dhandover.test.clock=…} for a worker process. */
    String property() {
        return "-D" + PROPERTY + "=" + simStart + "," + wallStart + "," + rate;
    }

    long rate() {
        return rate;
    }

    @Override
    public Instant instant() {
        return simStart.plusMillis((System.currentTimeMillis() - wallStart) * rate);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        throw new UnsupportedOperationException("the simulated clock is in UTC");
    }

    @Override
    public String toString() {
        return "SimClock[" + instant() + ", x" + rate + "]";
    }
}
