package dev.handover.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.core.HandoverPlan;
import dev.handover.core.HandoverResult;
import dev.handover.runner.config.RunnerConfig;
import dev.handover.runner.journal.EventCodec;
import dev.handover.runner.simulate.Simulation;
import dev.handover.runner.simulate.TicketFile;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmConnectors;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Directory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code handover simulate}: exported tickets through the policy, with no writes. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Replays exported tickets (JSON lines, one ticket per line) through the policy and prints which handovers"
                    + " would happen, to whom and why — so a team can agree a rule before switching it on.",
            "Nothing is written anywhere. The CRM is only read, for its directory of agents and groups; workload is"
                    + " counted over the replayed tickets."
        })
final class SimulateCommand extends ConfiguredCommand {
    SimulateCommand(Context context) {
        super(context);
    }

    @Option(names = "--tickets", required = true, paramLabel = "FILE.jsonl", description = "The tickets to replay.")
    Path tickets;

    @Option(names = "--json", description = "One JSON object per ticket instead of text.")
    boolean json;

    @Option(names = "--all", description = "Also list tickets no rule applies to.")
    boolean all;

    @Override
    public Integer call() throws Exception {
        Instant when = now(); // --at (ConfiguredCommand) evaluates the rules as at another instant
        TicketFile.Contents contents = TicketFile.read(tickets);
        RunnerConfig c = config.load();
        Directory directory;
        try (CrmConnector crm = CrmConnectors.builder().settings(c.crm()).build()) {
            directory = crm.directory();
        }
        List<Simulation.Outcome> outcomes =
                Simulation.run(c.policy(), c.team(), directory, contents, Clock.fixed(when, ZoneOffset.UTC));
        PrintWriter out = out();
        Directory names = c.team().apply(directory);
        if (json) {
            ObjectMapper m = EventCodec.mapper();
            for (Simulation.Outcome o : outcomes) {
                out.println(m.writeValueAsString(json(m, o, names)));
            }
        } else {
            text(out, outcomes, names, when);
        }
        return ExitCodes.OK;
    }

    private void text(PrintWriter out, List<Simulation.Outcome> outcomes, Directory names, Instant when) {
        Map<String, Integer> byRule = new TreeMap<>();
        int planned = 0;
        int refused = 0;
        out.println("Replaying " + outcomes.size() + " tickets through the policy as at " + when + " (nothing is"
                + " written).");
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
        if (names.agents().isEmpty()) {
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
