package dev.handover.runner;

import dev.handover.runner.config.RunnerConfig;
import dev.handover.runner.worker.WebhookListener;
import dev.handover.runner.worker.Worker;
import dev.handover.runner.worker.WriteAhead;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
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
        })
final class RunCommand extends ConfiguredCommand {
    RunCommand(Context context) {
        super(context);
    }

    @Option(names = "--once", description = "One pass, then exit (for cron): 0 when nothing failed, 1 otherwise.")
    boolean once;

    @Override
    public Integer call() {
        RunnerConfig c = config.load();
        PrintWriter out = out();
        WriteAhead writeAhead = new WriteAhead(c.worker().state());
        try (Engine engine = Engine.startWorker(c, writeAhead, clock)) {
            Worker worker = new Worker(
                    engine.handovers,
                    engine.crm,
                    engine.journal,
                    writeAhead,
                    c.worker(),
                    c.policy(),
                    engine::names,
                    clock);
            if (once) {
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
            }
            Optional<WebhookListener> webhook = c.worker()
                    .webhook()
                    .map(w ->
                            WebhookListener.start(w, c.worker().state(), c.crm().provider(), clock, worker::submit));
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(
                    () -> {
                        worker.stop();
                        try {
                            done.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "handover-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                worker.run();
            } finally {
                webhook.ifPresent(WebhookListener::close);
                done.countDown();
            }
            return ExitCodes.OK;
        }
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
