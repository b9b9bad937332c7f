package dev.handover.testkit.hostile;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 server on a loopback port that answers as a hostile or broken server would, and records every request it
 * receives (method, target, headers, body), so a test can assert what reached it — for example that a redirect to it
 * from the vendor's address brought no {@code Authorization} header and no client secret.
 *
 * <pre>{@code
 * try (HostileServer api = HostileServer.start(); HostileServer elsewhere = HostileServer.start()) {
 *     api.answer("POST", "/oauth/tokens", HostileServer.json(200, "{\"access_token\":\"t\"}"));
 *     api.answer("GET", "/api/v2/tickets/1.json", HostileServer.redirect(307, elsewhere.url("/steal")));
 *     … the connector on api.url() …
 *     assertThat(elsewhere.requests()).allSatisfy(r -> assertThat(r.headers()).doesNotContainKey("authorization"));
 * }
 * }</pre>
 *
 * <p>Every answer closes its connection ({@code Connection: close}). Answers that stall or never end hold their
 * connection until the client goes away or the server is {@linkplain #close() closed}; nothing here sleeps on the wall
 * clock.
 */
public final class HostileServer implements AutoCloseable {
    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-server");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong bodyBytesSent = new AtomicLong();
    private volatile Answer otherwise = json(404, "{\"error\":\"RecordNotFound\",\"description\":\"Not found\"}");

    private HostileServer(ServerSocket socket) {
        this.socket = socket;
        threads.execute(this::acceptLoop);
    }

    /** A server on a free loopback port. */
    public static HostileServer start() {
        try {
            return new HostileServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a loopback port", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: an origin of its own, apart from every other server's. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    /** This server's URL with this path (and query). */
    public URI url(String pathAndQuery) {
        return URI.create(url() + pathAndQuery);
    }

    /** Answers requests of this method to this path (the query is ignored) so. */
    public HostileServer answer(String method, String path, Answer answer) {
        answers.put(method.toUpperCase(Locale.ROOT) + " " + path, Objects.requireNonNull(answer, "answer"));
        return this;
    }

    /** Answers every request without an answer of its own so; a 404 by default. */
    public HostileServer otherwise(Answer answer) {
        this.otherwise = Objects.requireNonNull(answer, "answer");
        return this;
    }

    /** Every request received, in order. */
    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** The body bytes this server wrote, over all answers: how much of an endless answer a client took. */
    public long bodyBytesSent() {
        return bodyBytesSent.get();
    }

    /** A request as received. Header names in lower case. */
    public record Recorded(String method, String target, Map<String, String> headers, String body) {
        /** Copies. */
        public Recorded {
            headers = Map.copyOf(headers);
        }

        /** The target without its query. */
        public String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        /** The whole request as text — request line, headers and body — for asserting that a secret is nowhere in it. */
        public String asText() {
            StringBuilder sb =
                    new StringBuilder(method).append(' ').append(target).append('\n');
            headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
            return sb.append('\n').append(body).toString();
        }
    }

    /** How the server answers a request. */
    @FunctionalInterface
    public interface Answer {
        /**
         * Writes the answer.
         *
         * @param out the connection's output
         * @param server the server, to wait for its closing and to count body bytes
         * @throws IOException when the connection fails, which some answers cause on purpose
         */
        void write(OutputStream out, HostileServer server) throws IOException;
    }

    /** A JSON answer. */
    public static Answer json(int status, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return (out, server) -> {
            head(
                    out,
                    status,
                    Map.of("Content-Type", "application/json; charset=utf-8", "Content-Length", "" + body.length));
            out.write(body);
            server.bodyBytesSent.addAndGet(body.length);
        };
    }

    /** A redirect ({@code 301}, {@code 302}, {@code 303}, {@code 307}, {@code 308}) to this location. */
    public static Answer redirect(int status, URI location) {
        return (out, server) -> head(out, status, Map.of("Location", location.toString(), "Content-Length", "0"));
    }

    /** Status 200 and headers announcing a JSON body of 1,000 bytes, then one byte, then nothing until closed. */
    public static Answer stallAfterHeaders() {
        return (out, server) -> {
            head(out, 200, Map.of("Content-Type", "application/json", "Content-Length", "1000"));
            out.write('{');
            out.flush();
            server.bodyBytesSent.incrementAndGet();
            server.awaitClosing();
        };
    }

    /** Status 200 with a {@code Content-Length} of this many bytes, then spaces for as long as the client reads. */
    public static Answer declaredLength(long bytes) {
        return (out, server) -> {
            head(out, 200, Map.of("Content-Type", "application/json", "Content-Length", Long.toString(bytes)));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            for (long left = bytes; left > 0 && !server.isClosing(); left -= chunk.length) {
                int n = (int) Math.min(chunk.length, left);
                out.write(chunk, 0, n); // fails once the client has gone away
                server.bodyBytesSent.addAndGet(n);
            }
        };
    }

    /** Status 200, {@code Transfer-Encoding: chunked}, and chunks of spaces without end for as long as the client reads. */
    public static Answer endlessChunked() {
        return (out, server) -> {
            head(out, 200, Map.of("Content-Type", "application/json", "Transfer-Encoding", "chunked"));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            while (!server.isClosing()) {
                out.write(size);
                out.write(chunk);
                out.write('\r');
                out.write('\n');
                server.bodyBytesSent.addAndGet(chunk.length);
            }
        };
    }

    private static void head(OutputStream out, int status, Map<String, String> headers) throws IOException {
        StringBuilder sb = new StringBuilder("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(reason(status))
                .append("\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        sb.append("Connection: close\r\n\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 404 -> "Not Found";
            default -> "Status";
        };
    }

    private boolean isClosing() {
        return closing.getCount() == 0;
    }

    private void awaitClosing() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException closed) {
                return;
            }
            open.add(s);
            threads.execute(() -> serve(s));
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            String requestLine = line(in);
            if (requestLine == null || requestLine.isEmpty()) {
                return;
            }
            String[] parts = requestLine.split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                if (colon > 0) {
                    headers.put(
                            h.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            h.substring(colon + 1).strip());
                }
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            Recorded r = new Recorded(
                    parts[0], parts.length > 1 ? parts[1] : "/", headers, new String(body, StandardCharsets.UTF_8));
            requests.add(r);
            Answer a = answers.getOrDefault(r.method() + " " + r.path(), otherwise);
            OutputStream out = s.getOutputStream();
            a.write(out, this);
            out.flush();
        } catch (IOException | RuntimeException clientWentAway) {
            // the client closed the connection: what a hostile answer waits for
        } finally {
            open.remove(s);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c < 0 && b.size() == 0) {
            return null;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** Stops accepting, releases every stalled answer and closes every connection. */
    @Override
    public void close() {
        closing.countDown();
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket s : new ArrayList<>(open)) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "HostileServer[" + url() + ", " + requests.size() + " request(s)]";
    }
}
