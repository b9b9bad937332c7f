package dev.handover.rt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.rt.http.Errors;
import dev.handover.rt.http.Json;
import dev.handover.spi.error.CrmConflictException;
import dev.handover.spi.error.CrmNotFoundException;
import dev.handover.spi.error.CrmRateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RT's answers as RT 5.0.3 sends them (measured on the real server by {@code RestFactsTest}; the wordings are RT's
 * own, from RT::Ticket and RT::Record).
 */
final class ErrorsTest {

    @Test
    void aRefusedFieldInsideA200IsFoundAndAChangeIsNot() throws Exception {
        var answer = Json.parse("[\"That user may not own tickets in that queue\", \"Tags invalid-email added\","
                + " \"Handover key kit-1 added\", \"Owner changed from Nobody to ada\","
                + " \"Custom field Labels not found\", \"cannot-pay added as a value for Tags\"]");
        assertThat(Errors.refusals(answer))
                .containsExactly("That user may not own tickets in that queue", "Custom field Labels not found");
    }

    @Test
    void statusesMapToTheSpisExceptions() {
        Clock clock = Clock.systemUTC();
        assertThat(Errors.map("read of ticket 9", 404, Map.of(), "{\"message\":\"Resource does not exist\"}", clock))
                .isInstanceOf(CrmNotFoundException.class)
                .hasMessageContaining("Resource does not exist");
        assertThat(Errors.map("update of ticket 9", 412, Map.of(), "{\"message\":\"Precondition Failed\"}", clock))
                .isInstanceOf(CrmConflictException.class);
        assertThat(Errors.map("search", 429, Map.of("retry-after", List.of("7")), "", clock))
                .isInstanceOfSatisfying(
                        CrmRateLimitedException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
    }
}
