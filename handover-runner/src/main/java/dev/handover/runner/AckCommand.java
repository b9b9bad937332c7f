package dev.handover.runner;

import dev.handover.core.Acknowledgement;
import dev.handover.runner.config.RunnerConfig;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.HandoverId;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code handover ack}: the receiver acknowledges a handover. */
@Command(
        name = "ack",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = "The receiver acknowledges a handover: they have read the note and taken the ticket on. Stops the"
                + " acknowledgement reminders; recorded on the ticket and in the journal. Acknowledging twice is"
                + " harmless.")
final class AckCommand implements Callable<Integer> {
    private final Clock clock;

    @Spec
    CommandSpec spec;

    AckCommand(Context context) {
        this.clock = context.clock();
        this.config = new ConfigOption(context);
    }

    @Mixin
    ConfigOption config;

    @Option(names = "--handover", required = true, paramLabel = "ID", description = "The handover (ho-…).")
    String handover;

    @Option(names = "--agent", required = true, paramLabel = "AGENT", description = "Who acknowledges.")
    String agent;

    @Override
    public Integer call() {
        HandoverId id = HandoverId.of(handover);
        RunnerConfig c = config.load();
        try (Engine engine = Engine.start(c, clock)) {
            Acknowledgement a = engine.handovers.acknowledge(id, AgentId.of(agent));
            long minutes = a.latency().toMinutes();
            spec.commandLine()
                    .getOut()
                    .println(
                            (a.already() ? "Already acknowledged: handover " : "Acknowledged: handover ") + a.handover()
                                    + " of ticket " + a.ticket() + " by " + a.by() + " at " + a.at() + ", " + minutes
                                    + (minutes == 1 ? " minute" : " minutes") + " after the handover.");
            return ExitCodes.OK;
        }
    }
}
