package dev.handover.runner;

import dev.handover.core.note.NoteSection;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.HandoverId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code handover feedback}: the receiver says what the note lacked. */
@Command(
        name = "feedback",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = "The receiver's feedback on a handover: which sections of the note were missing or unclear, and"
                + " a comment. Written on the ticket as an internal note and journaled; the review report sums it up"
                + " so the team can improve its handovers.")
final class FeedbackCommand extends ReceiverCommand {
    FeedbackCommand(Context context) {
        super(context);
    }

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
        HandoverId id = handoverId();
        Set<NoteSection> sections = EnumSet.noneOf(NoteSection.class);
        for (String m : missing) {
            sections.add(section(m));
        }
        if (sections.isEmpty() && comment.isBlank()) {
            throw new IllegalArgumentException("give --missing sections, a --comment, or both");
        }
        return record(handovers -> {
            handovers.feedback(id, AgentId.of(agent), sections, comment);
            return "Feedback on handover " + id + " recorded"
                    + (sections.isEmpty()
                            ? ""
                            : ": missing or unclear — "
                                    + sections.stream().map(NoteSection::label).collect(Collectors.joining(", ")))
                    + ".";
        });
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
