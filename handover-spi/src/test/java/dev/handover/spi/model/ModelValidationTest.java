package dev.handover.spi.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ModelValidationTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", " 42", "42 ", "a\u0000b", "line\nbreak"})
    void idsRefuseBlankPaddedOrControlCharacters(String bad) {
        assertThatThrownBy(() -> TicketId.of(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ticket id must");
    }

    @Test
    void idsRefuseNullAndOverlongValues() {
        assertThatThrownBy(() -> AgentId.of(null)).hasMessage("agent id must not be null");
        assertThatThrownBy(() -> GroupId.of("x".repeat(256))).hasMessageContaining("at most 255");
    }

    @Test
    void idsSortNumericallyThenAsText() {
        List<TicketId> ids = new ArrayList<>(List.of(
                TicketId.of("10"), TicketId.of("9"), TicketId.of("abc"), TicketId.of("0010"), TicketId.of("100")));
        Collections.sort(ids);
        assertThat(ids).extracting(TicketId::value).containsExactly("9", "0010", "10", "100", "abc");
    }

    @Test
    void idOrderIsConsistentWithEqualsOnRandomIds() {
        Random random = new Random(11);
        for (int i = 0; i < 2000; i++) {
            TicketId a = TicketId.of(randomId(random));
            TicketId b = TicketId.of(randomId(random));
            assertThat(a.compareTo(b) == 0).as(a + " vs " + b).isEqualTo(a.equals(b));
            assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
        }
    }

    private static String randomId(Random r) {
        return r.nextBoolean()
                ? "0".repeat(r.nextInt(2)) + r.nextInt(200)
                : "500" + (char) ('A' + r.nextInt(3)) + r.nextInt(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HO-1", "-ho", "ho_1", "ho 1", ""})
    void handoverIdsAreSafeEverywhere(String bad) {
        assertThatThrownBy(() -> HandoverId.of(bad)).hasMessageStartingWith("handover id must be");
    }

    @Test
    void ticketRefusesUpdateBeforeCreationAndNamesTheTicket() {
        assertThatThrownBy(() -> Ticket.builder(TicketId.of("42"))
                        .createdAt(T0)
                        .updatedAt(T0.minusSeconds(1))
                        .version(Version.of("v1"))
                        .build())
                .hasMessageStartingWith("ticket 42: updated at");
        assertThatThrownBy(() -> Ticket.builder(TicketId.of("42")).createdAt(T0).build())
                .hasMessage("ticket 42: version is required");
    }

    @Test
    void ticketToStringLeavesOutCustomerText() {
        Ticket t = Ticket.builder(TicketId.of("42"))
                .subject("Refund for Jane Doe")
                .requester(Customer.builder()
                        .name("Jane Doe")
                        .email("jane@example.org")
                        .phone("+44 20 7946 0000")
                        .build())
                .createdAt(T0)
                .version(Version.of("v1"))
                .build();
        assertThat(t.toString()).contains("42").doesNotContain("Jane", "jane@", "7946");
        assertThat(t.rawStatus()).isEqualTo("open");
        assertThat(t.updatedAt()).isEqualTo(T0);
    }

    @Test
    void ticketFallsBackToTheRequestersLanguage() {
        Ticket t = Ticket.builder(TicketId.of("1"))
                .requester(Customer.builder().language(Locale.GERMAN).build())
                .createdAt(T0)
                .version(Version.of("v"))
                .build();
        assertThat(t.effectiveLanguage()).contains(Locale.GERMAN);
        assertThat(t.toBuilder().language(Locale.FRENCH).build().effectiveLanguage())
                .contains(Locale.FRENCH);
    }

    @Test
    void agentMatchesLanguagesIgnoringRegionAndSkillsIgnoringCase() {
        Agent a = Agent.builder(AgentId.of("7"))
                .speaks("de-CH", "en")
                .skill("Billing")
                .build();
        assertThat(a.speaks(Locale.GERMAN)).isTrue();
        assertThat(a.speaks(Locale.forLanguageTag("de-AT"))).isTrue();
        assertThat(a.speaks(Locale.FRENCH)).isFalse();
        assertThat(a.hasSkill("BILLING")).isTrue();
        assertThat(a.capacity()).isEqualTo(Agent.UNLIMITED);
    }

    @Test
    void agentRefusesBeingTheirOwnManagerAndBadLanguages() {
        assertThatThrownBy(() ->
                        Agent.builder(AgentId.of("7")).manager(AgentId.of("7")).build())
                .hasMessage("agent 7: an agent cannot be their own manager");
        assertThatThrownBy(() -> Agent.builder(AgentId.of("7")).speaks("!!")).hasMessageContaining("BCP 47");
    }

    @Test
    void absencesCoverTheirWindowOnly() {
        Absence leave = new Absence(T0, T0.plusSeconds(3600), "doctor");
        Agent a = Agent.builder(AgentId.of("7")).absence(leave).build();
        assertThat(a.isAbsentAt(T0)).isTrue();
        assertThat(a.isAbsentAt(T0.plusSeconds(3600))).isFalse();
        assertThat(a.absenceAt(T0.plusSeconds(10))).contains(leave);
        assertThatThrownBy(() -> new Absence(T0, T0, "")).hasMessageContaining("must end after it starts");
    }

    @Test
    void shiftsKnowWhenTheyCrossMidnight() {
        assertThat(Shift.weekdays(LocalTime.of(22, 0), LocalTime.of(6, 0)).crossesMidnight())
                .isTrue();
        assertThat(Shift.weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0)).crossesMidnight())
                .isFalse();
        assertThatThrownBy(() -> Shift.of(Set.of(DayOfWeek.MONDAY), LocalTime.NOON, LocalTime.NOON))
                .hasMessageContaining("must have a length");
        assertThatThrownBy(() -> new Shift(Set.of(), LocalTime.NOON, LocalTime.MIDNIGHT))
                .hasMessageContaining("at least one weekday");
    }

    @Test
    void directoryIndexesMembersAndRefusesDuplicates() {
        GroupId billing = GroupId.of("billing");
        Agent ada = Agent.builder(AgentId.of("1")).group(billing).build();
        Agent bob = Agent.builder(AgentId.of("2")).manager(AgentId.of("1")).build();
        Directory d = Directory.of(List.of(ada, bob), List.of(Group.team(billing, "Billing")));
        assertThat(d.members(billing)).containsExactly(ada);
        assertThat(d.groupNamed("BILLING")).isPresent();
        assertThat(d.reportsOf(AgentId.of("1"))).containsExactly(bob);
        assertThat(d.members(GroupId.of("none"))).isEmpty();
        assertThatThrownBy(() -> Directory.of(List.of(ada, ada), List.of())).hasMessageContaining("agent 1 twice");
        assertThatThrownBy(() -> Directory.of(
                        List.of(), List.of(Group.team(billing, "Billing"), Group.team(GroupId.of("b2"), "billing"))))
                .hasMessageContaining("have the same name");
    }

    @Test
    void channelsAreLowerCaseTokens() {
        assertThat(Channel.of(" WhatsApp ")).isEqualTo(new Channel("whatsapp"));
        assertThat(Channel.of(null)).isEqualTo(Channel.OTHER);
        assertThatThrownBy(() -> new Channel("Web Form")).hasMessageContaining("channel must be");
    }

    @Test
    void priorityAndStatusOrder() {
        assertThat(TicketPriority.URGENT.isAtLeast(TicketPriority.HIGH)).isTrue();
        assertThat(TicketPriority.NORMAL.isAtLeast(TicketPriority.HIGH)).isFalse();
        assertThat(TicketStatus.PENDING.isOpen()).isTrue();
        assertThat(TicketStatus.SOLVED.isOpen()).isFalse();
    }

    @Test
    void commentAndTaskToStringLeaveOutText() {
        Comment c = new Comment("c1", TicketId.of("1"), "7", "my card is 4111", Visibility.PUBLIC, T0);
        assertThat(c.toString()).doesNotContain("4111").contains("15 chars");
    }
}
