package dev.handover.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.spi.Assignment;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmConnectors;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.NoteDraft;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.UpdateResult;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's Java example compiles, runs, and is the same text as in the README. */
final class ReadmeExampleTest {
    @Test
    void readmeExampleWorksAndMatchesTheReadme() throws Exception {
        // README-START
        CrmConnector crm = CrmConnectors.builder()
                .settings(CrmSettings.builder("memory").put("seed", "42").build())
                .build();
        Ticket ticket = crm.ticket(TicketId.of("1001")).orElseThrow();
        crm.apply(TicketUpdate.builder(ticket.id())
                .note(NoteDraft.internal("Handover: customer waits for a refund of 120 EUR, promised by Friday"))
                .assign(Assignment.toAgentInGroup(AgentId.of("sophie"), GroupId.of("billing-l2")))
                .addTag("handover")
                .expectedVersion(ticket.version())
                .idempotencyKey("ho-1001-1")
                .build());
        // README-END

        Ticket after = crm.ticket(ticket.id()).orElseThrow();
        assertThat(after.assignee()).contains(AgentId.of("sophie"));
        assertThat(after.tags()).contains("handover");
        assertThat(crm.apply(TicketUpdate.builder(ticket.id())
                                .addTag("handover")
                                .idempotencyKey("ho-1001-1")
                                .build())
                        .status())
                .isEqualTo(UpdateResult.Status.REPLAYED);

        List<String> source = Files.readAllLines(Path.of("src/test/java/dev/handover/memory/ReadmeExampleTest.java"));
        String snippet = String.join(
                        "\n",
                        source.subList(
                                source.indexOf("        // README-START") + 1, source.indexOf("        // README-END")))
                .replaceAll("(?m)^        ", "");
        assertThat(Files.readString(Path.of("../README.md"))).contains(snippet);
    }
}
