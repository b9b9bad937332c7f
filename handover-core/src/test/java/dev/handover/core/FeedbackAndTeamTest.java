package dev.handover.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.note.NoteSection;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.Condition;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.Ticket;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class FeedbackAndTeamTest {
    private final World world = new World();

    @Test
    void aReceiversFeedbackIsRecordedOnTheTicketAndHeard() {
        Handovers e = world.engine(HandoverPolicy.builder().build());
        Ticket t = world.ticket(b -> b);
        HandoverPlan plan = e.handOver(HandoverRequest.builder(t.id())
                        .toAgent(World.LUKAS)
                        .reason(HandoverReason.EXPERTISE)
                        .build())
                .plan()
                .orElseThrow();

        e.feedback(
                plan.id(),
                World.LUKAS,
                EnumSet.of(NoteSection.PROMISES, NoteSection.ACTIONS_TAKEN),
                "I had to ask the customer what was promised");

        List<Comment> comments = world.crm.commentsSnapshot(t.id());
        assertThat(comments.get(comments.size() - 1).body())
                .startsWith("Feedback on handover " + plan.id() + " from Lukas Becker:\n• Missing or unclear: actions"
                        + " taken so far, promises made to the customer\n• I had to ask the customer what was promised\n"
                        + "[handover-step v1 id=" + plan.id() + " steps=feedback:");
        assertThat(world.events(HandoverEvent.FeedbackGiven.class))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.missing()).containsExactly(NoteSection.ACTIONS_TAKEN, NoteSection.PROMISES);
                    assertThat(f.from()).isEqualTo(World.LUKAS);
                });
        assertThatThrownBy(() -> e.feedback(plan.id(), AgentId.of("ghost"), Set.of(), "x"))
                .hasMessage("agent ghost is not in the directory");
        assertThatThrownBy(() -> e.feedback(HandoverId.of("ho-unknown"), World.LUKAS, Set.of(), "x"))
                .hasMessageContaining("has no tasks in the CRM");
        assertThatThrownBy(() -> e.feedback(plan.id(), World.LUKAS, Set.of(), " "))
                .hasMessage("feedback needs missing sections or a comment");
    }

    @Test
    void theTeamsOwnKnowledgeIsMergedIntoTheDirectory() {
        HandoverPolicy p = HandoverPolicy.builder()
                .rule(HandoverRule.builder("language")
                        .when(Condition.languageNotSpokenByAssignee())
                        .reason(HandoverReason.LANGUAGE)
                        .to(Target.bestAvailable(World.EMEA))
                        .build())
                .build();
        Ticket t = world.germanTicket(b -> b.assignee(World.AMELIA));
        // the CRM does not know Amelia speaks German; the team file does
        Handovers e = Handovers.builder()
                .connector(world.crm)
                .policy(p)
                .clock(world.clock)
                .directoryOverlay(d -> Directory.of(
                        d.agents().stream()
                                .map(a -> a.id().equals(World.AMELIA)
                                        ? a.toBuilder().speaks("de").build()
                                        : a)
                                .toList(),
                        d.groups()))
                .build();

        assertThat(e.evaluate(List.of(t)).get(0).status()).isEqualTo(HandoverResult.Status.NOT_APPLICABLE);
    }
}
