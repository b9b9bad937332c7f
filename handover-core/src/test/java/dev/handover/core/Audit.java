package dev.handover.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.event.HandoverEvent;
import dev.handover.core.marker.StepRecord;
import dev.handover.core.note.HandoverRecord;
import dev.handover.memory.InMemoryCrm;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.HandoverId;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Exactly-once checks over what the CRM holds and what listeners heard. */
final class Audit {
    private Audit() {}

    /** Every handover note, every follow-up step and every task exists once. */
    static void crmHoldsEverythingOnce(InMemoryCrm crm) {
        Map<String, Integer> steps = new HashMap<>();
        Map<HandoverId, Integer> notes = new HashMap<>();
        for (Ticket t : crm.ticketsSnapshot()) {
            for (Comment c : crm.commentsSnapshot(t.id())) {
                if (!c.isInternal()) {
                    continue;
                }
                HandoverRecord.find(c.body()).map(HandoverRecord::id).ifPresent(id -> notes.merge(id, 1, Integer::sum));
                StepRecord.find(c.body())
                        .ifPresent(r -> r.steps().forEach(s -> steps.merge(r.handover() + "/" + s, 1, Integer::sum)));
            }
        }
        assertThat(notes)
                .as("handover notes written more than once")
                .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        assertThat(steps)
                .as("follow-up steps recorded more than once")
                .allSatisfy((s, n) -> assertThat(n).isEqualTo(1));
        Map<String, Long> tasks = crm.tasksSnapshot().stream()
                .collect(Collectors.groupingBy(t -> t.handover() + "/" + t.key(), Collectors.counting()));
        assertThat(tasks).allSatisfy((k, n) -> assertThat(n).isEqualTo(1L));
    }

    /** No listener heard the same thing twice. */
    static void eventsHappenedOnce(List<HandoverEvent> events) {
        once(events, HandoverEvent.Executed.class, e -> e.handover() + (e.replayed() ? "/replayed" : ""));
        once(events, HandoverEvent.Acknowledged.class, e -> e.handover().value());
        once(
                events,
                HandoverEvent.Reminded.class,
                e -> e.handover() + "/" + e.item() + "/" + e.kind() + "/" + e.count());
        once(events, HandoverEvent.Escalated.class, e -> e.handover() + "/" + e.item() + "/" + e.level());
        once(events, HandoverEvent.ActionCompleted.class, e -> e.handover() + "/" + e.item());
        once(events, HandoverEvent.Retargeted.class, e -> e.handover().value());
        once(events, HandoverEvent.FollowUpClosed.class, e -> e.handover().value());
        // a handover is acknowledged or re-targeted, never both
        var acked = events.stream()
                .filter(e -> e instanceof HandoverEvent.Acknowledged)
                .map(e -> ((HandoverEvent.Acknowledged) e).handover())
                .collect(Collectors.toSet());
        var moved = events.stream()
                .filter(e -> e instanceof HandoverEvent.Retargeted)
                .map(e -> ((HandoverEvent.Retargeted) e).handover())
                .collect(Collectors.toSet());
        acked.retainAll(moved);
        assertThat(acked).as("acknowledged and re-targeted").isEmpty();
    }

    private static <E extends HandoverEvent> void once(
            List<HandoverEvent> events, Class<E> type, Function<E, String> key) {
        Map<String, Long> counts = events.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .collect(Collectors.groupingBy(key, Collectors.counting()));
        assertThat(counts)
                .as(type.getSimpleName() + " events")
                .allSatisfy((k, n) -> assertThat(n).isEqualTo(1L));
    }

    /** Nothing is left overdue: every open follow-up is due in the future. */
    static void nothingOverdue(InMemoryCrm crm, Instant now) {
        assertThat(crm.allTasks(TaskQuery.builder()
                                .open()
                                .kind(TaskKind.FOLLOW_UP)
                                .dueAtOrBefore(now)
                                .build())
                        .toList())
                .as("follow-ups due but not handled")
                .isEmpty();
    }
}
