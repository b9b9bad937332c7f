package dev.handover.selftest;

import dev.handover.spi.CrmConnector;
import dev.handover.spi.helpers.Sleeper;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.selftest.Probe;
import dev.handover.spi.selftest.ProbeContext;
import dev.handover.spi.selftest.ProbeResult;
import dev.handover.spi.selftest.SelfTestSupport;
import dev.handover.spi.selftest.TestTeam;
import dev.handover.spi.selftest.Verdict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One self-test run: the live-safe probes of {@link LiveSuite}, then the connector's own vendor probes, then the test
 * tickets discarded (unless kept). A probe that throws fails on its own; the others still run and the clean-up still
 * happens.
 *
 * <pre>{@code
 * SelfTestReport report = SelfTest.builder()
 *         .connector(crm)
 *         .team(new TestTeam("selftest@example.org", "Selftest Requester", sender, receiver, Optional.of(group)))
 *         .build()
 *         .run();
 * System.out.print(report.table());
 * }</pre>
 */
public final class SelfTest {
    private final CrmConnector crm;
    private final SelfTestSupport support;
    private final TestTeam team;
    private final Clock clock;
    private final Sleeper sleeper;
    private final boolean keep;

    private SelfTest(Builder b) {
        this.crm = b.crm;
        this.support = b.crm.selfTest()
                .orElseThrow(() -> new IllegalArgumentException(
                        "the " + b.crm.vendor() + " connector offers no self-test support"));
        this.team = b.team;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.keep = b.keep;
    }

    /** A builder; connector and team are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The probes this run will run: the live suite's, then the connector's. */
    public List<Probe> probes() {
        List<Probe> all = new ArrayList<>(LiveSuite.probes());
        all.addAll(support.probes());
        return all;
    }

    /** Runs every probe, then discards the test tickets unless kept. */
    public SelfTestReport run() {
        // the probes see the run's start as "now": their keys and texts follow from it, so a recorded run replays
        java.time.Instant start = clock.instant();
        ProbeContext ctx = new ProbeContext(crm, support, team, Clock.fixed(start, java.time.ZoneOffset.UTC), sleeper);
        List<ProbeResult> results = new ArrayList<>();
        String sandbox =
                support.sandbox().map(s -> s ? "sandbox" : "production").orElse("sandbox not reported");
        List<String> cleanup = new ArrayList<>();
        try {
            for (Probe p : probes()) {
                results.add(runOne(p, ctx));
            }
        } finally {
            // even when a probe broke the run (an Error), the test tickets are discarded
            cleanUp(ctx, cleanup);
        }
        return new SelfTestReport(crm.vendor(), sandbox, start, results, cleanup);
    }

    private void cleanUp(ProbeContext ctx, List<String> cleanup) {
        for (TicketId id : ctx.created()) {
            if (keep) {
                cleanup.add(id + ": kept (--keep)");
                continue;
            }
            try {
                cleanup.add(id + ": " + support.discard(id));
            } catch (RuntimeException e) {
                cleanup.add(id + ": NOT discarded (" + e.getMessage() + "); delete it by hand");
            }
        }
    }

    private static ProbeResult runOne(Probe p, ProbeContext ctx) {
        try {
            return p.run(ctx);
        } catch (RuntimeException e) {
            return new ProbeResult(
                    p.name(),
                    p.assumption(),
                    "the probe stopped: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    Verdict.FAIL,
                    Optional.of("run again with --record DIR and send the directory with the report"));
        }
    }

    /** Builds a {@link SelfTest}. */
    public static final class Builder {
        private CrmConnector crm;
        private TestTeam team;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private boolean keep;

        private Builder() {}

        /** The connector under test; it must offer {@link CrmConnector#selfTest()}. */
        public Builder connector(CrmConnector crm) {
            this.crm = Objects.requireNonNull(crm, "connector");
            return this;
        }

        /** The test requester and agents, from the configuration. */
        public Builder team(TestTeam team) {
            this.team = Objects.requireNonNull(team, "team");
            return this;
        }

        /** The clock; tests inject one. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How probes wait (for a search index); tests inject one that does not. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** Leaves the test tickets in the CRM for a look instead of discarding them. */
        public Builder keep(boolean keep) {
            this.keep = keep;
            return this;
        }

        /**
         * The run.
         *
         * @throws IllegalStateException when the connector or the team is missing
         * @throws IllegalArgumentException when the connector offers no self-test
         */
        public SelfTest build() {
            if (crm == null) {
                throw new IllegalStateException("a self-test needs a connector");
            }
            if (team == null) {
                throw new IllegalStateException("a self-test needs the test team (requester, sender, receiver)");
            }
            return new SelfTest(this);
        }
    }
}
