package dev.handover.runner;

import dev.handover.core.note.NoteSection;
import dev.handover.runner.config.RunnerConfig;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.HandoverId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code handover feedback}: the receiver says what the note lacked. */
@Command(
        name = "feedback",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = "The receiver's feedback on a handover: which sections of the note were missing or unclear, and"
                + " a comment. Written on the ticket as an internal note and journaled; the review report sums it up"
                + " so the team can improve its handovers.")
final class FeedbackCommand implements Callable<Integer> {
    private final Clock clock;

    @Spec
    CommandSpec spec;

    FeedbackCommand(Context context) {
        this.clock = context.clock();
        this.config = new ConfigOption(context);
    }

    @Mixin
    ConfigOption config;

    @Option(names = "--handover", required = true, paramLabel = "ID", description = "The handover (ho-…).")
    String handover;

    @Option(names = "--agent", required = true, paramLabel = "AGENT", description = "Who gives the feedback.")
    String agent;

    @Option(
            names = "--missing",
            split = ",",
            paramLabel = "SECTION",
            description = "Sections that were missing or unclear: customer, summary, history, actions-taken, promises,"
                    + " actions-required, reason, sender, receiver, next-contact, authority, links.")
    List<String> missing = new ArrayList<>();

    @Option(names = "--comment", paramLabel = "TEXT", description = "A comment for the sender.")
    String comment = "";

    @Override
    public Integer call() {
        HandoverId id = HandoverId.of(handover);
        Set<NoteSection> sections = EnumSet.noneOf(NoteSection.class);
        for (String m : missing) {
            sections.add(section(m));
        }
        if (sections.isEmpty() && comment.isBlank()) {
            throw new IllegalArgumentException("give --missing sections, a --comment, or both");
        }
        RunnerConfig c = config.load();
        try (Engine engine = Engine.start(c, clock)) {
            engine.handovers.feedback(id, AgentId.of(agent), sections, comment);
            spec.commandLine()
                    .getOut()
                    .println("Feedback on handover " + id + " recorded"
                            + (sections.isEmpty()
                                    ? ""
                                    : ": missing or unclear — "
                                            + sections.stream()
                                                    .map(NoteSection::label)
                                                    .collect(Collectors.joining(", ")))
                            + ".");
            return ExitCodes.OK;
        }
    }

    static NoteSection section(String raw) {
        String v = raw.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (NoteSection s : NoteSection.values()) {
            if (s.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(v)) {
                return s;
            }
        }
        throw new IllegalArgumentException("--missing '" + raw + "' is not a note section; sections: customer,"
                + " summary, history, actions-taken, promises, actions-required, reason, sender, receiver,"
                + " next-contact, authority, links");
    }
}
