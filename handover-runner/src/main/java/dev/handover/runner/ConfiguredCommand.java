package dev.handover.runner;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command that reads the configuration takes from the context: its clock and the {@code --config} option.
 * Picocli reads the annotated fields of this class as it reads a subclass's own, so the options and the help are those
 * each command had when it declared them itself.
 */
abstract class ConfiguredCommand implements Callable<Integer> {
    final Clock clock;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    ConfiguredCommand(Context context) {
        this.clock = context.clock();
        this.config = new ConfigOption(context);
    }

    /** Where the command prints its result: picocli's standard output. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
