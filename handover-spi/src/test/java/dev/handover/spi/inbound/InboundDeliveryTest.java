package dev.handover.spi.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.spi.Secret;
import dev.handover.spi.model.TicketId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class InboundDeliveryTest {
    @Test
    void headersAreMatchedIgnoringCaseAndTheBodyCannotBeChangedAfterwards() {
        byte[] raw = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        InboundDelivery d = new InboundDelivery(Map.of("X-Signature", List.of("abc"), "x-empty", List.of(" ")), raw);
        raw[0] = 'X';
        assertThat(d.header("x-signature")).contains("abc");
        assertThat(d.header("X-EMPTY")).as("blank is absent").isEmpty();
        assertThat(d.header("missing")).isEmpty();
        byte[] out = d.body();
        out[1] = 'Y';
        assertThat(new String(d.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(d)
                .isEqualTo(InboundDelivery.of(Map.of("x-signature", "abc", "X-Empty", " "), d.body()))
                .isNotEqualTo(InboundDelivery.of(Map.of(), new byte[0]));
        assertThat(d.toString()).doesNotContain("abc").contains("7 bytes");
    }

    @Test
    void verdictsCarryWhatAListenerNeeds() {
        InboundVerdict.Accepted a = new InboundVerdict.Accepted("ev-1", Set.of(TicketId.of("10")), "comment added");
        assertThat(a.tickets()).containsExactly(TicketId.of("10"));
        assertThat(new InboundVerdict.Refused(InboundVerdict.Reason.UNAUTHENTIC, "bad signature")
                        .reason()
                        .httpStatus())
                .isEqualTo(401);
        assertThat(InboundVerdict.Reason.MALFORMED.httpStatus()).isEqualTo(400);
        assertThatThrownBy(() -> new InboundVerdict.Accepted(" ", Set.of(), "x"))
                .hasMessageContaining("delivery id");
        assertThatThrownBy(() -> new InboundSettings(Secret.of("s"), Duration.ZERO, Clock.systemUTC()))
                .hasMessageContaining("max age must be positive");
    }
}
