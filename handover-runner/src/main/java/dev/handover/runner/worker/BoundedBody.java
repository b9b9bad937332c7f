package dev.handover.runner.worker;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a delivery's body before anything else sees it, at most {@code maxBytes} of it, within the request's deadline
 * (see {@link Intake}); the resource then gets it from memory. A Content-Length over the limit is refused with 413
 * before a byte of the body is read and the connection is closed, so the rest is never read; a body that grows past
 * the limit while it streams in (chunked) is refused with 413 too. When the pool is full the exchange is answered 503,
 * its body unread.
 */
final class BoundedBody extends Filter {
    private static final Logger LOG = LoggerFactory.getLogger("handover.webhook");

    private final long maxBytes;

    BoundedBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public String description() {
        return "reads the body, at most " + maxBytes + " bytes";
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        Optional<Intake.Task> task = Intake.current();
        if (task.isPresent() && task.get().shed()) {
            LOG.warn("refused status=503 reason=busy: every webhook thread is busy and the queue is full");
            hangUp(exchange, 503, "busy; try again\n");
            return;
        }
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && tooLong(declared.strip())) {
            LOG.warn("refused status=413 reason=too-large declared={} limit={}", declared.strip(), maxBytes);
            hangUp(exchange, 413, "refused: the body is larger than " + maxBytes + " bytes\n");
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = readAtMost(in);
            if (body == null) {
                LOG.warn("refused status=413 reason=too-large limit={} (streamed)", maxBytes);
                // the server reads a little of the rest so the answer arrives, then closes the connection
                answer(exchange, 413, "refused: the body is larger than " + maxBytes + " bytes\n");
                return;
            }
        }
        if (task.isPresent() && !task.get().read()) {
            throw new IOException("the request was not read within its deadline");
        }
        exchange.setStreams(new ByteArrayInputStream(body), null);
        chain.doFilter(exchange);
    }

    private boolean tooLong(String declared) {
        try {
            return Long.parseLong(declared) > maxBytes;
        } catch (NumberFormatException e) {
            return false; // the server itself refuses a malformed length
        }
    }

    /** The body, or null when it is longer than the limit (then maxBytes + 1 of it were read). */
    private byte[] readAtMost(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buf, 0, (int) Math.min(buf.length, maxBytes + 1 - total))) > 0) {
            out.write(buf, 0, n);
            total += n;
            if (total > maxBytes) {
                return null;
            }
        }
        return out.toByteArray();
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(status, b.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(b);
        }
    }

    /**
     * Answers and closes the connection without reading the body: closing the exchange normally would first read up
     * to 64 KiB of it (the server's drain, so the connection can be reused) and wait for a sender that stalls. Failing
     * the exchange after the answer is flushed makes the server close the connection at once.
     */
    private static void hangUp(HttpExchange exchange, int status, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(status, b.length);
        OutputStream out = exchange.getResponseBody();
        out.write(b);
        out.flush();
        throw new IOException("answered " + status + " without reading the body; closing the connection");
    }
}
