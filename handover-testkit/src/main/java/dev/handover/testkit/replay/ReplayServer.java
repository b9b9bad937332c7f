package dev.handover.testkit.replay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.handover.selftest.record.Recording;
import dev.handover.spi.selftest.Exchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server on a loopback port that answers with recorded exchanges ({@link Recording}). Each request is answered
 * by the first exchange not yet used with the same method and target; failing that, the same method and path (query
 * aside); the recorded {@value Recording#BASE} in answers becomes this server's address. A request nothing answers
 * gets a 501 and is listed in {@link #misses()}, so a test can assert the adapter asked exactly what it asked when the
 * recording was made.
 *
 * <pre>{@code
 * RecordedRun run = Recording.readRun(Path.of("src/test/resources/selftest/sandbox-2026-12"));
 * try (ReplayServer replay = ReplayServer.start(run.exchanges())) {
 *     CrmConnector crm = … the connector on replay.url() …;
 *     SelfTestReport report = SelfTest.builder().connector(crm).team(run.team()).clock(fixed(run.startedAt())).build().run();
 *     assertThat(verdicts(report)).isEqualTo(run.verdicts());
 *     assertThat(replay.misses()).isEmpty();
 * }
 * }</pre>
 */
public final class ReplayServer implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP =
            Set.of("content-length", "transfer-encoding", "connection", "keep-alive", "date");

    private final HttpServer server;
    private final List<Exchange> recorded;
    private final boolean[] used;
    private final List<String> misses = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, Exchange> standing = new java.util.concurrent.ConcurrentHashMap<>();

    private ReplayServer(HttpServer server, List<Exchange> recorded) {
        this.server = server;
        this.recorded = List.copyOf(recorded);
        this.used = new boolean[recorded.size()];
    }

    /** Starts a server answering with these exchanges. */
    public static ReplayServer start(List<Exchange> exchanges) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ReplayServer r = new ReplayServer(s, exchanges);
            s.createContext("/", r::answer);
            s.start();
            return r;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a replay server: " + e.getMessage(), e);
        }
    }

    /**
     * Answers every request with this method and path (query aside) so, as often as asked, before the recording is
     * consulted: for what a recording leaves out on purpose — token requests, which carry credentials.
     * {@value Recording#BASE} in the body becomes this server's address.
     */
    public ReplayServer always(String method, String path, int status, String contentType, String body) {
        standing.put(
                method + " " + path,
                new Exchange(
                        method,
                        path,
                        java.util.Map.of(),
                        "",
                        status,
                        java.util.Map.of("content-type", List.of(contentType)),
                        body));
        return this;
    }

    /** The server's address, {@code http://127.0.0.1:port}. */
    public URI url() {
        return URI.create("http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort());
    }

    /** The requests no recorded exchange answered: "METHOD target". */
    public List<String> misses() {
        return List.copyOf(misses);
    }

    /** How many recorded exchanges were not asked for. */
    public synchronized int unused() {
        int n = 0;
        for (boolean u : used) {
            n += u ? 0 : 1;
        }
        return n;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange http) throws IOException {
        try (InputStream in = http.getRequestBody()) {
            in.readAllBytes();
        }
        String method = http.getRequestMethod();
        String target = http.getRequestURI().getRawPath()
                + (http.getRequestURI().getRawQuery() == null
                        ? ""
                        : "?" + http.getRequestURI().getRawQuery());
        Exchange e = standing.get(method + " " + http.getRequestURI().getRawPath());
        if (e == null) {
            e = take(method, target);
        }
        if (e == null) {
            misses.add(method + " " + target);
            byte[] body = ("{\"error\":\"no recorded exchange for " + method + " " + target.replace("\"", "'") + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            http.getResponseHeaders().add("Content-Type", "application/json");
            http.sendResponseHeaders(501, body.length);
            try (OutputStream out = http.getResponseBody()) {
                out.write(body);
            }
            return;
        }
        String base = url().toString();
        e.responseHeaders().forEach((k, vs) -> {
            if (!HOP_BY_HOP.contains(k)) {
                vs.forEach(v -> http.getResponseHeaders().add(k, v.replace(Recording.BASE, base)));
            }
        });
        byte[] body = e.responseBody().replace(Recording.BASE, base).getBytes(StandardCharsets.UTF_8);
        boolean empty = body.length == 0 || e.status() == 204 || e.status() == 304;
        http.sendResponseHeaders(e.status(), empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = http.getResponseBody()) {
                out.write(body);
            }
        } else {
            http.close();
        }
    }

    private synchronized Exchange take(String method, String target) {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        List<Integer> samePath = new ArrayList<>();
        for (int i = 0; i < recorded.size(); i++) {
            Exchange e = recorded.get(i);
            if (used[i] || !e.method().equals(method)) {
                continue;
            }
            String t = e.target().replace(Recording.BASE, "");
            if (t.equals(target)) {
                used[i] = true;
                return e;
            }
            String p = t.contains("?") ? t.substring(0, t.indexOf('?')) : t;
            if (p.equals(path)) {
                samePath.add(i);
            }
        }
        if (samePath.isEmpty()) {
            return null;
        }
        used[samePath.get(0)] = true;
        return recorded.get(samePath.get(0));
    }
}
