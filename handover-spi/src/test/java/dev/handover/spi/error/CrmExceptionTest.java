package dev.handover.spi.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class CrmExceptionTest {
    @Test
    void messageCarriesVendorStatusAndCode() {
        CrmException e = new CrmNotFoundException("zendesk", 404, "RecordNotFound", "ticket 42 does not exist", null);
        assertThat(e.getMessage()).isEqualTo("ticket 42 does not exist [zendesk, HTTP 404, RecordNotFound]");
        assertThat(e.vendor()).isEqualTo("zendesk");
        assertThat(e.httpStatus()).hasValue(404);
        assertThat(e.vendorCode()).hasValue("RecordNotFound");
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void withoutHttpDetailsOnlyTheVendorIsShown() {
        CrmException e = new CrmConflictException("memory", "stale");
        assertThat(e.getMessage()).isEqualTo("stale [memory]");
        assertThat(e.httpStatus()).isEmpty();
        assertThat(e.vendorCode()).isEmpty();
    }

    @Test
    void onlyTransientFailuresAreRetryable() {
        assertThat(new CrmUnavailableException("x", "down").isRetryable()).isTrue();
        assertThat(new CrmRateLimitedException("x", "slow down", Duration.ofSeconds(3)).isRetryable())
                .isTrue();
        assertThat(new CrmUnauthorizedException("x", "no").isRetryable()).isFalse();
        assertThat(new CrmInvalidRequestException("x", "bad").isRetryable()).isFalse();
        assertThat(new CrmConflictException("x", "stale").isRetryable()).isFalse();
    }

    @Test
    void rateLimitKeepsRetryAfter() {
        assertThat(new CrmRateLimitedException("x", "slow", Duration.ofSeconds(7)).retryAfter())
                .hasValue(Duration.ofSeconds(7));
        assertThat(new CrmRateLimitedException("x", "slow", null).retryAfter()).isEmpty();
        assertThatThrownBy(() -> new CrmRateLimitedException("x", "slow", Duration.ofSeconds(-1)))
                .hasMessageContaining("must not be negative");
    }

    @Test
    void refusesImpossibleStatus() {
        assertThatThrownBy(() -> new CrmUnavailableException("x", 42, null, "m", null))
                .hasMessageContaining("HTTP status must be 0 or 100–599");
    }
}
