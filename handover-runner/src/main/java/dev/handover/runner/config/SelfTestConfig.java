package dev.handover.runner.config;

import dev.handover.spi.selftest.TestTeam;
import java.util.Objects;

/**
 * The {@code selftest:} section: who {@code handover selftest} may involve, and whether the account may be used.
 *
 * @param allowed {@code allowed: true}: the integrator says this account is a sandbox or test brand; required where the
 *     CRM cannot say so itself (Zendesk)
 * @param team the test requester and the two test agents (and their group)
 * @param location where the section is written, for messages
 */
public record SelfTestConfig(boolean allowed, TestTeam team, Location location) {
    /** Validates. */
    public SelfTestConfig {
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(location, "location");
    }
}
