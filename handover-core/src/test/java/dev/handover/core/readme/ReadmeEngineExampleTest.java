package dev.handover.core.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.HandoverResult;
import dev.handover.core.Handovers;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.Condition;
import dev.handover.memory.InMemoryCrm;
import dev.handover.memory.demo.DemoData;
import dev.handover.memory.time.MutableClock;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.model.GroupId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's engine example compiles, works on the demo data, and is the text in the README with its imports: this
 * file's imports but the ones only the set-up and the assertions use. It sits outside {@code dev.handover.core} so
 * that {@code Handovers} and {@code HandoverResult} are imported as an embedder imports them.
 */
final class ReadmeEngineExampleTest {
    private static final Path SOURCE = Path.of("src/test/java/dev/handover/core/readme/ReadmeEngineExampleTest.java");
    private static final Set<String> TEST_ONLY = Set.of(
            "import static org.assertj.core.api.Assertions.assertThat;",
            "import dev.handover.memory.InMemoryCrm;",
            "import dev.handover.memory.demo.DemoData;",
            "import dev.handover.memory.time.MutableClock;",
            "import java.nio.file.Files;",
            "import java.nio.file.Path;",
            "import java.util.Set;",
            "import java.util.stream.Collectors;",
            "import org.junit.jupiter.api.Test;");

    @Test
    void readmeEngineExampleWorks() throws Exception {
        MutableClock clock = MutableClock.at("2026-03-02T10:00:00Z");
        InMemoryCrm crm =
                DemoData.standard().loadInto(InMemoryCrm.builder().clock(clock).build());
        // README-START
        HandoverPolicy policy = HandoverPolicy.builder()
                .name("Acme support")
                .rule(HandoverRule.builder("language")
                        .description("Customers are served in their own language")
                        .when(Condition.languageNotSpokenByAssignee())
                        .reason(HandoverReason.LANGUAGE)
                        .to(Target.bestAvailable(GroupId.of("emea-support")))
                        .orElse(Target.group(GroupId.of("triage")))
                        .notifyCustomer(true)
                        .build())
                .build();
        Handovers handovers =
                Handovers.builder().connector(crm).policy(policy).clock(clock).build();
        List<HandoverResult> results = handovers.evaluate(
                crm.searchAll(TicketQuery.builder().open().build()).toList());
        // README-END

        assertThat(results).anySatisfy(r -> assertThat(r.isHandedOver()).isTrue());
        for (HandoverResult r : results) {
            if (r.isHandedOver()) {
                var t = crm.ticketSnapshot(r.ticket()).orElseThrow();
                var receiver = r.plan().orElseThrow().receiver();
                receiver.agent()
                        .ifPresent(
                                a -> assertThat(a.speaks(t.effectiveLanguage().orElseThrow()))
                                        .isTrue());
            }
        }

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
