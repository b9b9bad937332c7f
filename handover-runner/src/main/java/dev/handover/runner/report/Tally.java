package dev.handover.runner.report;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.event.HandoverEvent.AcknowledgementMethod;
import dev.handover.core.note.NoteSection;
import dev.handover.core.policy.HandoverReason;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Works out the figures of a period from journal entries in one pass plus a sort of the handovers.
 *
 * <p>Two kinds of figure: what happened in the period (refusals, reminders, escalations, completions, feedback: events
 * with {@code from <= at < until}), and what became of the period's handovers by the end of it (acknowledgement, note
 * completeness, bounces, chains: the handovers executed in the period, followed by any later event before
 * {@code until}). Earlier entries are context only: the handover a bounce answers may precede the period.
 *
 * <p>A line written twice counts once: handovers by handover id, acknowledgements and re-targets by handover, action
 * completions by handover and item, reminders by handover, item, kind and number, escalations by handover, item and
 * level, closed follow-ups by handover, anything else when the whole event is equal.
 */
final class Tally {
    /**
     * The rule id the engine writes when it returns a ticket to its owner back from an absence: a planned hand-back,
     * never a bounce.
     */
    static final String RETURN_RULE = "hand-back";

    /** A hand-back this soon is a bounce: the policy's default ping-pong window. */
    static final Duration BOUNCE_WINDOW = Duration.ofHours(4);

    static final int TOP_CAUSES = 5;
    static final int LONGEST_CHAINS = 5;
    static final int COMMENTS = 10;
    static final int MAX_PATH = 12;
    static final int MAX_DAYS = 366;
    static final String NO_TEAM = "no team";
    static final String QUEUE = "(a queue)";
    static final String UNASSIGNED = "(unassigned)";

    /** Latency buckets: upper bounds in minutes, the last open. */
    private static final long[] BUCKET_LIMITS = {15, 30, 60, 120, 240, 480};

    private static final List<String> BUCKET_LABELS =
            List.of("< 15 min", "15–30 min", "30–60 min", "1–2 h", "2–4 h", "4–8 h", "8 h or more");
    private static final List<String> BUCKET_KEYS = List.of("0-15m", "15-30m", "30-60m", "1-2h", "2-4h", "4-8h", "8h+");
    private static final List<String> CHAIN_KEYS = List.of("1", "2", "3", "4+");

    private final Instant from;
    private final Instant until;
    private final Map<AgentId, String> names = new HashMap<>();
    private final Map<AgentId, Instant> namedAt = new HashMap<>();
    private final Set<Object> seen = new HashSet<>();
    private final Map<HandoverId, Labelled<HandoverEvent.Executed>> executedById = new HashMap<>();
    private List<Labelled<HandoverEvent.Executed>> executed = List.of();
    private final Map<HandoverId, HandoverEvent.Acknowledged> acknowledged = new HashMap<>();
    private final Set<HandoverId> retargeted = new HashSet<>();
    private final List<HandoverEvent.Refused> refused = new ArrayList<>();
    private final List<HandoverEvent.Failed> failed = new ArrayList<>();
    private final List<HandoverEvent.ActionCompleted> completed = new ArrayList<>();
    private final List<HandoverEvent.Reminded> reminded = new ArrayList<>();
    private final List<HandoverEvent.Escalated> escalated = new ArrayList<>();
    private final List<HandoverEvent.FollowUpClosed> closed = new ArrayList<>();
    private final List<HandoverEvent.FeedbackGiven> feedback = new ArrayList<>();
    private long reconciled;
    private Instant firstInPeriod;
    private Instant lastInPeriod;

    private Tally(Instant from, Instant until) {
        this.from = from;
        this.until = until;
    }

    /** An event with the labels of its journal line. */
    private record Labelled<E extends HandoverEvent>(E event, Map<String, String> labels) {}

    /** The figures of the period {@code [from, until)}. */
    static Figures of(List<JournalEntry> entries, Instant from, Instant until) {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("the period must end after it starts: " + from + " – " + until);
        }
        Tally t = new Tally(from, until);
        for (JournalEntry e : entries) {
            t.read(e);
        }
        return t.figures();
    }

    private boolean inPeriod(Instant at) {
        return !at.isBefore(from) && at.isBefore(until);
    }

    private void read(JournalEntry entry) {
        HandoverEvent event = entry.event();
        Instant at = event.at();
        if (!at.isBefore(until)) {
            return; // after the period: the review is as of its end
        }
        learnNames(entry);
        boolean in = !at.isBefore(from);
        if (in) {
            firstInPeriod = firstInPeriod == null || at.isBefore(firstInPeriod) ? at : firstInPeriod;
            lastInPeriod = lastInPeriod == null || at.isAfter(lastInPeriod) ? at : lastInPeriod;
        }
        if (event instanceof HandoverEvent.Executed x) {
            // a handover's records (the original, a replay's) resolve the same in any journal order
            executedById.merge(x.handover(), new Labelled<>(x, entry.labels()), Tally::preferred);
        } else if (event instanceof HandoverEvent.Acknowledged a) {
            acknowledged.merge(a.handover(), a, (p, q) -> q.acknowledgedAt().isBefore(p.acknowledgedAt()) ? q : p);
        } else if (event instanceof HandoverEvent.Retargeted r) {
            retargeted.add(r.handover());
        } else if (!in) {
            return; // the rest counts only in the period it happened in
        } else if (event instanceof HandoverEvent.ActionCompleted c) {
            addOnce(completed, c, List.of("completed", c.handover(), c.item()));
        } else if (event instanceof HandoverEvent.Reminded r) {
            addOnce(reminded, r, List.of("reminded", r.handover(), r.item(), r.kind(), r.count()));
        } else if (event instanceof HandoverEvent.Escalated x) {
            addOnce(escalated, x, List.of("escalated", x.handover(), x.item(), x.level()));
        } else if (event instanceof HandoverEvent.FollowUpClosed c) {
            addOnce(closed, c, List.of("closed", c.handover()));
        } else if (event instanceof HandoverEvent.Refused r) {
            addOnce(refused, r, r);
        } else if (event instanceof HandoverEvent.Failed f) {
            addOnce(failed, f, f);
        } else if (event instanceof HandoverEvent.FeedbackGiven f) {
            addOnce(feedback, f, f);
        } else if (event instanceof HandoverEvent.Reconciled r && seen.add(r)) {
            reconciled++;
        }
    }

    private <E> void addOnce(List<E> list, E event, Object key) {
        if (seen.add(key)) {
            list.add(event);
        }
    }

    /** Keeps the newest name the worker wrote for each agent. */
    private void learnNames(JournalEntry e) {
        HandoverEvent ev = e.event();
        if (ev instanceof HandoverEvent.Executed x) {
            x.from().ifPresent(id -> learn(id, e.labels().get("from"), ev.at()));
            x.to().ifPresent(id -> learn(id, e.labels().get("to"), ev.at()));
        } else if (ev instanceof HandoverEvent.FeedbackGiven f) {
            learn(f.from(), e.labels().get("from"), ev.at());
        } else if (ev instanceof HandoverEvent.Retargeted r) {
            learn(r.from(), e.labels().get("from"), ev.at());
        } else if (ev instanceof HandoverEvent.Reminded r) {
            learn(r.to(), e.labels().get("to"), ev.at());
        }
    }

    private void learn(AgentId id, String name, Instant at) {
        // the newest label names the agent (a renamed agent shows by the new name), whatever the journal order
        if (name != null && !name.isBlank() && !at.isBefore(namedAt.getOrDefault(id, Instant.MIN))) {
            Instant before = namedAt.put(id, at);
            if (before == null || at.isAfter(before) || name.strip().compareTo(names.get(id)) < 0) {
                names.put(id, name.strip());
            }
        }
    }

    private String name(AgentId id) {
        return names.getOrDefault(id, id.value());
    }

    private static String team(Labelled<HandoverEvent.Executed> x) {
        String team = x.labels().get("team");
        if (team != null && !team.isBlank()) {
            return team.strip();
        }
        String group = x.labels().get("group");
        if (group != null && !group.isBlank()) {
            return group.strip();
        }
        return x.event().group().map(g -> g.value()).orElse(NO_TEAM);
    }

    /** Who holds the ticket after this handover: the agent, else the team. */
    private String holder(Labelled<HandoverEvent.Executed> x) {
        return x.event().to().map(this::name).orElseGet(() -> {
            String team = team(x);
            return team.equals(NO_TEAM) ? QUEUE : team;
        });
    }

    /** Of two records of one handover: the original over a replay, then the earlier. */
    private static Labelled<HandoverEvent.Executed> preferred(
            Labelled<HandoverEvent.Executed> a, Labelled<HandoverEvent.Executed> b) {
        if (a.event().replayed() != b.event().replayed()) {
            return a.event().replayed() ? b : a;
        }
        return b.event().at().isBefore(a.event().at()) ? b : a;
    }

    // ------------------------------------------------------------------------------------------ the figures

    private Figures figures() {
        executed = executedById.values().stream()
                .sorted(Comparator.comparing((Labelled<HandoverEvent.Executed> x) ->
                                x.event().at())
                        .thenComparing(x -> x.event().handover().value()))
                .toList();
        List<Labelled<HandoverEvent.Executed>> cohort =
                executed.stream().filter(x -> inPeriod(x.event().at())).toList();
        Figures figures = new Figures(
                from,
                until,
                volume(cohort),
                refusals(),
                failures(),
                acks(cohort),
                actions(),
                reminders(),
                escalations(),
                followUps(),
                bounces(),
                chains(cohort),
                notes(cohort),
                feedback(),
                List.of());
        return figures.withSuggestions(Suggestions.of(figures, feedbackReceiversBySection()));
    }

    private Figures.Volume volume(List<Labelled<HandoverEvent.Executed>> cohort) {
        Counter reasons = new Counter();
        Counter teams = new Counter();
        Counter receivers = new Counter();
        Counter senders = new Counter();
        long replayed = 0;
        long notified = 0;
        for (Labelled<HandoverEvent.Executed> l : cohort) {
            HandoverEvent.Executed x = l.event();
            reasons.add(
                    x.reason(),
                    HandoverReason.builtIn(x.reason())
                            .map(HandoverReason::label)
                            .orElse(x.reason()));
            String team = team(l);
            teams.add(team, team);
            x.to().ifPresentOrElse(id -> receivers.add(id.value(), name(id)), () -> receivers.add("", QUEUE));
            x.from().ifPresentOrElse(id -> senders.add(id.value(), name(id)), () -> senders.add("", UNASSIGNED));
            replayed += x.replayed() ? 1 : 0;
            notified += x.customerNotified() ? 1 : 0;
        }
        return new Figures.Volume(
                cohort.size(),
                replayed,
                notified,
                reasons.mostFirst(),
                teams.mostFirst(),
                receivers.mostFirst(),
                senders.mostFirst(),
                perDay(cohort));
    }

    private List<Figures.Day> perDay(List<Labelled<HandoverEvent.Executed>> cohort) {
        LocalDate first;
        LocalDate last;
        if (Duration.between(from, until).toDays() <= MAX_DAYS) {
            first = date(from);
            last = date(until.minusNanos(1));
        } else if (firstInPeriod != null) {
            // an open-ended period: the days that have events
            first = date(firstInPeriod);
            last = date(lastInPeriod);
        } else {
            return List.of();
        }
        Map<LocalDate, long[]> days = new TreeMap<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.put(d, new long[4]);
        }
        for (Labelled<HandoverEvent.Executed> l : cohort) {
            long[] day = days.get(date(l.event().at()));
            day[0]++;
            day[1] += l.event().missing().isEmpty() ? 0 : 1;
        }
        refused.forEach(r -> days.get(date(r.at()))[2]++);
        failed.forEach(f -> days.get(date(f.at()))[3]++);
        List<Figures.Day> out = new ArrayList<>(days.size());
        days.forEach((d, c) -> out.add(new Figures.Day(d, c[0], c[1], c[2], c[3])));
        return List.copyOf(out);
    }

    private static LocalDate date(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private Figures.Refusals refusals() {
        Counter causes = new Counter();
        Set<TicketId> tickets = new HashSet<>();
        long guard = 0;
        for (HandoverEvent.Refused r : refused) {
            String cause = Causes.refusal(r.why());
            causes.add(cause, cause);
            tickets.add(r.ticket());
            guard += r.why().contains(Causes.PING_PONG) ? 1 : 0;
        }
        return new Figures.Refusals(refused.size(), tickets.size(), guard, causes.top(TOP_CAUSES));
    }

    private Figures.Failures failures() {
        Counter causes = new Counter();
        long retryable = 0;
        for (HandoverEvent.Failed f : failed) {
            String cause = Causes.normalize(f.error());
            causes.add(cause, cause);
            retryable += f.retryable() ? 1 : 0;
        }
        return new Figures.Failures(failed.size(), retryable, causes.top(TOP_CAUSES));
    }

    private Figures.Acks acks(List<Labelled<HandoverEvent.Executed>> cohort) {
        long needed = 0;
        long late = 0;
        long retargets = 0;
        long pending = 0;
        long overdue = 0;
        List<Duration> latencies = new ArrayList<>();
        Counter methods = new Counter();
        Counter buckets = new Counter();
        for (Labelled<HandoverEvent.Executed> l : cohort) {
            HandoverEvent.Executed x = l.event();
            if (x.acknowledgeBy().isEmpty()) {
                continue;
            }
            needed++;
            Instant by = x.acknowledgeBy().get();
            HandoverEvent.Acknowledged a = acknowledged.get(x.handover());
            if (a != null) {
                latencies.add(a.latency());
                late += a.acknowledgedAt().isAfter(by) ? 1 : 0;
                methods.add(a.method().name(), method(a.method()));
                int b = bucket(a.latency());
                buckets.add(BUCKET_KEYS.get(b), BUCKET_LABELS.get(b));
            } else if (retargeted.contains(x.handover())) {
                // re-targeted and later acknowledged after all counts as acknowledged
                retargets++;
            } else {
                pending++;
                overdue += by.isBefore(until) ? 1 : 0;
            }
        }
        latencies.sort(Comparator.naturalOrder());
        List<String> methodKeys =
                Arrays.stream(AcknowledgementMethod.values()).map(Enum::name).toList();
        return new Figures.Acks(
                needed,
                latencies.size(),
                late,
                retargets,
                pending,
                overdue,
                percentile(latencies, 50),
                percentile(latencies, 90),
                methods.inOrder(methodKeys, k -> method(AcknowledgementMethod.valueOf(k))),
                buckets.inOrder(BUCKET_KEYS, k -> BUCKET_LABELS.get(BUCKET_KEYS.indexOf(k))));
    }

    private static String method(AcknowledgementMethod m) {
        return switch (m) {
            case EXPLICIT -> "explicitly (CLI, webhook)";
            case TASK -> "by completing the task";
            case COMMENT -> "by commenting";
        };
    }

    private static int bucket(Duration latency) {
        long minutes = latency.toMinutes();
        for (int i = 0; i < BUCKET_LIMITS.length; i++) {
            if (minutes < BUCKET_LIMITS[i]) {
                return i;
            }
        }
        return BUCKET_LIMITS.length;
    }

    /**
     * The nearest-rank percentile: the smallest value such that at least {@code p}% of the values are at or below it,
     * that is the value at rank ⌈p/100 × n⌉ (1-based) of the sorted values. Integer arithmetic keeps 90% of 10 at rank
     * 9.
     */
    static Optional<Duration> percentile(List<Duration> sorted, int p) {
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        int n = sorted.size();
        int rank = (int) (((long) p * n + 99) / 100);
        return Optional.of(sorted.get(Math.max(rank, 1) - 1));
    }

    private Figures.Actions actions() {
        long onTime =
                completed.stream().filter(HandoverEvent.ActionCompleted::onTime).count();
        return new Figures.Actions(completed.size(), onTime);
    }

    private Figures.Reminders reminders() {
        Counter kinds = new Counter();
        reminded.forEach(r -> kinds.add(r.kind(), r.kind()));
        return new Figures.Reminders(reminded.size(), kinds.mostFirst());
    }

    private Figures.Escalations escalations() {
        Map<Integer, long[]> levels = new TreeMap<>();
        Map<String, Causes.Kind> kinds = new LinkedHashMap<>();
        Counter causes = new Counter();
        Map<String, Counter> impacts = new HashMap<>();
        long nobody = 0;
        for (HandoverEvent.Escalated x : escalated) {
            levels.computeIfAbsent(x.level(), k -> new long[1])[0]++;
            Causes.Kind kind = Causes.notDone(x.why());
            kinds.putIfAbsent(kind.key(), kind);
            causes.add(kind.key(), kind.label());
            // impacts name times ("… by Tue 3 Mar 14:00 UTC"): grouped without them, or none would repeat
            String impact = Causes.normalize(x.impact());
            impacts.computeIfAbsent(kind.key(), k -> new Counter()).add(impact, impact);
            nobody += x.to().equals("nobody") ? 1 : 0;
        }
        List<Figures.Count> byLevel = new ArrayList<>();
        levels.forEach((level, c) -> byLevel.add(new Figures.Count(level.toString(), "level " + level, c[0])));
        List<Figures.Cause> byCause = causes.mostFirst().stream()
                .map(c -> new Figures.Cause(
                        c.key(),
                        c.label(),
                        c.count(),
                        impacts.get(c.key()).top(3).stream()
                                .map(Figures.Count::label)
                                .toList()))
                .toList();
        return new Figures.Escalations(escalated.size(), nobody, List.copyOf(byLevel), byCause);
    }

    private Figures.FollowUps followUps() {
        Counter outcomes = new Counter();
        closed.forEach(c -> outcomes.add(c.outcome(), c.outcome()));
        return new Figures.FollowUps(closed.size(), outcomes.mostFirst(), reconciled);
    }

    /** B hands a ticket straight back to A, who handed it to B less than the window before. */
    private Figures.Bounces bounces() {
        Map<TicketId, HandoverEvent.Executed> last = new HashMap<>();
        Counter pairs = new Counter();
        long count = 0;
        for (Labelled<HandoverEvent.Executed> l : executed) {
            HandoverEvent.Executed x = l.event();
            HandoverEvent.Executed prev = last.put(x.ticket(), x);
            if (prev != null && inPeriod(x.at()) && isBounce(prev, x)) {
                count++;
                AgentId a = x.to().get();
                AgentId b = x.from().get();
                if (a.compareTo(b) > 0) {
                    AgentId t = a;
                    a = b;
                    b = t;
                }
                pairs.add(a.value() + "|" + b.value(), name(a) + " ⇄ " + name(b));
            }
        }
        long guard =
                refused.stream().filter(r -> r.why().contains(Causes.PING_PONG)).count();
        return new Figures.Bounces(count, BOUNCE_WINDOW, guard, pairs.top(TOP_CAUSES));
    }

    private static boolean isBounce(HandoverEvent.Executed prev, HandoverEvent.Executed x) {
        return !x.rule().equals(RETURN_RULE)
                && prev.from().isPresent()
                && prev.to().isPresent()
                && x.from().equals(prev.to())
                && x.to().equals(prev.from())
                && Duration.between(prev.at(), x.at()).compareTo(BOUNCE_WINDOW) < 0;
    }

    private Figures.Chains chains(List<Labelled<HandoverEvent.Executed>> cohort) {
        Map<TicketId, Integer> longest = new HashMap<>();
        for (Labelled<HandoverEvent.Executed> l : cohort) {
            longest.merge(l.event().ticket(), Math.max(1, l.event().chainLength()), Math::max);
        }
        Counter distribution = new Counter();
        longest.values().forEach(n -> {
            String key = n >= 4 ? "4+" : n.toString();
            distribution.add(key, chainLabel(key));
        });
        List<Map.Entry<TicketId, Integer>> top = longest.entrySet().stream()
                .sorted(Map.Entry.<TicketId, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(LONGEST_CHAINS)
                .toList();
        Map<TicketId, List<String>> paths = new HashMap<>();
        top.forEach(e -> paths.put(e.getKey(), new ArrayList<>()));
        for (Labelled<HandoverEvent.Executed> l : executed) {
            List<String> path = paths.get(l.event().ticket());
            if (path != null) {
                if (path.isEmpty()) {
                    path.add(l.event().from().map(this::name).orElse(UNASSIGNED));
                }
                path.add(holder(l));
            }
        }
        List<Figures.Chain> chains = top.stream()
                .map(e -> new Figures.Chain(e.getKey().value(), e.getValue(), shorten(paths.get(e.getKey()))))
                .toList();
        return new Figures.Chains(longest.size(), distribution.inOrder(CHAIN_KEYS, Tally::chainLabel), chains);
    }

    private static String chainLabel(String key) {
        return switch (key) {
            case "1" -> "1 handover";
            case "4+" -> "4 or more";
            default -> key + " handovers";
        };
    }

    private static List<String> shorten(List<String> path) {
        if (path.size() <= MAX_PATH) {
            return List.copyOf(path);
        }
        List<String> out = new ArrayList<>();
        out.add("…");
        out.addAll(path.subList(path.size() - MAX_PATH + 1, path.size()));
        return List.copyOf(out);
    }

    private static Figures.Notes notes(List<Labelled<HandoverEvent.Executed>> cohort) {
        Counter missing = new Counter();
        long complete = 0;
        for (Labelled<HandoverEvent.Executed> l : cohort) {
            List<NoteSection> m = l.event().missing();
            complete += m.isEmpty() ? 1 : 0;
            // a section listed twice in one event is missing from one note
            new LinkedHashSet<>(m).forEach(s -> missing.add(s.name(), Format.capitalized(s.label())));
        }
        return new Figures.Notes(complete, missing.mostFirst());
    }

    private Figures.Feedback feedback() {
        Counter sections = new Counter();
        Set<AgentId> receivers = new HashSet<>();
        for (HandoverEvent.FeedbackGiven f : feedback) {
            receivers.add(f.from());
            new LinkedHashSet<>(f.missing()).forEach(s -> sections.add(s.name(), Format.capitalized(s.label())));
        }
        List<Figures.Comment> comments = feedback.stream()
                .filter(f -> !f.comment().isBlank())
                .sorted(Comparator.comparing(HandoverEvent.FeedbackGiven::at).reversed())
                .limit(COMMENTS)
                .map(f -> new Figures.Comment(
                        f.at(),
                        f.ticket().value(),
                        f.handover().value(),
                        name(f.from()),
                        f.missing().stream().map(NoteSection::label).toList(),
                        f.comment().strip()))
                .toList();
        return new Figures.Feedback(feedback.size(), receivers.size(), sections.mostFirst(), comments);
    }

    /** For each section, how many different receivers named it missing or unclear. */
    private Map<String, Long> feedbackReceiversBySection() {
        Map<String, Set<AgentId>> by = new HashMap<>();
        for (HandoverEvent.FeedbackGiven f : feedback) {
            f.missing()
                    .forEach(s ->
                            by.computeIfAbsent(s.name(), k -> new HashSet<>()).add(f.from()));
        }
        Map<String, Long> out = new HashMap<>();
        by.forEach((k, v) -> out.put(k, (long) v.size()));
        return out;
    }
}
