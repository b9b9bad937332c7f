package dev.handover.runner;

import dev.handover.core.Handovers;
import dev.handover.spi.model.HandoverId;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * What {@code ack} and {@code feedback} share: the receiver's word on one handover, recorded through the engine. Each
 * declares its own {@code --agent}, whose help says who that agent is.
 */
abstract class ReceiverCommand extends ConfiguredCommand {
    @Option(names = "--handover", required = true, paramLabel = "ID", description = "The handover (ho-…).")
    String handover;

    ReceiverCommand(Context context) {
        super(context);
    }

    /** The {@code --handover} given, checked. */
    HandoverId handoverId() {
        return HandoverId.of(handover);
    }

    /**
     * Loads the configuration, starts the engine, records through its handovers and prints the line {@code record}
     * returns.
     */
    Integer record(Function<Handovers, String> record) {
        try (Engine engine = Engine.start(config.load(), clock)) {
            out().println(record.apply(engine.handovers));
            return ExitCodes.OK;
        }
    }
}
