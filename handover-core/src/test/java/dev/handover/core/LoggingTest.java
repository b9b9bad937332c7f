package dev.handover.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.spi.model.Customer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Logs carry ticket and handover ids, never the customer's personal data or the ticket's text. */
final class LoggingTest {
    private static final Path LOG =
            Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/handover-test.log"));

    @Test
    void logsNameIdsButNoCustomerData() throws Exception {
        World w = new World();
        var t = w.ticket(b -> b.subject("Zebedee's secret refund subject")
                .description("Card ending 4242, address 1 Private Lane")
                .requester(Customer.builder()
                        .name("Zebedee Quux-Privacy")
                        .email("zebedee@private.example")
                        .phone("+44 7700 900123")
                        .language(Locale.ENGLISH)
                        .build()));
        HandoverResult r = w.engine(HandoverPolicy.builder().build())
                .handOver(HandoverRequest.builder(t.id())
                        .toAgent(World.LUKAS)
                        .reason(HandoverReason.EXPERTISE)
                        .summary("Zebedee wants the refund")
                        .build());

        String log = Files.readString(LOG);
        assertThat(log)
                .contains("ticket " + t.id())
                .contains(r.plan().orElseThrow().id().value())
                .doesNotContain("Zebedee", "zebedee@", "7700 900123", "4242", "Private Lane", "secret refund");
    }
}
