package dev.handover.runner;

import dev.handover.runner.config.ConfigLoader;
import dev.handover.runner.config.RunnerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option every command that talks to the CRM shares. */
final class ConfigOption {
    private final Context context;

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            defaultValue = "${env:HANDOVER_CONFIG:-handover.yaml}",
            description = "The configuration file (default: $HANDOVER_CONFIG, else handover.yaml).")
    Path file;

    ConfigOption(Context context) {
        this.context = context;
    }

    RunnerConfig load() {
        return ConfigLoader.with(context.env(), context.clock()).load(file);
    }
}
