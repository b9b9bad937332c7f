package dev.handover.runner.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.core.HandoverResult;
import dev.handover.core.Handovers;
import dev.handover.core.event.HandoverEvent;
import dev.handover.core.note.NoteSection;
import dev.handover.core.policy.ActionOwner;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.Condition;
import dev.handover.memory.InMemoryCrm;
import dev.handover.memory.time.MutableClock;
import dev.handover.runner.journal.EventCodec;
import dev.handover.runner.journal.JournalEntry;
import dev.handover.runner.journal.Labels;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The review rebuilt from the in-memory CRM's tickets ({@link CrmSource}) against the review of the journal the same
 * run wrote: four handovers, then a working day of sweeps — one acknowledged whose action is done, one whose ticket is
 * solved, one whose action goes overdue up the escalation ladder, one nobody acknowledges (reminded, re-targeted) —
 * and a receiver's feedback.
 */
class ReviewFromCrmTest {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final GroupId SUPPORT = GroupId.of("g1");
    static final AgentId ADA = AgentId.of("a1");
    static final AgentId BEN = AgentId.of("a2");
    static final AgentId CARA = AgentId.of("a3");
    static final AgentId DAN = AgentId.of("a4");

    final MutableClock clock = MutableClock.at(T0);
    final InMemoryCrm crm = InMemoryCrm.builder().clock(clock).build();
    final List<JournalEntry> journal = new ArrayList<>();

    private static Agent agent(AgentId id, String name, AgentId manager) {
        Agent.Builder b = Agent.builder(id)
                .name(name)
                .email(name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.com")
                .role("agent")
                .timeZone(ZoneOffset.UTC)
                .group(SUPPORT)
                .speaks("en")
                .capacity(100);
        return (manager == null ? b : b.manager(manager)).build();
    }

    private Ticket ticket(int n) {
        Instant created = T0.minus(Duration.ofHours(2));
        return Ticket.builder(TicketId.of("t" + n))
                .subject("Order " + n + " arrived damaged")
                .description("The parcel was crushed.")
                .status(TicketStatus.OPEN)
                .priority(TicketPriority.NORMAL)
                .requester(Customer.builder()
                        .id("c" + n)
                        .name("Customer " + n)
                        .email("customer" + n + "@example.org")
                        .language(Locale.ENGLISH)
                        .build())
                .assignee(ADA)
                .group(SUPPORT)
                .tag("move")
                .createdAt(created)
                .updatedAt(created)
                .version(Version.of("1"))
                .build();
    }

    private HandoverId handoverOf(TicketId t) {
        return journal.stream()
                .map(JournalEntry::event)
                .filter(e -> e instanceof HandoverEvent.Executed x && x.ticket().equals(t))
                .map(e -> ((HandoverEvent.Executed) e).handover())
                .findFirst()
                .orElseThrow();
    }

    private Task task(HandoverId h, String key) {
        return crm.tasksSnapshot().stream()
                .filter(t -> t.handover().equals(h) && t.key().equals(key))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theReviewRebuiltFromTheTicketsEqualsTheJournalsReview() throws IOException {
        crm.putGroup(Group.team(SUPPORT, "Support"));
        crm.putAgent(agent(ADA, "Ada Lovelace", CARA));
        crm.putAgent(agent(BEN, "Ben Okoro", CARA));
        crm.putAgent(agent(DAN, "Dan Brown", CARA));
        crm.putAgent(agent(CARA, "Cara Diaz", null));
        for (int n = 1; n <= 4; n++) {
            crm.putTicket(ticket(n));
        }
        HandoverPolicy policy = HandoverPolicy.builder()
                .name("Review")
                .rule(HandoverRule.builder("move")
                        .when(Condition.tag("move"))
                        .reason(HandoverReason.SHIFT_CHANGE)
                        .to(Target.agent(BEN))
                        .action("Call the customer back", ActionOwner.RECEIVER, Duration.ofHours(1))
                        .acknowledgeWithin(Duration.ofMinutes(30))
                        .notifyCustomer(true)
                        .build())
                .build();
        Handovers engine = Handovers.builder()
                .connector(crm)
                .policy(policy)
                .clock(clock)
                .sleeper(clock::advance)
                .listener(e -> journal.add(new JournalEntry(e, Labels.of(e, crm.directory()))))
                .build();

        List<HandoverResult> results = engine.evaluate(crm.ticketsSnapshot());
        assertThat(results)
                .allSatisfy(r -> assertThat(r.isHandedOver()).as(r.message()).isTrue());
        HandoverId h1 = handoverOf(TicketId.of("t1"));
        HandoverId h2 = handoverOf(TicketId.of("t2"));
        HandoverId h3 = handoverOf(TicketId.of("t3"));
        clock.advance(Duration.ofMinutes(5));
        engine.acknowledge(h1, BEN);
        engine.acknowledge(h2, BEN);
        clock.advance(Duration.ofMinutes(6));
        engine.acknowledge(h3, BEN);
        engine.feedback(h1, BEN, Set.of(NoteSection.HISTORY), "What did the carrier say?");
        clock.advance(Duration.ofMinutes(9));
        crm.completeTask(task(h1, "action-1").id());
        crm.editTicket(TicketId.of("t2"), b -> b.status(TicketStatus.SOLVED));
        // t3's call-back goes overdue and up the ladder; t4 is never acknowledged
        for (int i = 0; i < 24; i++) {
            clock.advance(Duration.ofMinutes(30));
            engine.sweep();
        }
        List<String> types =
                journal.stream().map(e -> e.event().type()).distinct().toList();
        assertThat(types)
                .contains(
                        "executed",
                        "acknowledged",
                        "reminded",
                        "escalated",
                        "action-completed",
                        "follow-up-closed",
                        "feedback");

        Instant from = T0.minus(Duration.ofHours(1));
        Instant until = T0.plus(Duration.ofDays(1));
        ReviewOptions options = ReviewOptions.defaults();
        Instant generated = clock.instant();
        JsonNode fromJournal = EventCodec.mapper()
                .readTree(Review.of(journal, from, until, options).toJson(generated));
        CrmSource.Read read = CrmSource.read(crm, Review.earliestNeeded(from, until, options));
        JsonNode fromCrm = EventCodec.mapper()
                .readTree(Review.of(read.entries(), from, until, options.withTeamNames(read.teamNames()))
                        .toJson(generated));

        assertThat(read.ticketsRead()).isEqualTo(4);
        assertThat(read.teamNames()).isEqualTo(Map.of("g1", "Support"));
        assertThat(fromJournal.at("/escalations/count").asLong()).isPositive();
        assertThat(fromJournal.at("/actions/completed").asLong()).isEqualTo(2);
        List<String> same = new ArrayList<>(dev.handover.runner.ReportFromCrmFigures.SAME);
        same.addAll(List.of(
                "/acknowledgement/latency/p50Minutes",
                "/acknowledgement/latency/p90Minutes",
                "/actions/onTime",
                "/followUps/byOutcome"));
        // each escalation with its level, recipient and cause, as the engine told them
        assertThat(escalations(read.entries())).isEqualTo(escalations(journal));
        // the default escalation wording gives the cause and the impact back
        assertThat(fromCrm.at("/escalations/byCause").toString())
                .contains("Overdue, nothing shows it done")
                .contains("no promise to the customer depends on it yet");
        for (String figure : same) {
            assertThat(fromJournal.at(figure).isMissingNode()).as(figure).isFalse();
            assertThat(fromCrm.at(figure)).as(figure).isEqualTo(fromJournal.at(figure));
        }
    }

    private static List<String> escalations(List<JournalEntry> entries) {
        return entries.stream()
                .map(JournalEntry::event)
                .filter(HandoverEvent.Escalated.class::isInstance)
                .map(HandoverEvent.Escalated.class::cast)
                .map(e -> e.handover() + " " + e.item() + " " + e.level() + " " + e.to())
                .sorted()
                .toList();
    }
}
