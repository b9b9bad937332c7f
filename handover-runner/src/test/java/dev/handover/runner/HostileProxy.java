package dev.handover.runner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A hostile server in front of the fake CRM on loopback: it passes requests through, except the ones a test marks,
 * which it answers as a compromised or broken server (or a hijacked proxy) would — a redirect to another host, headers
 * and then silence, a body without end. The other host (a "thief" on {@code 127.0.0.2}, a different loopback address
 * and so a different host to the client) records what it receives, so a test can check no credential reached it.
 */
final class HostileProxy implements AutoCloseable {
    /** What the server does instead of passing a request through. */
    enum Behaviour {
        /** {@code 302 Found} to the same path on the other host (a GET follows it as a GET). */
        REDIRECT_302,
        /** {@code 307 Temporary Redirect} to the other host: the client is asked to repeat the method and body there. */
        REDIRECT_307,
        /** {@code 200} headers and the start of a JSON body, then nothing until the server closes. */
        STALL_AFTER_HEADERS,
        /** {@code 200} and a JSON body of {@link #hugeBytes} (a string value that never ends), streamed. */
        HUGE_BODY
    }

    /** A request as the other host received it. */
    record Received(String method, String path, Map<String, String> headers, String body) {}

    private record Plan(Behaviour behaviour, Predicate<String> request) {}

    private final URI upstream;
    private final HttpServer server;
    private final HttpServer thief;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Plan> plans = new ArrayList<>();
    private final Map<Behaviour, Integer> met = new EnumMap<>(Behaviour.class);
    private final List<Received> stolen = new ArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final long hugeBytes;

    private HostileProxy(URI upstream, long hugeBytes) throws IOException {
        this.upstream = upstream;
        this.hugeBytes = hugeBytes;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        thief = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        thief.createContext("/", this::steal);
        thief.setExecutor(Executors.newCachedThreadPool());
        server.start();
        thief.start();
    }

    /** In front of this server; a huge body is this many bytes long (or until the client gives up). */
    static HostileProxy start(URI upstream, long hugeBytes) {
        try {
            return new HostileProxy(upstream, hugeBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("starting the hostile server: " + e.getMessage(), e);
        }
    }

    /** The base URL to give the worker. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The other host's base URL. */
    URI otherHost() {
        return URI.create("http://127.0.0.2:" + thief.getAddress().getPort());
    }

    /** The next request whose {@code "METHOD /path"} matches meets the behaviour (once). */
    synchronized HostileProxy next(Behaviour behaviour, Predicate<String> methodAndPath) {
        plans.add(new Plan(behaviour, methodAndPath));
        return this;
    }

    /** How often a behaviour was met. */
    synchronized int met(Behaviour behaviour) {
        return met.getOrDefault(behaviour, 0);
    }

    /** Everything the other host received. */
    synchronized List<Received> stolen() {
        return List.copyOf(stolen);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        thief.stop(0);
    }

    private synchronized Behaviour take(String methodAndPath) {
        for (Plan p : plans) {
            if (p.request().test(methodAndPath)) {
                plans.remove(p);
                met.merge(p.behaviour(), 1, Integer::sum);
                return p.behaviour();
            }
        }
        return null;
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String method = x.getRequestMethod();
            String pathAndQuery = x.getRequestURI().getRawPath()
                    + (x.getRequestURI().getRawQuery() == null
                            ? ""
                            : "?" + x.getRequestURI().getRawQuery());
            byte[] body = x.getRequestBody().readAllBytes();
            Behaviour b = take(method + " " + x.getRequestURI().getPath());
            if (b == null) {
                forward(x, method, pathAndQuery, body);
                return;
            }
            switch (b) {
                case REDIRECT_302, REDIRECT_307 -> {
                    x.getResponseHeaders().set("Location", otherHost() + pathAndQuery);
                    x.sendResponseHeaders(b == Behaviour.REDIRECT_302 ? 302 : 307, -1);
                }
                case STALL_AFTER_HEADERS -> {
                    x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                    x.sendResponseHeaders(200, 0);
                    OutputStream out = x.getResponseBody();
                    out.write("{\"results\":[".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    try {
                        closing.await(15, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                case HUGE_BODY -> {
                    x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                    x.sendResponseHeaders(200, 0);
                    OutputStream out = x.getResponseBody();
                    out.write("{\"results\":[{\"id\":1,\"subject\":\"".getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = new byte[1 << 20];
                    Arrays.fill(chunk, (byte) 'x');
                    for (long sent = 0; sent < hugeBytes && closing.getCount() > 0; sent += chunk.length) {
                        out.write(chunk); // an IOException when the client gives up (or dies) ends it
                    }
                    out.write("\"}]}".getBytes(StandardCharsets.US_ASCII));
                }
            }
        } catch (IOException clientGone) {
            // the worker closed the connection: what a hostile server expects
        }
    }

    private static final Set<String> HOP = Set.of(
            "host",
            "content-length",
            "connection",
            "expect",
            "upgrade",
            "transfer-encoding",
            "keep-alive",
            "te",
            "trailer",
            "proxy-connection",
            "http2-settings");

    private void forward(HttpExchange x, String method, String pathAndQuery, byte[] body) throws IOException {
        HttpRequest.Builder rb = HttpRequest.newBuilder(
                        URI.create(upstream.toString().replaceAll("/$", "") + pathAndQuery))
                .method(
                        method,
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        x.getRequestHeaders().forEach((name, values) -> {
            if (!HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> rb.header(name, v));
            }
        });
        HttpResponse<byte[]> r;
        try {
            r = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException upstreamFault) {
            // the fake reset the connection (an injected fault): do the same to the worker
            x.close();
            return;
        }
        r.headers().map().forEach((name, values) -> {
            if (!HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(v -> x.getResponseHeaders().add(name, v));
            }
        });
        x.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
        x.getResponseBody().write(r.body());
    }

    private void steal(HttpExchange x) throws IOException {
        try (x) {
            Map<String, String> headers = new LinkedHashMap<>();
            x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (this) {
                stolen.add(new Received(x.getRequestMethod(), x.getRequestURI().toString(), headers, body));
            }
            byte[] answer = "{\"results\":[],\"count\":0,\"next_page\":null}".getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            x.sendResponseHeaders(200, answer.length);
            x.getResponseBody().write(answer);
        }
    }
}
