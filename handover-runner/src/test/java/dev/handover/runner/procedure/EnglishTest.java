package dev.handover.runner.procedure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.spi.model.Agent;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The grammar of the procedure's sentences, and how names fall back to ids. */
class EnglishTest {
    @Test
    void countsAgreeWithTheirNumber() {
        assertThat(English.count(1, "reminder", "reminders")).isEqualTo("1 reminder");
        assertThat(English.count(0, "reminder", "reminders")).isEqualTo("0 reminders");
        assertThat(English.count(2, "reminder", "reminders")).isEqualTo("2 reminders");
    }

    @Test
    void theArticleFollowsTheSound() {
        assertThat(List.of(
                                "agent",
                                "lead",
                                "enquiry",
                                "hour",
                                "honest broker",
                                "user",
                                "one-off",
                                "urgent case",
                                "European",
                                "manager",
                                "order",
                                "Item")
                        .stream()
                        .map(English::withArticle))
                .containsExactly(
                        "an agent",
                        "a lead",
                        "an enquiry",
                        "an hour",
                        "an honest broker",
                        "a user",
                        "a one-off",
                        "an urgent case",
                        "a European",
                        "a manager",
                        "an order",
                        "an Item");
    }

    @Test
    void listsJoinWithCommasAndTheLastWithTheConjunction() {
        assertThat(English.list(List.of("a"), "and")).isEqualTo("a");
        assertThat(English.list(List.of("a", "b"), "or")).isEqualTo("a or b");
        assertThat(English.list(List.of("a", "b", "c"), "and")).isEqualTo("a, b and c");
    }

    @Test
    void durationsInWords() {
        assertThat(English.duration(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(English.duration(Duration.ofHours(2))).isEqualTo("2 hours");
        assertThat(English.duration(Duration.ofMinutes(90))).isEqualTo("1 hour 30 minutes");
        assertThat(English.duration(Duration.ofMinutes(1))).isEqualTo("1 minute");
        assertThat(English.duration(Duration.ofDays(1).plusHours(1))).isEqualTo("1 day 1 hour");
        assertThat(English.duration(Duration.ofDays(3))).isEqualTo("3 days");
        assertThat(English.duration(Duration.ofSeconds(1))).isEqualTo("1 second");
        assertThat(English.duration(Duration.ofSeconds(45))).isEqualTo("45 seconds");
        assertThat(English.every(Duration.ofHours(1))).isEqualTo("every hour");
        assertThat(English.every(Duration.ofDays(1))).isEqualTo("every day");
        assertThat(English.every(Duration.ofHours(2))).isEqualTo("every 2 hours");
        assertThat(English.every(Duration.ofMinutes(90))).isEqualTo("every 1 hour 30 minutes");
    }

    @Test
    void sentencesStartWithACapitalAndEndWithAFullStop() {
        assertThat(English.sentence("the ticket is open")).isEqualTo("The ticket is open.");
        assertThat(English.sentence("call back.")).isEqualTo("Call back.");
        assertThat(English.capitalise("über")).isEqualTo("Über");
        assertThat(English.capitalise("")).isEmpty();
        assertThat(English.sentence("(the ticket is a refund or it is urgent) and nobody owns it"))
                .isEqualTo("(The ticket is a refund or it is urgent) and nobody owns it.");
        assertThat(English.capitalise("\"vip\" customers")).isEqualTo("\"Vip\" customers");
        assertThat(English.capitalise("((")).isEqualTo("((");
    }

    @Test
    void namesComeFromTheDirectoryAndFallBackToTheIdWithANote() {
        Directory d = Directory.of(
                List.of(
                        Agent.builder(AgentId.of("7")).name("Jonas Weber").build(),
                        Agent.builder(AgentId.of("8")).build()),
                List.of(Group.team(GroupId.of("30001"), "Billing L2")));
        Names crm = Names.of(d);
        assertThat(crm.fromCrm()).isTrue();
        assertThat(crm.agent(AgentId.of("7"))).isEqualTo("Jonas Weber");
        assertThat(crm.agent(AgentId.of("8"))).isEqualTo("agent 8 (not in the CRM's directory)");
        assertThat(crm.agent(AgentId.of("9"))).isEqualTo("agent 9 (not in the CRM's directory)");
        assertThat(crm.group(GroupId.of("30001"))).isEqualTo("Billing L2");
        assertThat(crm.group(GroupId.of("30002"))).isEqualTo("group 30002 (not in the CRM's directory)");
        Names ids = Names.ids();
        assertThat(ids.fromCrm()).isFalse();
        assertThat(ids.agent(AgentId.of("7"))).isEqualTo("agent 7");
        assertThat(ids.group(GroupId.of("30001"))).isEqualTo("group 30001");
    }
}
