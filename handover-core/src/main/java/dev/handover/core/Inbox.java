package dev.handover.core;

import dev.handover.core.followup.FollowUp;
import dev.handover.core.inbox.InboxCommand;
import dev.handover.core.marker.Markers;
import dev.handover.core.marker.StepRecord;
import dev.handover.core.note.HandoverRecord;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.Page;
import dev.handover.spi.SortOrder;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Ticket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Acts on what agents write in a ticket's internal notes ({@link InboxCommand}): an acknowledgement, feedback on the
 * note, or a reply saying what was not understood. Each command is answered by one internal note whose step marker
 * names the command's comment ({@code inbox:<crc>} or {@code feedback:<crc>}), so a command is acted on once however
 * often its ticket is read, and the CRM remains the only memory.
 */
final class Inbox {
    /** Comments read per page, newest first; the first page of all tickets is read in one batch where the CRM can. */
    static final int PAGE = 50;

    /** How many pages back a ticket is read for the handover a command answers. */
    static final int MAX_PAGES = 4;

    /** Older commands are left alone: written before the inbox ran, or lost in a long outage, they are stale. */
    static final Duration HORIZON = Duration.ofDays(7);

    private final CrmConnector crm;
    private final Clock clock;
    private final Supplier<Directory> directory;
    private final FollowUp followUp;
    private final Feedback feedback;

    Inbox(CrmConnector crm, Clock clock, Supplier<Directory> directory, FollowUp followUp, Feedback feedback) {
        this.crm = crm;
        this.clock = clock;
        this.directory = directory;
        this.followUp = followUp;
        this.feedback = feedback;
    }

    InboxResult read(Collection<Ticket> tickets) {
        List<Ticket> handedOver =
                tickets.stream().filter(t -> t.hasTag(History.HANDOVER_TAG)).toList();
        if (handedOver.isEmpty()) {
            return new InboxResult(0, 0, 0, 0, List.of());
        }
        Instant now = clock.instant();
        int[] counts = new int[3];
        List<String> failures = new ArrayList<>();
        Map<dev.handover.spi.model.TicketId, Page<Comment>> first;
        try {
            first = crm.recentComments(handedOver.stream().map(Ticket::id).toList(), PAGE);
        } catch (CrmException e) {
            return new InboxResult(0, 0, 0, 0, List.of("reading notes: " + e.getMessage()));
        }
        for (Ticket t : handedOver) {
            Page<Comment> page = first.get(t.id());
            if (page == null) {
                continue;
            }
            try {
                ticket(t, page, now, counts);
            } catch (CrmException e) {
                failures.add("ticket " + t.id() + ": " + e.getMessage());
            }
        }
        return new InboxResult(handedOver.size(), counts[0], counts[1], counts[2], failures);
    }

    /** A command not yet answered, and its comment. */
    private record Pending(Comment comment, InboxCommand command, String mark) {}

    /** A handover note, and when the CRM says it was written. */
    private record Written(HandoverRecord record, Instant at) {}

    private void ticket(Ticket t, Page<Comment> page, Instant now, int[] counts) {
        Set<String> answered = new HashSet<>();
        List<Pending> pending = new ArrayList<>(); // newest first
        List<Written> handovers = new ArrayList<>(); // newest first
        Instant horizon = now.minus(HORIZON);
        for (int n = 0; ; n++) {
            boolean older = false;
            for (Comment c : page.items()) {
                older |= c.createdAt().isBefore(horizon);
                if (!c.isInternal()) {
                    continue;
                }
                Optional<HandoverRecord> r = HandoverRecord.find(c.body());
                if (r.isPresent()) {
                    handovers.add(new Written(r.get(), c.createdAt()));
                    continue;
                }
                Optional<StepRecord> s = StepRecord.find(c.body());
                if (s.isPresent()) {
                    answered.addAll(s.get().steps());
                    continue;
                }
                if (c.createdAt().isBefore(horizon)) {
                    continue;
                }
                Optional<InboxCommand> cmd = InboxCommand.parse(c.body());
                if (cmd.isPresent()) {
                    pending.add(new Pending(c, cmd.get(), HandoverIds.crc(t.id().value() + "|" + c.id())));
                }
            }
            pending.removeIf(p -> answered.contains("inbox:" + p.mark()) || answered.contains("feedback:" + p.mark()));
            boolean placed = pending.isEmpty()
                    || handovers.stream()
                            .anyMatch(w -> !w.at().isAfter(pending.get(pending.size() - 1)
                                    .comment()
                                    .createdAt()));
            if (placed || older || n + 1 >= MAX_PAGES || page.next(PAGE).isEmpty()) {
                break;
            }
            page = crm.comments(t.id(), SortOrder.NEWEST_FIRST, page.next(PAGE).get());
        }
        Directory dir = directory.get();
        for (int i = pending.size() - 1; i >= 0; i--) { // oldest first, as they were written
            act(t, pending.get(i), handovers, dir, counts);
        }
    }

    private void act(Ticket t, Pending p, List<Written> handovers, Directory dir, int[] counts) {
        Comment c = p.comment();
        Optional<Agent> author =
                dir.agents().stream().filter(a -> c.isBy(a.id())).findFirst();
        Optional<HandoverRecord> about = p.command().handover().isPresent()
                ? handovers.stream()
                        .map(Written::record)
                        .filter(r -> r.id().equals(p.command().handover().get()))
                        .findFirst()
                : handovers.stream()
                        .filter(w -> !w.at().isAfter(c.createdAt()))
                        .map(Written::record)
                        .findFirst();
        String problem = null;
        if (p.command() instanceof InboxCommand.NotUnderstood n) {
            problem = n.problem();
        } else if (author.isEmpty()) {
            problem = "the note's author " + (c.authorId().isBlank() ? "(unknown)" : c.authorId())
                    + " is not an agent in the directory";
        } else if (about.isEmpty()) {
            problem = p.command().handover().isPresent()
                    ? "handover " + p.command().handover().get() + " is not among the recent handovers of ticket "
                            + t.id()
                    : "ticket " + t.id() + " has no handover before this note";
        }
        if (problem == null) {
            HandoverRecord r = about.get();
            try {
                if (p.command() instanceof InboxCommand.Feedback f) {
                    Optional<String> sender =
                            r.from().map(a -> dir.agent(a).map(Agent::name).orElse(a.value()));
                    feedback.record(
                            t.id(),
                            r.id(),
                            author.get(),
                            sender,
                            f.missing(),
                            f.comment(),
                            c.createdAt(),
                            Optional.of(p.mark()));
                    counts[1]++;
                } else {
                    followUp.acknowledge(
                            r.id(),
                            author.get().id(),
                            c.createdAt(),
                            Optional.of(r.at()),
                            Set.of("inbox:" + p.mark()),
                            " in the ticket");
                    counts[0]++;
                }
                EngineLog.FOLLOW_UP.info(
                        "ticket {}: {} by {} recorded for handover {}",
                        t.id(),
                        p.command() instanceof InboxCommand.Feedback ? "feedback" : "acknowledgement",
                        author.get().id(),
                        r.id());
                return;
            } catch (IllegalArgumentException e) {
                problem = e.getMessage(); // someone else's handover to acknowledge, or it asked for none
            }
        }
        HandoverId marked = about.map(HandoverRecord::id)
                .orElseGet(() -> handovers.get(0).record().id());
        String who = author.map(Agent::name).orElse(c.authorId().isBlank() ? "an unknown author" : c.authorId());
        String quoted = Markers.neutralize(c.body().strip())
                .lines()
                .limit(6)
                .map(l -> "> " + l)
                .reduce((a, b) -> a + "\n" + b)
                .orElse("");
        String text = "handover could not act on the note of " + who + " ("
                + dev.handover.core.calendar.Availability.describe(c.createdAt(), java.time.ZoneOffset.UTC) + "): "
                + problem + ". Nothing was recorded; write it again, for example: " + InboxCommand.EXAMPLES + "\n"
                + quoted + "\n" + new StepRecord(marked, Set.of("inbox:" + p.mark()), clock.instant()).format();
        crm.apply(TicketUpdate.builder(t.id())
                .note(NoteDraft.internal(text))
                .idempotencyKey("inbox:" + t.id().value() + ":" + p.mark())
                .build());
        EngineLog.FOLLOW_UP.warn("ticket {}: the note {} of {} was not understood: {}", t.id(), c.id(), who, problem);
        counts[2]++;
    }
}
