package dev.handover.core.bench;

import dev.handover.core.HandoverResult;
import dev.handover.core.Handovers;
import dev.handover.core.SweepResult;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.memory.InMemoryCrm;
import dev.handover.memory.demo.DemoData;
import dev.handover.memory.demo.DemoDataSet;
import dev.handover.memory.time.MutableClock;
import dev.handover.spi.TaskChange;
import dev.handover.spi.TaskQuery;
import dev.handover.spi.TicketUpdate;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Task;
import dev.handover.spi.model.TaskKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.spi.model.TicketStatus;
import dev.handover.spi.model.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One follow-up sweep over 100,000 open handovers of which 100 are due: the time per sweep (engine plus the in-memory
 * CRM answering from memory). Each invocation moves the clock one minute, so a fresh 100 are due every time. The CRM
 * calls per sweep are printed at the end of each iteration and counted exactly in {@code SweepCostTest}.
 */
@State(Scope.Benchmark)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 10, batchSize = 1)
@Measurement(iterations = 40, batchSize = 1)
public class SweepBenchmark {
    static final int OPEN = 100_000;
    static final int DUE_PER_MINUTE = 100;
    static final Instant SHIFT_END = Instant.parse("2026-03-02T14:00:00Z"); // a Monday
    static final Instant FIRST_DUE = Instant.parse("2026-03-02T14:30:00Z");

    private MutableClock clock;
    private InMemoryCrm crm;
    private Handovers engine;
    private long calls;
    private int sweeps;

    /** 100,000 handovers from one agent's shift change; their follow-ups staggered 100 per minute from 14:30. */
    @Setup
    public void setUp() {
        DemoDataSet data = DemoData.builder().tickets(1).start(SHIFT_END).build();
        clock = MutableClock.at(SHIFT_END.minus(Duration.ofMinutes(5)));
        crm = data.loadInto(InMemoryCrm.builder().clock(clock).sleeper(d -> {}).build());
        for (String id : List.of("amelia", "lukas", "sophie", "jonas", "chloe", "oliver", "tom")) {
            crm.editAgent(AgentId.of(id), a -> a.capacity(10_000_000));
        }
        var template = data.tickets().get(0);
        for (int i = 0; i < OPEN; i++) {
            crm.putTicket(Ticket.builder(TicketId.of(Integer.toString(200_000 + i)))
                    .subject(template.subject())
                    .description(template.description())
                    .requester(template.requester())
                    .priority(template.priority())
                    .status(TicketStatus.OPEN)
                    .assignee(AgentId.of("amelia"))
                    .group(DemoData.EMEA)
                    .createdAt(SHIFT_END.minus(Duration.ofHours(3)))
                    .version(Version.of("seed"))
                    .build());
        }
        engine = Handovers.builder()
                .connector(crm)
                .policy(HandoverPolicy.builder().historyComments(0).build())
                .clock(clock)
                .sleeper(d -> {})
                .build();
        List<HandoverResult> done = engine.shiftChange(AgentId.of("amelia"), SHIFT_END);
        long handedOver = done.stream().filter(HandoverResult::isHandedOver).count();
        if (handedOver != OPEN) {
            throw new IllegalStateException("only " + handedOver + " of " + OPEN + " handed over");
        }
        List<Task> followUps = crm.allTasks(
                        TaskQuery.builder().open().kind(TaskKind.FOLLOW_UP).build())
                .toList();
        List<TicketUpdate> moves = new ArrayList<>();
        for (int i = 0; i < followUps.size(); i++) {
            Task t = followUps.get(i);
            Instant due = i < 60 * DUE_PER_MINUTE
                    ? FIRST_DUE.plus(Duration.ofMinutes(i / DUE_PER_MINUTE))
                    : Instant.parse("2026-03-09T14:30:00Z");
            moves.add(TicketUpdate.builder(t.ticket())
                    .changeTask(TaskChange.reschedule(t.id(), due))
                    .build());
        }
        crm.applyAll(moves);
        clock.set(FIRST_DUE.minus(Duration.ofMinutes(1)));
    }

    /** The next minute: the next 100 follow-ups fall due. */
    @Setup(Level.Invocation)
    public void nextMinute() {
        clock.advance(Duration.ofMinutes(1));
        crm.calls().reset();
    }

    /** One sweep. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public SweepResult sweep() {
        SweepResult r = engine.sweep();
        if (r.due() != DUE_PER_MINUTE) {
            throw new IllegalStateException("expected 100 due, was " + r.due());
        }
        calls += crm.calls().total();
        sweeps++;
        return r;
    }

    /** Prints the CRM calls per sweep. */
    @TearDown(Level.Iteration)
    public void report() {
        if (sweeps > 0) {
            System.out.println("CRM calls per sweep: " + (calls / sweeps) + " (" + crm.calls() + ")");
        }
    }
}
