package dev.handover.spi.selftest;

import dev.handover.spi.CrmConnector;
import dev.handover.spi.helpers.Sleeper;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a probe works with: the connector, its self-test support, the test team, a clock and a sleeper (a probe that
 * waits for a search index waits through it), and the test tickets made so far, which the self-test discards at the
 * end. Thread-confined: one self-test runs its probes one after another.
 */
public final class ProbeContext {
    private final CrmConnector crm;
    private final SelfTestSupport support;
    private final TestTeam team;
    private final Clock clock;
    private final Sleeper sleeper;
    private final List<TicketId> created = new ArrayList<>();

    /**
     * A context.
     *
     * @param crm the connector under test
     * @param support its self-test support
     * @param team the test team from the configuration
     * @param clock the clock (tests inject one)
     * @param sleeper how to wait (tests inject one that does not)
     */
    public ProbeContext(CrmConnector crm, SelfTestSupport support, TestTeam team, Clock clock, Sleeper sleeper) {
        this.crm = Objects.requireNonNull(crm, "crm");
        this.support = Objects.requireNonNull(support, "support");
        this.team = Objects.requireNonNull(team, "team");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Creates a labelled test ticket and remembers it for clean-up. */
    public Ticket createTicket(TestTicket ticket) {
        Ticket t = support.createTestTicket(ticket, team);
        created.add(t.id());
        return t;
    }

    /** The connector under test. */
    public CrmConnector crm() {
        return crm;
    }

    /** Its self-test support. */
    public SelfTestSupport support() {
        return support;
    }

    /** The test team. */
    public TestTeam team() {
        return team;
    }

    /** The clock. */
    public Clock clock() {
        return clock;
    }

    /** The sleeper. */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** The test tickets created so far, oldest first. */
    public List<TicketId> created() {
        return List.copyOf(created);
    }

    /** Whether this ticket was created by this self-test: the only tickets a probe may write to. */
    public boolean isOwn(TicketId ticket) {
        return created.contains(ticket);
    }
}
