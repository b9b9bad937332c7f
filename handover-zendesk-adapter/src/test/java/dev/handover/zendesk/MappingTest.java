package dev.handover.zendesk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.spi.model.Channel;
import dev.handover.spi.model.TicketPriority;
import dev.handover.spi.model.TicketStatus;
import dev.handover.zendesk.http.Json;
import java.util.EnumSet;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Zendesk's values in the SPI's terms, and back. */
final class MappingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "new, NEW",
        "open, OPEN",
        "pending, PENDING",
        "hold, ON_HOLD",
        "solved, SOLVED",
        "closed, CLOSED",
        "OPEN, OPEN",
        "unexpected, OPEN"
    })
    void mapsStatuses(String raw, TicketStatus status) {
        assertThat(TicketMapper.status(raw)).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"low, LOW", "normal, NORMAL", "high, HIGH", "urgent, URGENT", "'', NORMAL"})
    void mapsPriorities(String raw, TicketPriority priority) {
        assertThat(TicketMapper.priority(raw)).isEqualTo(priority);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "email, email", "web_form, web", "help_center, web", "voice, phone", "chat, chat",
                "native_messaging, messaging",
        "whatsapp, messaging", "twitter, social", "api, api", "closed_ticket, closed_ticket", "'', other",
                "Weird Value!, other"
    })
    void mapsChannels(String raw, String channel) {
        assertThat(TicketMapper.channel(raw)).isEqualTo(Channel.of(channel));
    }

    @Test
    void rendersCustomFieldValuesAsText() throws Exception {
        assertThat(TicketMapper.render(Json.parse("12.50"))).contains("12.5");
        assertThat(TicketMapper.render(Json.parse("100"))).contains("100");
        assertThat(TicketMapper.render(Json.parse("1e3"))).contains("1000");
        assertThat(TicketMapper.render(Json.parse("true"))).contains("true");
        assertThat(TicketMapper.render(Json.parse("[\"a\",null,\"b\"]"))).contains("a,b");
        assertThat(TicketMapper.render(Json.parse("\"  \""))).isEmpty();
        assertThat(TicketMapper.render(Json.parse("null"))).isEmpty();
        assertThat(TicketMapper.render((JsonNode) null)).isEmpty();
    }

    @Test
    void readsZendeskLocales() {
        assertThat(TicketMapper.locale("pt_BR")).contains(Locale.forLanguageTag("pt-BR"));
        assertThat(TicketMapper.locale("de")).contains(Locale.GERMAN);
        assertThat(TicketMapper.locale("")).isEmpty();
    }

    @Test
    void stripsTheWriteMarkerAndTheTaskTrailerOnlyAtTheEnd() {
        assertThat(Markers.strip("Note\n\n[handover write: ho-1]")).isEqualTo("Note");
        assertThat(Markers.strip("Note\n[handover write: ho-1]\n")).isEqualTo("Note");
        assertThat(Markers.strip("[handover write: ho-1] is how it starts"))
                .isEqualTo("[handover write: ho-1] is how it starts");
        assertThat(Markers.strip("Do it\n\n[handover task: ticket #42, handover ho-1, key ack]"))
                .isEqualTo("Do it");
        assertThat(Markers.writeKey("x\n[handover write: k:1.2_3-4]")).contains("k:1.2_3-4");
        assertThat(Markers.writeKey("no marker")).isEmpty();
    }

    @Test
    void expressesStatusSetsAsTheNarrowestRange() {
        assertThat(SearchQueries.statusRange(EnumSet.of(TicketStatus.PENDING))).containsExactly("status:pending");
        assertThat(SearchQueries.statusRange(EnumSet.of(TicketStatus.NEW, TicketStatus.OPEN)))
                .containsExactly("status<pending");
        assertThat(SearchQueries.statusRange(EnumSet.of(TicketStatus.OPEN, TicketStatus.ON_HOLD)))
                .containsExactly("status>new", "status<solved");
        assertThat(SearchQueries.statusRange(EnumSet.of(TicketStatus.SOLVED, TicketStatus.CLOSED)))
                .containsExactly("status>hold");
        assertThat(SearchQueries.statusRange(EnumSet.allOf(TicketStatus.class))).isEmpty();
    }

    @Test
    void readsTheTaskExternalId() {
        assertThat(TaskTags.parseExternalId("handover:ho-20260302-ab:follow-up"))
                .hasValueSatisfying(p -> assertThat(p).containsExactly("ho-20260302-ab", "follow-up"));
        assertThat(TaskTags.parseExternalId("crm-42")).isEmpty();
        assertThat(TaskTags.parseExternalId(null)).isEmpty();
    }
}
