package dev.handover.runner.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT for the worker: the first asks it to stop (the pass in flight finishes, the state is saved, the
 * journal closed, the lock released) and {@code run} then returns 0; a second one ends the process at once.
 *
 * <p>Why a signal handler and not a shutdown hook: the JVM's own SIGTERM handling runs the hooks and then exits with
 * 143 whatever they do, and systemd counts 143 as a failure (and Kubernetes reports it as an error). {@code
 * sun.misc.Signal} (module {@code jdk.unsupported}, in every JDK since 1.4 and still supported for this) replaces that
 * handling, so the main thread finishes its work and exits with the status it chooses. The alternative, {@code
 * Runtime.halt(0)} at the end of a hook, would skip the other hooks and the loggers' flush. The second signal halts
 * with 128 + the signal's number, as the default handler would have exited: an operator who presses Ctrl-C twice
 * means it, and everything is written before each step, so nothing is lost (the same as a SIGKILL, which the crash
 * recovery covers).
 */
public final class StopSignals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("handover.worker");
    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicInteger received = new AtomicInteger();
    private final List<Runnable> onStop = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Signal> installed = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private StopSignals() {}

    /**
     * Handles SIGTERM and SIGINT until closed. Where a signal cannot be handled (a platform without it), the JVM's
     * default stays and the shutdown hook {@code run} also installs still stops the worker.
     */
    public static StopSignals install() {
        StopSignals s = new StopSignals();
        for (String name : SIGNALS) {
            try {
                Signal sig = new Signal(name);
                SignalHandler old = Signal.handle(sig, s::handle);
                s.installed.add(sig);
                s.previous.add(old);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.debug("SIG{} cannot be handled here: {}", name, e.getMessage());
            }
        }
        return s;
    }

    /** A stop that no signal made: for tests and for the shutdown hook. */
    public static StopSignals none() {
        return new StopSignals();
    }

    private void handle(Signal sig) {
        if (received.incrementAndGet() > 1) {
            LOG.warn("SIG{} again: stopping now", sig.getName());
            Runtime.getRuntime().halt(128 + sig.getNumber());
        }
        LOG.info("SIG{} received: finishing the pass in flight, then stopping", sig.getName());
        stop();
    }

    /** Asks everything registered to stop; the first call counts. */
    public void stop() {
        if (stopped.getCount() > 0) {
            stopped.countDown();
            onStop.forEach(Runnable::run);
        }
    }

    /** Runs this when a stop is asked (at once when it already was). */
    public void onStop(Runnable action) {
        onStop.add(Objects.requireNonNull(action, "action"));
        if (stopped.getCount() == 0) {
            action.run();
        }
    }

    /** True once a stop was asked. */
    public boolean stopping() {
        return stopped.getCount() == 0;
    }

    /** Waits this long on the wall clock, or less when a stop is asked: the start-up retry's sleeper. */
    public void sleep(Duration d) throws InterruptedException {
        if (!d.isNegative() && !d.isZero()) {
            stopped.await(d.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Gives the signals back to the JVM's handling. */
    @Override
    public void close() {
        for (int i = 0; i < installed.size(); i++) {
            try {
                Signal.handle(installed.get(i), previous.get(i));
            } catch (IllegalArgumentException e) {
                // the JVM would not take its own handler back: ours stays, and stops nothing more
            }
        }
        installed.clear();
        previous.clear();
    }
}
