package dev.handover.runner;

import dev.handover.spi.helpers.DidYouMean;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line picocli cannot parse, told as the runner tells every error: one {@code handover: } line naming what
 * is wrong (with a did-you-mean where something close exists), one short usage line of the command, and where the
 * full help is — not the whole help, which would bury the one line that matters. Exit code 2.
 *
 * <pre>
 * handover: unknown option '--confg' (did you mean --config?)
 * Usage: handover run [--config FILE] [--once]
 * Try 'handover run --help' for more.
 * </pre>
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
    /** A usage line longer than this ends in an ellipsis: the help has the rest. */
    static final int WIDTH = 80;

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("handover: " + message(ex));
        err.println(usageLine(cli.getCommandSpec()));
        err.println(tryHelp(cli.getCommandSpec()));
        err.flush();
        return ExitCodes.USAGE;
    }

    /** What is wrong, in the runner's words. */
    static String message(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            boolean hasCommands = !u.getCommandLine().getSubcommands().isEmpty();
            String what;
            if (u.isUnknownOption()) {
                int eq = arg.indexOf('=');
                arg = eq > 0 ? arg.substring(0, eq) : arg;
                what = "unknown option '" + arg + "'";
            } else if (hasCommands
                    && u.getCommandLine().getParseResult() != null
                    && u.getCommandLine().getParseResult().subcommand() == null) {
                what = "unknown command '" + arg + "'";
            } else {
                what = "unexpected argument '" + arg + "'";
            }
            return what + didYouMean(arg, candidates(u.getCommandLine().getCommandSpec(), u.isUnknownOption()));
        }
        if (ex instanceof CommandLine.MissingParameterException m
                && !m.getMissing().isEmpty()) {
            String text = String.valueOf(m.getMessage());
            if (text.startsWith("Missing required parameter for option")) {
                ArgSpec a = m.getMissing().get(0);
                return "option '" + name(a) + "' needs a value (" + label(a) + ")";
            }
            List<String> missing =
                    m.getMissing().stream().map(UsageErrors::synopsis).toList();
            return (missing.size() == 1 ? "missing required option " : "missing required options ")
                    + missing.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", "));
        }
        String text = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        // picocli names Java's types ('many' is not a long): say what is expected instead
        text = text.replaceAll("is not an? (int|long|short|byte)$", "is not a whole number")
                .replaceAll("is not an? (float|double)$", "is not a number");
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    /** The nearest of the command's option names or command names, when it is a likely typo. */
    private static String didYouMean(String arg, List<String> candidates) {
        return DidYouMean.closest(arg, candidates)
                .map(c -> " (did you mean " + c + "?)")
                .orElse("");
    }

    private static List<String> candidates(CommandSpec spec, boolean options) {
        if (!options) {
            return commandNames(spec);
        }
        return spec.options().stream()
                .filter(o -> !o.hidden())
                .flatMap(o -> java.util.Arrays.stream(o.names()))
                .filter(n -> n.startsWith("--"))
                .toList();
    }

    /**
     * One line: the command's name, then its options — required ones bare, optional ones in brackets, in the order
     * the help lists them — and its parameters; an ellipsis when they do not fit in {@value #WIDTH} columns. The top
     * command lists its commands instead.
     */
    static String usageLine(CommandSpec spec) {
        StringBuilder sb = new StringBuilder("Usage: ").append(spec.qualifiedName());
        if (!spec.subcommands().isEmpty()) {
            return sb.append(" {")
                    .append(String.join("|", commandNames(spec)))
                    .append("} [OPTIONS]")
                    .toString();
        }
        List<String> tokens = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp() || o.hidden() || o.inherited()) {
                continue;
            }
            tokens.add(o.required() ? synopsis(o) : "[" + synopsis(o) + "]");
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                tokens.add(p.required() ? p.paramLabel() : "[" + p.paramLabel() + "]");
            }
        }
        for (String t : tokens) {
            if (sb.length() + 1 + t.length() > WIDTH - 2) {
                return sb.append(" …").toString();
            }
            sb.append(' ').append(t);
        }
        return sb.toString();
    }

    /** Where the whole help is. */
    static String tryHelp(CommandSpec spec) {
        return "Try '" + spec.qualifiedName() + " --help' for more.";
    }

    /** {@code handover} without a command: the usage line and the commands, each with its first line of help. */
    static void commandList(CommandLine top, PrintWriter err) {
        CommandSpec spec = top.getCommandSpec();
        err.println("Usage: " + spec.qualifiedName() + " COMMAND [OPTIONS]");
        err.println("Commands:");
        int width = commandNames(spec).stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, CommandLine> c : spec.subcommands().entrySet()) {
            CommandSpec sub = c.getValue().getCommandSpec();
            if (!sub.name().equals(c.getKey()) || sub.usageMessage().hidden()) {
                continue; // an alias
            }
            String[] description = sub.usageMessage().description();
            String first = description.length == 0 ? "" : firstSentence(description[0]);
            err.println("  " + String.format(Locale.ROOT, "%-" + width + "s", c.getKey()) + "  " + first);
        }
        err.println(
                "Try '" + spec.qualifiedName() + " --help' or '" + spec.qualifiedName() + " COMMAND --help' for more.");
        err.flush();
    }

    private static List<String> commandNames(CommandSpec spec) {
        return spec.subcommands().entrySet().stream()
                .filter(e -> e.getValue().getCommandSpec().name().equals(e.getKey()))
                .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden())
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The description's first clause, cut at a word to fit the line. */
    private static String firstSentence(String text) {
        String s = text;
        for (String end : List.of(". ", ": ", " — ", " (")) {
            int i = s.indexOf(end);
            if (i > 0) {
                s = s.substring(0, i);
            }
        }
        int room = WIDTH - 12;
        if (s.length() <= room) {
            return s;
        }
        int cut = s.lastIndexOf(' ', room - 1);
        return s.substring(0, cut > 0 ? cut : room - 1) + "…";
    }

    private static String synopsis(ArgSpec a) {
        if (a instanceof OptionSpec o) {
            return o.typeInfo().isBoolean() || o.arity().max == 0 ? o.longestName() : o.longestName() + " " + label(o);
        }
        return label(a);
    }

    private static String name(ArgSpec a) {
        return a instanceof OptionSpec o ? o.longestName() : a.paramLabel();
    }

    private static String label(ArgSpec a) {
        return a.paramLabel();
    }
}
