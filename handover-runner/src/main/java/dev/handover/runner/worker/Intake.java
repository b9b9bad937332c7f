package dev.handover.runner.worker;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the webhook server's exchanges: a fixed pool of threads with a bounded queue, and a read deadline on each.
 *
 * <p>The JDK's server reads a request's line and headers on the thread that runs the exchange, and its only limit on
 * that ({@code sun.net.httpserver.maxReqTime}) is one value for the whole JVM, fixed when the server class loads. So the
 * deadline is kept here: when a request is not read whole in time, its thread is interrupted, which closes the
 * connection it blocks on (the server reads from an interruptible channel) and frees the thread. Once the filter has
 * read the body it calls {@link Task#read()}; verifying and answering run without the deadline.
 *
 * <p>When every thread is busy and the queue is full, the exchange goes to one more thread that answers {@code 503}
 * without reading the body; when that one is full too, the server closes the connection.
 */
final class Intake implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger("handover.webhook");
    private static final ThreadLocal<Task> CURRENT = new ThreadLocal<>();

    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor shedder;
    private final ScheduledExecutorService timer;
    private final long deadlineNanos;
    private final Duration deadline;

    Intake(int threads, int queue, Duration deadline) {
        this.deadline = deadline;
        this.deadlineNanos = deadline.toNanos();
        this.workers = pool("handover-webhook", threads, queue);
        this.shedder = pool("handover-webhook-busy", 1, Math.max(1, queue));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "handover-webhook-deadline"));
    }

    private static ThreadPoolExecutor pool(String name, int threads, int queue) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.MILLISECONDS,
                queue == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
                r -> daemon(r, name + "-" + n.incrementAndGet()),
                new ThreadPoolExecutor.AbortPolicy());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void execute(Runnable exchange) {
        try {
            workers.execute(new Task(exchange, false));
        } catch (RejectedExecutionException e) {
            // may be rejected too: then the server closes the connection
            shedder.execute(new Task(exchange, true));
        }
    }

    /** The exchange the calling thread runs, when it runs one. */
    static Optional<Task> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    void shutdown() {
        workers.shutdownNow();
        shedder.shutdownNow();
        timer.shutdownNow();
    }

    /** One exchange with its deadline. */
    final class Task implements Runnable {
        private final Runnable exchange;
        private final boolean shed;
        private Thread thread;
        private boolean reading = true;
        private boolean cutOff;

        private Task(Runnable exchange, boolean shed) {
            this.exchange = exchange;
            this.shed = shed;
        }

        /** True when the pool was full: the exchange is answered 503, its body unread. */
        boolean shed() {
            return shed;
        }

        @Override
        public void run() {
            synchronized (this) {
                thread = Thread.currentThread();
            }
            ScheduledFuture<?> watchdog = timer.schedule(this::expire, deadlineNanos, TimeUnit.NANOSECONDS);
            CURRENT.set(this);
            try {
                exchange.run();
            } finally {
                CURRENT.remove();
                watchdog.cancel(false);
                boolean late;
                synchronized (this) {
                    reading = false;
                    thread = null;
                    late = cutOff;
                    Thread.interrupted(); // the pool's next exchange must not inherit the interrupt
                }
                if (late) {
                    LOG.warn("cut off a request not read within {}s: connection closed", deadline.toSeconds());
                }
            }
        }

        private synchronized void expire() {
            if (reading && thread != null) {
                cutOff = true;
                thread.interrupt();
            }
        }

        /**
         * The request is read: the deadline no longer applies. False when it passed meanwhile (the connection is then
         * closed already, or about to be).
         */
        synchronized boolean read() {
            reading = false;
            return !cutOff;
        }
    }
}
