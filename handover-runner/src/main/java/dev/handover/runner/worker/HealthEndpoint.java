package dev.handover.runner.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's health over HTTP, on the JDK's server as the webhook listener: {@code GET /healthz} answers 200 while
 * the loop is alive and 503 when it has stalled (a liveness probe restarts it); {@code GET /readyz} answers 200 once
 * the worker is connected to the CRM with its state loaded, and 503 while it connects, after a pass that could not read
 * the CRM, and while it stops. The body is one line of text; it carries no ids and no customer data. One thread: a
 * probe is cheap and a slow prober should not take more.
 */
public final class HealthEndpoint implements AutoCloseable {
    /** The liveness path. */
    public static final String LIVE = "/healthz";
    /** The readiness path. */
    public static final String READY = "/readyz";

    private static final Logger LOG = LoggerFactory.getLogger("handover.health");

    private final HttpServer server;
    private final ExecutorService executor;

    private HealthEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving this health record on host:port (port 0: any free port). */
    public static HealthEndpoint start(String host, int port, WorkerHealth health) {
        Objects.requireNonNull(health, "health");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "worker.health.listen: cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "handover-health");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(LIVE, x -> answer(x, health::live));
        server.createContext(READY, x -> answer(x, health::ready));
        server.start();
        HealthEndpoint h = new HealthEndpoint(server, executor);
        LOG.info("listening address={}:{} paths={},{}", host, h.port(), LIVE, READY);
        return h;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange x, Supplier<WorkerHealth.Verdict> verdict) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            if (!LIVE.equals(path) && !READY.equals(path)) {
                send(x, 404, "not found");
                return;
            }
            if (!"GET".equals(x.getRequestMethod()) && !"HEAD".equals(x.getRequestMethod())) {
                x.getResponseHeaders().add("Allow", "GET, HEAD");
                send(x, 405, "GET or HEAD");
                return;
            }
            WorkerHealth.Verdict v = verdict.get();
            send(x, v.ok() ? 200 : 503, (v.ok() ? "ok: " : "not ok: ") + v.detail());
        }
    }

    private static void send(HttpExchange x, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        x.getResponseHeaders().add("Cache-Control", "no-store");
        boolean head = "HEAD".equals(x.getRequestMethod());
        x.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
