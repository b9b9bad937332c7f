package dev.handover.core;

import static dev.handover.core.World.AMELIA;
import static dev.handover.core.World.CARLOS;
import static dev.handover.core.World.JONAS;
import static dev.handover.core.World.LUKAS;
import static dev.handover.core.World.SOPHIE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.note.HandoverRecord;
import dev.handover.core.note.Texts;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.Condition;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.TaskStatus;
import dev.handover.spi.model.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A ticket that changes hands four times keeps everything still open (T/506/2157 3.2; B8 2.2; "the customer must not
 * repeat themselves"): the first owner's summary, what each owner did, every promise with its date, every action not
 * yet done — moved to the new receiver with its deadline — and no text cut in a word or an id.
 */
final class ChainContinuityTest {
    /** Long enough that any clipping would show, ending in an id that must survive whole. */
    private static final String LONG_ACTION = "Raise the refund of the duplicate charge with finance, quoting the"
            + " original payment, the date of the plan change, the customer's account number and the ledger entry,"
            + " and attach the bank's confirmation so that nobody has to ask the customer for it again; finance"
            + " reference FIN-2026-000417-REFUND";

    private static final Instant FRIDAY_NOON = Instant.parse("2026-03-13T12:00:00Z");
    private final World world = new World();
    private final Handovers engine = world.engine(HandoverPolicy.builder()
            .rule(HandoverRule.builder("expertise")
                    .when(Condition.tag("never-automatic"))
                    .reason(HandoverReason.EXPERTISE)
                    .to(Target.nextShift())
                    .build())
            .build());

    private HandoverId hop(Ticket t, AgentId to, UnaryOperator<HandoverRequest.Builder> b) {
        return hop(t, to, b, Duration.ofMinutes(40));
    }

    private HandoverId hop(Ticket t, AgentId to, UnaryOperator<HandoverRequest.Builder> b, Duration then) {
        HandoverResult r = engine.handOver(b.apply(HandoverRequest.builder(t.id())
                        .rule("expertise")
                        .reason(HandoverReason.EXPERTISE)
                        .toAgent(to))
                .build());
        assertThat(r.isHandedOver()).as(r.message()).isTrue();
        world.clock.advance(then);
        return r.plan().orElseThrow().id();
    }

    private Optional<Task> task(HandoverId h, String key) {
        return world.crm.tasksSnapshot().stream()
                .filter(t -> t.handover().equals(h) && t.key().equals(key))
                .findFirst();
    }

    private List<Task> actionTasks(HandoverId h) {
        return world.crm.tasksSnapshot().stream()
                .filter(t -> t.handover().equals(h) && t.kind() == TaskKind.ACTION)
                .toList();
    }

    private String noteOf(Ticket t, HandoverId h) {
        return world.crm.commentsSnapshot(t.id()).stream()
                .filter(Comment::isInternal)
                .map(Comment::body)
                .filter(b -> HandoverRecord.find(b).map(r -> r.id().equals(h)).orElse(false))
                .findFirst()
                .orElseThrow();
    }

    private void complete(Task task) {
        world.crm.completeTask(task.id());
    }

    /** Four handovers: Amelia → Lukas → Jonas → Sophie → Carlos; Jonas finishes one of the two actions. */
    private record Chain(Ticket ticket, HandoverId first, HandoverId second, HandoverId third, HandoverId fourth) {}

    private Chain fourHops() {
        Ticket t = world.ticket(b -> b.assignee(AMELIA).subject("Charged twice"));
        HandoverId h1 = hop(
                t,
                LUKAS,
                b -> b.from(AMELIA)
                        .summary("Charged twice for the March invoice INV-2026-0311 after moving to the annual plan")
                        .actionTaken("Confirmed both charges in the billing ledger")
                        .promise("A refund of the second charge by Friday", FRIDAY_NOON)
                        .action(LONG_ACTION, Duration.ofHours(4))
                        .action("Send the customer the corrected invoice", Duration.ofHours(6)));
        HandoverId h2 = hop(
                t,
                JONAS,
                b -> b.from(LUKAS)
                        .actionTaken("Called the customer, who confirmed the card")
                        .promise("A call back once finance answers"));
        // Jonas sends the corrected invoice before passing the ticket on
        complete(actionTasks(h2).stream()
                .filter(x -> x.subject().startsWith("Send the customer the corrected invoice"))
                .findFirst()
                .orElseThrow());
        HandoverId h3 = hop(t, SOPHIE, b -> b.from(JONAS).actionTaken("Sent the corrected invoice"));
        HandoverId h4 = hop(t, CARLOS, b -> b.from(SOPHIE).actionTaken("Chased finance by phone"));
        return new Chain(t, h1, h2, h3, h4);
    }

    @Test
    void theFourthNoteCarriesTheOriginalSummaryAndWhatEachOwnerDid() {
        Chain c = fourHops();
        String fourth = noteOf(c.ticket(), c.fourth());

        assertThat(fourth)
                .contains("Original summary (handover " + c.first() + "): Charged twice for the March invoice"
                        + " INV-2026-0311 after moving to the annual plan")
                .contains("Amelia Clarke had done (before handover " + c.first()
                        + "): Confirmed both charges in the billing ledger")
                .contains("Lukas Becker had done (before handover " + c.second()
                        + "): Called the customer, who confirmed the card")
                .contains("Jonas Weber had done (before handover " + c.third() + "): Sent the corrected invoice")
                .contains("ACTIONS TAKEN SO FAR\n  • Chased finance by phone");
    }

    @Test
    void everyPromiseIsCarriedWithItsDateOnceAndNamesTheHandoverItWasMadeBefore() {
        Chain c = fourHops();
        HandoverRecord fourth =
                HandoverRecord.find(noteOf(c.ticket(), c.fourth())).orElseThrow();

        assertThat(fourth.promises())
                .extracting(
                        p -> p.text() + " @ " + p.due().map(Instant::toString).orElse("no date"))
                .containsExactly(
                        "A refund of the second charge by Friday (made before handover " + c.first() + ") @ "
                                + FRIDAY_NOON,
                        "A call back once finance answers (made before handover " + c.second() + ") @ no date");
    }

    @Test
    void openActionsMoveToTheNewReceiverWithTheirDeadlinesAndADoneOneDoesNot() {
        Chain c = fourHops();
        Instant originalDue = task(c.first(), "action-1").orElseThrow().due();

        HandoverRecord fourth =
                HandoverRecord.find(noteOf(c.ticket(), c.fourth())).orElseThrow();
        assertThat(fourth.actions()).singleElement().satisfies(a -> {
            assertThat(a.text()).isEqualTo(LONG_ACTION); // whole, its id included
            assertThat(a.owner()).contains(CARLOS);
            assertThat(a.due()).isEqualTo(originalDue);
        });
        assertThat(actionTasks(c.fourth())).singleElement().satisfies(x -> {
            assertThat(x.owner()).isEqualTo(CARLOS);
            assertThat(x.due()).isEqualTo(originalDue);
            assertThat(x.isOpen()).isTrue();
        });
        assertThat(noteOf(c.ticket(), c.third()))
                .contains("Asked in handover " + c.second() + ": Send the customer the corrected invoice")
                .contains("— done");

        // the sweep closes the superseded follow-ups; the open action's follow-up continues under Carlos
        engine.acknowledge(c.fourth(), CARLOS);
        world.clock.set(originalDue.plus(Duration.ofMinutes(1)));
        SweepResult s = engine.sweep();
        assertThat(s.failures()).isEmpty();
        assertThat(task(c.fourth(), "follow-up").orElseThrow().isOpen()).isTrue();
        assertThat(actionTasks(c.first()))
                .allSatisfy(x -> assertThat(x.isOpen()).isFalse());
        assertThat(actionTasks(c.fourth()))
                .singleElement()
                .satisfies(x -> assertThat(x.status()).isEqualTo(TaskStatus.OPEN));
    }

    @Test
    void aTwelveHopChainStillHoldsTheOriginalSummaryAndFitsTheTightestCrm() {
        Ticket t = world.ticket(b -> b.assignee(AMELIA).subject("Charged twice"));
        hop(
                t,
                LUKAS,
                b -> b.from(AMELIA)
                        .summary("Charged twice for the March invoice INV-2026-0311")
                        .action(LONG_ACTION, Duration.ofHours(40)),
                Duration.ofMinutes(5));
        AgentId[] ring = {JONAS, SOPHIE, CARLOS, LUKAS};
        AgentId from = LUKAS;
        HandoverId last = null;
        for (int i = 0; i < 11; i++) {
            AgentId to = ring[i % ring.length];
            if (to.equals(from)) {
                to = ring[(i + 1) % ring.length];
            }
            AgentId sender = from;
            last = hop(
                    t,
                    to,
                    b -> b.from(sender).actionTaken("Hop work by " + sender + ": checked the ledger again"),
                    Duration.ofMinutes(5));
            from = to;
        }
        String note = noteOf(t, last);
        HandoverRecord r = HandoverRecord.find(note).orElseThrow();

        assertThat(r.chain()).hasSize(HandoverRecord.MAX_CHAIN);
        assertThat(r.originalSummary()).contains("Charged twice for the March invoice INV-2026-0311");
        assertThat(r.trailer().length()).isLessThanOrEqualTo(HandoverRecord.TRAILER_BUDGET);
        assertThat(r.actions())
                .singleElement()
                .satisfies(a -> assertThat(a.text()).isEqualTo(LONG_ACTION));
        assertThat(note).contains("Original summary (handover ");
    }

    @Test
    void clippedTextEndsAtAWordBoundaryNeverInsideAnId() {
        String text = "Customer quotes order ORD-2026-000123456 and invoice INV-2026-0311 in every message";
        for (int max = 12; max < text.length(); max++) {
            String clipped = Texts.clip(text, max);
            assertThat(clipped.codePointCount(0, clipped.length())).isLessThanOrEqualTo(max);
            String head = clipped.substring(0, clipped.length() - 1);
            assertThat(text).startsWith(head);
            // the cut falls at a space: the next character of the original is a space
            assertThat(text.charAt(head.length()))
                    .as("cut at %d: %s", max, clipped)
                    .isEqualTo(' ');
        }
    }
}
