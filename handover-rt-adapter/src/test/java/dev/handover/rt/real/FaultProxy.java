package dev.handover.rt.real;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.handover.memory.time.MutableClock;
import dev.handover.testkit.compat.KitFaults;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A loopback proxy in front of the real RT that can fail the next request the ways a network and the servers in front
 * of RT do — a lost answer after RT processed the request, a 5xx, a reset connection, a 429 from a rate-limiting
 * proxy (RT itself has none) — and counts the requests that reach RT. Everything else passes through untouched, so
 * the connector under test talks to RT itself.
 */
public final class FaultProxy implements AutoCloseable {
    /** REST 2.0 calls that change something; JSON searches are POSTs too but read. */
    private static final Pattern WRITE = Pattern.compile("/REST/2\\.0/ticket(/\\d+(/(comment|correspond))?)?/?");

    private static final Set<String> HOP_BY_HOP =
            Set.of("connection", "content-length", "host", "transfer-encoding", "keep-alive", "upgrade", "expect");

    private enum Kind {
        LOSE_ANSWER,
        SERVER_ERROR_WRITE,
        RESET_WRITE,
        SERVER_ERROR_READ,
        RATE_LIMIT
    }

    private record Armed(Kind kind, Duration retryAfter) {}

    private final URI target;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Deque<Armed> armed = new ArrayDeque<>();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final Map<Long, Runnable> afterWrite = new java.util.concurrent.ConcurrentHashMap<>();

    /** A proxy on a free loopback port in front of {@code target}. */
    public FaultProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** The proxy's address, to give the connector instead of RT's. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests that reached RT. */
    long forwarded() {
        return forwarded.get();
    }

    /** Write requests that reached RT. */
    long writes() {
        return writes.get();
    }

    /**
     * Runs {@code action} once RT has processed the {@code nth} ticket write (1 is the first) and before its answer
     * goes back: to kill a worker process in the middle of a handover, say.
     */
    public void afterWrite(long nth, Runnable action) {
        afterWrite.put(nth, action);
    }

    void resetCounts() {
        forwarded.set(0);
        writes.set(0);
    }

    void clear() {
        synchronized (armed) {
            armed.clear();
        }
    }

    KitFaults kitFaults(MutableClock clock) {
        return new KitFaults.OnClock(clock) {
            @Override
            public void loseNextWriteAnswer() {
                arm(Kind.LOSE_ANSWER, null);
            }

            @Override
            public void serverErrorOnNextWrite() {
                arm(Kind.SERVER_ERROR_WRITE, null);
            }

            @Override
            public void resetNextWriteConnection() {
                arm(Kind.RESET_WRITE, null);
            }

            @Override
            public void serverErrorOnNextRead() {
                arm(Kind.SERVER_ERROR_READ, null);
            }

            @Override
            public void rateLimitNext(Duration retryAfter) {
                arm(Kind.RATE_LIMIT, retryAfter);
            }

            @Override
            public int pending() {
                synchronized (armed) {
                    return armed.size();
                }
            }
        };
    }

    private void arm(Kind kind, Duration retryAfter) {
        synchronized (armed) {
            armed.addLast(new Armed(kind, retryAfter));
        }
    }

    /** The armed fault this request meets, taken off the list, or null. */
    private Armed meet(String method, String path) {
        boolean write = !method.equals("GET") && WRITE.matcher(path).matches();
        synchronized (armed) {
            Armed next = armed.peekFirst();
            if (next == null) {
                return null;
            }
            boolean hits = switch (next.kind()) {
                case LOSE_ANSWER, SERVER_ERROR_WRITE, RESET_WRITE -> write;
                case SERVER_ERROR_READ -> method.equals("GET");
                case RATE_LIMIT -> true;
            };
            return hits ? armed.pollFirst() : null;
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        Armed fault = meet(method, path);
        if (fault != null) {
            switch (fault.kind()) {
                case SERVER_ERROR_WRITE, SERVER_ERROR_READ -> {
                    answer(ex, 500, Map.of("Content-Type", List.of("application/json")), "{\"message\":\"injected\"}");
                    return;
                }
                case RATE_LIMIT -> {
                    answer(
                            ex,
                            429,
                            Map.of(
                                    "Retry-After",
                                    List.of(Long.toString(fault.retryAfter().toSeconds()))),
                            "{\"message\":\"rate limited by the proxy\"}");
                    return;
                }
                case RESET_WRITE -> throw new IOException("injected: connection reset before RT saw the request");
                case LOSE_ANSWER -> {
                    // below: RT processes it, then the connection goes without an answer
                }
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create(target + ex.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        ex.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> b.header(name, v));
            }
        });
        HttpResponse<byte[]> r;
        try {
            forwarded.incrementAndGet();
            long nth = !method.equals("GET") && WRITE.matcher(path).matches() ? writes.incrementAndGet() : 0;
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            Runnable after = nth > 0 ? afterWrite.remove(nth) : null;
            if (after != null) {
                after.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (fault != null && fault.kind() == Kind.LOSE_ANSWER) {
            throw new IOException("injected: RT processed the request, the answer is lost");
        }
        r.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                ex.getResponseHeaders().put(name, values);
            }
        });
        byte[] out = r.body();
        ex.sendResponseHeaders(r.statusCode(), out.length == 0 ? -1 : out.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(out);
        }
    }

    private static void answer(HttpExchange ex, int status, Map<String, List<String>> headers, String body)
            throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().put(k, v));
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
