package dev.handover.runner;

import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmConnectors;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.Shift;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketStatus;
import java.io.PrintWriter;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code handover demo}: the embedded in-memory CRM with the demo team and tickets; no account, no network. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = "Runs on the embedded in-memory CRM (no account, no network) and shows the demo team and their"
                + " tickets: two teams in two time zones, a manager chain, four languages.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Random seed of the demo data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--tickets",
            defaultValue = "60",
            description = "Number of demo tickets, 1–100000 (default: ${DEFAULT-VALUE}).")
    int tickets;

    @Override
    public Integer call() {
        if (tickets < 1 || tickets > 100_000) {
            throw new IllegalArgumentException("--tickets must be 1–100000, was " + tickets);
        }
        PrintWriter out = spec.commandLine().getOut();
        CrmSettings settings = CrmSettings.builder("memory")
                .put("seed", Long.toString(seed))
                .put("tickets", Integer.toString(tickets))
                .put("start", "2026-03-02T08:00:00Z")
                .build();
        try (CrmConnector crm = CrmConnectors.builder().settings(settings).build()) {
            Directory directory = crm.directory();
            List<Ticket> all = crm.searchAll(TicketQuery.builder().build()).toList();
            out.printf("handover demo — in-memory CRM \"%s\", seed %d%n%n", crm.vendor(), seed);
            printTeam(out, directory);
            out.println();
            printTickets(out, directory, all);
        }
        return ExitCodes.OK;
    }

    private static void printTeam(PrintWriter out, Directory directory) {
        out.printf(
                "Team: %d agents in %d groups%n",
                directory.agents().size(), directory.groups().size());
        for (Group group : directory.groups()) {
            List<Agent> members = directory.members(group.id());
            out.printf(
                    "  %s (%s, %d member%s)%n",
                    group.name(),
                    group.kind().name().toLowerCase(Locale.ROOT),
                    members.size(),
                    members.size() == 1 ? "" : "s");
        }
        out.println();
        out.printf(
                "  %-18s %-7s %-17s %-7s %-22s %-38s %s%n",
                "agent", "role", "time zone", "speaks", "shift", "skills", "manager");
        for (Agent a : directory.agents()) {
            out.printf(
                    "  %-18s %-7s %-17s %-7s %-22s %-38s %s%n",
                    a.name(),
                    a.role(),
                    a.timeZone(),
                    a.languages().stream().map(Locale::getLanguage).collect(Collectors.joining(",")),
                    a.shifts().stream().map(DemoCommand::shift).collect(Collectors.joining("; ")),
                    String.join(",", a.skills().stream().sorted().toList()),
                    a.manager().flatMap(directory::agent).map(Agent::name).orElse("—")
                            + (a.active() ? "" : "  [inactive]")
                            + (a.absences().isEmpty() ? "" : "  [on leave]"));
        }
    }

    private static String shift(Shift s) {
        EnumSet<DayOfWeek> weekdays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        String days = s.days().equals(weekdays)
                ? "Mon–Fri"
                : s.days().stream()
                        .sorted()
                        .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
                        .collect(Collectors.joining(","));
        return days + " " + s.start() + "–" + s.end();
    }

    private static void printTickets(PrintWriter out, Directory directory, List<Ticket> all) {
        Map<TicketStatus, Long> byStatus =
                new TreeMap<>(all.stream().collect(Collectors.groupingBy(Ticket::status, Collectors.counting())));
        Map<String, Long> byLanguage = new TreeMap<>(all.stream()
                .collect(Collectors.groupingBy(
                        t -> t.effectiveLanguage().map(Locale::getLanguage).orElse("?"), Collectors.counting())));
        out.printf("Tickets: %d — by status %s — by language %s%n", all.size(), byStatus, byLanguage);
        out.printf("  %-6s %-7s %-8s %-4s %-9s %-52s %s%n", "id", "prio", "status", "lang", "tier", "subject", "owner");
        for (Ticket t : all) {
            String owner = t.assignee()
                    .flatMap(directory::agent)
                    .map(Agent::name)
                    .orElseGet(() -> t.group()
                            .flatMap(directory::group)
                            .map(g -> "(" + g.name() + ")")
                            .orElse("—"));
            out.printf(
                    "  %-6s %-7s %-8s %-4s %-9s %-52s %s%n",
                    t.id(),
                    t.priority().name().toLowerCase(Locale.ROOT),
                    t.status().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    t.effectiveLanguage().map(Locale::getLanguage).orElse("?"),
                    t.requester().tier(),
                    abbreviate(t.subject(), 52),
                    owner);
        }
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
