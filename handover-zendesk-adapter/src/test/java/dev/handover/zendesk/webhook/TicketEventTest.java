package dev.handover.zendesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Ticket events from Zendesk's event-subscribed webhooks, read into the SPI's terms. */
final class TicketEventTest {
    private static final String ASSIGNMENT = """
            {
              "account_id": 22129848,
              "detail": {
                "actor_id": "8447388090494",
                "assignee_id": "8447388090495",
                "brand_id": "8447346621310",
                "created_at": "2026-03-01T15:53:36Z",
                "description": "My order never arrived",
                "group_id": "8447320466430",
                "id": "5158",
                "priority": "LOW",
                "requester_id": "8447388090411",
                "status": "OPEN",
                "subject": "Where is my order?",
                "tags": ["VIP", "delivery"],
                "type": "INCIDENT",
                "updated_at": "2026-03-02T08:59:58Z",
                "via": {"channel": "web_form"}
              },
              "event": {"current": "8447388090495", "previous": "8447388090494"},
              "id": "cbe4028c-7239-495d-b020-f22348516046",
              "subject": "zen:ticket:5158",
              "time": "2026-03-02T08:59:59.309941375Z",
              "type": "zen:event-type:ticket.agent_assignment_changed",
              "zendesk_event_version": "2022-11-06"
            }""";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsAnAssignmentChange() {
        TicketEvent e = TicketEvent.parse(bytes(ASSIGNMENT));

        assertThat(e.kind()).isEqualTo("agent_assignment_changed");
        assertThat(e.ticket()).isEqualTo(TicketId.of("5158"));
        assertThat(e.id()).isEqualTo("cbe4028c-7239-495d-b020-f22348516046");
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-02T08:59:59.309941375Z"));
        assertThat(e.actor()).contains(AgentId.of("8447388090494"));
        assertThat(e.assignee()).contains(AgentId.of("8447388090495"));
        assertThat(e.group()).contains(GroupId.of("8447320466430"));
        assertThat(e.status()).contains(TicketStatus.OPEN);
        assertThat(e.tags()).containsExactlyInAnyOrder("vip", "delivery");
        assertThat(e.updatedAt()).contains(Instant.parse("2026-03-02T08:59:58Z"));
        assertThat(e.previous()).contains("8447388090494");
        assertThat(e.current()).contains("8447388090495");
        assertThat(e.handoverTask()).isFalse();
    }

    @Test
    void findsTheTicketInTheSubjectWhenTheDetailLacksItAndMarksTheAdaptersTaskTickets() {
        TicketEvent e = TicketEvent.parse(bytes("""
                {"type":"zen:event-type:ticket.status_changed","id":"e1","time":"2026-03-02T09:00:00Z",
                 "subject":"zen:ticket:77","detail":{"status":"SOLVED","tags":["handover_task"]},
                 "event":{"current":"SOLVED","previous":"OPEN"}}"""));

        assertThat(e.ticket()).isEqualTo(TicketId.of("77"));
        assertThat(e.status()).contains(TicketStatus.SOLVED);
        assertThat(e.handoverTask()).isTrue();
        assertThat(e.assignee()).isEmpty();
    }

    @Test
    void keepsStructuredEventValuesAsJsonText() {
        TicketEvent e = TicketEvent.parse(bytes("""
                {"type":"zen:event-type:ticket.tags_changed","id":"e2","time":"2026-03-02T09:00:00Z",
                 "subject":"zen:ticket:78","detail":{"id":"78"},
                 "event":{"tags_added":["a"],"current":["a","b"],"previous":null}}"""));

        assertThat(e.current()).contains("[\"a\",\"b\"]");
        assertThat(e.previous()).isEmpty();
    }

    @Test
    void refusesWhatIsNotATicketEvent() {
        assertThatThrownBy(() -> TicketEvent.parse(bytes("not json"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TicketEvent.parse(bytes("[1,2]"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TicketEvent.parse(
                        bytes("{\"type\":\"zen:event-type:user.created\",\"time\":\"2026-03-02T09:00:00Z\"}")))
                .hasMessageContaining("not a ticket event");
        assertThatThrownBy(() -> TicketEvent.parse(
                        bytes("{\"type\":\"zen:event-type:ticket.created\",\"time\":\"2026-03-02T09:00:00Z\"}")))
                .hasMessageContaining("names no ticket");
        assertThatThrownBy(() -> TicketEvent.parse(
                        bytes("{\"type\":\"zen:event-type:ticket.created\",\"subject\":\"zen:ticket:1\"}")))
                .hasMessageContaining("no valid time");
    }

    @Test
    void showsIdsAndStateButNoCustomerText() {
        assertThat(TicketEvent.parse(bytes(ASSIGNMENT)).toString())
                .contains("agent_assignment_changed", "5158")
                .doesNotContain("Where is my order", "never arrived");
    }
}
