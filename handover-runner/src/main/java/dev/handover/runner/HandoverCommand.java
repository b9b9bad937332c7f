package dev.handover.runner;

import dev.handover.runner.demo.DemoCommand;
import dev.handover.runner.report.ReportCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code handover} command. */
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
                    + " follow up; a review report shows how handovers go."
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
final class HandoverCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
