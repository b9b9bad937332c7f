package dev.handover.core.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.note.ActionItem;
import dev.handover.core.note.HandoverNote;
import dev.handover.core.note.HandoverRecord;
import dev.handover.core.note.NoteItem;
import dev.handover.core.note.Party;
import dev.handover.core.note.PromiseItem;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.NoteFormat;
import dev.handover.spi.model.TicketId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class NoteRendererTest {
    private static final Instant AT = Instant.parse("2026-03-09T13:45:00Z");

    private static HandoverNote note(List<NoteItem> history, String summary) {
        return note(history, summary, "Push the refund");
    }

    private static HandoverNote note(List<NoteItem> history, String summary, String action) {
        Party jonas =
                new Party(Optional.of(AgentId.of("jonas")), Optional.empty(), "Jonas Weber", "", Optional.empty());
        return new HandoverNote(
                HandoverId.of("ho-0123456789abcdef"),
                TicketId.of("1042"),
                AT,
                "manual",
                "expertise",
                "Expertise",
                "needs billing",
                Party.system("handover rules"),
                jonas,
                Optional.empty(),
                "standard",
                Optional.empty(),
                Customer.builder()
                        .name("Olivia <b>Harris</b>")
                        .email("olivia@example.org")
                        .build(),
                Optional.of(NoteItem.given(summary)),
                history,
                List.of(),
                List.of(new PromiseItem("promise-1", "Refund by Friday", Optional.of(AT.plusSeconds(86_400)), false)),
                List.of(new ActionItem("action-1", action, jonas, AT.plusSeconds(7200))),
                Optional.empty(),
                List.of(),
                Map.of(),
                List.of());
    }

    @Test
    void htmlEscapesCustomerText() {
        String html = NoteRenderer.render(note(List.of(), "<img src=x onerror=alert(1)>"), NoteFormat.HTML);
        assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img");
        assertThat(html).contains("Olivia &lt;b&gt;Harris&lt;/b&gt;");
    }

    @Test
    void markdownEscapesMarkupInCustomerText() {
        String md = NoteRenderer.render(note(List.of(), "see [this](http://evil) *now*"), NoteFormat.MARKDOWN);
        assertThat(md).contains("see \\[this\\](http://evil) \\*now\\*");
        assertThat(md).contains("**Reason:** Expertise — needs billing  \n");
    }

    @Test
    void aLongHistoryIsShortenedBeforeAnythingEssential() {
        List<NoteItem> history = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            history.add(NoteItem.derived("Customer wrote: " + "very long message ".repeat(20) + i, AT.minusSeconds(i)));
        }
        HandoverNote n = note(history, "Refund stuck");
        List<String> parts = NoteRenderer.render(n, NoteFormat.PLAIN_TEXT, 4000);
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0))
                .contains("earlier entries: see the ticket's conversation")
                .contains("Refund by Friday")
                .contains("Push the refund")
                .contains("[handover v2 ");
        assertThat(NoteRenderer.stageNeeded(n, NoteFormat.PLAIN_TEXT, 4000)).isPositive();
        assertThat(NoteRenderer.stageNeeded(n, NoteFormat.PLAIN_TEXT, 1_000_000))
                .isZero();
    }

    @Test
    void essentialsTooLongForOneCommentAreSplitIntoNumberedParts() {
        HandoverNote n = note(List.of(), "Refund stuck", "Step: ".repeat(1500));
        List<String> parts = NoteRenderer.render(n, NoteFormat.PLAIN_TEXT, 4000);
        assertThat(parts.size()).isGreaterThan(1);
        assertThat(parts.get(0)).contains("Handover ho-0123456789abcdef · part 1 of " + parts.size());
        assertThat(HandoverRecord.find(parts.get(parts.size() - 1))).isPresent();
        for (int i = 0; i < parts.size() - 1; i++) {
            assertThat(HandoverRecord.find(parts.get(i))).isEmpty();
            assertThat(parts.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(4000);
        }
        String joined = String.join("", parts).replaceAll("Handover ho-[0-9a-f]{16} · part \\d+ of \\d+", "");
        assertThat(joined.split("Step:", -1)).hasSize(1501); // every step kept
    }
}
