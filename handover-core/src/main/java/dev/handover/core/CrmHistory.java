package dev.handover.core;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.event.HandoverEvent.AcknowledgementMethod;
import dev.handover.core.followup.RecordedStep;
import dev.handover.core.marker.StepRecord;
import dev.handover.core.note.HandoverRecord;
import dev.handover.core.note.NoteSection;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.Page;
import dev.handover.spi.PageRequest;
import dev.handover.spi.SortOrder;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The handover events a CRM's tickets stand for, rebuilt from what the engine wrote on them — for a review when no
 * journal is at hand, since the CRM is the system of record. Each handover note's trailer is a handover ({@code
 * Executed}); each follow-up note's step marker is the acknowledgement, reminders, escalations, completed actions and
 * close it records; a re-target's handover note is the re-target; a receiver's feedback note is the feedback.
 *
 * <p>What the tickets do not keep is not rebuilt: refused and failed handovers (nothing was written), warnings,
 * reconciliations, the planned and receiver-chosen steps, the note sections that were missing, how many tasks a
 * handover created, and follow-ups closed without a note (superseded, record missing). Times are the notes' own, to
 * the second. An escalation's cause, impact and recipient are read from the default wording of its note (a custom wording
 * gives the note's paragraph as the cause and an {@code unknown} recipient).
 *
 * <p>Cost: the ticket search ({@code updated since}, any status — open and solved alike) pages through every ticket
 * updated in the period, handed over or not; then one comments page (100, newest first) per handed-over ticket, more
 * only for tickets with more than 100 comments in the period; then the directory once.
 */
public final class CrmHistory {
    /** The tag the engine puts on every ticket it hands over. */
    private static final String HANDOVER_TAG = History.HANDOVER_TAG;

    private static final int PAGE = 100;
    private static final int MAX_PAGES = 50;

    private static final Pattern FEEDBACK = Pattern.compile("Feedback on handover (\\S+) from ([^\\n:]+):");
    private static final String MISSING = "Missing or unclear: ";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm yyyy", Locale.ENGLISH);
    private static final Pattern ACKED_AT = Pattern.compile(
            " acknowledged handover \\S+ at ((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \\d{1,2} [A-Z][a-z]{2} \\d{2}:\\d{2}) UTC");

    /** The default escalation wording's cause and impact ({@code FollowUpMessages.DEFAULT}). */
    private static final Pattern WHY_IMPACT =
            Pattern.compile("Why it is not done: (.+?)\\. For the customer: (.+?)\\. Please step in");

    private static final Pattern ESCALATED_TO = Pattern.compile("^Escalation \\(level \\d+\\) to ([^:]+):");
    private static final Pattern MOVES_TO = Pattern.compile(" The ticket moves to (.+?)\\.(?: |$)");

    private CrmHistory() {}

    /**
     * What was read.
     *
     * @param events the events, oldest first
     * @param directory the CRM's directory as read, for names
     * @param ticketsSearched tickets the search returned (updated since the instant, handed over or not)
     * @param ticketsRead handed-over tickets whose comments were read
     * @param failures tickets whose comments could not be read, with why
     */
    public record Result(
            List<HandoverEvent> events,
            Directory directory,
            int ticketsSearched,
            int ticketsRead,
            List<String> failures) {
        /** Copies. */
        public Result {
            events = List.copyOf(events);
            Objects.requireNonNull(directory, "directory");
            failures = List.copyOf(failures);
        }
    }

    /**
     * Reads the events on tickets updated at or after {@code since}: every event from {@code since} on, and the
     * handovers before it whose later steps fall after it.
     *
     * @throws CrmException when the search or the directory cannot be read
     */
    public static Result read(CrmConnector crm, Instant since) {
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(since, "since");
        // no status: solved and closed tickets hold handovers of the period too
        List<Ticket> found =
                crm.searchAll(TicketQuery.builder().updatedSince(since).build()).toList();
        List<HandoverEvent> events = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int read = 0;
        Directory dir = null;
        for (Ticket t : found) {
            if (!t.hasTag(HANDOVER_TAG)) {
                continue;
            }
            if (dir == null) {
                dir = crm.directory();
            }
            try {
                List<Comment> comments = comments(crm, t.id(), since);
                read++;
                for (HandoverEvent e : events(t.id(), comments, dir)) {
                    if (!e.at().isBefore(since)) {
                        events.add(e);
                    }
                }
            } catch (CrmException e) {
                failures.add("ticket " + t.id() + ": " + e.getMessage());
            }
        }
        events.sort(Comparator.comparing(HandoverEvent::at));
        return new Result(events, dir != null ? dir : crm.directory(), found.size(), read, failures);
    }

    /**
     * A ticket's comments, oldest first, back to {@code since} — and further while a step marker after it names a
     * handover whose note is older (its record says who owed what).
     */
    private static List<Comment> comments(CrmConnector crm, TicketId ticket, Instant since) {
        List<Comment> newestFirst = new ArrayList<>();
        Set<HandoverId> named = new HashSet<>();
        Set<HandoverId> recorded = new HashSet<>();
        PageRequest request = PageRequest.first(PAGE);
        for (int page = 0; page < MAX_PAGES; page++) {
            Page<Comment> p = crm.comments(ticket, SortOrder.NEWEST_FIRST, request);
            boolean pastSince = false;
            for (Comment c : p.items()) {
                newestFirst.add(c);
                HandoverRecord.find(c.body()).ifPresent(r -> recorded.add(r.id()));
                StepRecord.find(c.body()).ifPresent(s -> named.add(s.handover()));
                if (c.createdAt().isBefore(since)) {
                    pastSince = true;
                }
            }
            Optional<PageRequest> next = p.next(PAGE);
            if (next.isEmpty() || (pastSince && recorded.containsAll(named))) {
                break;
            }
            request = next.get();
        }
        List<Comment> oldestFirst = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /**
     * The events one ticket's comments stand for.
     *
     * @param ticket the ticket
     * @param oldestFirst its comments, oldest first
     * @param dir the directory, to know a feedback note's author by name
     */
    public static List<HandoverEvent> events(TicketId ticket, List<Comment> oldestFirst, Directory dir) {
        return new Reading(ticket, dir).read(oldestFirst);
    }

    /** One ticket's reading: the handovers seen so far and what their follow-up recorded. */
    private static final class Reading {
        private final TicketId ticket;
        private final Directory dir;
        private final Map<HandoverId, HandoverRecord> records = new HashMap<>();
        private final Map<HandoverId, Set<String>> done = new HashMap<>();
        private final Map<String, Integer> reminders = new HashMap<>();
        private final List<HandoverEvent> out = new ArrayList<>();

        Reading(TicketId ticket, Directory dir) {
            this.ticket = ticket;
            this.dir = dir;
        }

        List<HandoverEvent> read(List<Comment> oldestFirst) {
            for (int i = 0; i < oldestFirst.size(); i++) {
                Comment c = oldestFirst.get(i);
                if (!c.isInternal()) {
                    continue;
                }
                Optional<HandoverRecord> r = HandoverRecord.find(c.body());
                if (r.isPresent()) {
                    handover(r.get(), c, oldestFirst);
                    continue;
                }
                Optional<StepRecord> s = StepRecord.find(c.body());
                if (c.body().contains("Feedback on handover ")) {
                    feedback(c, s);
                } else if (s.isPresent()) {
                    steps(s.get(), c.body());
                }
            }
            return out;
        }

        private void handover(HandoverRecord r, Comment note, List<Comment> all) {
            if (records.putIfAbsent(r.id(), r) != null) {
                return; // the same note twice (a split or repeated note): one handover
            }
            // the customer notice goes in the same write: a public comment by the same author at the same time
            boolean notified = all.stream()
                    .anyMatch(c -> !c.isInternal()
                            && c.authorId().equals(note.authorId())
                            && Duration.between(note.createdAt(), c.createdAt())
                                            .abs()
                                            .compareTo(Duration.ofSeconds(2))
                                    <= 0);
            HandoverEvent.Executed e = HandoverEvent.Executed.fromRecord(r, false);
            out.add(new HandoverEvent.Executed(
                    e.at(),
                    e.ticket(),
                    e.handover(),
                    e.rule(),
                    e.reason(),
                    e.from(),
                    e.to(),
                    e.group(),
                    false,
                    notified,
                    e.tasks(),
                    e.missing(),
                    e.chainLength(),
                    e.acknowledgeBy()));
            // a re-target: the handover after an unacknowledged one, from its silent receiver, says so in its reason
            if (!r.chain().isEmpty()) {
                HandoverId before = r.chain().get(r.chain().size() - 1).id();
                HandoverRecord prev = records.get(before);
                if (prev != null
                        && prev.to().isPresent()
                        && r.from().equals(prev.to())
                        && note.body().contains("did not acknowledge handover " + before)) {
                    String to = r.to().map(a -> "agent " + a)
                            .orElseGet(() -> "group " + r.group().orElseThrow());
                    out.add(new HandoverEvent.Retargeted(
                            r.at(), ticket, before, r.id(), prev.to().get(), to));
                    out.add(new HandoverEvent.FollowUpClosed(
                            r.at(), ticket, before, HandoverEvent.FollowUpOutcome.RETARGETED.code()));
                }
            }
        }

        private void steps(StepRecord s, String body) {
            HandoverRecord r = records.get(s.handover());
            Map<String, List<RecordedStep>> byItem = new LinkedHashMap<>();
            for (String key : s.steps()) {
                RecordedStep.parse(key)
                        .ifPresent(st -> byItem.computeIfAbsent(st.item(), k -> new ArrayList<>())
                                .add(st));
            }
            Set<String> doneHere = done.computeIfAbsent(s.handover(), k -> new HashSet<>());
            for (Map.Entry<String, List<RecordedStep>> e : byItem.entrySet()) {
                String item = e.getKey();
                List<RecordedStep> steps = e.getValue();
                for (RecordedStep st : steps) {
                    if (st.step() == RecordedStep.Step.DONE) {
                        done(s, r, item, body);
                        doneHere.add(item);
                    } else if (st.step() == RecordedStep.Step.CLOSED) {
                        closed(s, r, st, doneHere);
                    }
                }
                String key = s.handover() + "|" + item;
                int sent = reminders.getOrDefault(key, 0);
                List<RecordedStep> rungs = steps.stream()
                        .filter(st -> st.step() == RecordedStep.Step.ESCALATION)
                        .sorted(Comparator.comparingInt(RecordedStep::index))
                        .toList();
                Optional<RecordedStep> strongest = steps.stream()
                        .filter(st -> st.reminder().isPresent())
                        .max(Comparator.comparing(RecordedStep::step).thenComparingInt(RecordedStep::index));
                Optional<AgentId> owner = owner(r, item);
                if (!rungs.isEmpty()) {
                    for (RecordedStep rung : rungs) {
                        String paragraph = escalation(body, item, r, rung.index());
                        Matcher wi = WHY_IMPACT.matcher(paragraph);
                        boolean worded = wi.find();
                        String why = worded ? wi.group(1) : paragraph;
                        String impact = worded ? wi.group(2) : "";
                        if (body.contains("(Not escalated: ") && owner.isPresent()) {
                            // waiting on the customer or a third party: the engine reminded instead
                            out.add(new HandoverEvent.Reminded(
                                    s.at(),
                                    ticket,
                                    s.handover(),
                                    item,
                                    owner.get(),
                                    "overdue",
                                    rung.index(),
                                    paragraph,
                                    ""));
                        } else {
                            out.add(new HandoverEvent.Escalated(
                                    s.at(),
                                    ticket,
                                    s.handover(),
                                    item,
                                    rung.index(),
                                    recipient(paragraph),
                                    why,
                                    impact));
                        }
                    }
                } else if (strongest.isPresent() && owner.isPresent()) {
                    RecordedStep st = strongest.get();
                    String kind = st.reminder().orElseThrow().code();
                    int count = st.step() == RecordedStep.Step.CHECK_IN ? 0 : sent + 1;
                    out.add(new HandoverEvent.Reminded(
                            s.at(),
                            ticket,
                            s.handover(),
                            item,
                            owner.get(),
                            kind,
                            count,
                            paragraph(body, item, r),
                            ""));
                }
                reminders.put(
                        key,
                        sent
                                + (int) steps.stream()
                                        .filter(RecordedStep::countsAsReminder)
                                        .count());
            }
        }

        private void done(StepRecord s, HandoverRecord r, String item, String body) {
            if (item.equals("ack")) {
                if (r == null || r.to().isEmpty()) {
                    return;
                }
                AcknowledgementMethod method;
                Instant at = s.at();
                if (body.startsWith("Handover " + s.handover() + " acknowledged by ")) {
                    method = AcknowledgementMethod.EXPLICIT;
                } else {
                    method = body.contains(" by replying on the ticket.")
                            ? AcknowledgementMethod.COMMENT
                            : AcknowledgementMethod.TASK;
                    at = ackedAt(body, s.at()).orElse(s.at());
                }
                Duration latency = Duration.between(r.at(), at);
                out.add(new HandoverEvent.Acknowledged(
                        s.at(),
                        ticket,
                        s.handover(),
                        r.to().get(),
                        method,
                        at,
                        latency.isNegative() ? Duration.ZERO : latency));
                return;
            }
            if (r == null) {
                return;
            }
            r.actions().stream().filter(a -> a.key().equals(item)).findFirst().ifPresent(a -> {
                String line = "Done: \"" + a.text() + "\" (";
                int at = body.indexOf(line);
                boolean onTime;
                if (at >= 0) {
                    String rest = body.substring(at + line.length());
                    int end = rest.indexOf('\n');
                    String detail = end < 0 ? rest : rest.substring(0, end);
                    onTime = detail.contains(", on time, ");
                } else {
                    onTime = !s.at().isAfter(a.due());
                }
                out.add(new HandoverEvent.ActionCompleted(s.at(), ticket, s.handover(), item, onTime, "task"));
            });
        }

        private void closed(StepRecord s, HandoverRecord r, RecordedStep st, Set<String> doneBefore) {
            HandoverEvent.FollowUpOutcome outcome = st.outcome().orElseThrow();
            if (outcome == HandoverEvent.FollowUpOutcome.TICKET_SOLVED && r != null) {
                // a solved ticket completes the open actions with it; their time is the close note's
                for (HandoverRecord.Action a : r.actions()) {
                    if (!doneBefore.contains(a.key())) {
                        out.add(new HandoverEvent.ActionCompleted(
                                s.at(), ticket, s.handover(), a.key(), !s.at().isAfter(a.due()), "ticket-solved"));
                    }
                }
            }
            out.add(new HandoverEvent.FollowUpClosed(s.at(), ticket, s.handover(), outcome.code()));
        }

        private void feedback(Comment c, Optional<StepRecord> marker) {
            String body = c.body();
            Matcher m = FEEDBACK.matcher(body);
            if (!m.find()) {
                return;
            }
            HandoverId h;
            try {
                h = HandoverId.of(m.group(1));
            } catch (IllegalArgumentException e) {
                return;
            }
            String name = m.group(2).strip();
            List<Agent> named =
                    dir.agents().stream().filter(a -> a.name().equals(name)).toList();
            Optional<AgentId> from = named.size() == 1
                    ? Optional.of(named.get(0).id())
                    : Optional.ofNullable(records.get(h)).flatMap(HandoverRecord::to);
            if (from.isEmpty()) {
                return;
            }
            List<NoteSection> missing = new ArrayList<>();
            List<String> comment = new ArrayList<>();
            for (String line : body.substring(m.end()).split("\n")) {
                String l = line.strip();
                if (l.startsWith(StepRecord.PREFIX)) {
                    break;
                }
                if (!l.startsWith("• ")) {
                    if (!comment.isEmpty() && !l.isEmpty()) {
                        comment.add(l); // a comment of several lines
                    }
                    continue;
                }
                String text = l.substring(2);
                if (text.startsWith(MISSING)) {
                    for (String label : text.substring(MISSING.length()).split(", ")) {
                        for (NoteSection sec : NoteSection.values()) {
                            if (sec.label().equals(label.strip())) {
                                missing.add(sec);
                            }
                        }
                    }
                } else {
                    comment.add(text);
                }
            }
            Instant at = marker.filter(s -> s.handover().equals(h))
                    .map(StepRecord::at)
                    .orElse(c.createdAt());
            out.add(new HandoverEvent.FeedbackGiven(
                    at, ticket, h, from.get(), missing.stream().sorted().toList(), String.join("\n", comment)));
        }

        /** Who owes the item: the receiver for the acknowledgement, contact and promises, the owner of an action. */
        private static Optional<AgentId> owner(HandoverRecord r, String item) {
            if (r == null) {
                return Optional.empty();
            }
            return r.actions().stream()
                    .filter(a -> a.key().equals(item))
                    .findFirst()
                    .map(HandoverRecord.Action::owner)
                    .orElse(r.to());
        }

        /** The escalation's paragraph: the one naming its level and the item, else the item's. */
        private static String escalation(String body, String item, HandoverRecord r, int level) {
            String text = itemText(item, r);
            for (String p : body.split("\n• ")) {
                if (p.contains(text) && (p.contains("(level " + level + ")") || p.contains("level " + level + " "))) {
                    return strip(p);
                }
            }
            return paragraph(body, item, r);
        }

        /**
         * Who an escalation went to, as its note names them: "found nobody", the group the ticket moves to, or the
         * recipient the default wording names ("Escalation (level 1) to Eve Moneypenny:"); else {@code unknown}.
         */
        private String recipient(String paragraph) {
            if (paragraph.contains(" found nobody")) {
                return "nobody";
            }
            Matcher g = MOVES_TO.matcher(paragraph);
            if (g.find()) {
                Optional<Group> group = dir.groupNamed(g.group(1));
                if (group.isPresent()) {
                    return "group " + group.get().id();
                }
            }
            Matcher a = ESCALATED_TO.matcher(paragraph);
            if (a.find()) {
                List<Agent> named = dir.agents().stream()
                        .filter(x -> x.name().equals(a.group(1).strip()))
                        .toList();
                if (named.size() == 1) {
                    return "agent " + named.get(0).id();
                }
            }
            return "unknown";
        }

        private static String itemText(String item, HandoverRecord r) {
            return r == null
                    ? item
                    : r.actions().stream()
                            .filter(a -> a.key().equals(item))
                            .map(HandoverRecord.Action::text)
                            .findFirst()
                            .orElse(item.equals("ack") ? "acknowledge the handover" : item);
        }

        /** The note's paragraph about the item, else the whole note without its marker. */
        private static String paragraph(String body, String item, HandoverRecord r) {
            String text = itemText(item, r);
            for (String p : body.split("\n• ")) {
                if (p.contains(text)) {
                    return strip(p);
                }
            }
            return strip(body);
        }

        private static String strip(String p) {
            int marker = p.indexOf(StepRecord.PREFIX);
            return (marker < 0 ? p : p.substring(0, marker)).strip();
        }

        /** The acknowledgement's time as the sweep's note gives it ("at Mon 2 Mar 09:37 UTC"), in the note's year. */
        private static Optional<Instant> ackedAt(String body, Instant noted) {
            Matcher m = ACKED_AT.matcher(body);
            if (!m.find()) {
                return Optional.empty();
            }
            int year = noted.atOffset(ZoneOffset.UTC).getYear();
            for (int y = year; y >= year - 1; y--) {
                try {
                    Instant t = LocalDateTime.parse(m.group(1) + " " + y, WHEN).toInstant(ZoneOffset.UTC);
                    if (!t.isAfter(noted)) {
                        return Optional.of(t);
                    }
                } catch (DateTimeParseException e) {
                    // a weekday that does not match the year: try the year before (a note written on 1 January)
                }
            }
            return Optional.empty();
        }
    }
}
