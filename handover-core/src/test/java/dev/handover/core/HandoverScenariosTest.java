package dev.handover.core;

import static dev.handover.core.World.AMELIA;
import static dev.handover.core.World.BILLING;
import static dev.handover.core.World.EMEA;
import static dev.handover.core.World.GRACE;
import static dev.handover.core.World.JONAS;
import static dev.handover.core.World.LUKAS;
import static dev.handover.core.World.OLIVER;
import static dev.handover.core.World.RELATIONS;
import static dev.handover.core.World.SOPHIE;
import static dev.handover.core.World.TRIAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.note.HandoverRecord;
import dev.handover.core.note.NoteSection;
import dev.handover.core.policy.ActionOwner;
import dev.handover.core.policy.ExchangeMethod;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.policy.IncompleteNotes;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.AuthorityLimit;
import dev.handover.core.rule.Condition;
import dev.handover.memory.Faults;
import dev.handover.memory.Operation;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.Visibility;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One scenario per seed criterion row of "Carry out customer service handovers" that the engine covers. */
final class HandoverScenariosTest {
    private final World world = new World();

    private static final AuthorityLimit REFUND = new AuthorityLimit(
            "refund",
            "refund_amount",
            "EUR",
            Map.of(
                    "agent", new BigDecimal("100"),
                    "senior", new BigDecimal("500"),
                    "lead", new BigDecimal("2000")));

    private static HandoverPolicy.Builder policy() {
        return HandoverPolicy.builder().name("Test support");
    }

    /** A plain manual handover of the ticket to Lukas, for his expertise. */
    private static HandoverRequest toLukas(Ticket t) {
        return HandoverRequest.builder(t.id())
                .toAgent(LUKAS)
                .reason(HandoverReason.EXPERTISE)
                .build();
    }

    /** An engine whose one rule hands tickets tagged {@code move} to Lukas. */
    private Handovers movingTaggedToLukas() {
        return world.engine(policy().rule(HandoverRule.builder("move")
                        .when(Condition.tag("move"))
                        .reason(HandoverReason.EXPERTISE)
                        .to(Target.agent(LUKAS))
                        .build())
                .build());
    }

    private List<Comment> notesOf(Ticket t) {
        return world.crm.commentsSnapshot(t.id()).stream()
                .filter(Comment::isInternal)
                .toList();
    }

    private HandoverRecord lastRecord(Ticket t) {
        List<Comment> notes = notesOf(t);
        return HandoverRecord.find(notes.get(notes.size() - 1).body()).orElseThrow();
    }

    // ---------------------------------------------------------------------------------------------- 3.2, shift change

    @Test
    void handsOverAtShiftEndToNextShiftWithFullNote() {
        Ticket t = world.ticket(b -> b);
        world.crm.addComment(
                t.id(), AMELIA.value(), "Checked the warehouse: return scanned on 2 March.", Visibility.INTERNAL);
        Handovers engine = world.engine(policy().build());

        List<HandoverResult> results = engine.shiftChange(AMELIA, Instant.parse("2026-03-09T14:00:00Z"));

        assertThat(results)
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(HandoverResult.Status.HANDED_OVER));
        Ticket after = world.reread(t);
        // on shift after 14:00 in EMEA: Lukas 8–16, Jonas 14–22, Sophie 9–17; all have 0 open tickets: lowest id wins
        assertThat(after.assignee()).contains(JONAS);
        assertThat(after.tags()).contains("handover", "handover-shift-change");
        String note = notesOf(t).get(notesOf(t).size() - 1).body();
        assertThat(note)
                .contains("Reason: Shift change — Amelia Clarke's shift ends at Mon 9 Mar 14:00 Europe/London")
                .contains("From: Amelia Clarke (EMEA Support)")
                .contains("To: Jonas Weber (EMEA Support)")
                .contains("Acknowledge by:")
                .contains("CUSTOMER", "Olivia Harris · olivia@example.org · +44 20 7946 0001", "tier gold")
                .contains("SUMMARY", "Refund not received for order", "[from ticket]")
                .contains("ACTIONS TAKEN", "Amelia Clarke noted: “Checked the warehouse")
                .contains(
                        "PROMISES MADE TO THE CUSTOMER",
                        "ACTIONS REQUIRED",
                        "Review the handover and update the customer");
        HandoverRecord record = lastRecord(t);
        assertThat(record.from()).contains(AMELIA);
        assertThat(record.to()).contains(JONAS);
        assertThat(record.reason()).isEqualTo("shift-change");
        assertThat(record.acknowledgeBy()).isPresent();
        assertThat(world.crm.tasksSnapshot())
                .extracting(task -> task.kind() + " " + task.key() + " " + task.owner() + " " + task.handover())
                .containsExactlyInAnyOrder(
                        "ACTION action-1 jonas " + record.id(),
                        "ACKNOWLEDGEMENT ack jonas " + record.id(),
                        "FOLLOW_UP follow-up amelia " + record.id());
        assertThat(world.events(HandoverEvent.Executed.class)).hasSize(1);
    }

    // ---------------------------------------------------------------------------------------------- common mistakes

    @Test
    void refusesReceiverWhoDoesNotSpeakCustomersLanguage() {
        Ticket t = world.germanTicket(b -> b.assignee(AMELIA));
        Handovers engine = world.engine(policy().build());

        HandoverResult r = engine.handOver(HandoverRequest.builder(t.id())
                .toAgent(SOPHIE)
                .reason(HandoverReason.EXPERTISE)
                .summary("Refund stuck")
                .build());

        assertThat(r.status()).isEqualTo(HandoverResult.Status.REFUSED);
        assertThat(r.message()).isEqualTo("Sophie Martin cannot take the ticket: does not speak de");
        assertThat(world.reread(t).assignee()).contains(AMELIA);
        assertThat(notesOf(t)).isEmpty();
        assertThat(world.events(HandoverEvent.Refused.class))
                .singleElement()
                .satisfies(e -> assertThat(e.why()).contains("does not speak de"));
    }

    @Test
    void refusesReceiverWhoIsOffShiftAndSaysUntilWhen() {
        Ticket t = world.ticket(b -> b);
        world.clock.set(Instant.parse("2026-03-09T10:00:00Z"));
        Handovers engine = world.engine(policy().build());

        HandoverResult r = engine.handOver(HandoverRequest.builder(t.id())
                .toAgent(JONAS)
                .reason(HandoverReason.WORKLOAD)
                .build());

        assertThat(r.status()).isEqualTo(HandoverResult.Status.REFUSED);
        assertThat(r.message())
                .isEqualTo(
                        "Jonas Weber cannot take the ticket: off shift until Mon 9 Mar 14:00 Europe/London, after the"
                                + " deadline Mon 9 Mar 10:30 UTC");
    }

    @Test
    void sayingExactlyWhyNobodyQualifiesAndFallingBackToTheQueue() {
        Ticket t = world.ticket(b -> b.requester(dev.handover.spi.model.Customer.builder()
                .name("João")
                .language(java.util.Locale.forLanguageTag("pt"))
                .build()));
        HandoverRule rule = HandoverRule.builder("billing-expertise")
                .when(Condition.category("refund"))
                .reason(HandoverReason.EXPERTISE)
                .to(Target.bestAvailable(BILLING, "refunds"))
                .orElse(Target.group(TRIAGE))
                .build();
        world.crm.editTicket(t.id(), b -> b.tag("refund"));
        Handovers engine = world.engine(policy().rule(rule).build());

        HandoverResult r = engine.evaluate(List.of(world.reread(t))).get(0);

        assertThat(r.status()).isEqualTo(HandoverResult.Status.HANDED_OVER);
        assertThat(world.reread(t).assignee()).isEmpty();
        assertThat(world.reread(t).group()).contains(TRIAGE);
        HandoverPlan plan = r.plan().orElseThrow();
        assertThat(plan.selection().fallbacks())
                .singleElement()
                .isEqualTo("no agent in Billing L2 has the skill refunds and speaks pt and is on shift before Mon 9 Mar"
                        + " 14:15 UTC and has capacity left");
        assertThat(plan.selection().considered()).isEmpty(); // the queue itself has no candidates
    }

    @Test
    void refusesWhenNobodyQualifiesAndTheRuleHasNoFallback() {
        Ticket t = world.germanTicket(b -> b.tag("refund"));
        HandoverRule rule = HandoverRule.builder("billing-expertise")
                .when(Condition.tag("refund"))
                .reason(HandoverReason.EXPERTISE)
                .to(Target.bestAvailable(BILLING, "refunds"))
                .availableWithin(Duration.ofMinutes(5))
                .build();
        Handovers engine = world.engine(policy().rule(rule).build());

        HandoverResult r = engine.evaluate(List.of(t)).get(0);

        assertThat(r.status()).isEqualTo(HandoverResult.Status.REFUSED);
        assertThat(r.message())
                .isEqualTo("no agent in Billing L2 has the skill refunds and speaks de and is on shift before Mon 9 Mar"
                        + " 13:50 UTC and has capacity left");
        assertThat(world.reread(t).assignee()).contains(AMELIA);
    }

    @Test
    void neverHandsOverWithoutANoteAndTheAuditTrailSaysWhen() {
        Ticket t = world.ticket(b -> b);
        Handovers engine = world.engine(policy().build());

        engine.handOver(HandoverRequest.builder(t.id())
                .toAgent(LUKAS)
                .reason(HandoverReason.CUSTOMER_REQUEST)
                .summary("Customer asked for Lukas")
                .build());

        List<Comment> notes = notesOf(t);
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).createdAt()).isEqualTo(World.MONDAY_1345);
        assertThat(HandoverRecord.find(notes.get(0).body())).isPresent();
        assertThat(world.events(HandoverEvent.Executed.class))
                .singleElement()
                .satisfies(e -> assertThat(e.at()).isEqualTo(World.MONDAY_1345));
    }

    // ---------------------------------------------------------------------------------------------- 1.1

    @Test
    void explainsTheOrganisationsHandoverProcedure() {
        HandoverPolicy p = policy().authorityLimit(REFUND)
                .rule(HandoverRule.builder("complaint-to-lead")
                        .description("Complaints go to the team lead")
                        .when(Condition.complaint().and(Condition.priorityAtLeast(TicketPriority.HIGH)))
                        .reason(HandoverReason.COMPLAINT)
                        .to(Target.lineManager())
                        .orElse(Target.group(RELATIONS))
                        .action("Call the customer back", ActionOwner.RECEIVER, Duration.ofHours(2))
                        .notifyCustomer(true)
                        .build())
                .build();

        String text = p.describe();

        assertThat(text)
                .contains("Handover procedure: Test support")
                .contains("complaint-to-lead — Complaints go to the team lead")
                .contains("When: (the ticket is a complaint or the subject or description reads as a complaint (")
                .contains(" words and phrases in en, de, fr, es)) and the priority is high or above")
                .contains("Why: Complaint — a complaint goes to someone with the authority")
                .contains("To: the assignee's line manager; if they cannot take it: the queue of group relations")
                .contains("1. Call the customer back — the receiver, within 2 h of working time")
                .contains("the customer is told who takes over and why")
                .contains("refund (field refund_amount, EUR): agent up to 100, senior up to 500, lead up to 2000")
                .contains("ping-pong");
    }

    // ---------------------------------------------------------------------------------------------- 1.2

    @Test
    void everyHandoverSaysWhyItIsAppropriate() {
        assertThat(HandoverReason.BUILT_IN)
                .hasSize(10)
                .allSatisfy(r -> assertThat(r.why()).isNotBlank());
        Ticket t = world.ticket(b -> b);
        Handovers engine = world.engine(policy().build());
        engine.handOver(HandoverRequest.builder(t.id())
                .toAgent(LUKAS)
                .reason(HandoverReason.WORKLOAD)
                .summary("Too many open tickets")
                .build());
        assertThat(notesOf(t).get(0).body())
                .contains("Reason: Workload — the owner holds more open work than they can handle in time");
        assertThat(lastRecord(t).reason()).isEqualTo("workload");
    }

    // ---------------------------------------------------------------------------------------------- 1.4

    @Test
    void handsOverWhenTheRefundExceedsTheAssigneesAuthority() {
        Ticket t = world.ticket(b -> b.customField("refund_amount", "450"));
        HandoverRule rule = HandoverRule.builder("refund-authority")
                .when(Condition.exceedsAuthority(REFUND))
                .reason(HandoverReason.AUTHORITY_LIMIT)
                .to(Target.bestAvailable(BILLING, "refunds"))
                .requireLanguage(false)
                .build();
        Handovers engine =
                world.engine(policy().authorityLimit(REFUND).rule(rule).build());

        HandoverResult r = engine.evaluate(List.of(t)).get(0);

        assertThat(r.status()).isEqualTo(HandoverResult.Status.HANDED_OVER);
        // seniors Carlos (New York, 09:45 there) and Sophie are on shift with no tickets; the id breaks the tie
        assertThat(world.reread(t).assignee()).contains(World.CARLOS);
        assertThat(notesOf(t).get(0).body())
                .contains("LIMITS OF AUTHORITY")
                .contains("refund_amount is 450 EUR: the sender's role agent may approve up to 100 EUR; the receiver's"
                        + " role senior may approve up to 500 EUR (enough); role senior or above may approve it");
        // within the agent's own authority, nothing happens
        Ticket small = world.ticket(b -> b.customField("refund_amount", "80"));
        assertThat(engine.evaluate(List.of(small)).get(0).status()).isEqualTo(HandoverResult.Status.NOT_APPLICABLE);
    }

    // ---------------------------------------------------------------------------------------------- 2.1

    @Test
    void anIncompleteNoteIsBlockedWhenThePolicySaysSo() {
        Ticket t = world.ticket(b -> b);
        HandoverPolicy strict = policy().requiredSections(
                        Set.copyOf(EnumSet.of(NoteSection.SUMMARY, NoteSection.ACTIONS_TAKEN, NoteSection.PROMISES)))
                .incompleteNotes(IncompleteNotes.BLOCK)
                .build();
        Handovers engine = world.engine(strict);

        HandoverResult r = engine.handOver(HandoverRequest.builder(t.id())
                .toAgent(LUKAS)
                .reason(HandoverReason.EXPERTISE)
                .summary("Refund stuck")
                .build());

        assertThat(r.status()).isEqualTo(HandoverResult.Status.REFUSED);
        assertThat(r.message())
                .isEqualTo("the handover note misses actions taken so far, promises made to the customer; give them"
                        + " with the handover (the policy blocks incomplete notes)");
        assertThat(world.reread(t).assignee()).contains(AMELIA);

        HandoverResult complete = engine.handOver(HandoverRequest.builder(t.id())
                .toAgent(LUKAS)
                .reason(HandoverReason.EXPERTISE)
                .summary("Refund stuck")
                .actionTaken("Checked the payment gateway")
                .promise("Refund by Friday", Instant.parse("2026-03-13T17:00:00Z"))
                .build());
        assertThat(complete.status()).isEqualTo(HandoverResult.Status.HANDED_OVER);
    }

    @Test
    void anIncompleteNoteGoesThroughWithAWarningByDefault() {
        Ticket t = world.ticket(b -> b);
        Handovers engine = world.engine(
                policy().requiredSections(Set.of(NoteSection.PROMISES)).build());
        HandoverResult r = engine.handOver(toLukas(t));
        assertThat(r.status()).isEqualTo(HandoverResult.Status.HANDED_OVER);
        assertThat(world.events(HandoverEvent.Warned.class))
                .singleElement()
                .satisfies(w -> assertThat(w.message()).isEqualTo("the note misses promises made to the customer"));
        assertThat(world.events(HandoverEvent.Executed.class).get(0).missing()).containsExactly(NoteSection.PROMISES);
    }

    // ---------------------------------------------------------------------------------------------- 2.2

    @Test
    void theFirstAgreedRuleThatAppliesDecidesAndFiresOnce() {
        Ticket vip = world.ticket(b -> b.tag("vip").priority(TicketPriority.URGENT));
        HandoverPolicy p = policy().rule(HandoverRule.builder("urgent-to-lead")
                        .order(2)
                        .when(Condition.priorityAtLeast(TicketPriority.URGENT))
                        .reason(HandoverReason.ESCALATION)
                        .to(Target.lineManager())
                        .overriding() // it may move what the vip rule has just placed (RulePingPongTest)
                        .build())
                .rule(HandoverRule.builder("vip-to-sophie")
                        .order(1)
                        .when(Condition.tag("vip"))
                        .reason(HandoverReason.ESCALATION)
                        .to(Target.agent(SOPHIE))
                        .build())
                .build();
        Handovers engine = world.engine(p);

        HandoverResult first = engine.evaluate(List.of(vip)).get(0);
        assertThat(first.plan().orElseThrow().rule()).isEqualTo("vip-to-sophie");
        assertThat(world.reread(vip).tags()).contains("handover-rule-vip-to-sophie");

        // the vip rule has fired; the urgent rule is next in line and hands over to Sophie's line manager
        HandoverResult second = engine.evaluate(List.of(world.reread(vip))).get(0);
        assertThat(second.plan().orElseThrow().rule()).isEqualTo("urgent-to-lead");
        assertThat(world.reread(vip).assignee()).contains(OLIVER);
        // and nothing fires a third time
        assertThat(engine.evaluate(List.of(world.reread(vip))).get(0).status())
                .isEqualTo(HandoverResult.Status.NOT_APPLICABLE);
    }

    // ---------------------------------------------------------------------------------------------- 2.3

    @Test
    void theAgreedMethodOfExchangeDecidesBetweenNoteAndTasks() {
        Ticket byNote = world.ticket(b -> b.tag("m-note"));
        Ticket byTask = world.ticket(b -> b.tag("m-task"));
        HandoverPolicy p = policy().rule(rule("note-only", "m-note", ExchangeMethod.NOTE))
                .rule(rule("task-only", "m-task", ExchangeMethod.TASK))
                .build();
        Handovers engine = world.engine(p);

        engine.evaluate(List.of(byNote, byTask));

        assertThat(world.crm.tasksSnapshot().stream().filter(task -> task.kind() == TaskKind.ACTION))
                .extracting(task -> task.ticket())
                .containsExactly(byTask.id());
        assertThat(notesOf(byNote).get(0).body()).contains("CUSTOMER", "SUMMARY");
        assertThat(notesOf(byTask).get(0).body())
                .doesNotContain("CUSTOMER")
                .contains("ACTIONS REQUIRED", "Details are in the tasks of this handover.");
        assertThat(HandoverRecord.find(notesOf(byTask).get(0).body())).isPresent();
    }

    private static HandoverRule rule(String id, String tag, ExchangeMethod method) {
        return HandoverRule.builder(id)
                .when(Condition.tag(tag))
                .reason(HandoverReason.EXPERTISE)
                .to(Target.agent(LUKAS))
                .action("Call the customer", ActionOwner.RECEIVER, Duration.ofHours(1))
                .exchange(method)
                .build();
    }

    // ---------------------------------------------------------------------------------------------- 3.1

    @Test
    void tellsAGermanCustomerInGermanToWhomAndWhy() {
        Ticket t = world.germanTicket(b -> b.assignee(AMELIA));
        HandoverRule rule = HandoverRule.builder("language")
                .when(Condition.languageNotSpokenByAssignee())
                .reason(HandoverReason.LANGUAGE)
                .to(Target.bestAvailable(EMEA))
                .notifyCustomer(true)
                .nextContactWithin(Duration.ofHours(2))
                .build();
        Handovers engine = world.engine(policy().rule(rule).build());

        engine.evaluate(List.of(t));

        assertThat(world.reread(t).assignee()).contains(LUKAS); // speaks de, on shift, fewer tickets than Oliver
        List<Comment> all = world.crm.commentsSnapshot(t.id());
        Comment notice = all.get(all.size() - 1);
        assertThat(notice.visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(notice.body())
                .startsWith(
                        "Guten Tag Anna Müller, ab sofort kümmert sich Lukas um Ihr Anliegen, weil Sie so in Ihrer Sprache"
                                + " betreut werden.")
                .contains("Sie hören spätestens am 9. März 2026");
        assertThat(notesOf(t).get(0).body())
                .contains("Reason: Language — the customer writes in German, which Amelia Clarke does not speak");
    }

    // ---------------------------------------------------------------------------------------------- chains, ping-pong

    @Test
    void aChainKeepsTheFirstSendersPromisesAndContext() {
        Ticket t = world.ticket(b -> b);
        Handovers engine = world.engine(policy().pingPongWindow(Duration.ZERO).build());
        engine.handOver(HandoverRequest.builder(t.id())
                .toAgent(LUKAS)
                .reason(HandoverReason.EXPERTISE)
                .summary("Refund stuck in the gateway")
                .promise("Refund confirmed by Friday", Instant.parse("2026-03-13T17:00:00Z"))
                .action("Ask finance to push the refund", LUKAS, Instant.parse("2026-03-10T12:00:00Z"))
                .build());
        HandoverRecord first = lastRecord(t);
        world.clock.advance(Duration.ofMinutes(10));

        engine.handOver(HandoverRequest.builder(t.id())
                .toAgent(SOPHIE)
                .reason(HandoverReason.AUTHORITY_LIMIT)
                .summary("Needs a senior to approve")
                .build());

        HandoverRecord second = lastRecord(t);
        assertThat(second.chain()).containsExactly(first.asLink());
        assertThat(second.promises()).singleElement().satisfies(p -> {
            assertThat(p.text()).startsWith("Refund confirmed by Friday (made before handover " + first.id());
            assertThat(p.due()).contains(Instant.parse("2026-03-13T17:00:00Z"));
        });
        String note = notesOf(t).get(1).body();
        assertThat(note)
                .contains("Earlier handover " + first.id() + ": amelia → lukas (expertise)")
                .contains("Asked in handover " + first.id() + ": Ask finance to push the refund — Lukas Becker")
                .contains("Next customer contact due: Fri 13 Mar 2026 17:00 UTC");
        assertThat(world.events(HandoverEvent.Executed.class).get(1).chainLength())
                .isEqualTo(2);
    }

    @Test
    void aLaterNoteDoesNotQuoteTheEnginesOwnNoticeAndFollowUpNotesAsTheConversation() {
        Ticket t = world.ticket(b -> b);
        world.crm.addComment(t.id(), "cust-x", "Still no refund, please call me.", Visibility.PUBLIC);
        Handovers engine = world.engine(policy().pingPongWindow(Duration.ZERO).build());
        HandoverPlan first = engine.handOver(HandoverRequest.builder(t.id())
                        .toAgent(LUKAS)
                        .reason(HandoverReason.EXPERTISE)
                        .notifyCustomer(true)
                        .build())
                .plan()
                .orElseThrow();
        world.clock.advance(Duration.ofMinutes(5));
        engine.acknowledge(first.id(), LUKAS); // writes an internal note with a step marker
        world.clock.advance(Duration.ofMinutes(5));

        HandoverPlan second = engine.handOver(HandoverRequest.builder(t.id())
                        .toAgent(SOPHIE)
                        .reason(HandoverReason.AUTHORITY_LIMIT)
                        .build())
                .plan()
                .orElseThrow();

        List<String> conversation = new java.util.ArrayList<>();
        second.note().history().forEach(i -> conversation.add(i.text()));
        second.note().actionsTaken().forEach(i -> conversation.add(i.text()));
        assertThat(conversation)
                .anySatisfy(i -> assertThat(i).contains("Customer wrote: “Still no refund, please call me.”"))
                .noneSatisfy(i -> assertThat(i).contains(first.customerNotice().orElseThrow()))
                .noneSatisfy(i -> assertThat(i).contains("acknowledged by Lukas Becker"));
    }

    @Test
    void thePingPongGuardKeepsATicketFromBouncingBack() {
        Ticket t = world.ticket(b -> b.tag("refund"));
        HandoverPolicy p = policy().rule(HandoverRule.builder("to-billing")
                        .when(Condition.tag("refund"))
                        .reason(HandoverReason.EXPERTISE)
                        .to(Target.agent(AMELIA))
                        .orElse(Target.group(TRIAGE))
                        .repeatable()
                        .build())
                .build();
        Handovers engine = world.engine(p);
        engine.handOver(HandoverRequest.builder(t.id())
                .toAgent(LUKAS)
                .reason(HandoverReason.WORKLOAD)
                .from(AMELIA)
                .build());
        world.clock.advance(Duration.ofMinutes(5));

        HandoverResult r = engine.evaluate(List.of(world.reread(t))).get(0);

        assertThat(world.reread(t).assignee()).isEmpty();
        assertThat(world.reread(t).group()).contains(TRIAGE);
        assertThat(r.plan().orElseThrow().selection().fallbacks().get(0))
                .startsWith("Amelia Clarke cannot take the ticket: handed this ticket over at Mon 9 Mar 13:45 UTC"
                        + " (ping-pong guard, 4 h)");
    }

    // ---------------------------------------------------------------------------------------------- complaint

    @Test
    void aComplaintGoesToTheLineManagerWithTheCustomerTold() {
        Ticket t = world.ticket(b -> b.subject("Formal complaint about delivery delays")
                .description("This is unacceptable, I want to speak to a manager.")
                .priority(TicketPriority.HIGH));
        HandoverRule rule = HandoverRule.builder("complaint-to-lead")
                .when(Condition.complaint())
                .reason(HandoverReason.COMPLAINT)
                .to(Target.lineManager())
                .orElse(Target.group(RELATIONS))
                .action("Call the customer back", ActionOwner.RECEIVER, Duration.ofHours(2))
                .notifyCustomer(true)
                .build();
        Handovers engine = world.engine(policy().rule(rule).build());

        engine.evaluate(List.of(t));

        assertThat(world.reread(t).assignee()).contains(OLIVER);
        List<Comment> all = world.crm.commentsSnapshot(t.id());
        assertThat(all.get(all.size() - 1).body())
                .startsWith("Hello Olivia, Oliver will take care of your request from now on because we want someone"
                        + " with the authority to resolve your complaint to look after it personally.");
        assertThat(world.crm.tasksSnapshot().stream().filter(task -> task.kind() == TaskKind.ACTION))
                .singleElement()
                .satisfies(task -> assertThat(task.due()).isEqualTo(Instant.parse("2026-03-09T15:45:00Z")));
    }

    // ---------------------------------------------------------------------------------------------- absence

    @Test
    void anAbsenceHandsTicketsOverAndBackOnReturn() {
        Ticket a = world.ticket(b -> b);
        Ticket b2 = world.ticket(b -> b.subject("Second ticket"));
        Handovers engine = world.engine(policy().build());
        Instant until = Instant.parse("2026-03-11T00:00:00Z");

        List<HandoverResult> away = engine.absence(AMELIA, World.MONDAY_1345, until);

        assertThat(away).allSatisfy(r -> assertThat(r.status()).isEqualTo(HandoverResult.Status.HANDED_OVER));
        assertThat(world.reread(a).assignee())
                .isNotEqualTo(world.reread(a).assignee().filter(AMELIA::equals));
        assertThat(world.crm
                        .allTasks(TaskQuery.builder()
                                .owner(AMELIA)
                                .kind(TaskKind.FOLLOW_UP)
                                .build())
                        .toList())
                .hasSize(2)
                .allSatisfy(task -> {
                    assertThat(task.key()).isEqualTo("hand-back");
                    assertThat(task.due()).isEqualTo(until);
                });
        assertThat(lastRecord(a).returnAt()).contains(until);

        world.clock.set(Instant.parse("2026-03-11T08:00:00Z"));
        world.crm.editTicket(b2.id(), b -> b.status(dev.handover.spi.model.TicketStatus.SOLVED));
        List<HandoverResult> back = engine.returnFromAbsence(AMELIA);

        assertThat(back)
                .extracting(HandoverResult::status)
                .containsExactlyInAnyOrder(HandoverResult.Status.HANDED_OVER, HandoverResult.Status.NOT_APPLICABLE);
        assertThat(world.reread(a).assignee()).contains(AMELIA);
        assertThat(world.reread(b2).assignee()).isNotEqualTo(java.util.Optional.of(AMELIA));
        // what the stand-in left undone comes back with the ticket, its deadline kept; nothing else is Amelia's
        assertThat(world.crm
                        .allTasks(TaskQuery.builder().open().owner(AMELIA).build())
                        .toList())
                .singleElement()
                .satisfies(task -> {
                    assertThat(task.ticket()).isEqualTo(a.id());
                    assertThat(task.kind()).isEqualTo(TaskKind.ACTION);
                    assertThat(task.subject()).startsWith("Review the handover and update the customer");
                    assertThat(task.due()).isEqualTo(Instant.parse("2026-03-09T15:45:00Z"));
                });
        assertThat(engine.returnFromAbsence(AMELIA)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------- failures

    @Test
    void aConflictRereadsAndReplansOnceThenReports() {
        Ticket t = world.ticket(b -> b.tag("move"));
        Handovers engine = movingTaggedToLukas();
        // somebody edits the ticket after it was read
        world.crm.editTicket(t.id(), b -> b.priority(TicketPriority.HIGH));

        HandoverResult r = engine.evaluate(List.of(t)).get(0);

        assertThat(r.status()).isEqualTo(HandoverResult.Status.HANDED_OVER);
        assertThat(world.reread(t).assignee()).contains(LUKAS);
        assertThat(notesOf(t)).hasSize(1);
    }

    @Test
    void aSecondConflictIsReportedNotRetriedForever() {
        Ticket t = world.ticket(b -> b);
        Handovers engine = world.engine(policy().build());
        world.crm
                .faults()
                .failNext(
                        2,
                        Operation.APPLY,
                        op -> new dev.handover.spi.error.CrmConflictException(
                                "memory", 409, "StaleVersion", "ticket changed", null));

        HandoverResult r = engine.handOver(toLukas(t));

        assertThat(r.status()).isEqualTo(HandoverResult.Status.FAILED);
        assertThat(r.error()).containsInstanceOf(dev.handover.spi.error.CrmConflictException.class);
        assertThat(world.crm.calls().count(Operation.APPLY)).isEqualTo(2);
        assertThat(notesOf(t)).isEmpty();
    }

    @Test
    void aLostResponseIsRetriedWithTheSameKeyAndWritesOnce() {
        Ticket t = world.ticket(b -> b);
        Handovers engine = world.engine(policy().build());
        world.crm.faults().loseResponses(1);

        HandoverResult r = engine.handOver(toLukas(t));

        // the retry replays the write that landed: this process wrote it, once
        assertThat(r.status()).isEqualTo(HandoverResult.Status.HANDED_OVER);
        assertThat(world.crm.calls().count(Operation.APPLY)).isEqualTo(2);
        assertThat(notesOf(t)).hasSize(1);
        assertThat(world.events(HandoverEvent.Executed.class))
                .singleElement()
                .satisfies(e -> assertThat(e.replayed()).isFalse());
    }

    @Test
    void anOutageThatOutlastsTheRetriesIsReportedAsRetryable() {
        Ticket t = world.ticket(b -> b);
        Handovers engine = world.engine(policy().build());
        world.crm.faults().failNext(3, Operation.APPLY, Faults::unavailable);

        HandoverResult r = engine.handOver(toLukas(t));

        assertThat(r.status()).isEqualTo(HandoverResult.Status.FAILED);
        assertThat(r.isRetryable()).isTrue();
        assertThat(notesOf(t)).isEmpty();
        assertThat(world.events(HandoverEvent.Failed.class))
                .singleElement()
                .satisfies(e -> assertThat(e.retryable()).isTrue());
        // the next attempt, planned from the same read, has the same id and writes once
        HandoverResult again = engine.handOver(toLukas(t));
        assertThat(again.status()).isEqualTo(HandoverResult.Status.HANDED_OVER);
        assertThat(again.plan().orElseThrow().id())
                .isEqualTo(r.plan().orElseThrow().id());
    }

    @Test
    void aDryRunWritesNothing() {
        Ticket t = world.ticket(b -> b.tag("move"));
        Handovers engine = movingTaggedToLukas();
        world.crm.calls().reset();

        HandoverResult r = engine.plan(t);

        assertThat(r.status()).isEqualTo(HandoverResult.Status.PLANNED);
        assertThat(r.plan().orElseThrow().receiver().agent().orElseThrow().id()).isEqualTo(LUKAS);
        assertThat(world.crm.calls().writes()).isZero();
        assertThat(world.reread(t).assignee()).contains(AMELIA);
    }

    @Test
    void theEngineRefusesAPolicyNamingAgentsTheCrmDoesNotKnow() {
        HandoverPolicy p = policy().rule(HandoverRule.builder("to-nobody")
                        .when(Condition.always())
                        .reason(HandoverReason.ESCALATION)
                        .to(Target.agent(dev.handover.spi.model.AgentId.of("ghost")))
                        .build())
                .build();
        assertThatThrownBy(() -> world.engine(p))
                .hasMessage("rule to-nobody: target agent ghost names agent ghost, who is not in the memory directory");
        assertThatThrownBy(() -> Handovers.builder().policy(p).build()).hasMessageContaining("a connector is required");
    }

    @Test
    void handOverGrace() {
        // the head of customer service has no manager: a line-manager target from her refuses clearly
        Ticket t = world.ticket(b -> b.assignee(GRACE).group(RELATIONS));
        Handovers engine = world.engine(policy().build());
        HandoverResult r = engine.handOver(HandoverRequest.builder(t.id())
                .to(Target.lineManager())
                .reason(HandoverReason.ESCALATION)
                .build());
        assertThat(r.message()).isEqualTo("Grace Okafor has no line manager in the directory");
    }
}
