package dev.handover.runner;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * {@code bin/handover} for a worker process in the fault suite: {@link Main} on the {@link SimClock} named by {@code
 * -Dhandover.test.clock} (the system clock without it), so a test can drive a working day through a real process. Only
 * the clock differs from {@code java -jar handover.jar}.
 */
final class ClockedMain {
    private ClockedMain() {}

    public static void main(String[] args) {
        SimClock sim = SimClock.fromProperty();
        Clock clock = sim == null ? Clock.systemUTC() : sim;
        System.exit(Main.run(
                args,
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
                new Context(clock, System::getenv)));
    }
}
