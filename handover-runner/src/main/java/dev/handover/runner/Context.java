package dev.handover.runner;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;

/**
 * What a command takes from the world: the clock, the environment variables (secrets) and the directory relative paths
 * start from. Tests give a simulated clock, their own variables and a temporary directory.
 */
record Context(Clock clock, Function<String, String> env, Path directory) {
    Context(Clock clock, Function<String, String> env) {
        this(clock, env, Path.of(""));
    }

    /**
     * How a command waits (the self-test for a lagging search index): a settable clock, as tests and the demo give, is
     * moved on instead of waiting on the wall clock.
     */
    dev.handover.spi.helpers.Sleeper sleeper() {
        return clock instanceof dev.handover.memory.time.MutableClock m
                ? m::advance
                : dev.handover.spi.helpers.Sleeper.SYSTEM;
    }

    static Context system() {
        return new Context(Clock.systemUTC(), System::getenv);
    }
}
