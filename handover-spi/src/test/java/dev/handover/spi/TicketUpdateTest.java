package dev.handover.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TaskId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.Version;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class TicketUpdateTest {
    private static final TicketId T = TicketId.of("42");
    private static final HandoverId H = HandoverId.of("ho-1");

    private static TaskDraft task(String key) {
        return TaskDraft.builder(H, key, TaskKind.ACTION)
                .owner(AgentId.of("7"))
                .subject("Call back")
                .due(Instant.parse("2026-03-02T10:00:00Z"))
                .build();
    }

    @Test
    void anUpdateMustChangeSomething() {
        assertThatThrownBy(() -> TicketUpdate.builder(T)
                        .expectedVersion(Version.of("v1"))
                        .build())
                .hasMessage("update of ticket 42: changes nothing");
    }

    @Test
    void aTagCannotBeAddedAndRemoved() {
        assertThatThrownBy(() -> TicketUpdate.builder(T)
                        .addTag("Handover")
                        .removeTag("handover")
                        .build())
                .hasMessageContaining("tag 'handover' is both added and removed");
    }

    @Test
    void tagsAreLowerCasedAndMustNotContainWhitespace() {
        assertThat(TicketUpdate.builder(T).addTag("VIP").build().addTags()).containsExactly("vip");
        assertThatThrownBy(() -> TicketUpdate.builder(T).addTag("two words")).hasMessageContaining("whitespace");
    }

    @Test
    void aTaskIsCreatedOnceAndChangedOnce() {
        assertThatThrownBy(() -> TicketUpdate.builder(T)
                        .createTask(task("ack"))
                        .createTask(task("ack"))
                        .build())
                .hasMessageContaining("task ho-1/ack is created twice");
        assertThatThrownBy(() -> TicketUpdate.builder(T)
                        .changeTask(TaskChange.complete(TaskId.of("9")))
                        .changeTask(TaskChange.cancel(TaskId.of("9")))
                        .build())
                .hasMessageContaining("task 9 is changed twice");
    }

    @Test
    void idempotencyKeyHasAFormAndIsSetOnce() {
        assertThatThrownBy(() -> TicketUpdate.builder(T).idempotencyKey("has space"))
                .hasMessageContaining("idempotency key must be");
        TicketUpdate.Builder b = TicketUpdate.builder(T).idempotencyKey("ho-1:handover");
        assertThatThrownBy(() -> b.idempotencyKey("again")).hasMessageContaining("already set");
    }

    @Test
    void assignmentIsSetOnceAndNeedsASide() {
        TicketUpdate.Builder b = TicketUpdate.builder(T).assign(Assignment.toGroup(GroupId.of("g")));
        assertThatThrownBy(() -> b.assign(Assignment.toAgent(AgentId.of("a")))).hasMessageContaining("already set");
        assertThatThrownBy(() -> new Assignment(java.util.Optional.empty(), java.util.Optional.empty()))
                .hasMessageContaining("needs an agent, a group, or both");
    }

    @Test
    void taskDraftNamesWhatIsMissing() {
        assertThatThrownBy(() -> TaskDraft.builder(H, "ack", TaskKind.ACKNOWLEDGEMENT)
                        .subject("x")
                        .due(Instant.EPOCH)
                        .build())
                .hasMessage("task ho-1/ack: owner is required");
        assertThatThrownBy(() -> TaskDraft.builder(H, "Not A Key", TaskKind.ACTION))
                .hasMessageContaining("task key must be");
    }

    @Test
    void toStringShowsShapeNotContent() {
        TicketUpdate u = TicketUpdate.builder(T)
                .note(NoteDraft.internal("Customer Jane Doe, card 4111"))
                .build();
        assertThat(u.toString()).contains("notes=1").doesNotContain("Jane");
        assertThat(u.notes().get(0).toString()).doesNotContain("Jane");
    }

    @Test
    void resultCarriesAnErrorExactlyWhenFailed() {
        assertThatThrownBy(() -> new UpdateResult(
                        T,
                        UpdateResult.Status.FAILED,
                        java.util.Optional.empty(),
                        java.util.List.of(),
                        java.util.Optional.empty()))
                .hasMessageContaining("needs an error");
        var failed = UpdateResult.failed(T, new dev.handover.spi.error.CrmConflictException("memory", "stale"));
        assertThat(failed.isSuccess()).isFalse();
        assertThatThrownBy(failed::orThrow).hasMessage("stale [memory]");
    }
}
