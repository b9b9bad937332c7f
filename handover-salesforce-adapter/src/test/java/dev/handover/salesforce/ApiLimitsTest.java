package dev.handover.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handover.spi.error.CrmRateLimitedException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The org's API allocation: read from every answer, exposed, and respected by slowing down and then stopping. */
final class ApiLimitsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "api-usage=18/15000|18|15000",
                "api-usage=10018/100000; per-app-api-usage=17/250(appName=handover)|10018|100000",
                "per-app-api-usage=17/250(appName=x), api-usage=5/10|5|10"
            })
    void parsesTheLimitInfoHeader(String header, long used, long max) {
        ApiUsage usage = ApiUsage.parse(header, Instant.EPOCH).orElseThrow();
        assertThat(usage.used()).isEqualTo(used);
        assertThat(usage.max()).isEqualTo(max);
    }

    @Test
    void ignoresAHeaderWithoutUsage() {
        assertThat(ApiUsage.parse("per-app-api-usage=17/250(appName=x)", Instant.EPOCH))
                .isEmpty();
        assertThat(ApiUsage.parse("api-usage=abc/def", Instant.EPOCH)).isEmpty();
        assertThat(ApiUsage.parse(null, Instant.EPOCH)).isEmpty();
    }

    @Test
    void exposesTheUsageOfTheLastAnswer() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            assertThat(crm.apiUsage()).isEmpty();
            crm.ticket(orgs.fixture.ticket(1));
            crm.ticket(orgs.fixture.ticket(2));
            assertThat(crm.apiUsage()).hasValueSatisfying(u -> {
                assertThat(u.used()).isEqualTo(2);
                assertThat(u.max()).isEqualTo(100_000);
                assertThat(u.remaining()).isEqualTo(99_998);
            });
            assertThat(crm.toString()).contains("api-usage=2/100000");
        }
    }

    @Test
    void slowsDownNearTheCap() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            crm.ticket(orgs.fixture.ticket(1));
            assertThat(orgs.slept).isEmpty();

            orgs.org.setApiUsage(89_999); // the next answer reports 90,000 of 100,000: 90%
            crm.ticket(orgs.fixture.ticket(2));
            crm.ticket(orgs.fixture.ticket(3));

            // from 80% to the 98% stop the wait grows linearly to 2 s: at 90% it is a little over 1.1 s
            assertThat(orgs.slept)
                    .singleElement()
                    .satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(1100), Duration.ofMillis(1120)));
        }
    }

    @Test
    void stopsLocallyAtTheReserveAndResumesAfterTheCooldown() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            orgs.org.setApiUsage(98_500);
            crm.ticket(orgs.fixture.ticket(1));
            int requests = orgs.org.requests().size();

            assertThatThrownBy(() -> crm.ticket(orgs.fixture.ticket(2)))
                    .isInstanceOfSatisfying(CrmRateLimitedException.class, e -> {
                        assertThat(e.retryAfter())
                                .hasValueSatisfying(
                                        d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5)));
                        assertThat(e.getMessage()).contains("98.5%");
                    });
            assertThat(orgs.org.requests()).hasSize(requests);

            orgs.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
            orgs.org.setApiUsage(10); // a new day
            assertThat(crm.ticket(orgs.fixture.ticket(2))).isPresent();
            assertThat(crm.ticket(orgs.fixture.ticket(3))).isPresent();
        }
    }

    @Test
    void theOrgsOwnLimitIsRateLimitedWithItsCode() {
        try (Orgs orgs = new Orgs()) {
            SalesforceConnector crm = orgs.connector();
            crm.ticket(orgs.fixture.ticket(1));
            orgs.org.setApiUsage(100_000); // other integrations used the rest of the day's allocation

            assertThatThrownBy(() -> crm.ticket(orgs.fixture.ticket(2)))
                    .isInstanceOfSatisfying(CrmRateLimitedException.class, e -> {
                        assertThat(e.vendorCode()).hasValue("REQUEST_LIMIT_EXCEEDED");
                        assertThat(e.httpStatus()).hasValue(403);
                        assertThat(e.isRetryable()).isTrue();
                    });
            int requests = orgs.org.requests().size();
            assertThatThrownBy(() -> crm.ticket(orgs.fixture.ticket(3))).isInstanceOf(CrmRateLimitedException.class);
            assertThat(orgs.org.requests()).as("paused locally").hasSize(requests);
        }
    }
}
