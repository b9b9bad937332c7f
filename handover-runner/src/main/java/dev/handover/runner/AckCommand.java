package dev.handover.runner;

import dev.handover.core.Acknowledgement;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.HandoverId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code handover ack}: the receiver acknowledges a handover. */
@Command(
        name = "ack",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = "The receiver acknowledges a handover: they have read the note and taken the ticket on. Stops the"
                + " acknowledgement reminders; recorded on the ticket and in the journal. Acknowledging twice is"
                + " harmless.")
final class AckCommand extends ReceiverCommand {
    AckCommand(Context context) {
        super(context);
    }

    @Option(names = "--agent", required = true, paramLabel = "AGENT", description = "Who acknowledges.")
    String agent;

    @Override
    public Integer call() {
        HandoverId id = handoverId();
        return record(handovers -> {
            Acknowledgement a = handovers.acknowledge(id, AgentId.of(agent));
            long minutes = a.latency().toMinutes();
            return (a.already() ? "Already acknowledged: handover " : "Acknowledged: handover ") + a.handover()
                    + " of ticket " + a.ticket() + " by " + a.by() + " at " + a.at() + ", " + minutes
                    + (minutes == 1 ? " minute" : " minutes") + " after the handover.";
        });
    }
}
