package dev.handover.runner;

import dev.handover.runner.config.RunnerConfig;
import dev.handover.runner.config.WorkerConfig;
import dev.handover.runner.worker.HealthEndpoint;
import dev.handover.runner.worker.PartitionFromEnvironment;
import dev.handover.runner.worker.StartupRetry;
import dev.handover.runner.worker.StopSignals;
import dev.handover.runner.worker.WebhookListener;
import dev.handover.runner.worker.Worker;
import dev.handover.runner.worker.WorkerHealth;
import dev.handover.runner.worker.WriteAhead;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.helpers.Sleeper;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code handover run}: the worker. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Runs the worker: reads the tickets changed since the last pass and applies the rules, hands over the open"
                    + " tickets of agents whose shift has ended or whose absence has begun (when the policy has a rule"
                    + " for it), sends due reminders and escalations, and repairs missing follow-up tasks.",
            "With a webhook section in the configuration it also listens for the CRM's webhooks (where its adapter"
                    + " receives any) and evaluates the ticket at once. Stops gracefully on SIGTERM or Ctrl-C: the current batch is finished first.",
            "Logs go to standard error, one line per event."
        },
        footer = {
            "",
            "Exit codes: 0 stopped by SIGTERM or SIGINT after finishing the pass in flight, or --once without failures;"
                    + " 1 the work failed (a pass had failures, the CRM refused); 2 usage or configuration error (also"
                    + " credentials the CRM refused at start); 3 the CRM could not be reached at start within"
                    + " worker.startup.retryFor.",
            "Partition from the environment: HANDOVER_PARTITION=i/n, or HANDOVER_REPLICAS=n with HANDOVER_POD_INDEX,"
                    + " POD_NAME or HOSTNAME ending in -<ordinal> (a StatefulSet's pods); they override worker.partition."
        })
final class RunCommand extends ConfiguredCommand {
    private static final Logger LOG = LoggerFactory.getLogger("handover.worker");

    private final Context context;

    RunCommand(Context context) {
        super(context);
        this.context = context;
    }

    @Option(names = "--once", description = "One pass, then exit (for cron): 0 when nothing failed, 1 otherwise.")
    boolean once;

    @Override
    public Integer call() {
        RunnerConfig c = withPartitionFromEnvironment(config.load());
        PrintWriter out = out();
        WriteAhead writeAhead = new WriteAhead(c.worker().state());
        StopSignals signals = StopSignals.install();
        try {
            if (once) {
                return once(c, writeAhead, signals, out);
            }
            return daemon(c, writeAhead, signals);
        } finally {
            signals.close();
        }
    }

    /**
     * One pass, for cron: the CRM is not waited for at start (the next run is the retry), and a SIGTERM lets the pass
     * finish its batch.
     */
    private int once(RunnerConfig c, WriteAhead writeAhead, StopSignals signals, PrintWriter out) {
        try (Engine engine = Engine.startWorker(c, writeAhead, clock)) {
            Worker worker = worker(c, engine, writeAhead);
            signals.onStop(worker::stop);
            Worker.Pass p;
            if (System.console() != null) {
                // a person is watching: show how far a long first pass has got
                try (ProgressBar bar = new ProgressBarBuilder()
                        .setTaskName("Evaluating")
                        .setUnit(" tickets", 1)
                        .continuousUpdate()
                        .build()) {
                    worker.progress((done, total) -> {
                        bar.maxHint(total);
                        bar.stepTo(done);
                    });
                    p = worker.pass();
                }
            } else {
                p = worker.pass();
            }
            out.println(summary(p));
            return p.ok() ? ExitCodes.OK : ExitCodes.FAILED;
        } catch (CrmException e) {
            err().println("handover: cannot start the worker: " + UnreachableMessage.describe(e, c.crm()));
            return ExitCodes.FAILED;
        }
    }

    /**
     * The worker until SIGTERM or SIGINT. The CRM is tried again at start as a pass tries it again mid-run, for {@code
     * worker.startup.retryFor}; the health endpoint answers meanwhile (alive, not ready).
     */
    private int daemon(RunnerConfig c, WriteAhead writeAhead, StopSignals signals) {
        WorkerConfig wc = c.worker();
        Duration stale = wc.pollInterval()
                .multipliedBy(wc.health().map(WorkerConfig.Health::staleAfter).orElse(3));
        // a start-up wait is a sign of life too: it must not look stalled between two attempts
        if (stale.compareTo(wc.startup().maxDelay().multipliedBy(2)) < 0) {
            stale = wc.startup().maxDelay().multipliedBy(2);
        }
        WorkerHealth health = new WorkerHealth(clock, stale);
        signals.onStop(health::stopping);
        Optional<HealthEndpoint> endpoint = wc.health()
                .filter(h -> h.host().isPresent())
                .map(h -> HealthEndpoint.start(h.host().get(), h.port(), health));
        // a shutdown hook still stops the worker where no signal handler could be installed, or on SIGHUP; on SIGTERM
        // and SIGINT the handlers above run instead of it, so the exit status is ours
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    signals.stop();
                    try {
                        done.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "handover-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Sleeper sleeper = context.sleeper() == Sleeper.SYSTEM ? signals::sleep : context.sleeper();
            StartupRetry retry = new StartupRetry(
                    wc.startup(), clock, sleeper, java.util.random.RandomGenerator.getDefault(), signals::stopping);
            Engine engine;
            try {
                engine = retry.connect(() -> Engine.startWorker(c, writeAhead, clock), health::connecting);
            } catch (StartupRetry.Failed f) {
                return startFailed(f, c);
            }
            try (engine) {
                Worker worker = worker(c, engine, writeAhead);
                worker.health(health, wc.health().flatMap(WorkerConfig.Health::file));
                health.connected();
                signals.onStop(worker::stop);
                Optional<WebhookListener> webhook = wc.webhook()
                        .map(w -> WebhookListener.start(w, wc.state(), c.crm().provider(), clock, worker::submit));
                try {
                    worker.run();
                } finally {
                    webhook.ifPresent(WebhookListener::close);
                }
            }
            LOG.info("stopped cleanly: state saved, journal closed, lock released");
            return ExitCodes.OK;
        } finally {
            endpoint.ifPresent(HealthEndpoint::close);
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it ends with done counted down
            }
        }
    }

    private int startFailed(StartupRetry.Failed f, RunnerConfig c) {
        switch (f.kind()) {
            case STOPPED:
                LOG.info("stopped before the CRM could be reached");
                return ExitCodes.OK;
            case CREDENTIALS:
                err().println("handover: cannot start the worker: " + f.getMessage());
                return ExitCodes.USAGE;
            case REFUSED:
                err().println("handover: cannot start the worker: " + UnreachableMessage.describe(f.last(), c.crm()));
                return ExitCodes.FAILED;
            default:
                err().println("handover: giving up: "
                        + f.getMessage()
                                .replace(f.last().getMessage(), UnreachableMessage.describe(f.last(), c.crm())));
                return ExitCodes.UNREACHABLE;
        }
    }

    private Worker worker(RunnerConfig c, Engine engine, WriteAhead writeAhead) {
        return new Worker(
                engine.handovers, engine.crm, engine.journal, writeAhead, c.worker(), c.policy(), engine::names, clock);
    }

    /** The partition {@code HANDOVER_PARTITION} or the StatefulSet ordinal names, over {@code worker.partition}. */
    private RunnerConfig withPartitionFromEnvironment(RunnerConfig c) {
        Optional<PartitionFromEnvironment.Found> found = PartitionFromEnvironment.read(context.env());
        if (found.isEmpty()) {
            return c;
        }
        PartitionFromEnvironment.Found f = found.get();
        LOG.info(
                "partition={}/{} from {}{}",
                f.partition().index(),
                f.partition().count(),
                f.source(),
                f.partition().equals(c.worker().partition())
                        ? ""
                        : " (over worker.partition " + c.worker().partition().index() + "/"
                                + c.worker().partition().count() + ")");
        return new RunnerConfig(
                c.source(),
                c.crm(),
                c.policy(),
                c.team(),
                c.worker().withPartition(f.partition()),
                c.references(),
                c.selfTest());
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    static String summary(Worker.Pass p) {
        StringBuilder sb = new StringBuilder();
        sb.append(p.polled())
                .append(" changed tickets read; ")
                .append(p.count(dev.handover.core.HandoverResult.Status.HANDED_OVER))
                .append(" handed over, ")
                .append(p.count(dev.handover.core.HandoverResult.Status.REFUSED))
                .append(" refused, ")
                .append(p.count(dev.handover.core.HandoverResult.Status.FAILED))
                .append(" failed");
        p.sweep().ifPresent(s -> sb.append("; ").append(s.summary()));
        p.reconcile()
                .ifPresent(r ->
                        sb.append("; reconcile: ").append(r.handoversRepaired()).append(" handovers repaired"));
        if (p.recovered() > 0) {
            sb.append("; ").append(p.recovered()).append(" handovers recovered into the journal");
        }
        p.failures().forEach(f -> sb.append("\n  failed: ").append(f));
        return sb.toString();
    }
}
