package dev.handover.runner.demo;

import dev.handover.core.policy.HandoverRule;
import dev.handover.core.policy.ReminderPolicy;
import dev.handover.memory.demo.DemoData;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Shift;
import java.io.PrintWriter;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The demo's timeline for a person at a terminal, 100 columns wide: the team and the procedure, then one section per
 * scenario — times, who, what, why, the notes as written — with the day's own checks, the day in numbers and the
 * review.
 */
final class TextReport {
    static final int WIDTH = 100;
    private static final String RULE = "═".repeat(WIDTH);
    private static final int TIME = 7; // "08:30  "
    private static final int LABEL = 11; // "ESCALATION "
    private static final String INDENT = " ".repeat(TIME);
    private static final String DETAIL = " ".repeat(TIME + LABEL);
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("scene", "SET-UP"),
            Map.entry("situation", "SITUATION"),
            Map.entry("handover", "HANDOVER"),
            Map.entry("hand-back", "HAND-BACK"),
            Map.entry("re-target", "RE-TARGET"),
            Map.entry("replayed", "REPLAYED"),
            Map.entry("failed", "FAILED"),
            Map.entry("refused", "REFUSED"),
            Map.entry("warning", "WARNING"),
            Map.entry("acknowledged", "ACK"),
            Map.entry("check-in", "CHECK-IN"),
            Map.entry("reminder", "REMINDER"),
            Map.entry("escalation", "ESCALATION"),
            Map.entry("done", "DONE"),
            Map.entry("closed", "CLOSED"),
            Map.entry("feedback", "FEEDBACK"),
            Map.entry("reply", "REPLY"),
            Map.entry("customer", "CUSTOMER"),
            Map.entry("step-in", "STEPS IN"),
            Map.entry("outage", "OUTAGE"),
            Map.entry("recovered", "RECOVERED"),
            Map.entry("sweep", "SWEEP"),
            Map.entry("reconciled", "RECONCILED"));
    /** Follow-up notes shown in full: the ones that ask something of someone. */
    private static final Set<String> FULL_MESSAGES = Set.of("check-in", "reminder", "escalation", "re-target");

    private final PrintWriter out;
    private final boolean verbose;

    private TextReport(PrintWriter out, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
    }

    /** Prints the day; {@code review} is the review's text, printed last. */
    static void print(PrintWriter out, DemoDay.Outcome day, boolean verbose, String review) {
        new TextReport(out, verbose)
                .day(day, Directory.of(day.data().agents(), day.data().groups()), review);
    }

    private void day(DemoDay.Outcome day, Directory directory, String review) {
        out.println("handover demo — a simulated working day on the in-memory CRM (seed " + day.seed() + ")");
        out.println(DemoDay.dayName(day.date()) + ", " + DemoDay.clockTime(day.start()) + "–"
                + DemoDay.clockTime(day.end()) + " " + DemoDay.ZONE + " · simulated clock · no account, no network");
        out.println(
                directory.agents().size() + " agents in " + directory.groups().size() + " groups · "
                        + day.data().tickets().size() + " tickets · the worker sweeps the follow-ups every "
                        + DemoDay.SWEEP_EVERY.toMinutes() + " minutes");
        out.println();
        team(directory);
        procedure(day);
        int n = 0;
        for (Scenario s : Scenario.values()) {
            List<Entry> entries = day.entries().stream()
                    .filter(e -> e.scenario() == s)
                    // in time order: an acknowledgement is told when it happened, before the sweep that saw it
                    .sorted(java.util.Comparator.comparing(Entry::at)) // stable: same-time entries keep order
                    .toList();
            if (entries.isEmpty()) {
                continue;
            }
            section(s, n++, entries, day.checks());
        }
        numbers(day);
        heading("REVIEW OF THE DAY");
        review.lines().forEach(l -> wrap(l, "", "    "));
        out.flush();
    }

    // ------------------------------------------------------------------------------------------ the cast

    private void team(Directory directory) {
        heading("THE TEAM");
        Map<GroupId, List<Agent>> teams = new java.util.LinkedHashMap<>();
        for (GroupId g : List.of(DemoData.EMEA, DemoData.AMERICAS, DemoData.CUSTOMER_RELATIONS)) {
            teams.put(g, new ArrayList<>());
        }
        for (Agent a : directory.agents()) {
            GroupId team = Recorder.teamOf(a);
            teams.computeIfAbsent(team, k -> new ArrayList<>()).add(a);
        }
        teams.forEach((g, agents) -> {
            if (agents.isEmpty()) {
                return;
            }
            String zone = agents.get(0).timeZone().getId();
            out.println("  " + directory.group(g).map(x -> x.name()).orElse(g.value()) + " · " + zone);
            for (Agent a : agents) {
                out.println(String.format(
                        "    %-17s %-7s %-19s %-6s %s",
                        a.name(),
                        a.role(),
                        a.shifts().stream().map(TextReport::shift).collect(Collectors.joining(", ")),
                        a.languages().stream().map(Locale::getLanguage).collect(Collectors.joining(",")),
                        String.join(",", a.skills().stream().sorted().toList())
                                + (a.active() ? "" : "  (inactive)")
                                + (a.absences().isEmpty() ? "" : "  (on leave)")));
            }
        });
        List<String> lines = new ArrayList<>();
        for (Agent m : directory.agents()) {
            List<String> reports = directory.reportsOf(m.id()).stream()
                    .map(a -> a.name().split(" ")[0])
                    .toList();
            if (!reports.isEmpty()) {
                lines.add(m.name().split(" ")[0] + " ← " + String.join(", ", reports));
            }
        }
        wrap("reporting lines: " + String.join(" · ", lines), "  ", "    ");
        out.println("  (shifts are Monday to Friday unless days are given, in each team's own time zone)");
        out.println();
    }

    private static String shift(Shift s) {
        return s.start() + "–" + s.end()
                + (s.days().equals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) ? "" : " " + days(s.days()));
    }

    /** "Sun–Thu" for a run of days (across the week's end too), else the days one by one. */
    private static String days(Set<DayOfWeek> days) {
        for (DayOfWeek first : DayOfWeek.values()) {
            Set<DayOfWeek> run = new HashSet<>();
            for (int i = 0; i < days.size(); i++) {
                run.add(first.plus(i));
            }
            if (run.equals(days)) {
                return name(first) + "–" + name(first.plus(days.size() - 1L));
            }
        }
        return days.stream().sorted().map(TextReport::name).collect(Collectors.joining(","));
    }

    private static String name(DayOfWeek d) {
        return d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    private void procedure(DemoDay.Outcome day) {
        if (verbose) {
            heading("THE PROCEDURE");
            day.policy().describe().lines().forEach(l -> wrap(l, "  ", "     "));
            out.println();
            return;
        }
        heading("THE PROCEDURE (handover demo --verbose prints it in full)");
        out.println("  Rules, checked in this order; the first that applies to a ticket decides:");
        List<HandoverRule> rules = day.policy().rules();
        for (int i = 0; i < rules.size(); i++) {
            HandoverRule r = rules.get(i);
            wrap(String.format("%2d  %-13s %s", i + 1, r.id(), r.description()), "  ", " ".repeat(20));
        }
        // acknowledgement deadlines: the usual one once, the exceptions with their rules
        Map<String, List<String>> byDeadline = rules.stream()
                .collect(Collectors.groupingBy(
                        r -> r.acknowledgeWithin().map(TextReport::inWords).orElse("no deadline"),
                        java.util.TreeMap::new,
                        Collectors.mapping(HandoverRule::id, Collectors.toList())));
        String usual = byDeadline.entrySet().stream()
                .max(java.util.Comparator.comparing(e -> e.getValue().size()))
                .map(Map.Entry::getKey)
                .orElse("");
        List<String> deadlines = new ArrayList<>();
        byDeadline.forEach((d, ids) -> {
            if (!d.equals(usual)) {
                deadlines.add(d + " for " + String.join(", ", ids));
            }
        });
        deadlines.add(usual + (deadlines.isEmpty() ? "" : " otherwise"));
        wrap(
                "Each handover writes a structured internal note and the reassignment in one CRM write; the receiver"
                        + " acknowledges within " + String.join(", ", deadlines) + " (working time); the customer is"
                        + " told who takes over after "
                        + rules.stream()
                                .filter(HandoverRule::notifyCustomer)
                                .map(HandoverRule::id)
                                .collect(Collectors.joining(", "))
                        + " handovers.",
                "  ",
                "  ");
        out.println("  Reminders (working time of the person reminded):");
        for (ReminderPolicy p : day.policy().reminderPolicies().values().stream()
                .sorted(java.util.Comparator.comparing(ReminderPolicy::name))
                .toList()) {
            wrap(p.name() + ": " + p.describe(), "    ", "      ");
        }
        out.println();
    }

    // ------------------------------------------------------------------------------------------ a scenario

    private void section(Scenario s, int number, List<Entry> entries, List<DemoDay.Check> checks) {
        out.println(RULE);
        String time = DemoDay.clockTime(entries.get(0).at());
        out.println((s == Scenario.SCENE ? "" : number + " · ") + time + "  " + s.title());
        out.println(RULE);
        // the scene's intro names the weekday; on a Monday it reads as it always did
        wrap(s.intro().replace("Monday", DemoDay.weekday(entries.get(0).at())), "", "");
        out.println();
        Set<String> fullShown = new HashSet<>();
        Set<String> saidAsAbove = new HashSet<>();
        Set<String> boxed = new HashSet<>();
        for (Entry e : entries) {
            entry(e, fullShown, saidAsAbove, boxed);
        }
        List<DemoDay.Check> mine =
                checks.stream().filter(c -> c.scenario() == s).toList();
        if (!mine.isEmpty()) {
            out.println();
            for (DemoDay.Check c : mine) {
                wrap(c.text(), "  " + (c.passed() ? "✓ " : "✗ NOT AS EXPECTED: "), "    ");
            }
        }
        out.println();
    }

    private void entry(Entry e, Set<String> fullShown, Set<String> saidAsAbove, Set<String> boxed) {
        String label = LABELS.getOrDefault(e.kind(), "");
        String head = DemoDay.clockTime(e.at()) + "  " + pad(label);
        String text = (e.ticket().isEmpty() || e.kind().equals("scene") ? "" : "#" + e.ticket() + "  ") + e.text();
        wrap(text, head, DETAIL);
        boolean handover = e.block("note").isPresent();
        // the first note of each kind in a scenario in full; the rest of a bulk handover in a line each
        boolean full = verbose || !handover || fullShown.add(e.kind());
        for (String d : e.details()) {
            if (full || d.startsWith("receiver:") || d.startsWith("first choice failed:")) {
                wrap(d, DETAIL, DETAIL + "  ");
            }
        }
        if (!full) {
            if (saidAsAbove.add(e.kind())) {
                wrap(
                        "(its note and any customer notice are written like the ones above; handover demo --verbose"
                                + " prints every note)",
                        DETAIL,
                        DETAIL);
            }
            return;
        }
        for (Entry.Block b : e.blocks()) {
            boolean followUp = b.field().equals("message")
                    && !e.kind().equals("reply")
                    && !e.kind().equals("customer");
            if (followUp && !verbose && !FULL_MESSAGES.contains(e.kind())) {
                continue;
            }
            // one follow-up note may tell several things (an acknowledgement and a check-in): it is shown once
            if (!followUp || boxed.add(e.ticket() + "\n" + b.body())) {
                box(b);
            }
        }
    }

    private void box(Entry.Block b) {
        out.println(INDENT + "┌─ " + b.title());
        for (String line : b.body().lines().toList()) {
            wrap(line.isBlank() ? "" : line, INDENT + "│ ", INDENT + "│   ");
        }
        out.println(INDENT + "└─");
    }

    // ------------------------------------------------------------------------------------------ the end

    private void numbers(DemoDay.Outcome day) {
        heading("THE DAY IN NUMBERS");
        Map<String, Long> kinds = day.entries().stream()
                .collect(Collectors.groupingBy(Entry::kind, java.util.TreeMap::new, Collectors.counting()));
        long notices = day.entries().stream()
                .filter(e -> e.block("notice").isPresent())
                .count();
        wrap(
                count(day.stats().handovers(), "handover") + " written (" + kinds.getOrDefault("hand-back", 0L)
                        + " of them hand-backs, " + kinds.getOrDefault("re-target", 0L) + " re-targeted), "
                        + count(notices, "customer notice") + ", "
                        + count(kinds.getOrDefault("acknowledged", 0L), "acknowledgement"),
                "  ",
                "    ");
        wrap(
                // counted as the review counts them: a check-in is a reminder before the deadline, a failure is a
                // failed write (one handover may fail several times before it is written)
                reminders(kinds.getOrDefault("check-in", 0L), kinds.getOrDefault("reminder", 0L)) + ", "
                        + count(kinds.getOrDefault("escalation", 0L), "escalation") + ", "
                        + count(kinds.getOrDefault("done", 0L), "action") + " done, "
                        + count(kinds.getOrDefault("failed", 0L), "failed write") + " tried again later",
                "  ",
                "    ");
        wrap(
                "the CRM: " + count(day.stats().calls(), "API call") + ", "
                        + day.stats().writes()
                        + " of them writes, " + day.stats().failures() + " failed during the outage; "
                        + count(day.stats().notes(), "handover note") + " for "
                        + count(day.stats().handovers(), "handover"),
                "  ",
                "    ");
        long held = day.checks().stream().filter(DemoDay.Check::passed).count();
        out.println("  the day's own checks: " + held + " of " + day.checks().size() + " held"
                + (day.passed() ? "" : " — see ✗ above"));
        out.println();
    }

    // ------------------------------------------------------------------------------------------ layout

    private void heading(String title) {
        out.println(title);
    }

    /** "8 reminders (4 check-ins before a deadline, 4 after)", the words of the review. */
    static String reminders(long checkIns, long after) {
        String total = count(checkIns + after, "reminder");
        return checkIns == 0
                ? total
                : total + " (" + count(checkIns, "check-in") + " before a deadline, " + after + " after)";
    }

    private static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static String pad(String label) {
        return String.format("%-" + LABEL + "s", label);
    }

    /** Prints text wrapped at the width: the first line after {@code first}, the others after {@code rest}. */
    private void wrap(String text, String first, String rest) {
        wrapped(text, first, rest).forEach(out::println);
    }

    static List<String> wrapped(String text, String first, String rest) {
        // a line's own indentation (a note's section items) stays, also on its continuation lines
        int lead = text.length() - text.stripLeading().length();
        if (lead > 0) {
            first = first + text.substring(0, lead);
            rest = rest + " ".repeat(lead);
            text = text.substring(lead);
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        int start = first.length();
        for (String word : text.split(" ", -1)) {
            while (start + word.length() > WIDTH && word.length() > WIDTH - rest.length()) {
                // a word longer than a line (a trailer's field): cut it where the line ends
                int room = WIDTH - line.length() - (line.length() > start ? 1 : 0);
                if (room <= 0) {
                    lines.add(line.toString().stripTrailing());
                    line = new StringBuilder(rest);
                    start = rest.length();
                    continue;
                }
                if (line.length() > start) {
                    line.append(' ');
                }
                line.append(word, 0, room);
                word = word.substring(room);
                lines.add(line.toString());
                line = new StringBuilder(rest);
                start = rest.length();
            }
            if (line.length() > start && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString().stripTrailing());
                line = new StringBuilder(rest);
                start = rest.length();
            }
            if (line.length() > start) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString().stripTrailing());
        return lines;
    }

    /** A deadline in words, as the policy's own description writes it: {@code 30 min}, {@code 2 h 30 min}, {@code 3 d}. */
    private static String inWords(Duration d) {
        long minutes = d.toMinutes();
        if (minutes == 0) {
            return d.toSeconds() + " s";
        }
        List<String> parts = new ArrayList<>();
        if (minutes >= 60 * 24) {
            parts.add(minutes / (60 * 24) + " d");
        }
        if ((minutes / 60) % 24 > 0) {
            parts.add((minutes / 60) % 24 + " h");
        }
        if (minutes % 60 > 0) {
            parts.add(minutes % 60 + " min");
        }
        return String.join(" ", parts);
    }
}
