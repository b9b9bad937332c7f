package dev.handover.runner;

import dev.handover.runner.demo.DemoCommand;
import dev.handover.runner.report.ReportCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code handover} command. Without a command it prints the short usage on standard error and exits 2.
 * Its log options apply to every command and may be written before or after the command's name; {@link Main} reads
 * them from the parse result before the command runs.
 */
@Command(
        name = "handover",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = {
            "Systematic customer-service handovers inside the helpdesk you already use.",
            "",
            "Rules decide when a ticket changes hands and to whom; every handover writes a structured internal note"
                    + " and the reassignment in one CRM write; receivers acknowledge; reminders and completion checks"
                    + " follow up; a review report shows how handovers go.",
            "",
            "Logs go to standard error, one line per event; standard output is the command's result."
        },
        subcommands = {
            DemoCommand.class,
            CheckCommand.class,
            SelftestCommand.class,
            RunCommand.class,
            TransferCommand.class,
            AckCommand.class,
            FeedbackCommand.class,
            SimulateCommand.class,
            ReportCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:the work failed", "2:usage or configuration error"})
final class HandoverCommand implements Callable<Integer> {
    /** The option naming the log format. */
    static final String LOG_FORMAT = "--log-format";
    /** The option naming the log level. */
    static final String LOG_LEVEL = "--log-level";

    @Spec
    CommandSpec spec;

    @Option(
            names = LOG_FORMAT,
            paramLabel = "kv|json",
            scope = ScopeType.INHERIT,
            description = "Log lines as key=value pairs (kv, the default) or as JSON lines (json);"
                    + " default: $HANDOVER_LOG_FORMAT.")
    String logFormat;

    @Option(
            names = LOG_LEVEL,
            paramLabel = "LEVEL",
            scope = ScopeType.INHERIT,
            description = "The least severe log lines written: debug, info (the default), warn or error;"
                    + " default: $HANDOVER_LOG_LEVEL.")
    String logLevel;

    @Override
    public Integer call() {
        // no command: what there is to run, as a usage error (a script that forgot its command must not pass)
        UsageErrors.commandList(spec.commandLine(), spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
