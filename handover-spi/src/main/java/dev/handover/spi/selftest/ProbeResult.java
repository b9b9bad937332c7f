package dev.handover.spi.selftest;

import java.util.Objects;
import java.util.Optional;

/**
 * What one probe found.
 *
 * @param probe the probe's name, as in {@link Probe#name()}
 * @param assumption what the connector assumes, one sentence
 * @param answer what the account answered, one sentence (no secrets, no customer data)
 * @param verdict pass, warning or failure
 * @param fix for a warning or failure: the setting or admin change that fixes it
 */
public record ProbeResult(String probe, String assumption, String answer, Verdict verdict, Optional<String> fix) {
    /** Validates the components: a failure always says how to fix it. */
    public ProbeResult {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(assumption, "assumption");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(fix, "fix");
        if (verdict == Verdict.FAIL && fix.isEmpty()) {
            throw new IllegalArgumentException("probe " + probe + " failed without saying how to fix it");
        }
    }

    /** The probe passed. */
    public static ProbeResult pass(Probe p, String answer) {
        return new ProbeResult(p.name(), p.assumption(), answer, Verdict.PASS, Optional.empty());
    }

    /** The probe warns; {@code fix} says what to look at. */
    public static ProbeResult warn(Probe p, String answer, String fix) {
        return new ProbeResult(p.name(), p.assumption(), answer, Verdict.WARN, Optional.of(fix));
    }

    /** The probe failed; {@code fix} is the setting or admin change that fixes it. */
    public static ProbeResult fail(Probe p, String answer, String fix) {
        return new ProbeResult(p.name(), p.assumption(), answer, Verdict.FAIL, Optional.of(fix));
    }
}
