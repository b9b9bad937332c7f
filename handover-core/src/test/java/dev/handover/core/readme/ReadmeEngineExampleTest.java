package dev.handover.core;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

/** The README's engine example compiles, works on the demo data, and is the text in the README. */
final class ReadmeEngineExampleTest {
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

        List<String> source =
                Files.readAllLines(Path.of("src/test/java/dev/handover/core/ReadmeEngineExampleTest.java"));
        String snippet = String.join(
                        "\n",
                        source.subList(
                                source.indexOf("        // README-START") + 1, source.indexOf("        // README-END")))
                .replaceAll("(?m)^        ", "");
        assertThat(Files.readString(Path.of("../README.md"))).contains(snippet);
    }
}
