package dev.handover.runner;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;

/** Runs the command line from tests in other packages, on their clock and in their directory. */
public final class Cli {
    private Cli() {}

    /** {@code Main.run} with this clock, the process's variables and relative paths starting from {@code directory}. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Clock clock, Path directory) {
        return Main.run(args, out, err, new Context(clock, System::getenv, directory));
    }

    /** {@code Main.run} with this clock, these environment variables and relative paths from {@code directory}. */
    public static int run(
            String[] args,
            PrintWriter out,
            PrintWriter err,
            Clock clock,
            Path directory,
            java.util.function.Function<String, String> env) {
        return Main.run(args, out, err, new Context(clock, env, directory));
    }
}
