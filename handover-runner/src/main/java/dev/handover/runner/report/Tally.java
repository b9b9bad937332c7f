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
import java.time.ZoneId;
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
 *
 * <p>Beside each figure it collects the rows behind it ({@link Evidence}): the list of a figure is named by the
 * figure's path in the JSON document, and a row is shared by every list it is in.
 */
final class Tally {
    /**
     * The rule id the engine writes when it returns a ticket to its owner back from an absence: a planned hand-back,
     * never a bounce.
     */
    static final String RETURN_RULE = "hand-back";

    /**
     * The engine's default ping-pong window, {@link ReviewOptions#DEFAULT_BOUNCE_WINDOW}; a review uses
     * {@link ReviewOptions#bounceWindow()}.
     */
    static final Duration BOUNCE_WINDOW = ReviewOptions.DEFAULT_BOUNCE_WINDOW;

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
    private final ReviewOptions options;
    private final ZoneId zone;
    /** Collects the rows behind the figures; off for the comparison period, which shows figures only. */
    private final boolean collect;

    private final Evidence evidence = new Evidence();
    private final Set<HandoverId> bounced = new HashSet<>();
    private final Map<AgentId, String> names = new HashMap<>();
    private final Map<AgentId, Instant> namedAt = new HashMap<>();
    private final Set<Object> seen = new HashSet<>();
    private final Map<HandoverId, Labelled<HandoverEvent.Executed>> executedById = new HashMap<>();
    private List<Labelled<HandoverEvent.Executed>> executed = List.of();
    private final Map<HandoverId, HandoverEvent.Acknowledged> acknowledged = new HashMap<>();
    private final Set<HandoverId> retargeted = new HashSet<>();
    private final Map<HandoverId, HandoverEvent.Retargeted> firstRetarget = new HashMap<>();
    private final List<HandoverEvent.Reconciled> reconciledEvents = new ArrayList<>();
    private final Map<Object, HandoverEvent.Refused> refusedOnce = new HashMap<>();
    private List<HandoverEvent.Refused> refused = List.of();
    private final Map<Object, HandoverEvent.Failed> failedOnce = new HashMap<>();
    private List<HandoverEvent.Failed> failed = List.of();
    private final Map<Object, HandoverEvent.ActionCompleted> completedOnce = new HashMap<>();
    private List<HandoverEvent.ActionCompleted> completed = List.of();
    private final Map<Object, HandoverEvent.Reminded> remindedOnce = new HashMap<>();
    private List<HandoverEvent.Reminded> reminded = List.of();
    private final Map<Object, HandoverEvent.Escalated> escalatedOnce = new HashMap<>();
    private List<HandoverEvent.Escalated> escalated = List.of();
    private final Map<Object, HandoverEvent.FollowUpClosed> closedOnce = new HashMap<>();
    private List<HandoverEvent.FollowUpClosed> closed = List.of();
    private final Map<Object, HandoverEvent.FeedbackGiven> feedbackOnce = new HashMap<>();
    private List<HandoverEvent.FeedbackGiven> feedback = List.of();
    private long reconciled;
    private Instant firstInPeriod;
    private Instant lastInPeriod;

    private Tally(Instant from, Instant until, ReviewOptions options, boolean collect) {
        this.from = from;
        this.until = until;
        this.options = options;
        this.zone = options.zone();
        this.collect = collect;
    }

    /** An event with the labels of its journal line. */
    private record Labelled<E extends HandoverEvent>(E event, Map<String, String> labels) {}

    /** The figures of the period {@code [from, until)} with default options, without the comparison. */
    static Figures of(List<JournalEntry> entries, Instant from, Instant until) {
        return of(entries, from, until, ReviewOptions.defaults(), true);
    }

    /**
     * The figures of the period {@code [from, until)}.
     *
     * @param collect whether to keep the rows behind the figures (and the list of what is worth a look)
     */
    static Figures of(List<JournalEntry> entries, Instant from, Instant until, ReviewOptions options, boolean collect) {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(options, "options");
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("the period must end after it starts: " + from + " – " + until);
        }
        Tally t = new Tally(from, until, options, collect);
        for (JournalEntry e : entries) {
            t.read(e);
        }
        return t.figures();
    }

    /** The headline figures of {@code [from, until)}, for comparison with the period after it. */
    static Figures.Previous previous(List<JournalEntry> entries, Instant from, Instant until, ReviewOptions options) {
        Tally t = new Tally(from, until, options, false);
        for (JournalEntry e : entries) {
            t.read(e);
        }
        Figures f = t.figures();
        long n = f.volume().handovers();
        return new Figures.Previous(
                from,
                until,
                t.firstInPeriod != null,
                n,
                Figures.share(f.acks().acknowledged(), f.acks().needed()),
                f.acks().late(),
                f.acks().p50(),
                Figures.share(f.actions().onTime(), f.actions().completed()),
                f.escalations().total(),
                Figures.share(f.bounces().count(), n),
                Figures.share(f.notes().complete(), n));
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
            firstRetarget.merge(r.handover(), r, (p, q) -> q.at().isBefore(p.at()) ? q : p);
        } else if (!in) {
            return; // the rest counts only in the period it happened in
        } else if (event instanceof HandoverEvent.ActionCompleted c) {
            addOnce(completedOnce, c, List.of("completed", c.handover(), c.item()));
        } else if (event instanceof HandoverEvent.Reminded r) {
            addOnce(remindedOnce, r, List.of("reminded", r.handover(), r.item(), r.kind(), r.count()));
        } else if (event instanceof HandoverEvent.Escalated x) {
            addOnce(escalatedOnce, x, List.of("escalated", x.handover(), x.item(), x.level()));
        } else if (event instanceof HandoverEvent.FollowUpClosed c) {
            addOnce(closedOnce, c, List.of("closed", c.handover()));
        } else if (event instanceof HandoverEvent.Refused r) {
            addOnce(refusedOnce, r, r);
        } else if (event instanceof HandoverEvent.Failed f) {
            addOnce(failedOnce, f, f);
        } else if (event instanceof HandoverEvent.FeedbackGiven f) {
            addOnce(feedbackOnce, f, f);
        } else if (event instanceof HandoverEvent.Reconciled r && seen.add(r)) {
            reconciled++;
            reconciledEvents.add(r);
        }
    }

    /**
     * Keeps one event per key: of a line journaled twice with different times (a completion recorded again after a
     * restart), the earliest, so that the rows shown do not depend on the journal's order.
     */
    private static <E extends HandoverEvent> void addOnce(Map<Object, E> once, E event, Object key) {
        once.merge(key, event, (p, q) -> EARLIEST.compare(q, p) < 0 ? q : p);
    }

    private static final Comparator<HandoverEvent> EARLIEST =
            Comparator.comparing(HandoverEvent::at).thenComparing(Object::toString);

    /** Oldest first; ties in any order (every list of rows is sorted again, by its rows' fields). */
    private static <E extends HandoverEvent> List<E> inOrder(Map<Object, E> once) {
        List<E> out = new ArrayList<>(once.values());
        out.sort(Comparator.comparing(HandoverEvent::at));
        return out;
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

    private String team(Labelled<HandoverEvent.Executed> x) {
        String team = x.labels().get("team");
        if (team != null && !team.isBlank()) {
            return team.strip();
        }
        String group = x.labels().get("group");
        if (group != null && !group.isBlank()) {
            return group.strip();
        }
        // the policy's name for the group, when the worker wrote no label
        return x.event()
                .group()
                .map(g -> options.teamNames().getOrDefault(g.value(), g.value()))
                .orElse(NO_TEAM);
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

    // ------------------------------------------------------------------------------------------ the rows

    private String nameOrEmpty(Optional<AgentId> id, String none) {
        return id.map(this::name).orElse(none);
    }

    /** A row about an event of a handover: who gave it to whom as the handover's record says, when it is known. */
    private Evidence.Row row(HandoverEvent e, TicketId ticket, HandoverId handover, String what) {
        Labelled<HandoverEvent.Executed> x = handover == null ? null : executedById.get(handover);
        String t = x != null ? x.event().ticket().value() : ticket.value();
        String fromName = x == null ? "" : nameOrEmpty(x.event().from(), UNASSIGNED);
        String toName = x == null ? "" : holder(x);
        return evidence.row(e.at(), e.type(), t, handover == null ? "" : handover.value(), fromName, toName, what);
    }

    private Evidence.Row handoverRow(Labelled<HandoverEvent.Executed> l) {
        HandoverEvent.Executed x = l.event();
        StringBuilder what = new StringBuilder("handed over: ")
                .append(reasonLabel(x.reason()))
                .append(" (rule ")
                .append(x.rule())
                .append(')');
        if (!x.missing().isEmpty()) {
            what.append("; note missing ")
                    .append(String.join(
                            ", ",
                            new LinkedHashSet<>(x.missing())
                                    .stream().map(NoteSection::label).toList()));
        }
        x.acknowledgeBy().ifPresent(by -> what.append("; acknowledge by ").append(Format.shortTime(by, zone)));
        if (x.chainLength() > 1) {
            what.append("; handover ").append(x.chainLength()).append(" of the ticket");
        }
        if (x.replayed()) {
            what.append("; known from a replay");
        }
        return row(x, x.ticket(), x.handover(), what.toString());
    }

    private Evidence.Row ackRow(HandoverEvent.Acknowledged a, Instant by) {
        String when = a.acknowledgedAt().isAfter(by)
                ? Format.duration(Duration.between(by, a.acknowledgedAt())) + " after the deadline ("
                        + Format.shortTime(by, zone) + ")"
                : "in time";
        return row(
                a,
                a.ticket(),
                a.handover(),
                "acknowledged by " + name(a.by()) + " after " + Format.duration(a.latency()) + ", " + when + ", "
                        + method(a.method()));
    }

    private Evidence.Row retargetRow(HandoverEvent.Retargeted r) {
        return row(
                r,
                r.ticket(),
                r.handover(),
                "never acknowledged by " + name(r.from()) + "; re-targeted to " + nameOf(r.to()) + " (handover "
                        + r.replacement().value() + ")");
    }

    private Evidence.Row escalationRow(HandoverEvent.Escalated x) {
        String to = x.to().equals("nobody") ? "nobody (the ladder ran out)" : nameOf(x.to());
        return row(
                x,
                x.ticket(),
                x.handover(),
                "escalated (level " + x.level() + ") to " + to + ": " + x.item() + " not done — "
                        + Causes.notDone(x.why()).label().toLowerCase(java.util.Locale.ROOT) + "; impact: "
                        + x.impact());
    }

    /** An agent's name for an id the event carries as text (an agent or a group), else the text. */
    private String nameOf(String agentOrGroup) {
        if (namesByText == null) {
            // not AgentId.of(text): the text may be a group id or something no agent id could be
            namesByText = new HashMap<>();
            names.forEach((id, name) -> namesByText.put(id.value(), name));
        }
        // the engine writes a step's recipient as "agent <id>" or "group <id>" (Execution, Checkpoint)
        if (agentOrGroup.startsWith("agent ")) {
            String id = agentOrGroup.substring("agent ".length());
            return namesByText.getOrDefault(id, agentOrGroup);
        }
        if (agentOrGroup.startsWith("group ")) {
            String id = agentOrGroup.substring("group ".length());
            String name = options.teamNames().get(id);
            return name != null ? name : agentOrGroup;
        }
        return namesByText.getOrDefault(agentOrGroup, agentOrGroup);
    }

    private Map<String, String> namesByText;

    private Evidence.Row bounceRow(HandoverEvent.Executed prev, Labelled<HandoverEvent.Executed> l) {
        HandoverEvent.Executed x = l.event();
        Evidence.Row r = row(
                x,
                x.ticket(),
                x.handover(),
                "bounced back to " + name(x.to().get()) + " "
                        + Format.duration(Duration.between(prev.at(), x.at())) + " after they handed it over ("
                        + prev.handover().value() + ", " + reasonLabel(x.reason()) + ")");
        return evidence.row(r.at(), "bounce", r.ticket(), r.handover(), r.from(), r.to(), r.what());
    }

    private Evidence.Row feedbackRow(HandoverEvent.FeedbackGiven f) {
        StringBuilder what = new StringBuilder("feedback from ").append(name(f.from()));
        if (!f.missing().isEmpty()) {
            what.append(": missing or unclear ")
                    .append(String.join(
                            ", ",
                            new LinkedHashSet<>(f.missing())
                                    .stream().map(NoteSection::label).toList()));
        }
        if (!f.comment().isBlank()) {
            what.append(" — “").append(Format.shorten(f.comment().strip(), 300)).append('”');
        }
        return row(f, f.ticket(), f.handover(), what.toString());
    }

    private static String reasonLabel(String code) {
        return HandoverReason.builtIn(code).map(HandoverReason::label).orElse(code);
    }

    private void add(String list, Evidence.Row row) {
        if (collect) {
            evidence.add(list, row);
        }
    }

    private static String of(String figure, String key) {
        return Evidence.of(figure, key);
    }

    // ------------------------------------------------------------------------------------------ the figures

    private Figures figures() {
        refused = inOrder(refusedOnce);
        failed = inOrder(failedOnce);
        completed = inOrder(completedOnce);
        reminded = inOrder(remindedOnce);
        escalated = inOrder(escalatedOnce);
        closed = inOrder(closedOnce);
        feedback = inOrder(feedbackOnce);
        executed = executedById.values().stream()
                .sorted(Comparator.comparing((Labelled<HandoverEvent.Executed> x) ->
                                x.event().at())
                        .thenComparing(x -> x.event().handover().value()))
                .toList();
        List<Labelled<HandoverEvent.Executed>> cohort =
                executed.stream().filter(x -> inPeriod(x.event().at())).toList();
        Figures.Bounces bounces = bounces();
        Figures.Acks acks = acks(cohort);
        Figures figures = new Figures(
                from,
                until,
                volume(cohort),
                refusals(),
                failures(),
                acks,
                actions(),
                reminders(),
                escalations(),
                followUps(),
                bounces,
                chains(cohort),
                notes(cohort),
                feedback(),
                List.of(),
                zone,
                overTime(cohort),
                people(cohort),
                breakdowns(cohort),
                collect ? worthALook(cohort) : List.of(),
                Optional.empty(),
                collect ? evidence.sorted() : Evidence.Sorted.NONE);
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
            Evidence.Row row = handoverRowOf(l);
            reasons.add(x.reason(), reasonLabel(x.reason()));
            String team = team(l);
            teams.add(team, team);
            String receiver = x.to().map(AgentId::value).orElse("");
            String sender = x.from().map(AgentId::value).orElse("");
            receivers.add(receiver, x.to().map(this::name).orElse(QUEUE));
            senders.add(sender, x.from().map(this::name).orElse(UNASSIGNED));
            replayed += x.replayed() ? 1 : 0;
            notified += x.customerNotified() ? 1 : 0;
            if (collect) {
                add("handovers.count", row);
                add(of("handovers.byReason", x.reason()), row);
                add(of("handovers.byTeam", team), row);
                add(of("handovers.byReceiver", receiver), row);
                add(of("handovers.bySender", sender), row);
                if (x.replayed()) {
                    add("handovers.fromReplay", row);
                }
                if (x.customerNotified()) {
                    add("handovers.customerNotified", row);
                }
            }
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

    /** The span the charts over time cover: the period, or for one longer than a year the first to the last event. */
    private Optional<Instant[]> span() {
        if (Duration.between(from, until).toDays() <= MAX_DAYS) {
            return Optional.of(new Instant[] {from, until});
        }
        if (firstInPeriod == null) {
            return Optional.empty();
        }
        // an open-ended period: the time that has events
        return Optional.of(new Instant[] {firstInPeriod, lastInPeriod.plusNanos(1)});
    }

    private List<Figures.Day> perDay(List<Labelled<HandoverEvent.Executed>> cohort) {
        Optional<Instant[]> span = span();
        if (span.isEmpty()) {
            return List.of();
        }
        LocalDate first = date(span.get()[0]);
        LocalDate last = date(span.get()[1].minusNanos(1));
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

    private Figures.OverTime overTime(List<Labelled<HandoverEvent.Executed>> cohort) {
        Optional<Instant[]> span = span();
        if (span.isEmpty()) {
            return new Figures.OverTime(
                    Buckets.unit(Duration.between(from, until)).key(), List.of());
        }
        Buckets buckets = Buckets.of(span.get()[0], span.get()[1], zone);
        long[][] c = new long[buckets.size()][4];
        for (Labelled<HandoverEvent.Executed> l : cohort) {
            int i = buckets.index(l.event().at());
            c[i][0]++;
            c[i][1] += l.event().missing().isEmpty() ? 0 : 1;
            add(of("handovers.overTime.buckets.handovers", buckets.key(i)), handoverRowOf(l));
        }
        refused.forEach(r -> c[buckets.index(r.at())][2]++);
        failed.forEach(f -> c[buckets.index(f.at())][3]++);
        List<Figures.Bucket> out = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            out.add(new Figures.Bucket(buckets.key(i), buckets.label(i), c[i][0], c[i][1], c[i][2], c[i][3]));
        }
        return new Figures.OverTime(buckets.unit().key(), List.copyOf(out));
    }

    private LocalDate date(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    /** The handover's row, the one every list of handovers shares. */
    private Evidence.Row handoverRowOf(Labelled<HandoverEvent.Executed> l) {
        return collect ? handoverRows.computeIfAbsent(l.event().handover(), k -> handoverRow(l)) : null;
    }

    private final Map<HandoverId, Evidence.Row> handoverRows = new HashMap<>();

    private Figures.Refusals refusals() {
        Counter causes = new Counter();
        Set<TicketId> tickets = new HashSet<>();
        long guard = 0;
        for (HandoverEvent.Refused r : refused) {
            String cause = Causes.refusal(r.why());
            causes.add(cause, cause);
            tickets.add(r.ticket());
            boolean byGuard = r.why().contains(Causes.PING_PONG);
            guard += byGuard ? 1 : 0;
            if (collect) {
                Evidence.Row row = evidence.row(
                        r.at(),
                        r.type(),
                        r.ticket().value(),
                        "",
                        "",
                        "",
                        "refused (rule " + r.rule() + ", " + reasonLabel(r.reason()) + "): " + r.why());
                add("refusals.count", row);
                add(of("refusals.causes", cause), row);
                if (byGuard) {
                    add("refusals.byPingPongGuard", row);
                    add("bounces.refusedByPingPongGuard", row);
                }
            }
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
            if (collect) {
                Evidence.Row row = evidence.row(
                        f.at(),
                        f.type(),
                        f.ticket().value(),
                        f.handover().map(HandoverId::value).orElse(""),
                        "",
                        "",
                        "write failed" + (f.retryable() ? " (retryable)" : "") + ", rule " + f.rule() + ": "
                                + f.error());
                add("failures.count", row);
                add(of("failures.causes", cause), row);
                if (f.retryable()) {
                    add("failures.retryable", row);
                }
            }
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
            add("acknowledgement.needed", handoverRowOf(l));
            HandoverEvent.Acknowledged a = acknowledged.get(x.handover());
            if (a != null) {
                latencies.add(a.latency());
                boolean isLate = a.acknowledgedAt().isAfter(by);
                late += isLate ? 1 : 0;
                methods.add(a.method().name(), method(a.method()));
                int b = bucket(a.latency());
                buckets.add(BUCKET_KEYS.get(b), BUCKET_LABELS.get(b));
                if (collect) {
                    Evidence.Row row = ackRow(a, by);
                    ackRows.put(x.handover(), row);
                    add("acknowledgement.acknowledged", row);
                    add(of("acknowledgement.latency.buckets", BUCKET_KEYS.get(b)), row);
                    add(of("acknowledgement.byMethod", a.method().name()), row);
                    if (isLate) {
                        add("acknowledgement.late", row);
                    }
                }
            } else if (retargeted.contains(x.handover())) {
                // re-targeted and later acknowledged after all counts as acknowledged
                retargets++;
                if (collect) {
                    add("acknowledgement.retargeted", retargetRow(firstRetarget.get(x.handover())));
                }
            } else {
                pending++;
                add("acknowledgement.pending", handoverRowOf(l));
                if (by.isBefore(until)) {
                    overdue++;
                    add("acknowledgement.overdue", handoverRowOf(l));
                }
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

    private final Map<HandoverId, Evidence.Row> ackRows = new HashMap<>();

    private static String method(AcknowledgementMethod m) {
        return switch (m) {
            case EXPLICIT -> "explicitly (a #handover note, the CLI, a webhook)";
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
        long onTime = 0;
        for (HandoverEvent.ActionCompleted c : completed) {
            onTime += c.onTime() ? 1 : 0;
            if (collect) {
                Evidence.Row row = completedRow(c);
                add("actions.completed", row);
                if (c.onTime()) {
                    add("actions.onTime", row);
                }
            }
        }
        return new Figures.Actions(completed.size(), onTime);
    }

    private final Map<HandoverEvent, Evidence.Row> eventRows = new HashMap<>();

    private Evidence.Row completedRow(HandoverEvent.ActionCompleted c) {
        return eventRows.computeIfAbsent(
                c,
                k -> row(
                        c,
                        c.ticket(),
                        c.handover(),
                        c.item() + " done " + (c.onTime() ? "on time" : "late") + " (" + c.how() + ")"));
    }

    private Evidence.Row reminderRow(HandoverEvent.Reminded r) {
        return eventRows.computeIfAbsent(
                r,
                k -> row(
                        r,
                        r.ticket(),
                        r.handover(),
                        r.kind() + " reminder " + r.count() + " to " + name(r.to()) + " about " + r.item() + ": "
                                + r.why()));
    }

    private Evidence.Row escalationRowOf(HandoverEvent.Escalated x) {
        return eventRows.computeIfAbsent(x, k -> escalationRow(x));
    }

    private Evidence.Row feedbackRowOf(HandoverEvent.FeedbackGiven f) {
        return eventRows.computeIfAbsent(f, k -> feedbackRow(f));
    }

    private Figures.Reminders reminders() {
        Counter kinds = new Counter();
        for (HandoverEvent.Reminded r : reminded) {
            kinds.add(r.kind(), r.kind());
            if (collect) {
                add("reminders.count", reminderRow(r));
                add(of("reminders.byKind", r.kind()), reminderRow(r));
            }
        }
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
            boolean toNobody = x.to().equals("nobody");
            nobody += toNobody ? 1 : 0;
            if (collect) {
                Evidence.Row row = escalationRowOf(x);
                add("escalations.count", row);
                add(of("escalations.byLevel", Integer.toString(x.level())), row);
                add(of("escalations.byCause", kind.key()), row);
                if (toNobody) {
                    add("escalations.toNobody", row);
                }
            }
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
        for (HandoverEvent.FollowUpClosed c : closed) {
            outcomes.add(c.outcome(), c.outcome());
            if (collect) {
                Evidence.Row row = row(c, c.ticket(), c.handover(), "follow-up closed: " + c.outcome());
                add("followUps.closed", row);
                add(of("followUps.byOutcome", c.outcome()), row);
            }
        }
        if (collect) {
            for (HandoverEvent.Reconciled r : reconciledEvents) {
                add(
                        "followUps.reconciled",
                        row(
                                r,
                                r.ticket(),
                                r.handover(),
                                "repaired: " + Format.plural(r.tasksCreated(), "missing task", "missing tasks")
                                        + " created"));
            }
        }
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
                bounced.add(x.handover());
                AgentId a = x.to().get();
                AgentId b = x.from().get();
                if (a.compareTo(b) > 0) {
                    AgentId t = a;
                    a = b;
                    b = t;
                }
                String pair = a.value() + "|" + b.value();
                pairs.add(pair, name(a) + " ⇄ " + name(b));
                if (collect) {
                    Evidence.Row row = bounceRow(prev, l);
                    bounceRows.put(x.handover(), row);
                    add("bounces.count", row);
                    add(of("bounces.pairs", pair), row);
                }
            }
        }
        long guard =
                refused.stream().filter(r -> r.why().contains(Causes.PING_PONG)).count();
        return new Figures.Bounces(count, options.bounceWindow(), guard, pairs.top(TOP_CAUSES));
    }

    private final Map<HandoverId, Evidence.Row> bounceRows = new HashMap<>();

    private boolean isBounce(HandoverEvent.Executed prev, HandoverEvent.Executed x) {
        return !x.rule().equals(RETURN_RULE)
                && prev.from().isPresent()
                && prev.to().isPresent()
                && x.from().equals(prev.to())
                && x.to().equals(prev.from())
                && Duration.between(prev.at(), x.at()).compareTo(options.bounceWindow()) < 0;
    }

    private Figures.Chains chains(List<Labelled<HandoverEvent.Executed>> cohort) {
        Map<TicketId, Integer> longest = new HashMap<>();
        Map<TicketId, Labelled<HandoverEvent.Executed>> longestBy = new HashMap<>();
        for (Labelled<HandoverEvent.Executed> l : cohort) {
            int n = Math.max(1, l.event().chainLength());
            longest.merge(l.event().ticket(), n, Math::max);
            if (n > chainOf(longestBy.get(l.event().ticket()))) {
                longestBy.put(l.event().ticket(), l); // the first handover that reached the ticket's longest chain
            }
        }
        Counter distribution = new Counter();
        longest.forEach((ticket, n) -> {
            String key = n >= 4 ? "4+" : n.toString();
            distribution.add(key, chainLabel(key));
            if (collect) {
                Evidence.Row row = handoverRowOf(longestBy.get(ticket));
                add("chains.tickets", row);
                add(of("chains.distribution", key), row);
            }
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

    private static int chainOf(Labelled<HandoverEvent.Executed> l) {
        return l == null ? 0 : Math.max(1, l.event().chainLength());
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

    private Figures.Notes notes(List<Labelled<HandoverEvent.Executed>> cohort) {
        Counter missing = new Counter();
        long complete = 0;
        for (Labelled<HandoverEvent.Executed> l : cohort) {
            List<NoteSection> m = l.event().missing();
            complete += m.isEmpty() ? 1 : 0;
            if (m.isEmpty()) {
                add("notes.complete", handoverRowOf(l));
            }
            // a section listed twice in one event is missing from one note
            new LinkedHashSet<>(m).forEach(s -> {
                missing.add(s.name(), Format.capitalized(s.label()));
                add(of("notes.missing", s.name()), handoverRowOf(l));
            });
        }
        return new Figures.Notes(complete, missing.mostFirst());
    }

    private Figures.Feedback feedback() {
        Counter sections = new Counter();
        Set<AgentId> receivers = new HashSet<>();
        for (HandoverEvent.FeedbackGiven f : feedback) {
            receivers.add(f.from());
            add("feedback.count", collect ? feedbackRowOf(f) : null);
            new LinkedHashSet<>(f.missing()).forEach(s -> {
                sections.add(s.name(), Format.capitalized(s.label()));
                add(of("feedback.sections", s.name()), collect ? feedbackRowOf(f) : null);
            });
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

    // ------------------------------------------------------------------------------------------ per agent, team, rule

    /** One row of the per-agent or per-team table, while counting. */
    private static final class Person {
        final String key;
        String label;
        long given;
        long received;
        final List<Duration> latencies = new ArrayList<>();
        long late;
        long done;
        long onTime;
        long reminders;
        long escalations;
        long feedbackGiven;
        long feedbackReceived;

        Person(String key, String label) {
            this.key = key;
            this.label = label;
        }

        Figures.Person figure() {
            latencies.sort(Comparator.naturalOrder());
            return new Figures.Person(
                    key,
                    label,
                    given,
                    received,
                    latencies.size(),
                    percentile(latencies, 50),
                    late,
                    done,
                    onTime,
                    reminders,
                    escalations,
                    feedbackGiven,
                    feedbackReceived);
        }
    }

    private Person agent(Map<String, Person> agents, AgentId id) {
        return agents.computeIfAbsent(id.value(), k -> new Person(k, name(id)));
    }

    private Figures.People people(List<Labelled<HandoverEvent.Executed>> cohort) {
        Map<String, Person> agents = new HashMap<>();
        Map<String, Person> teams = new HashMap<>();
        String a = "people.agents.";
        String t = "people.teams.";
        for (Labelled<HandoverEvent.Executed> l : cohort) {
            HandoverEvent.Executed x = l.event();
            Evidence.Row row = handoverRowOf(l);
            String team = team(l);
            Person tp = teams.computeIfAbsent(team, k -> new Person(k, k));
            tp.received++;
            add(t + of("received", team), row);
            x.from().ifPresent(id -> {
                agent(agents, id).given++;
                add(a + of("given", id.value()), row);
            });
            x.to().ifPresent(id -> {
                agent(agents, id).received++;
                add(a + of("received", id.value()), row);
            });
            HandoverEvent.Acknowledged ack = acknowledged.get(x.handover());
            if (ack != null && x.acknowledgeBy().isPresent()) {
                boolean late = ack.acknowledgedAt().isAfter(x.acknowledgeBy().get());
                Evidence.Row ackRow = ackRows.get(x.handover());
                tp.latencies.add(ack.latency());
                add(t + of("acknowledged", team), ackRow);
                if (late) {
                    tp.late++;
                    add(t + of("lateAcknowledgements", team), ackRow);
                }
                x.to().ifPresent(id -> {
                    Person p = agent(agents, id);
                    p.latencies.add(ack.latency());
                    add(a + of("acknowledged", id.value()), ackRow);
                    if (late) {
                        p.late++;
                        add(a + of("lateAcknowledgements", id.value()), ackRow);
                    }
                });
            }
        }
        // what happened in the period to handovers the journal holds, whenever they were made
        for (HandoverEvent.ActionCompleted c : completed) {
            Labelled<HandoverEvent.Executed> l = executedById.get(c.handover());
            if (l == null) {
                continue;
            }
            Evidence.Row row = collect ? completedRow(c) : null;
            Person tp = teams.computeIfAbsent(team(l), k -> new Person(k, k));
            tp.done++;
            tp.onTime += c.onTime() ? 1 : 0;
            add(t + of("actionsDone", tp.key), row);
            if (c.onTime()) {
                add(t + of("actionsOnTime", tp.key), row);
            }
            l.event().to().ifPresent(id -> {
                Person p = agent(agents, id);
                p.done++;
                p.onTime += c.onTime() ? 1 : 0;
                add(a + of("actionsDone", id.value()), row);
                if (c.onTime()) {
                    add(a + of("actionsOnTime", id.value()), row);
                }
            });
        }
        for (HandoverEvent.Reminded r : reminded) {
            Evidence.Row row = collect ? reminderRow(r) : null;
            agent(agents, r.to()).reminders++;
            add(a + of("reminders", r.to().value()), row);
            Labelled<HandoverEvent.Executed> l = executedById.get(r.handover());
            if (l != null) {
                Person tp = teams.computeIfAbsent(team(l), k -> new Person(k, k));
                tp.reminders++;
                add(t + of("reminders", tp.key), row);
            }
        }
        for (HandoverEvent.Escalated x : escalated) {
            Labelled<HandoverEvent.Executed> l = executedById.get(x.handover());
            if (l == null) {
                continue;
            }
            Evidence.Row row = collect ? escalationRowOf(x) : null;
            Person tp = teams.computeIfAbsent(team(l), k -> new Person(k, k));
            tp.escalations++;
            add(t + of("escalations", tp.key), row);
            l.event().to().ifPresent(id -> {
                agent(agents, id).escalations++;
                add(a + of("escalations", id.value()), row);
            });
        }
        for (HandoverEvent.FeedbackGiven f : feedback) {
            Evidence.Row row = collect ? feedbackRowOf(f) : null;
            agent(agents, f.from()).feedbackGiven++;
            add(a + of("feedbackGiven", f.from().value()), row);
            Labelled<HandoverEvent.Executed> l = executedById.get(f.handover());
            if (l != null) {
                Person tp = teams.computeIfAbsent(team(l), k -> new Person(k, k));
                tp.feedbackGiven++;
                add(t + of("feedbackGiven", tp.key), row);
                l.event().from().ifPresent(id -> {
                    agent(agents, id).feedbackReceived++;
                    add(a + of("feedbackReceived", id.value()), row);
                });
            }
        }
        agents.values().forEach(p -> p.label = names.getOrDefault(AgentId.of(p.key), p.key));
        return new Figures.People(table(agents), table(teams));
    }

    private static final Comparator<Figures.Person> BUSIEST = Comparator.comparingLong(
                    (Figures.Person p) -> p.given() + p.received())
            .reversed()
            .thenComparing(Figures.Person::label, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(Figures.Person::key);

    private static List<Figures.Person> table(Map<String, Person> people) {
        return people.values().stream().map(Person::figure).sorted(BUSIEST).toList();
    }

    private Figures.Breakdowns breakdowns(List<Labelled<HandoverEvent.Executed>> cohort) {
        Map<String, long[]> rules = new HashMap<>();
        Map<String, long[]> reasons = new HashMap<>();
        String r = "breakdowns.rules.";
        String q = "breakdowns.reasons.";
        for (Labelled<HandoverEvent.Executed> l : cohort) {
            HandoverEvent.Executed x = l.event();
            long[] rule = rules.computeIfAbsent(x.rule(), k -> new long[5]);
            long[] reason = reasons.computeIfAbsent(x.reason(), k -> new long[5]);
            Evidence.Row row = handoverRowOf(l);
            rule[0]++;
            reason[0]++;
            add(r + of("handovers", x.rule()), row);
            add(q + of("handovers", x.reason()), row);
            HandoverEvent.Acknowledged ack = acknowledged.get(x.handover());
            if (ack != null
                    && x.acknowledgeBy().isPresent()
                    && ack.acknowledgedAt().isAfter(x.acknowledgeBy().get())) {
                rule[1]++;
                reason[1]++;
                add(r + of("lateAcknowledgements", x.rule()), ackRows.get(x.handover()));
                add(q + of("lateAcknowledgements", x.reason()), ackRows.get(x.handover()));
            }
            if (bounced.contains(x.handover())) {
                rule[3]++;
                reason[3]++;
                add(r + of("bounces", x.rule()), bounceRows.get(x.handover()));
                add(q + of("bounces", x.reason()), bounceRows.get(x.handover()));
            }
            if (!x.missing().isEmpty()) {
                rule[4]++;
                reason[4]++;
                add(r + of("incompleteNotes", x.rule()), row);
                add(q + of("incompleteNotes", x.reason()), row);
            }
        }
        for (HandoverEvent.Escalated x : escalated) {
            Labelled<HandoverEvent.Executed> l = executedById.get(x.handover());
            if (l == null) {
                continue;
            }
            Evidence.Row row = collect ? escalationRowOf(x) : null;
            rules.computeIfAbsent(l.event().rule(), k -> new long[5])[2]++;
            reasons.computeIfAbsent(l.event().reason(), k -> new long[5])[2]++;
            add(r + of("escalations", l.event().rule()), row);
            add(q + of("escalations", l.event().reason()), row);
        }
        return new Figures.Breakdowns(breakdown(rules, k -> k), breakdown(reasons, Tally::reasonLabel));
    }

    private static List<Figures.Breakdown> breakdown(
            Map<String, long[]> counts, java.util.function.UnaryOperator<String> label) {
        return counts.entrySet().stream()
                .map(e -> new Figures.Breakdown(
                        e.getKey(),
                        label.apply(e.getKey()),
                        e.getValue()[0],
                        e.getValue()[1],
                        e.getValue()[2],
                        e.getValue()[3],
                        e.getValue()[4]))
                .sorted(Comparator.comparingLong(Figures.Breakdown::handovers)
                        .reversed()
                        .thenComparing(Figures.Breakdown::label, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    // ------------------------------------------------------------------------------------------ worth a look

    /** Kinds of item worth a look, in the order the report names them. */
    static final List<String> LOOK_KINDS =
            List.of("escalation", "late-acknowledgement", "retargeted", "bounce", "feedback");

    /**
     * Every escalation in the period, late acknowledgement and re-target of the period's handovers, bounce, and
     * feedback that names a section or says something: each one, newest first.
     */
    private List<Evidence.Row> worthALook(List<Labelled<HandoverEvent.Executed>> cohort) {
        List<Evidence.Row> out = new ArrayList<>();
        escalated.forEach(x -> look(out, "escalation", escalationRowOf(x)));
        for (Labelled<HandoverEvent.Executed> l : cohort) {
            HandoverEvent.Executed x = l.event();
            HandoverEvent.Acknowledged ack = acknowledged.get(x.handover());
            if (ack != null
                    && x.acknowledgeBy().isPresent()
                    && ack.acknowledgedAt().isAfter(x.acknowledgeBy().get())) {
                look(out, "late-acknowledgement", ackRows.get(x.handover()));
            }
        }
        List.copyOf(evidence.rows("acknowledgement.retargeted")).forEach(row -> look(out, "retargeted", row));
        bounceRows.values().forEach(row -> look(out, "bounce", row));
        for (HandoverEvent.FeedbackGiven f : feedback) {
            if (!f.missing().isEmpty() || !f.comment().isBlank()) {
                look(out, "feedback", feedbackRowOf(f));
            }
        }
        out.sort(Evidence.NEWEST_FIRST);
        return out;
    }

    private void look(List<Evidence.Row> out, String kind, Evidence.Row row) {
        out.add(row);
        add("worthALook.count", row);
        add(of("worthALook.byKind", kind), row);
    }
}
