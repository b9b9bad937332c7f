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
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's Java example compiles, runs, and is the same text as in the README, with its imports: the README shows
 * this file's imports but the ones only the assertions below use.
 */
final class ReadmeExampleTest {
    private static final Path SOURCE = Path.of("src/test/java/dev/handover/memory/ReadmeExampleTest.java");
    private static final Set<String> TEST_ONLY = Set.of(
            "import static org.assertj.core.api.Assertions.assertThat;",
            "import dev.handover.spi.UpdateResult;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.List;",
            "import java.util.Set;",
            "import java.util.stream.Collectors;",
            "import org.junit.jupiter.api.Test;");

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

        assertThat(Files.readString(Path.of("../README.md"))).contains(readmeText());
    }

    /** The snippet's imports, a blank line, and the code between the markers, as the README shows them. */
    static String readmeText() throws Exception {
        List<String> source = Files.readAllLines(SOURCE);
        String imports = source.stream()
                .filter(l -> l.startsWith("import "))
                .filter(l -> !TEST_ONLY.contains(l))
                .collect(Collectors.joining("\n"));
        String code = String.join(
                        "\n",
                        source.subList(
                                source.indexOf("        // README-START") + 1, source.indexOf("        // README-END")))
                .replaceAll("(?m)^        ", "");
        return imports + "\n\n" + code;
    }
}
