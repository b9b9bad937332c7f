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

    static Context system() {
        return new Context(Clock.systemUTC(), System::getenv);
    }
}
