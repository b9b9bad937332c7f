package dev.handover.selftest;

import dev.handover.spi.error.CrmException;
import dev.handover.spi.selftest.Probe;
import dev.handover.spi.selftest.ProbeContext;
import dev.handover.spi.selftest.ProbeResult;

/** A probe of the live suite: a failure the account throws at us becomes the probe's failure, not the run's. */
abstract class LiveProbe implements Probe {
    private final String name;
    private final String assumption;

    LiveProbe(String name, String assumption) {
        this.name = name;
        this.assumption = assumption;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String assumption() {
        return assumption;
    }

    @Override
    public final ProbeResult run(ProbeContext context) {
        try {
            return check(context);
        } catch (CrmException e) {
            return ProbeResult.fail(
                    this,
                    "the account refused: " + e.getMessage(),
                    "see the message; run again with --record DIR and send the directory with the report");
        }
    }

    abstract ProbeResult check(ProbeContext context);

    /** A result that fails with this fix unless the condition holds. */
    ProbeResult expect(boolean holds, String passed, String failed, String fix) {
        return holds ? ProbeResult.pass(this, passed) : ProbeResult.fail(this, failed, fix);
    }
}
