package dev.handover.runner;

import dev.handover.memory.InMemoryCrm;
import dev.handover.runner.config.ConfigLoader;
import dev.handover.runner.config.RunnerConfig;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** The {@code --config} option every command that talks to the CRM shares. */
final class ConfigOption {
    /** The commands that write nothing to the CRM: they may look at any CRM as at another time. */
    private static final Set<String> READ_ONLY = Set.of("check", "simulate");

    private final Context context;
    private final CommandClock clock;
    private final Supplier<String> command;

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            defaultValue = "${env:HANDOVER_CONFIG:-handover.yaml}",
            description = "The configuration file (default: $HANDOVER_CONFIG, else handover.yaml).")
    Path file;

    ConfigOption(Context context, CommandClock clock, Supplier<String> command) {
        this.context = context;
        this.clock = clock;
        this.command = command;
    }

    /**
     * The configuration; with {@code --at}, a command that writes is refused unless the CRM is the in-memory one: a
     * real CRM stamps its writes with its own time, so notes promising times and reminders due from another "now" would
     * reach real agents and customers.
     */
    RunnerConfig load() {
        RunnerConfig c = ConfigLoader.with(context.env(), clock).load(file);
        String name = command.get();
        if (clock.at().isPresent()
                && !READ_ONLY.contains(name)
                && !c.crm().provider().equals(InMemoryCrm.VENDOR)) {
            throw new IllegalArgumentException("--at is for sandboxes and replay: " + name + " writes to the CRM, and "
                    + file + " names crm.type " + c.crm().provider() + ", which stamps its own time; leave --at out,"
                    + " or try it on crm.type " + InMemoryCrm.VENDOR + " (docs/sandbox.md)");
        }
        return c;
    }
}
