package dev.handover.runner;

import dev.handover.runner.config.ConfigException;
import dev.handover.runner.logging.LogSettings;
import dev.handover.runner.logging.Logging;
import dev.handover.spi.error.CrmException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;

/**
 * Entry point of {@code bin/handover}. Exit codes: 0 ok (also after a graceful stop on SIGTERM or SIGINT), 1 work failed, 2 usage or configuration error, 3 the CRM could not be reached at start within {@code worker.startup.retryFor}, 128+n a second signal n (docs/runner.md). Standard output
 * is the command's result; messages and log lines go to standard error, the logs in the format and at the level of
 * {@code --log-format} / {@code --log-level} (or {@code HANDOVER_LOG_FORMAT} / {@code HANDOVER_LOG_LEVEL}).
 */
public final class Main {
    private Main() {}

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        // UTF-8 whatever the locale (Java 17 would use the locale's charset): JSON and CSV on stdout are UTF-8 by
        // definition, and names, arrows and ellipses must not turn into '?'
        System.exit(run(
                args,
                new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
    }

    /** Runs the command line with these streams and returns the exit code; used by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, Context.system());
    }

    /** Runs the command line in this context (tests run commands on a simulated clock, with their own variables). */
    static int run(String[] args, PrintWriter rawOut, PrintWriter rawErr, Context context) {
        // the one point where output reaches the terminal: customer text must not drive it
        PrintWriter out = new PrintWriter(new TerminalText(rawOut), true);
        PrintWriter err = new PrintWriter(new TerminalText(rawErr), true);
        CommandLine cli = new CommandLine(new HandoverCommand(), new ContextFactory(context));
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(new UsageErrors());
        cli.setExecutionStrategy(parseResult -> {
            // the log options and variables apply before the command does anything that logs
            LogSettings settings;
            try {
                settings = LogSettings.resolve(
                        option(parseResult, HandoverCommand.LOG_FORMAT),
                        option(parseResult, HandoverCommand.LOG_LEVEL),
                        context.env());
            } catch (IllegalArgumentException e) {
                if (e.getMessage().startsWith("--")) {
                    throw new CommandLine.ParameterException(
                            last(parseResult).commandSpec().commandLine(), e.getMessage());
                }
                err.println("handover: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            Logging.configure(settings);
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("handover: " + message(e));
            commandLine.getErr().flush();
            return e instanceof ConfigException || e instanceof IllegalArgumentException
                    ? ExitCodes.USAGE
                    : ExitCodes.FAILED;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The value of a global option as last given, on the top command or a subcommand. */
    private static String option(CommandLine.ParseResult parseResult, String name) {
        String value = null;
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(name)) {
                value = p.matchedOptionValue(name, null);
            }
        }
        return value;
    }

    private static CommandLine.ParseResult last(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult p = parseResult;
        while (p.subcommand() != null) {
            p = p.subcommand();
        }
        return p;
    }

    private static String message(Exception e) {
        if (e instanceof CrmException c) {
            return "the CRM refused or failed: " + c.getMessage();
        }
        if (e instanceof UncheckedIOException io) {
            return io.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Gives the context to commands that take it in their constructor — whole, or as (clock, directory) or (clock, directory, environment) for commands
     * outside this package; the others are made as picocli makes them.
     */
    private record ContextFactory(Context context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                List<Class<?>> params = List.of(c.getParameterTypes());
                if (params.equals(List.of(Context.class))) {
                    c.setAccessible(true);
                    return type.cast(c.newInstance(context));
                }
                if (params.equals(List.of(Clock.class, Path.class, java.util.function.Function.class))) {
                    c.setAccessible(true);
                    return type.cast(c.newInstance(context.clock(), context.directory(), context.env()));
                }
                if (params.equals(List.of(Clock.class, Path.class))) {
                    c.setAccessible(true);
                    return type.cast(c.newInstance(context.clock(), context.directory()));
                }
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
