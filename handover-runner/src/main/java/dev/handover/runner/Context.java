package dev.handover.runner;

import java.time.Clock;
import java.util.function.Function;

/**
 * What a command takes from the world: the clock and the environment variables (secrets). Tests give a simulated clock
 * and their own variables.
 */
record Context(Clock clock, Function<String, String> env) {
    static Context system() {
        return new Context(Clock.systemUTC(), System::getenv);
    }
}
