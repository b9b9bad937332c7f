package dev.handover.core.inbox;

import dev.handover.core.note.NoteSection;
import dev.handover.spi.model.HandoverId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command an agent writes in an internal note of a ticket, so that acknowledging a handover and giving feedback on
 * its note need nothing but the helpdesk (a Zendesk macro, a Salesforce case comment, an RT comment). The form, on a
 * line of its own anywhere in the note, case ignored:
 *
 * <pre>
 * #handover ack
 * #handover feedback missing: history, promises; comment: the refund promise was not in the note
 * #handover feedback comment: thanks, all there
 * #handover feedback ho-79f690484a0f75fa missing: links
 * </pre>
 *
 * <p>Without a handover id the command is about the latest handover on the ticket before the note. Sections are named
 * as {@code handover feedback --missing} names them ({@code actions-taken}) or by their label ({@code promises made to
 * the customer}); {@code unclear:} is the same as {@code missing:}; {@code comment:} takes the rest of the note, line
 * breaks and semicolons included; the lines after {@code #handover ack} are the note's own. Text after {@code feedback} without a {@code missing:} or {@code comment:} label is
 * the comment. Anything else is {@link NotUnderstood}, with what was not understood.
 */
public sealed interface InboxCommand {
    /** The keyword every command begins with. */
    String KEYWORD = "#handover";

    /** An example of each command, for replies and documentation. */
    String EXAMPLES = "#handover ack, or #handover feedback missing: history, promises; comment: what you missed";

    /** The handover it names, when it names one; otherwise it is about the ticket's latest. */
    Optional<HandoverId> handover();

    /** The receiver acknowledges the handover. */
    record Acknowledge(Optional<HandoverId> handover) implements InboxCommand {
        /** Validates. */
        public Acknowledge {
            Objects.requireNonNull(handover, "handover");
        }
    }

    /**
     * Feedback on the handover's note.
     *
     * @param handover the handover named, if any
     * @param missing sections missing or unclear
     * @param comment a comment for the sender, may be empty
     */
    record Feedback(Optional<HandoverId> handover, Set<NoteSection> missing, String comment) implements InboxCommand {
        /** Validates and copies. */
        public Feedback {
            Objects.requireNonNull(handover, "handover");
            missing = missing.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(missing));
            comment = Objects.requireNonNull(comment, "comment").strip();
            if (missing.isEmpty() && comment.isEmpty()) {
                throw new IllegalArgumentException("feedback needs missing sections or a comment");
            }
        }
    }

    /**
     * A command that could not be read.
     *
     * @param problem what was not understood, as a sentence for the agent
     */
    record NotUnderstood(String problem) implements InboxCommand {
        /** Validates. */
        public NotUnderstood {
            Objects.requireNonNull(problem, "problem");
        }

        @Override
        public Optional<HandoverId> handover() {
            return Optional.empty();
        }
    }

    /**
     * The command in a note's text, if it has one: the first line that begins with {@value #KEYWORD} (after spaces),
     * and for feedback the lines after it.
     */
    static Optional<InboxCommand> parse(String body) {
        Objects.requireNonNull(body, "body");
        String[] lines = body.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.regionMatches(true, 0, KEYWORD, 0, KEYWORD.length())
                    && (line.length() == KEYWORD.length() || Character.isWhitespace(line.charAt(KEYWORD.length())))) {
                StringBuilder rest =
                        new StringBuilder(line.substring(KEYWORD.length()).strip());
                for (int j = i + 1; j < lines.length; j++) {
                    rest.append('\n').append(lines[j]);
                }
                return Optional.of(command(rest.toString().strip()));
            }
        }
        return Optional.empty();
    }

    private static InboxCommand command(String text) {
        Matcher v = Pattern.compile("(?s)([^\\s:;]*)(.*)").matcher(text);
        v.matches();
        if (List.of("ack", "acknowledge", "acknowledged").contains(v.group(1).toLowerCase(Locale.ROOT))) {
            text = text.lines().findFirst().orElse(""); // the lines after an ack are the note's own
            v = Pattern.compile("(?s)([^\\s:;]*)(.*)").matcher(text);
        }
        v.matches();
        String verb = v.group(1).toLowerCase(Locale.ROOT);
        String rest = v.group(2).strip();
        Optional<HandoverId> id = Optional.empty();
        Matcher m = Pattern.compile("(?s)(ho-[a-z0-9-]+)(?=\\s|$|;)(.*)").matcher(rest);
        if (m.matches()) {
            id = Optional.of(HandoverId.of(m.group(1)));
            rest = m.group(2).strip();
        }
        switch (verb) {
            case "ack", "acknowledge", "acknowledged" -> {
                if (!rest.isEmpty()) {
                    return new InboxCommand.NotUnderstood("'" + clip(rest) + "' after #handover ack is not understood;"
                            + " write #handover ack alone on its line, or with the handover id");
                }
                return new InboxCommand.Acknowledge(id);
            }
            case "feedback" -> {
                return feedback(id, rest);
            }
            case "" -> {
                return new InboxCommand.NotUnderstood("#handover needs a command: " + InboxCommand.EXAMPLES);
            }
            default -> {
                return new InboxCommand.NotUnderstood("'#handover " + clip(verb) + "' is not a command"
                        + Suggest.near(verb, List.of("ack", "feedback"))
                                .map(s -> " (did you mean " + s + "?)")
                                .orElse("")
                        + "; the commands are #handover ack and #handover feedback");
            }
        }
    }

    private static InboxCommand feedback(Optional<HandoverId> id, String text) {
        Set<NoteSection> missing = EnumSet.noneOf(NoteSection.class);
        String comment = "";
        String rest = text;
        List<String> unknown = new ArrayList<>();
        while (!rest.isEmpty()) {
            Matcher l = Pattern.compile("(?s)([\\p{L}-]+)\\s*:(.*)").matcher(rest);
            if (!l.matches()) {
                if (missing.isEmpty()) {
                    comment = rest; // plain words after "feedback" are the comment
                    break;
                }
                return new InboxCommand.NotUnderstood(
                        "'" + clip(rest) + "' is not understood after the sections;" + " put it after comment:");
            }
            String label = l.group(1).toLowerCase(Locale.ROOT);
            String after = l.group(2);
            if (label.equals("comment") || label.equals("comments")) {
                comment = after.strip();
                break;
            }
            if (!label.equals("missing") && !label.equals("unclear")) {
                return new InboxCommand.NotUnderstood("'" + clip(l.group(1)) + ":' is not understood"
                        + Suggest.near(label, List.of("missing", "unclear", "comment"))
                                .map(s -> " (did you mean " + s + ":?)")
                                .orElse("")
                        + "; write missing: SECTIONS; comment: TEXT");
            }
            int end = endOfPart(after);
            for (String name : after.substring(0, end).split("[,\\n]")) {
                if (name.isBlank()) {
                    continue;
                }
                Optional<NoteSection> s = section(name);
                if (s.isPresent()) {
                    missing.add(s.get());
                } else {
                    unknown.add(name.strip());
                }
            }
            rest = end < after.length() ? after.substring(end + 1).strip() : "";
        }
        if (!unknown.isEmpty()) {
            StringBuilder why = new StringBuilder();
            for (String u : unknown) {
                why.append(why.length() == 0 ? "" : "; ")
                        .append("'")
                        .append(clip(u))
                        .append("' is not a section of the note")
                        .append(Suggest.near(normal(u), sectionNames())
                                .map(s -> " (did you mean " + s + "?)")
                                .orElse(""));
            }
            return new InboxCommand.NotUnderstood(why + ". The sections: " + String.join(", ", sectionNames()));
        }
        if (missing.isEmpty() && comment.isBlank()) {
            return new InboxCommand.NotUnderstood(
                    "the feedback names no section and has no comment; write for example " + InboxCommand.EXAMPLES);
        }
        return new InboxCommand.Feedback(id, missing, comment);
    }

    /** Where a "missing:" part ends: at the first semicolon, or at a line that begins another label. */
    private static int endOfPart(String s) {
        int semi = s.indexOf(';');
        Matcher next = Pattern.compile("(?m)^\\s*(comment|comments|missing|unclear)\\s*:")
                .matcher(s);
        int line = next.find() ? next.start() - 1 : -1;
        if (semi < 0) {
            return line < 0 ? s.length() : line;
        }
        return line < 0 ? semi : Math.min(semi, line);
    }

    private static Optional<NoteSection> section(String raw) {
        String v = normal(raw);
        for (NoteSection s : NoteSection.values()) {
            if (name(s).equals(v) || normal(s.label()).equals(v)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static String name(NoteSection s) {
        return s.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static List<String> sectionNames() {
        List<String> out = new ArrayList<>();
        for (NoteSection s : NoteSection.values()) {
            out.add(name(s));
        }
        return out;
    }

    private static String normal(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", "-").replaceAll("[.]+$", "");
    }

    private static String clip(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= 60 ? one : one.substring(0, 59) + "…";
    }
}

/** Did-you-mean for a mistyped word. */
final class Suggest {
    private Suggest() {}

    static Optional<String> near(String word, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(word, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= Math.max(1, Math.min(3, word.length() / 3))
                ? Optional.of(best)
                : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
