package dev.handover.runner.config;

import dev.handover.core.policy.HandoverPolicy;
import dev.handover.spi.CrmSettings;
import java.util.List;
import java.util.Objects;

/**
 * A {@code handover.yaml}, checked and bound.
 *
 * @param source the file's name
 * @param crm the CRM's type and settings (secrets resolved from the environment)
 * @param policy the handover procedure
 * @param team what the configuration adds to the CRM's directory
 * @param worker the worker's settings
 * @param references the agent and group ids the configuration names, to check against the CRM
 * @param selfTest the {@code selftest:} section, when written
 */
public record RunnerConfig(
        String source,
        CrmSettings crm,
        HandoverPolicy policy,
        TeamOverlay team,
        WorkerConfig worker,
        List<Reference> references,
        java.util.Optional<SelfTestConfig> selfTest) {
    /** Validates and copies. */
    public RunnerConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(worker, "worker");
        references = List.copyOf(references);
        Objects.requireNonNull(selfTest, "self-test");
    }
}
