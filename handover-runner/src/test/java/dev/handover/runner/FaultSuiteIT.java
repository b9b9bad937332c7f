package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.zendesk.fake.FakeZendesk;
import dev.handover.zendesk.fake.Fault;
import dev.handover.zendesk.fake.FaultRule;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite: the worker as a real process ({@link WorkerProcess}) on a simulated working day ({@link SimClock})
 * against the stateful fake Zendesk, with random faults, SIGKILLs, two workers, two processes on one configuration and
 * a sweep that closes 200 follow-ups at once; {@link CrmAudit} checks the fake's state and the journals at the end.
 * Sizes come from {@link FaultSizes}: small in {@code mvn verify}, larger with {@code -Dhandover.soak=true}.
 */
class FaultSuiteIT {
    static final Duration PROCESS_LIMIT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    FakeZendesk zendesk;
    FaultDesk desk;
    final FaultSizes size = FaultSizes.fromSystemProperties();

    @BeforeEach
    void start() {
        zendesk = FakeZendesk.start();
        desk = new FaultDesk(zendesk, size.seed());
    }

    @AfterEach
    void stop() {
        zendesk.close();
    }

    @Test
    void aWorkingDayWithThirtyPercentOfRequestsFailing() {
        Instant end = FaultDesk.DAY_START.plus(size.dayLength());
        desk.arrive(size.dayTickets(), FaultDesk.DAY_START, end.minus(Duration.ofHours(1)));
        zendesk.randomFaults(size.faultShare(), size.seed());
        Path w = dir.resolve("worker");
        desk.config(w);

        SimClock clock = SimClock.startingNow(desk.now(), size.rate());
        desk.follow(clock);
        WorkerProcess worker = daemon(w, clock, "day");
        runUntil(clock, end, worker);
        assertThat(stopGracefully(worker)).as(worker.log()).isZero();

        System.out.println("faults met: " + zendesk.randomFaultsMet());
        assertThat(zendesk.randomFaultsMet().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .as("faults were met")
                .isPositive();
        settleAndAudit(List.of(w), "30 % faults for a working day");
    }

    @Test
    void killedAtRandomMomentsAndExactlyAtWrites() {
        Instant end = FaultDesk.DAY_START.plus(size.killDayLength());
        desk.arrive(size.killTickets(), FaultDesk.DAY_START, end.minus(Duration.ofMinutes(30)));
        Path w = dir.resolve("worker");
        desk.config(w);
        Random random = new Random(size.seed());
        AtomicReference<WorkerProcess> current = new AtomicReference<>();
        AtomicInteger countdown = new AtomicInteger(-1);
        AtomicReference<String> plan = new AtomicReference<>("");
        List<String> done = new ArrayList<>();
        // the kill: on the n-th request (a random moment) or the n-th write (exactly at a write, which then lands or
        // not); the fake still holds the request when the process dies, as Zendesk would
        zendesk.onEveryRequest(r -> {
            boolean write = !r.method().equals("GET") && r.path().startsWith("/api/v2/tickets");
            String p = plan.get();
            if (p.isEmpty() || (p.startsWith("write") && !write)) {
                return;
            }
            if (countdown.decrementAndGet() == 0) {
                WorkerProcess victim = current.get();
                if (p.equals("write-lost")) {
                    zendesk.inject(FaultRule.of(Fault.CONNECTION_RESET).on(r.method(), r.path()));
                }
                victim.kill();
                plan.set("");
                synchronized (done) {
                    done.add(p + " " + r.method() + " " + r.path());
                }
            }
        });

        int kills = 0;
        int starts = 0;
        long wallLimit = System.currentTimeMillis() + size.dayLength().toMillis() / size.rate() * 4 + 240_000;
        Instant simNow = desk.now();
        while (true) {
            SimClock clock = SimClock.startingNow(simNow, size.rate());
            desk.follow(clock);
            boolean killThisRun = kills < size.kills();
            if (killThisRun) {
                int kind = kills % 3; // a random moment, a write that lands, a write that does not, in turn
                plan.set(kind == 0 ? "moment" : kind == 1 ? "write-lands" : "write-lost");
                countdown.set(kind == 0 ? 3 + random.nextInt(40) : 1 + random.nextInt(6));
            }
            WorkerProcess worker = daemon(w, clock, "run-" + starts++);
            current.set(worker);
            boolean ended = runUntil(clock, killThisRun ? end.plus(size.dayLength()) : end, worker, killThisRun);
            if (ended) {
                assertThat(plan.get())
                        .as("the worker ended by itself\n" + worker.log())
                        .isEmpty();
                kills++;
                simNow = desk.pause();
            } else {
                if (killThisRun) {
                    plan.set("");
                }
                assertThat(stopGracefully(worker)).as(worker.log()).isZero();
                if (!killThisRun || System.currentTimeMillis() > wallLimit) {
                    break;
                }
                simNow = desk.pause();
            }
            if (kills >= size.kills() && !desk.now().isBefore(end)) {
                break;
            }
        }
        System.out.println("kills: " + kills + " " + done);
        assertThat(kills).as("kills done: " + done).isEqualTo(size.kills());
        settleAndAudit(List.of(w), kills + " kill -9s");
    }

    @Test
    void twoWorkersOnOnePartition() {
        Instant end = FaultDesk.DAY_START.plus(size.overlapLength());
        desk.arrive(size.overlapTickets(), FaultDesk.DAY_START, end.minus(Duration.ofMinutes(30)));
        Path a = dir.resolve("worker-a");
        Path b = dir.resolve("worker-b");
        desk.config(a);
        desk.config(b);
        SimClock clock = SimClock.startingNow(desk.now(), size.rate());
        desk.follow(clock);
        WorkerProcess first = daemon(a, clock, "a");
        WorkerProcess second = daemon(b, clock, "b");
        runUntil(clock, end, first);
        int codeA = stopGracefully(first);
        int codeB = stopGracefully(second);
        System.out.println("two workers: exit codes " + codeA + ", " + codeB);
        settleAndAudit(List.of(a, b), "two workers on one partition");
    }

    @Test
    void twoProcessesOnOneConfiguration() {
        Instant end = FaultDesk.DAY_START.plus(size.overlapLength());
        desk.arrive(size.overlapTickets(), FaultDesk.DAY_START, end.minus(Duration.ofMinutes(30)));
        Path w = dir.resolve("worker");
        desk.config(w);
        SimClock clock = SimClock.startingNow(desk.now(), size.rate());
        desk.follow(clock);
        WorkerProcess daemon = daemon(w, clock, "daemon");
        // the daemon holds the lock once it passes: a cron pass started before that would take it first
        long deadline = System.currentTimeMillis() + PROCESS_LIMIT.toMillis();
        while (!daemon.log().contains("logger=handover.worker msg=pass polled=")
                && System.currentTimeMillis() < deadline) {
            if (daemon.waitFor(Duration.ofMillis(200))) {
                break;
            }
        }
        // cron's --once passes overlapping the daemon, on the same configuration, state and journal
        List<Integer> cron = new ArrayList<>();
        for (int i = 0; i < size.cronPasses(); i++) {
            WorkerProcess once = WorkerProcess.in(w)
                    .env(FaultDesk.env())
                    .clock(clock)
                    .name("cron-" + i)
                    .start("run", "--once", "--config", "handover.yaml");
            cron.add(once.exitCode(PROCESS_LIMIT));
            assertThat(daemon.alive()).as("the daemon runs on\n" + daemon.log()).isTrue();
        }
        runUntil(clock, end, daemon);
        assertThat(stopGracefully(daemon)).as(daemon.log()).isZero();
        System.out.println("two processes: cron exit codes " + cron);
        settleAndAudit(List.of(w), "two processes on one configuration");
    }

    @Test
    void aSweepClosesTwoHundredFollowUpsAtOnce() {
        desk.people(0, 0).backlog(size.bulkFollowUps(), FaultDesk.Kind.GERMAN);
        Path w = dir.resolve("worker");
        desk.config(w);
        Instant t0 = desk.now().plus(Duration.ofMinutes(1));
        assertThat(once(w, t0, "hand-over").exitCode(PROCESS_LIMIT)).isZero();
        long tasks = zendesk.taskTickets().size();
        // one task ticket per handover (tasks.tickets: per-handover, the default) holds its tasks
        assertThat(tasks).as("every handover has its task ticket").isGreaterThanOrEqualTo(size.bulkFollowUps());

        // every customer's ticket is solved: the next sweep closes every follow-up at once
        desk.pause();
        zendesk.clock().advanceTo(t0.plus(Duration.ofMinutes(40)));
        for (TicketIdAndStatus t : sources()) {
            zendesk.personSolves(t.id());
        }
        int first = once(w, t0.plus(Duration.ofMinutes(45)), "sweep-1").exitCode(PROCESS_LIMIT);
        int second = once(w, t0.plus(Duration.ofMinutes(55)), "sweep-2").exitCode(PROCESS_LIMIT);
        long open = zendesk.taskTickets().stream()
                .filter(t -> !"solved".equals(t.status()) && !"closed".equals(t.status()))
                .count();
        System.out.println("200 follow-ups: sweep exit codes " + first + ", " + second + "; tasks left open " + open);
        CrmAudit.Result audit = audit(List.of(w), size.bulkFollowUps() + " follow-ups closed at once");
        assertThat(open).as("tasks left open on solved tickets; " + audit).isZero();
        assertThat(audit.counts().clean()).as(audit.toString()).isTrue();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    record TicketIdAndStatus(long id, String status) {}

    private List<TicketIdAndStatus> sources() {
        return zendesk.tickets().stream()
                .filter(t -> !"task".equals(t.type()))
                .map(t -> new TicketIdAndStatus(t.id(), t.status()))
                .toList();
    }

    private WorkerProcess daemon(Path w, SimClock clock, String name) {
        return WorkerProcess.in(w)
                .env(FaultDesk.env())
                .clock(clock)
                .name(name)
                .start("run", "--config", "handover.yaml");
    }

    /** One {@code --once} pass at simulated time {@code at} (the clock then runs at wall speed). */
    private WorkerProcess once(Path w, Instant at, String name) {
        SimClock clock = SimClock.startingNow(at, 1);
        desk.follow(clock);
        return WorkerProcess.in(w)
                .env(FaultDesk.env())
                .clock(clock)
                .name(name)
                .start("run", "--once", "--config", "handover.yaml");
    }

    private boolean runUntil(SimClock clock, Instant end, WorkerProcess worker) {
        boolean ended = runUntil(clock, end, worker, false);
        assertThat(ended)
                .as(worker.name() + " ended before the day did\n" + worker.log())
                .isFalse();
        return false;
    }

    /** Lets the worker run until the simulated time reaches {@code end}; true when the process ended before. */
    private boolean runUntil(SimClock clock, Instant end, WorkerProcess worker, boolean mayEnd) {
        while (clock.instant().isBefore(end)) {
            long wallMs = Math.max(1, Duration.between(clock.instant(), end).toMillis() / clock.rate());
            if (worker.waitFor(Duration.ofMillis(Math.min(wallMs, 5_000)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * SIGTERM; 0 once the worker stopped gracefully (it logged its stop: a JVM ended by SIGTERM exits with 143 after its
     * shutdown hooks ran), else its exit code.
     */
    private static int stopGracefully(WorkerProcess worker) {
        // a SIGTERM before the worker is up would only test the JVM: let it finish a pass first (bounded)
        long deadline = System.currentTimeMillis() + PROCESS_LIMIT.toMillis();
        while (!worker.log().contains("logger=handover.worker msg=pass polled=")
                && System.currentTimeMillis() < deadline) {
            if (worker.waitFor(Duration.ofMillis(200))) {
                break;
            }
        }
        worker.stop();
        int code = worker.exitCode(PROCESS_LIMIT);
        return (code == 0 || code == 143) && worker.log().contains("logger=handover.worker msg=stopped") ? 0 : code;
    }

    /**
     * The end of the day: the faults stop, every ticket due has arrived, and one more {@code --once} pass (ten
     * simulated minutes later) retries what failed; then the audit, which must be clean.
     */
    private void settleAndAudit(List<Path> workers, String scenario) {
        Instant end = desk.pause();
        zendesk.randomFaults(0, 0);
        desk.arriveAll();
        WorkerProcess settle = once(workers.get(0), end.plus(Duration.ofMinutes(10)), "settle");
        int code = settle.exitCode(PROCESS_LIMIT);
        CrmAudit.Result audit = audit(workers, scenario);
        assertThat(code).as("the settling pass\n" + settle.log()).isZero();
        assertThat(audit.counts().handovers()).as("handovers happened").isPositive();
        assertThat(audit.counts().clean()).as(audit.toString()).isTrue();
    }

    private CrmAudit.Result audit(List<Path> workers, String scenario) {
        desk.pause();
        CrmAudit.Result audit = CrmAudit.audit(
                zendesk,
                workers.stream().map(w -> w.resolve("journal.jsonl")).toList(),
                desk.expected(),
                desk.acksGiven());
        System.out.println(scenario + ": " + desk.summary() + "\n" + audit);
        return audit;
    }
}
