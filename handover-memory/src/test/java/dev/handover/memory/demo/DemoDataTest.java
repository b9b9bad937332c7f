package dev.handover.memory.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.memory.InMemoryCrm;
import dev.handover.memory.time.MutableClock;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.Comment;
import dev.handover.spi.model.Ticket;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class DemoDataTest {
    private final DemoDataSet data = DemoData.standard();

    @Test
    void hasTwoTeamsInTwoTimeZonesWithAManagerChain() {
        Set<ZoneId> zones = data.agents().stream().map(Agent::timeZone).collect(Collectors.toSet());
        assertThat(zones).containsExactlyInAnyOrder(DemoData.LONDON, DemoData.NEW_YORK);
        Agent grace = data.agent("grace");
        assertThat(grace.manager()).isEmpty();
        assertThat(data.agent("oliver").manager()).contains(grace.id());
        assertThat(data.agent("lukas").manager()).contains(data.agent("oliver").id());
        assertThat(data.agent("carlos").manager()).contains(data.agent("maria").id());
        assertThat(data.groups())
                .extracting(g -> g.name())
                .contains("EMEA Support", "Americas Support", "Billing L2", "Triage");
    }

    @Test
    void agentsSpeakEnglishGermanFrenchAndSpanishWithSkillsAndShifts() {
        for (String lang : new String[] {"en", "de", "fr", "es"}) {
            assertThat(data.agents())
                    .anySatisfy(a ->
                            assertThat(a.speaks(Locale.forLanguageTag(lang))).isTrue());
        }
        assertThat(data.agents()).allSatisfy(a -> assertThat(a.skills()).isNotEmpty());
        assertThat(data.agent("tom").shifts())
                .anySatisfy(s -> assertThat(s.crossesMidnight()).isTrue());
        assertThat(data.agent("priya").absences()).hasSize(1);
        assertThat(data.agent("daniel").active()).isFalse();
    }

    @Test
    void hasAtLeastFiftyRealisticTicketsInFourLanguages() {
        assertThat(data.tickets()).hasSizeGreaterThanOrEqualTo(50);
        Set<String> languages = data.tickets().stream()
                .map(t -> t.effectiveLanguage().orElseThrow().getLanguage())
                .collect(Collectors.toSet());
        assertThat(languages).containsExactlyInAnyOrder("en", "de", "fr", "es");
        assertThat(data.tickets())
                .anySatisfy(t -> assertThat(t.hasTag("complaint")).isTrue());
        assertThat(data.tickets())
                .anySatisfy(t -> assertThat(t.hasTag("compliment")).isTrue());
        assertThat(data.tickets()).anySatisfy(t -> assertThat(t.customFields()).containsKey("refund_amount"));
        assertThat(data.tickets().stream().map(Ticket::channel).distinct().count())
                .isGreaterThanOrEqualTo(3);
        assertThat(data.tickets().stream().map(Ticket::priority).distinct().count())
                .isEqualTo(4);
        assertThat(data.tickets()).anySatisfy(t -> assertThat(t.assignee()).isEmpty());
        assertThat(data.tickets()).allSatisfy(t -> assertThat(t.subject()).doesNotContain("{"));
    }

    @Test
    void someTicketsSitWithAnAgentWhoDoesNotSpeakTheCustomersLanguage() {
        assertThat(data.tickets()).anySatisfy(t -> {
            assertThat(t.assignee()).isPresent();
            Agent a = data.agent(t.assignee().get().value());
            assertThat(a.speaks(t.effectiveLanguage().orElseThrow())).isFalse();
        });
    }

    @Test
    void everyTicketHasAConversationInOrder() {
        for (Ticket t : data.tickets()) {
            var conversation = data.comments().stream()
                    .filter(c -> c.ticket().equals(t.id()))
                    .toList();
            assertThat(conversation).as("ticket " + t.id()).isNotEmpty();
            assertThat(conversation)
                    .extracting(Comment::createdAt)
                    .isSortedAccordingTo(java.util.Comparator.naturalOrder());
            assertThat(conversation.get(conversation.size() - 1).createdAt()).isBeforeOrEqualTo(data.start());
        }
    }

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        assertThat(DemoData.builder().seed(42).build()).isEqualTo(data);
        assertThat(DemoData.builder().seed(43).build().tickets()).isNotEqualTo(data.tickets());
        assertThat(DemoData.builder().tickets(500).build().tickets()).hasSize(500);
        assertThatThrownBy(() -> DemoData.builder().tickets(0)).hasMessageContaining("1–100000");
    }

    @Test
    void loadsIntoTheInMemoryCrm() {
        InMemoryCrm crm = data.loadInto(
                InMemoryCrm.builder().clock(MutableClock.at(data.start())).build());
        assertThat(crm.ticketsSnapshot()).hasSize(data.tickets().size());
        assertThat(crm.directorySnapshot().members(DemoData.BILLING_L2))
                .extracting(a -> a.id().value())
                .containsExactlyInAnyOrder("sophie", "jonas", "carlos");
        assertThat(crm.commentsSnapshot(data.tickets().get(0).id())).isNotEmpty();
    }

    @Test
    void anotherDaysDataNumbersItsTicketsAndCustomersApart() {
        DemoDataSet tuesday = DemoData.builder().seed(43).firstTicket(2001).build();
        assertThat(tuesday.tickets())
                .extracting(t -> t.id().value())
                .startsWith("2001", "2002")
                .endsWith("2060");
        assertThat(tuesday.comments())
                .allSatisfy(c -> assertThat(c.ticket().value()).startsWith("20"));
        Set<String> mondays =
                data.tickets().stream().map(t -> t.requester().id()).collect(Collectors.toSet());
        assertThat(tuesday.tickets())
                .noneSatisfy(t -> assertThat(mondays).contains(t.requester().id()));
        // the default is the numbering the demo always had
        assertThat(data.tickets().get(0).id().value()).isEqualTo("1001");
        assertThat(DemoData.builder().seed(43).firstTicket(1001).build())
                .isEqualTo(DemoData.builder().seed(43).build());
        assertThatThrownBy(() -> DemoData.builder().firstTicket(0)).hasMessageContaining("1–1000000000");
    }
}
