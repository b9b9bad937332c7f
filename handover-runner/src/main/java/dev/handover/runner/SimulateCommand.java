package dev.handover.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.core.HandoverPlan;
import dev.handover.core.HandoverResult;
import dev.handover.runner.config.ConfigLoader;
import dev.handover.runner.config.Reference;
import dev.handover.runner.config.RunnerConfig;
import dev.handover.runner.journal.EventCodec;
import dev.handover.runner.simulate.Mapping;
import dev.handover.runner.simulate.OfflineTeam;
import dev.handover.runner.simulate.Simulation;
import dev.handover.runner.simulate.TeamFile;
import dev.handover.runner.simulate.TicketFile;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmConnectors;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.GroupId;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code handover simulate}: exported tickets through the policy, with no writes. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Replays exported tickets through the policy and prints which handovers would happen, to whom and why — so"
                    + " a team can agree a rule before switching it on.",
            "The ticket file may be an incremental ticket export or search pages, ticket objects one per line, a Data"
                    + " Loader CSV export of Case, or this tool's own JSON lines: the format is told from the content"
                    + " (docs/simulate.md).",
            "Nothing is written anywhere. The CRM is only read, for its directory of agents and groups; with"
                    + " --offline it is not contacted at all and the team comes from the configuration, a --directory"
                    + " file or the export's sideloaded users. Workload is counted over the replayed tickets."
        })
final class SimulateCommand extends ConfiguredCommand {
    private final Context context;

    SimulateCommand(Context context) {
        super(context);
        this.context = context;
    }

    @Option(
            names = "--tickets",
            required = true,
            paramLabel = "FILE",
            description = "The tickets to replay, in any accepted format (see docs/simulate.md).")
    Path tickets;

    @Option(
            names = "--offline",
            description = "Do not contact the CRM: the team comes from the configuration's team: section, a"
                    + " --directory file or the users sideloaded in the export; no secrets are needed.")
    boolean offline;

    @Option(
            names = "--directory",
            paramLabel = "FILE",
            description = "A team file (YAML or JSON: groups and agents, see docs/simulate.md); implies --offline.")
    Path directoryFile;

    @Option(names = "--json", description = "One JSON object per ticket instead of text.")
    boolean json;

    @Option(names = "--all", description = "Also list tickets no rule applies to.")
    boolean all;

    @Override
    public Integer call() throws Exception {
        Instant when = now(); // --at (ConfiguredCommand) evaluates the rules as at another instant
        boolean noCrm = offline || directoryFile != null;
        RunnerConfig c = noCrm
                ? ConfigLoader.with(context.env(), context.clock())
                        .withoutSecrets()
                        .load(config.file)
                : config.load();
        Path ticketPath = tickets;
        TicketFile.Contents contents = TicketFile.read(ticketPath, Mapping.of(c.crm()));
        Directory directory;
        Map<AgentId, Integer> openTickets = Map.of();
        List<String> unchecked = List.of();
        if (noCrm) {
            Optional<TeamFile> file = Optional.ofNullable(directoryFile).map(f -> TeamFile.read(f));
            Set<GroupId> groups = new LinkedHashSet<>();
            c.references().stream()
                    .filter(r -> r.kind() == Reference.Kind.GROUP)
                    .forEach(r -> groups.add(GroupId.of(r.id())));
            OfflineTeam team = OfflineTeam.of(file, contents, c.team().agentKeys(), groups);
            directory = team.directory();
            openTickets = team.openTickets();
            unchecked = team.unchecked();
        } else {
            try (CrmConnector crm = CrmConnectors.builder().settings(c.crm()).build()) {
                directory = crm.directory();
            }
        }
        List<Simulation.Outcome> outcomes = Simulation.run(
                c.policy(), c.team(), directory, contents, openTickets, Clock.fixed(when, ZoneOffset.UTC));
        PrintWriter out = out();
        Directory names = c.team().apply(directory);
        if (json) {
            ObjectMapper m = EventCodec.mapper();
            for (Simulation.Outcome o : outcomes) {
                out.println(m.writeValueAsString(json(m, o, names)));
            }
        } else {
            text(out, outcomes, names, when, contents, noCrm, unchecked);
        }
        return ExitCodes.OK;
    }

    private void text(
            PrintWriter out,
            List<Simulation.Outcome> outcomes,
            Directory names,
            Instant when,
            TicketFile.Contents contents,
            boolean noCrm,
            List<String> unchecked) {
        Map<String, Integer> byRule = new TreeMap<>();
        int planned = 0;
        int refused = 0;
        out.println("Replaying " + outcomes.size() + " tickets through the policy as at " + when + " (nothing is"
                + " written).");
        if (contents.format() != TicketFile.Format.LINES || noCrm) {
            out.println("read: " + contents.format().description()
                    + (contents.skipped() > 0
                            ? "; " + contents.skipped() + " record(s) left out (not tickets, deleted, or older copies)"
                            : ""));
        }
        if (noCrm) {
            out.println("offline: the CRM was not contacted; team of "
                    + names.agents().size() + " agents and " + names.groups().size() + " groups.");
        }
        out.println();
        for (Simulation.Outcome o : outcomes) {
            HandoverResult r = o.result();
            switch (r.status()) {
                case PLANNED -> {
                    planned++;
                    HandoverPlan p = r.plan().orElseThrow();
                    byRule.merge(p.rule(), 1, Integer::sum);
                    out.println("ticket " + o.ticket().id() + ": rule " + p.rule() + " ("
                            + p.reason().label() + ") — "
                            + p.sender().map(Agent::name).orElse("unassigned") + " → "
                            + p.receiver().describe());
                    out.println("    why this receiver: " + p.selection().why());
                    if (!p.missing().isEmpty()) {
                        out.println("    the note would miss: "
                                + String.join(
                                        ", ",
                                        p.missing().stream().map(s -> s.label()).toList()));
                    }
                }
                case REFUSED -> {
                    refused++;
                    out.println(
                            "ticket " + o.ticket().id() + ": a rule applies but nobody could take it — " + r.message());
                }
                default -> {
                    if (all) {
                        out.println("ticket " + o.ticket().id() + ": no rule applies");
                    }
                }
            }
        }
        out.println();
        out.println(planned + " of " + outcomes.size() + " tickets would be handed over, " + refused + " refused, "
                + (outcomes.size() - planned - refused) + " left as they are.");
        byRule.forEach((rule, n) -> out.println("  " + rule + ": " + n));
        if (noCrm) {
            if (!unchecked.isEmpty()) {
                out.println("not checked offline:");
                unchecked.forEach(u -> out.println("  - " + u));
            }
        } else if (names.agents().isEmpty()) {
            out.println("note: the CRM's directory is empty, so no agent could be chosen as a receiver.");
        }
    }

    private static ObjectNode json(ObjectMapper m, Simulation.Outcome o, Directory names) {
        ObjectNode n = m.createObjectNode();
        HandoverResult r = o.result();
        n.put("ticket", o.ticket().id().value());
        n.put(
                "outcome",
                switch (r.status()) {
                    case PLANNED -> "handover";
                    case REFUSED -> "refused";
                    default -> "none";
                });
        r.plan().ifPresent(p -> {
            n.put("rule", p.rule());
            n.put("reason", p.reason().code());
            p.sender().ifPresent(s -> n.put("from", s.id().value()));
            p.receiver().agent().ifPresent(a -> n.put("to", a.id().value()));
            p.receiver().group().ifPresent(g -> n.put("group", g.id().value()));
            n.put("receiver", p.receiver().describe());
            n.put("why", p.selection().why());
            n.set("missing", m.valueToTree(p.missing()));
        });
        if (r.status() == HandoverResult.Status.REFUSED) {
            n.put("why", r.message());
        }
        return n;
    }
}
