package dev.handover.runner;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command that reads the configuration takes from the context: its clock, the {@code --config} option and
 * {@code --at}, which sets the clock for sandboxes and replay. Picocli reads the annotated fields of this class as it
 * reads a subclass's own, so the options and the help are those each command had when it declared them itself.
 */
abstract class ConfiguredCommand implements Callable<Integer> {
    /** The context's clock, or the one {@code --at} started. */
    final Clock clock;

    private final CommandClock commandClock;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    ConfiguredCommand(Context context) {
        this.commandClock = new CommandClock(context.clock());
        this.clock = commandClock;
        this.config = new ConfigOption(context, commandClock, () -> spec.name());
    }

    @Option(
            names = "--at",
            paramLabel = "INSTANT",
            converter = CommandClock.Converter.class,
            description =
                    "Act as if it were this instant, e.g. 2026-03-02T09:30Z (default: now); the clock runs on from"
                            + " it. For sandboxes and replay: commands that write accept it only with crm.type memory.")
    void at(Instant at) {
        commandClock.startAt(at);
    }

    /** The instant given with {@code --at} exactly, else the clock's now. */
    Instant now() {
        return commandClock.at().orElseGet(clock::instant);
    }

    /** Where the command prints its result: picocli's standard output. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
