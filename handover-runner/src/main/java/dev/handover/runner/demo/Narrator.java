package dev.handover.runner.demo;

import dev.handover.core.HandoverPlan;
import dev.handover.core.event.HandoverEvent;
import dev.handover.core.note.HandoverRecord;
import dev.handover.core.note.NoteSection;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.routing.Selection;
import dev.handover.memory.InMemoryCrm;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TicketId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells each engine event in words, with what it wrote as the CRM holds it: the handover note, the customer notice, the
 * follow-up note. Reading them back from the CRM (rather than from the plan) shows what was really written.
 */
final class Narrator {
    private final InMemoryCrm crm;
    private final Recorder recorder;
    private final Set<HandoverId> replacements = new HashSet<>();

    Narrator(InMemoryCrm crm, Recorder recorder) {
        this.crm = crm;
        this.recorder = recorder;
    }

    /** The timeline: every recorded item in words, in the order it happened. */
    List<Entry> entries() {
        List<Object> items = recorder.items();
        for (Object o : items) {
            if (o instanceof Recorder.Happened h && h.event() instanceof HandoverEvent.Retargeted r) {
                replacements.add(r.replacement());
            }
        }
        List<Entry> out = new ArrayList<>();
        for (Object o : items) {
            if (o instanceof Entry e) {
                out.add(e);
            } else if (o instanceof Recorder.Happened h) {
                tell(h.event(), h.scenario()).ifPresent(out::add);
            }
        }
        return out;
    }

    private Optional<Entry> tell(HandoverEvent event, Scenario s) {
        if (event instanceof HandoverEvent.Executed x) {
            return Optional.of(executed(x, s));
        } else if (event instanceof HandoverEvent.Failed f) {
            return Optional.of(entry(
                    f.at(),
                    s,
                    "failed",
                    f.ticket(),
                    f.handover(),
                    "",
                    "",
                    "the handover could not be written: " + f.error(),
                    List.of(
                            f.retryable()
                                    ? "retryable: the next pass tries again, safely (the write is idempotent)"
                                    : "not retryable"),
                    List.of()));
        } else if (event instanceof HandoverEvent.Refused r) {
            return Optional.of(entry(
                    r.at(),
                    s,
                    "refused",
                    r.ticket(),
                    Optional.empty(),
                    "",
                    "",
                    "nobody could take it (rule " + r.rule() + ")",
                    List.of(r.why()),
                    List.of()));
        } else if (event instanceof HandoverEvent.Warned w) {
            return Optional.of(handoverEntry(w.at(), s, "warning", w.ticket(), w.handover(), w.message(), List.of()));
        } else if (event instanceof HandoverEvent.Acknowledged a) {
            return Optional.of(acknowledged(a, s));
        } else if (event instanceof HandoverEvent.Reminded r) {
            return Optional.of(reminded(r, s));
        } else if (event instanceof HandoverEvent.Escalated x) {
            return Optional.of(escalated(x, s));
        } else if (event instanceof HandoverEvent.ActionCompleted c) {
            return Optional.of(handoverEntry(
                    c.at(),
                    s,
                    "done",
                    c.ticket(),
                    c.handover(),
                    "\"" + item(c.handover(), c.item()) + "\" recorded as done, " + (c.onTime() ? "on time" : "late")
                            + (c.how().equals("task") ? "" : " (" + c.how() + ")"),
                    followUpNote(c.ticket(), c.handover(), c.at())));
        } else if (event instanceof HandoverEvent.FollowUpClosed c) {
            return c.outcome().equals(HandoverEvent.FollowUpOutcome.RETARGETED.code())
                    ? Optional.empty() // the re-target says it
                    : Optional.of(handoverEntry(
                            c.at(),
                            s,
                            "closed",
                            c.ticket(),
                            c.handover(),
                            "follow-up of handover " + c.handover() + " closed: " + outcome(c.outcome()),
                            followUpNote(c.ticket(), c.handover(), c.at())));
        } else if (event instanceof HandoverEvent.FeedbackGiven f) {
            String missing = f.missing().stream().map(NoteSection::label).collect(Collectors.joining(", "));
            return Optional.of(entry(
                    f.at(),
                    s,
                    "feedback",
                    f.ticket(),
                    Optional.of(f.handover()),
                    recorder.name(f.from().value()),
                    "",
                    recorder.name(f.from().value()) + " gives feedback on the note"
                            + (missing.isEmpty() ? "" : ": missing or unclear — " + missing),
                    f.comment().isBlank() ? List.of() : List.of("\"" + f.comment() + "\""),
                    List.of()));
        } else if (event instanceof HandoverEvent.Reconciled r) {
            return Optional.of(handoverEntry(
                    r.at(),
                    s,
                    "reconciled",
                    r.ticket(),
                    r.handover(),
                    r.tasksCreated() + " missing tasks created",
                    List.of()));
        }
        return Optional.empty(); // Retargeted is told with its replacement handover
    }

    private Entry executed(HandoverEvent.Executed x, Scenario s) {
        String from = x.from().map(a -> recorder.name(a.value())).orElse("the queue");
        String to = x.to().map(a -> recorder.name(a.value()))
                .or(() -> x.group().map(g -> recorder.name("group " + g.value()) + " (queue)"))
                .orElse("?");
        Optional<Comment> note = noteOf(x.ticket(), x.handover());
        List<String> details = new ArrayList<>();
        note.flatMap(n -> line(n.body(), "Reason: ")).ifPresent(r -> details.add("why: " + r));
        Optional<HandoverPlan> plan = recorder.plan(x.handover());
        plan.ifPresent(p -> details.addAll(selection(p.selection())));
        if (!x.missing().isEmpty()) {
            details.add("note misses: "
                    + x.missing().stream().map(NoteSection::label).collect(Collectors.joining(", ")));
        }
        List<Entry.Block> blocks = new ArrayList<>();
        note.ifPresent(
                n -> blocks.add(new Entry.Block("note", "internal note as written to ticket " + x.ticket(), n.body())));
        note.flatMap(n -> noticeWith(n))
                .ifPresent(c -> blocks.add(new Entry.Block(
                        "notice", "customer notice as sent (public reply on ticket " + x.ticket() + ")", c.body())));
        String kind;
        String text;
        if (x.replayed()) {
            kind = "replayed";
            text = "already written before: the CRM answered with the earlier write, nothing was written twice";
        } else if (replacements.contains(x.handover())) {
            kind = "re-target";
            text = "re-targeted: " + from + " did not acknowledge, so the ticket goes to " + to;
        } else if (x.rule().equals(HandoverRule.HAND_BACK)) {
            kind = "hand-back";
            text = "handed back: " + from + " → " + to;
        } else {
            kind = "handover";
            text = from + " → " + to
                    + (x.rule().equals(HandoverRule.MANUAL) ? " (by hand)" : " (rule " + x.rule() + ")");
        }
        return entry(x.at(), s, kind, x.ticket(), Optional.of(x.handover()), from, to, text, details, blocks);
    }

    /** Why this receiver: the chosen one's verdict, earlier targets that failed, and a few who were not chosen. */
    private static List<String> selection(Selection.Chosen chosen) {
        List<String> out = new ArrayList<>();
        out.add("receiver: " + chosen.why());
        for (String f : chosen.fallbacks()) {
            out.add("first choice failed: " + f);
        }
        // as the note names them: the sender, never a candidate, is left out
        List<String> not = chosen.passedOver();
        if (!not.isEmpty()) {
            int shown = Math.min(3, not.size());
            out.add("not chosen: " + String.join("; ", not.subList(0, shown))
                    + (not.size() > shown ? "; " + (not.size() - shown) + " more" : ""));
        }
        return out;
    }

    private Entry acknowledged(HandoverEvent.Acknowledged a, Scenario s) {
        String who = recorder.name(a.by().value());
        String how = switch (a.method()) {
            case EXPLICIT -> "with handover ack";
            case TASK -> "by completing the acknowledgement task";
            case COMMENT -> "by replying on the ticket";
        };
        List<Entry.Block> blocks = a.method() == HandoverEvent.AcknowledgementMethod.EXPLICIT
                ? internalNote(a.ticket(), a.at(), "Handover " + a.handover() + " acknowledged")
                : followUpNote(a.ticket(), a.handover(), a.at());
        // stamped when the receiver acknowledged, not when the next sweep noticed it (the line says when that was)
        boolean later = a.at().isAfter(a.acknowledgedAt());
        return entry(
                a.acknowledgedAt(),
                s,
                "acknowledged",
                a.ticket(),
                Optional.of(a.handover()),
                who,
                "",
                who + " acknowledged " + how + ", " + minutes(a.latency()) + " after the handover",
                later ? List.of("recorded by the sweep at " + DemoDay.clockTime(a.at())) : List.of(),
                blocks);
    }

    private Entry reminded(HandoverEvent.Reminded r, Scenario s) {
        String to = recorder.name(r.to().value());
        String what = item(r.handover(), r.item());
        // a code this version does not know reads as the plainest reminder
        HandoverEvent.ReminderKind reminder =
                HandoverEvent.ReminderKind.fromCode(r.kind()).orElse(HandoverEvent.ReminderKind.OVERDUE);
        String kind = switch (reminder) {
            case CHECK_IN -> "check-in";
            case ACKNOWLEDGEMENT, CONTACT, OVERDUE -> "reminder";
        };
        String text = switch (reminder) {
            case CHECK_IN -> "check-in with " + to + ": \"" + what + "\" is due soon";
            case ACKNOWLEDGEMENT -> "reminder " + r.count() + " to " + to + ": please acknowledge the handover";
            case CONTACT -> "reminder " + r.count() + " to " + to + ": the customer is waiting to hear from us";
            case OVERDUE -> "reminder " + r.count() + " to " + to + ": \"" + what + "\" is overdue";
        };
        List<String> details = new ArrayList<>();
        if (reminder != HandoverEvent.ReminderKind.CHECK_IN) {
            details.add("why it is not done: " + r.why());
            details.add("for the customer: " + r.impact());
        }
        return entry(
                r.at(),
                s,
                kind,
                r.ticket(),
                Optional.of(r.handover()),
                "",
                to,
                text,
                details,
                followUpNote(r.ticket(), r.handover(), r.at()));
    }

    private Entry escalated(HandoverEvent.Escalated x, Scenario s) {
        String to = x.to().equals("nobody") ? "nobody" : recorder.name(x.to());
        return entry(
                x.at(),
                s,
                "escalation",
                x.ticket(),
                Optional.of(x.handover()),
                "",
                to,
                "escalated (level " + x.level() + ") to " + to + ": \"" + item(x.handover(), x.item())
                        + "\" is not done",
                List.of("why it is not done: " + x.why(), "for the customer: " + x.impact()),
                followUpNote(x.ticket(), x.handover(), x.at()));
    }

    /** An entry on a handover that names nobody and has no details: a warning, a done action, a closed follow-up. */
    private static Entry handoverEntry(
            Instant at,
            Scenario s,
            String kind,
            TicketId ticket,
            HandoverId handover,
            String text,
            List<Entry.Block> blocks) {
        return entry(at, s, kind, ticket, Optional.of(handover), "", "", text, List.of(), blocks);
    }

    private static Entry entry(
            Instant at,
            Scenario s,
            String kind,
            TicketId ticket,
            Optional<HandoverId> handover,
            String from,
            String to,
            String text,
            List<String> details,
            List<Entry.Block> blocks) {
        return new Entry(
                at,
                s,
                kind,
                ticket.value(),
                handover.map(HandoverId::value).orElse(""),
                from,
                to,
                text,
                details,
                blocks);
    }

    // ------------------------------------------------------------------------------------------ the CRM's texts

    /** The handover's note: the internal comment whose trailer names it. */
    private Optional<Comment> noteOf(TicketId ticket, HandoverId handover) {
        return notesOf(crm, ticket, handover).stream().findFirst();
    }

    /** The internal comments on a ticket whose trailer names this handover: its note, once if all went well. */
    static List<Comment> notesOf(InMemoryCrm crm, TicketId ticket, HandoverId handover) {
        return crm.commentsSnapshot(ticket).stream()
                .filter(Comment::isInternal)
                .filter(c -> HandoverRecord.find(c.body())
                        .filter(r -> r.id().equals(handover))
                        .isPresent())
                .toList();
    }

    /** The customer notice written in the same update as the note. */
    private Optional<Comment> noticeWith(Comment note) {
        return crm.commentsSnapshot(note.ticket()).stream()
                .filter(c -> !c.isInternal())
                .filter(c -> c.authorId().equals(InMemoryCrm.API_USER))
                .filter(c -> c.createdAt().equals(note.createdAt()))
                .findFirst();
    }

    /** The sweep's note on this handover at this time (one note may tell several things). */
    private List<Entry.Block> followUpNote(TicketId ticket, HandoverId handover, Instant at) {
        return internalNote(ticket, at, "Follow-up of handover " + handover);
    }

    private List<Entry.Block> internalNote(TicketId ticket, Instant at, String prefix) {
        Optional<Comment> note = crm.commentsSnapshot(ticket).stream()
                .filter(Comment::isInternal)
                .filter(c -> c.body().startsWith(prefix))
                .filter(c -> !c.createdAt().isBefore(at) && c.createdAt().isBefore(at.plus(Duration.ofMinutes(2))))
                .findFirst();
        if (note.isEmpty()) {
            return List.of();
        }
        return List.of(new Entry.Block(
                "message",
                "follow-up note as written to ticket " + ticket,
                note.get().body()));
    }

    /** What an item of a handover is, in words: the action's text from the note's trailer. */
    private String item(HandoverId handover, String item) {
        return switch (HandoverEvent.ItemKind.of(item)) {
            case ACKNOWLEDGEMENT -> "acknowledge the handover";
            case CONTACT -> "contact the customer";
            case PROMISE ->
                recorder.handover(handover)
                        .flatMap(x -> noteOf(x.ticket(), handover))
                        .flatMap(n -> HandoverRecord.find(n.body()))
                        .flatMap(r -> r.promises().stream()
                                .filter(p -> p.key().equals(item))
                                .map(p -> "keep the promise “" + p.text() + "”")
                                .findFirst())
                        .orElse(item);
            case ACTION ->
                recorder.handover(handover)
                        .flatMap(x -> noteOf(x.ticket(), handover))
                        .flatMap(n -> HandoverRecord.find(n.body()))
                        .flatMap(r -> r.actions().stream()
                                .filter(a -> a.key().equals(item))
                                .map(HandoverRecord.Action::text)
                                .findFirst())
                        .orElse(item);
        };
    }

    private static Optional<String> line(String body, String prefix) {
        return body.lines()
                .filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()))
                .findFirst();
    }

    private static String minutes(Duration d) {
        long m = Math.max(1, Math.round(d.toSeconds() / 60.0));
        return m + " min";
    }

    private static String outcome(String code) {
        // a code this version does not know is told as it is
        return HandoverEvent.FollowUpOutcome.fromCode(code)
                .map(o -> switch (o) {
                    case COMPLETED -> "everything done";
                    case TICKET_SOLVED -> "the ticket is solved";
                    case SUPERSEDED -> "a later handover took over";
                    case EXHAUSTED -> "escalated to the end, still not done";
                    case RETARGETED, RECORD_MISSING -> o.code();
                })
                .orElse(code.toLowerCase(Locale.ROOT));
    }
}
