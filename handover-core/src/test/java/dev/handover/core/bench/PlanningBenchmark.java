package dev.handover.core.bench;

import dev.handover.core.HandoverResult;
import dev.handover.core.Handovers;
import dev.handover.core.calendar.Availability;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.rule.RuleContext;
import dev.handover.core.rule.Workload;
import dev.handover.memory.InMemoryCrm;
import dev.handover.memory.demo.DemoData;
import dev.handover.memory.demo.DemoDataSet;
import dev.handover.memory.time.MutableClock;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Planning cost, CPU only (the in-memory CRM answers reads from memory): rule evaluation throughput on one thread, and
 * planning 10,000 demo tickets against a 50-rule policy, notes, receivers and notices included for the matches.
 */
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PlanningBenchmark {
    static final int TICKETS = 10_000;
    static final int RULES = 50;

    private List<Ticket> tickets;
    private List<HandoverRule> rules;
    private Directory directory;
    private Availability availability;
    private HandoverPolicy policy;
    private Handovers engine;

    /** Builds 10,000 demo tickets, the 50-rule policy, and an engine over an in-memory CRM. */
    @Setup
    public void setUp() {
        Instant start = Instant.parse("2026-03-02T10:00:00Z");
        DemoDataSet data =
                DemoData.builder().tickets(TICKETS).start(start).seed(7).build();
        MutableClock clock = MutableClock.at(start);
        InMemoryCrm crm = data.loadInto(InMemoryCrm.builder().clock(clock).build());
        policy = BenchWorld.policy(RULES);
        rules = policy.rules();
        tickets = data.tickets();
        directory = crm.directorySnapshot();
        availability = new Availability(policy::calendarOf, false);
        engine = Handovers.builder().connector(crm).policy(policy).clock(clock).build();
    }

    /** One op = one rule evaluated against one ticket (every rule is evaluated, none short-circuits the others). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(TICKETS * RULES)
    public void ruleEvaluations(Blackhole bh) {
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        for (Ticket t : tickets) {
            RuleContext ctx = RuleContext.of(t, now, directory, availability, Workload.NONE, policy.defaultCalendar());
            for (HandoverRule r : rules) {
                bh.consume(r.condition().test(ctx));
            }
        }
    }

    /** Planning all 10,000 tickets (a dry run): match, choose receivers, compose and render notes. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5, batchSize = 1)
    @Measurement(iterations = 10, batchSize = 1)
    public List<HandoverResult> planTenThousandTickets() {
        return engine.dryRun(tickets);
    }
}
