package dev.handover.core.followup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.event.HandoverEvent.FollowUpOutcome;
import dev.handover.core.event.HandoverEvent.ReminderKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every step key {@link Keys} spells reads back as the step it names; other keys are not guessed at. */
class RecordedStepTest {
    private static final List<Item> ITEMS =
            List.of(Item.ACKNOWLEDGEMENT, Item.CONTACT, Item.action("action-1"), Item.promise("promise-2"));

    @Test
    void everyKeyTheFollowUpWritesReadsBack() {
        for (Item item : ITEMS) {
            for (StepKind kind : StepKind.values()) {
                // the engine reminds to acknowledge only for the acknowledgement, to contact only for the contact
                if (kind == StepKind.ACKNOWLEDGEMENT_REMINDER && item != Item.ACKNOWLEDGEMENT
                        || kind == StepKind.CONTACT_REMINDER && item != Item.CONTACT) {
                    continue;
                }
                for (int index = 1; index <= 3; index++) {
                    String key = Keys.step(item, kind, index);
                    RecordedStep s = RecordedStep.parse(key).orElseThrow(() -> new AssertionError(key));
                    assertThat(s.item()).as(key).isEqualTo(item.key());
                    boolean numbered = kind != StepKind.CHECK_IN && kind != StepKind.RETARGET;
                    assertThat(s.index()).as(key).isEqualTo(numbered ? index : 0);
                    assertThat(s.countsAsReminder()).as(key).isEqualTo(kind.countsAsReminder());
                    assertThat(s.reminder()).as(key).isEqualTo(kind.reminder());
                }
            }
            assertThat(RecordedStep.parse(Keys.done(item)))
                    .hasValueSatisfying(s -> assertThat(s.step()).isEqualTo(RecordedStep.Step.DONE));
        }
        for (FollowUpOutcome o : FollowUpOutcome.values()) {
            assertThat(RecordedStep.parse(Keys.closed(o))).hasValueSatisfying(s -> {
                assertThat(s.step()).isEqualTo(RecordedStep.Step.CLOSED);
                assertThat(s.outcome()).contains(o);
            });
        }
    }

    @Test
    void remindersAreTheAcknowledgementsOrTheContactsByTheirItem() {
        assertThat(RecordedStep.parse("ack:reminder-2").flatMap(RecordedStep::reminder))
                .contains(ReminderKind.ACKNOWLEDGEMENT);
        assertThat(RecordedStep.parse("contact:reminder-1").flatMap(RecordedStep::reminder))
                .contains(ReminderKind.CONTACT);
        assertThat(RecordedStep.parse("action-3:overdue-2")).hasValueSatisfying(s -> {
            assertThat(s.step()).isEqualTo(RecordedStep.Step.OVERDUE);
            assertThat(s.index()).isEqualTo(2);
        });
    }

    @Test
    void feedbackStepsAndUnknownKeys() {
        assertThat(RecordedStep.parse("feedback:given").map(RecordedStep::step)).contains(RecordedStep.Step.FEEDBACK);
        // a newer writer's step, an unknown close, no item: left alone rather than guessed
        assertThat(RecordedStep.parse("ack:frobnicate")).isEmpty();
        assertThat(RecordedStep.parse("follow-up:vanished")).isEmpty();
        assertThat(RecordedStep.parse("action-1:escalation-0")).isEmpty();
        assertThat(RecordedStep.parse(":done")).isEqualTo(Optional.empty());
        assertThat(RecordedStep.parse("ack:")).isEmpty();
    }
}
