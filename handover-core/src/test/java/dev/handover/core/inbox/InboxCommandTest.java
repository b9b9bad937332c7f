package dev.handover.core.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.note.NoteSection;
import dev.handover.spi.model.HandoverId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class InboxCommandTest {
    private static InboxCommand parse(String body) {
        return InboxCommand.parse(body).orElseThrow();
    }

    private static String problem(String body) {
        assertThat(parse(body)).isInstanceOf(InboxCommand.NotUnderstood.class);
        return ((InboxCommand.NotUnderstood) parse(body)).problem();
    }

    @Test
    void aNoteWithoutTheKeywordIsNoCommand() {
        assertThat(InboxCommand.parse("Called the customer, refund is on its way"))
                .isEmpty();
        assertThat(InboxCommand.parse("see #handovers in the wiki")).isEmpty();
        assertThat(InboxCommand.parse("mail sent to #handover-team")).isEmpty();
    }

    @Test
    void acknowledgementAloneOrWithTheHandover() {
        assertThat(parse("#handover ack")).isEqualTo(new InboxCommand.Acknowledge(Optional.empty()));
        assertThat(parse("  #HANDOVER Acknowledged  ")).isEqualTo(new InboxCommand.Acknowledge(Optional.empty()));
        assertThat(parse("Taking it.\n#handover ack ho-79f690484a0f75fa\nThanks Ada"))
                .isEqualTo(new InboxCommand.Acknowledge(Optional.of(HandoverId.of("ho-79f690484a0f75fa"))));
    }

    @Test
    void feedbackWithSectionsByNameOrLabelAndAComment() {
        InboxCommand.Feedback f = (InboxCommand.Feedback)
                parse("#handover feedback missing: history, Promises made to the customer; comment: the refund"
                        + " promise was not in the note; I had to ask");
        assertThat(f.missing()).containsExactlyInAnyOrder(NoteSection.HISTORY, NoteSection.PROMISES);
        assertThat(f.comment()).isEqualTo("the refund promise was not in the note; I had to ask");
        assertThat(f.handover()).isEmpty();

        InboxCommand.Feedback lines = (InboxCommand.Feedback)
                parse("#handover feedback ho-1a2b\nunclear: actions_taken\nnext contact\ncomment: see\nbelow");
        assertThat(lines.handover()).contains(HandoverId.of("ho-1a2b"));
        assertThat(lines.missing()).containsExactlyInAnyOrder(NoteSection.ACTIONS_TAKEN, NoteSection.NEXT_CONTACT);
        assertThat(lines.comment()).isEqualTo("see\nbelow");
    }

    @Test
    void plainWordsAfterFeedbackAreTheComment() {
        InboxCommand.Feedback f = (InboxCommand.Feedback) parse("#handover feedback great note, thank you");
        assertThat(f.missing()).isEmpty();
        assertThat(f.comment()).isEqualTo("great note, thank you");
    }

    @Test
    void whatIsNotUnderstoodIsNamed() {
        assertThat(problem("#handover feedback missing: histroy, promises"))
                .startsWith("'histroy' is not a section of the note (did you mean history?)")
                .contains("The sections: customer, summary, history");
        assertThat(problem("#handover feedback misisng: history"))
                .contains("'misisng:' is not understood (did you" + " mean missing:?)");
        assertThat(problem("#handover feedbak missing: history"))
                .isEqualTo("'#handover feedbak' is not a command (did you mean feedback?); the commands are #handover"
                        + " ack and #handover feedback");
        assertThat(problem("#handover")).startsWith("#handover needs a command");
        assertThat(problem("#handover feedback")).startsWith("the feedback names no section and has no comment");
        assertThat(problem("#handover ack now please")).contains("'now please' after #handover ack is not understood");
        assertThat(problem("#handover feedback missing: history and more words"))
                .contains("'history and more words'" + " is not a section");
    }
}
