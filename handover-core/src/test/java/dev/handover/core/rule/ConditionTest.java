package dev.handover.core.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.core.calendar.Availability;
import dev.handover.core.calendar.BusinessCalendar;
import dev.handover.spi.model.Absence;
import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Customer;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Shift;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.Version;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ConditionTest {
    private static final Instant NOW = Instant.parse("2026-03-09T13:40:00Z"); // Monday
    private static final AgentId AMELIA = AgentId.of("amelia");
    private static final Agent AMELIA_AGENT = Agent.builder(AMELIA)
            .name("Amelia")
            .role("agent")
            .timeZone(ZoneId.of("Europe/London"))
            .speaks("en")
            .skill("billing")
            .capacity(2)
            .shift(Shift.weekdays(LocalTime.of(6, 0), LocalTime.of(14, 0)))
            .build();

    private static RuleContext ctx(UnaryOperator<Ticket.Builder> b, Agent assignee, int openTickets) {
        Ticket t = b.apply(Ticket.builder(TicketId.of("1"))
                        .assignee(assignee == null ? null : assignee.id())
                        .createdAt(NOW.minus(Duration.ofDays(2)))
                        .updatedAt(NOW.minus(Duration.ofHours(3)))
                        .version(Version.of("v")))
                .build();
        Directory d = Directory.of(assignee == null ? List.of() : List.of(assignee), List.of());
        Availability av = new Availability(a -> BusinessCalendar.of(a.timeZone(), a.shifts(), List.of()), false);
        return RuleContext.of(t, NOW, d, av, a -> openTickets, BusinessCalendar.always());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Complaint about my order",
                "This is UNACCEPTABLE",
                "Beschwerde über den Service",
                "Ich bin sehr enttäuscht",
                "Réclamation : commande jamais livrée",
                "Je suis très déçu",
                "Queja: el pedido llegó dañado",
                "Estoy decepcionada con el servicio"
            })
    void recognisesComplaintsInFourLanguages(String subject) {
        assertThat(Condition.complaint().test(ctx(b -> b.subject(subject), null, 0)))
                .isTrue();
        assertThat(Condition.compliment().test(ctx(b -> b.subject(subject), null, 0)))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Thank you for the quick help",
                "Vielen Dank für die schnelle Hilfe",
                "Merci beaucoup !",
                "Muchas gracias",
                "Excellent service yesterday"
            })
    void recognisesComplimentsInFourLanguages(String subject) {
        assertThat(Condition.compliment().test(ctx(b -> b.subject(subject), null, 0)))
                .isTrue();
    }

    @Test
    void keywordsMatchWholeWordsOnly() {
        assertThat(Condition.keywords("lob").test(ctx(b -> b.subject("Global outage"), null, 0)))
                .isFalse();
        assertThat(Condition.keywords("lob").test(ctx(b -> b.subject("Ein großes Lob!"), null, 0)))
                .isTrue();
        assertThat(Condition.keywords(Condition.TextScope.SUBJECT, "refund")
                        .test(ctx(b -> b.subject("Order").description("please refund"), null, 0)))
                .isFalse();
    }

    @Test
    void languageNotSpokenByTheAssignee() {
        Condition c = Condition.languageNotSpokenByAssignee();
        assertThat(c.test(ctx(b -> b.language(Locale.GERMAN), AMELIA_AGENT, 0))).isTrue();
        assertThat(c.test(ctx(b -> b.language(Locale.UK), AMELIA_AGENT, 0))).isFalse();
        assertThat(c.test(ctx(
                        b -> b.requester(
                                Customer.builder().language(Locale.FRENCH).build()),
                        AMELIA_AGENT,
                        0)))
                .isTrue();
        assertThat(c.test(ctx(b -> b, AMELIA_AGENT, 0))).as("unknown language").isFalse();
        assertThat(c.test(ctx(b -> b.language(Locale.GERMAN), null, 0)))
                .as("unassigned")
                .isFalse();
    }

    @Test
    void shiftEndsWithinAndOffShiftFollowTheAssigneesCalendar() {
        assertThat(Condition.assigneeShiftEndsWithin(Duration.ofMinutes(30)).test(ctx(b -> b, AMELIA_AGENT, 0)))
                .isTrue(); // 13:40, shift ends 14:00
        assertThat(Condition.assigneeShiftEndsWithin(Duration.ofMinutes(10)).test(ctx(b -> b, AMELIA_AGENT, 0)))
                .isFalse();
        assertThat(Condition.assigneeOffShift().test(ctx(b -> b, AMELIA_AGENT, 0)))
                .isFalse();
    }

    @Test
    void idleTimeIsWorkingTime() {
        // updated at 10:40, now 13:40: three working hours
        assertThat(Condition.idleFor(Duration.ofHours(3)).test(ctx(b -> b, AMELIA_AGENT, 0)))
                .isTrue();
        assertThat(Condition.idleFor(Duration.ofHours(4)).test(ctx(b -> b, AMELIA_AGENT, 0)))
                .isFalse();
    }

    @Test
    void absenceWorkloadAndAuthority() {
        Agent away = AMELIA_AGENT.toBuilder()
                .absence(new Absence(NOW.minusSeconds(60), NOW.plusSeconds(60), ""))
                .build();
        assertThat(Condition.assigneeAbsent().test(ctx(b -> b, away, 0))).isTrue();
        assertThat(Condition.assigneeAbsent().test(ctx(b -> b, AMELIA_AGENT, 0)))
                .isFalse();
        assertThat(Condition.assigneeOverloaded(1.0).test(ctx(b -> b, AMELIA_AGENT, 2)))
                .isTrue();
        assertThat(Condition.assigneeOverloaded(1.0).test(ctx(b -> b, AMELIA_AGENT, 1)))
                .isFalse();
        AuthorityLimit refund = new AuthorityLimit("refund", "refund_amount", "EUR", Map.of("agent", BigDecimal.TEN));
        assertThat(Condition.exceedsAuthority(refund)
                        .test(ctx(b -> b.customField("refund_amount", "10.50"), AMELIA_AGENT, 0)))
                .isTrue();
        assertThat(Condition.exceedsAuthority(refund)
                        .test(ctx(b -> b.customField("refund_amount", "10"), AMELIA_AGENT, 0)))
                .isFalse();
        assertThat(Condition.assigneeLacksSkill("refunds").test(ctx(b -> b, AMELIA_AGENT, 0)))
                .isTrue();
    }

    @Test
    void describesItselfInPlainLanguage() {
        Condition c = Condition.all(
                Condition.priorityAtLeast(dev.handover.spi.model.TicketPriority.HIGH),
                Condition.any(Condition.tag("vip"), Condition.customerTier("gold")),
                Condition.not(Condition.unassigned()));
        assertThat(c.describe())
                .isEqualTo("the priority is high or above and (the ticket is tagged vip or the customer's tier is gold)"
                        + " and not nobody owns the ticket");
        assertThat(Condition.idleFor(Duration.ofMinutes(90)).describe())
                .isEqualTo("nothing has happened on the ticket for 1 h 30 min of working time");
    }

    @Test
    void refusesMalformedConditions() {
        assertThatThrownBy(() -> Condition.field("refund_amount", Condition.Comparison.ABOVE, "lots"))
                .hasMessage("custom field refund_amount is above needs a number, was 'lots'");
        assertThatThrownBy(() -> Condition.keywords("!!!")).hasMessageContaining("has no letters or digits");
        assertThatThrownBy(() -> Condition.all()).hasMessageContaining("needs at least one condition");
        assertThatThrownBy(() -> Condition.idleFor(Duration.ofMinutes(-5))).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> Condition.status()).hasMessageContaining("at least one status");
    }
}
