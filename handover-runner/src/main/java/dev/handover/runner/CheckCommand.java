package dev.handover.runner;

import dev.handover.runner.config.Reference;
import dev.handover.runner.config.RunnerConfig;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmConnectors;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.GroupId;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code handover check}: validates the configuration and prints the handover procedure it describes. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Checks the configuration file and prints the handover procedure it describes, in plain language: the"
                    + " document a team agrees on before switching the rules on.",
            "Every problem is reported at once with file, line and column. With --connect the CRM is asked too: the"
                    + " agent and group ids the file names must exist, and so must the agents of the team section.",
            "With --connect --probe-tasks one task is created, closed and deleted, to prove the account lets"
                    + " handover tasks be completed (required fields, forms, statuses)."
        })
final class CheckCommand extends ConfiguredCommand {
    CheckCommand(Context context) {
        super(context);
    }

    @Option(names = "--connect", description = "Also connect to the CRM (read only) and check the ids the file names.")
    boolean connect;

    @Option(
            names = "--probe-tasks",
            description = "With --connect: create one task in the CRM as handovers create them, close it as they close"
                    + " them, and delete it — proof that tasks can be completed in this account. This writes.")
    boolean probeTasks;

    @Option(names = "--quiet", description = "Print only problems, not the procedure.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = out();
        RunnerConfig c = config.load();
        if (probeTasks && !connect) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--probe-tasks needs --connect: it creates a task in the CRM");
        }
        if (connect) {
            List<String> problems = new ArrayList<>();
            try (CrmConnector crm = CrmConnectors.builder().settings(c.crm()).build()) {
                Directory dir = crm.directory();
                for (Reference r : c.references()) {
                    boolean known = r.kind() == Reference.Kind.AGENT
                            ? dir.agent(AgentId.of(r.id())).isPresent()
                            : dir.group(GroupId.of(r.id())).isPresent();
                    if (!known) {
                        problems.add(r.at() + ": " + r.key() + ": no "
                                + r.kind().name().toLowerCase(java.util.Locale.ROOT) + " '" + r.id()
                                + "' in the CRM's directory");
                    }
                }
                problems.addAll(c.team().unmatched(dir));
                // what only the account can tell: a field key that does not exist reads as "no value" at run time
                crm.checkSettings().forEach(p -> problems.add(c.source() + ": crm.settings." + p));
                java.util.Optional<List<String>> probed = probeTasks ? crm.probeTasks() : java.util.Optional.empty();
                probed.ifPresent(found -> found.forEach(p -> problems.add(c.source() + ": crm: " + p)));
                if (!problems.isEmpty()) {
                    PrintWriter err = spec.commandLine().getErr();
                    err.println(
                            problems.size() == 1
                                    ? "handover: " + problems.get(0)
                                    : "handover: " + problems.size() + " problems found against the CRM:");
                    if (problems.size() > 1) {
                        problems.forEach(p -> err.println("  " + p));
                    }
                    return ExitCodes.USAGE;
                }
                out.println(c.source() + ": connected to " + crm.vendor() + "; "
                        + plural(dir.agents().size(), "agent", "agents") + " and "
                        + plural(dir.groups().size(), "group", "groups") + "; every id the file names exists.");
                if (probeTasks) {
                    out.println(
                            probed.isPresent()
                                    ? c.source() + ": a task was created, closed and deleted again: handover tasks can"
                                            + " be completed in this account."
                                    : c.source() + ": " + crm.vendor() + " has no task probe; nothing was written.");
                }
            }
        }
        out.println(c.source() + " is valid: " + plural(c.policy().rules().size(), "rule", "rules") + ", "
                + plural(c.policy().reminderPolicies().size(), "reminder policy", "reminder policies") + ", CRM "
                + c.crm().provider() + ".");
        if (!quiet) {
            out.println();
            out.print(c.policy().describe());
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
