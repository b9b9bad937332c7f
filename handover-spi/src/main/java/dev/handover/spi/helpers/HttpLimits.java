package dev.handover.spi.helpers;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bounds on one HTTP exchange with a vendor: an overall deadline, from sending the request to the last byte of the
 * answer, and the most bytes an answer's body may have. For adapters on any HTTP client that hands out the body as an
 * {@link InputStream} (the JDK's {@code HttpClient}, a Jakarta REST client).
 *
 * <p>Why: the JDK's {@code HttpRequest.timeout} (and a Jakarta REST read time-out) ends when the headers have arrived, so
 * a server that sends headers and then stalls blocks the reading thread for good; and reading an answer whole buffers
 * whatever the server sends, so a 4 GiB answer is an {@code OutOfMemoryError}. An {@link Exchange} closes the body when
 * the deadline passes (which wakes a blocked read) and refuses a body beyond the limit, by its {@code Content-Length}
 * before reading and by counting while reading (chunked answers), never holding more than the limit:
 *
 * <pre>{@code
 * HttpLimits.Exchange exchange = limits.start();
 * request.timeout(exchange.headerTimeout(readTimeout));      // the status line and headers
 * Response response = send(request);
 * byte[] body = exchange.readBody(response.getHeaderString("Content-Length"), response::close,
 *         () -> response.readEntity(InputStream.class));   // throws HttpLimits.Exceeded past a bound
 * }</pre>
 *
 * @param maxBodyBytes the most bytes an answer's body may have; at least {@value #MIN_BODY_BYTES}
 * @param deadline how long one exchange (one attempt: request, headers and body) may take; positive
 */
public record HttpLimits(long maxBodyBytes, Duration deadline) {
    /** The default body limit: 32 MiB, far above any page of records a vendor sends. */
    public static final long DEFAULT_MAX_BODY_BYTES = 32L << 20;
    /** The default deadline of one exchange: 60 s. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);
    /** The smallest body limit accepted, 1 KiB, so that a size given without its unit ({@code 32}) is refused. */
    public static final long MIN_BODY_BYTES = 1024;

    private static final int CHUNK = 16 * 1024;

    /** Validates. */
    public HttpLimits {
        if (maxBodyBytes < MIN_BODY_BYTES) {
            throw new IllegalArgumentException(
                    "the body limit must be at least " + MIN_BODY_BYTES + " bytes (1 KiB), was " + maxBodyBytes);
        }
        Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the deadline must be positive, was " + deadline);
        }
    }

    /** The defaults: 32 MiB and 60 s. */
    public static HttpLimits defaults() {
        return new HttpLimits(DEFAULT_MAX_BODY_BYTES, DEFAULT_DEADLINE);
    }

    /** Starts the deadline of one exchange now (on the monotonic {@link System#nanoTime()} clock). */
    public Exchange start() {
        return new Exchange(this, System.nanoTime());
    }

    /** A byte count for messages: {@code 32 MiB}, {@code 4 GiB}, {@code 1500 bytes}. */
    public static String bytes(long n) {
        if (n >= 1L << 30 && n % (1L << 30) == 0) {
            return (n >> 30) + " GiB";
        }
        if (n >= 1L << 20 && n % (1L << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        if (n >= 1L << 10 && n % (1L << 10) == 0) {
            return (n >> 10) + " KiB";
        }
        return n + " bytes";
    }

    /** A duration for messages: {@code 300 ms}, {@code 60 s}. */
    static String duration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Opens the body of an answer; may return null when the answer has none. */
    @FunctionalInterface
    public interface BodySource {
        /**
         * The body's stream, or null for none.
         *
         * @return the stream, or null
         * @throws IOException when the body cannot be opened
         */
        InputStream open() throws IOException;
    }

    /** One exchange (one attempt) under these limits; not shared between threads. */
    public static final class Exchange {
        private final HttpLimits limits;
        private final long started;

        private Exchange(HttpLimits limits, long started) {
            this.limits = limits;
            this.started = started;
        }

        /** The limits this exchange is held to. */
        public HttpLimits limits() {
            return limits;
        }

        /** What is left of the deadline; zero once it has passed. */
        public Duration remaining() {
            long left = limits.deadline.toNanos() - (System.nanoTime() - started);
            return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
        }

        /** True once the deadline has passed. */
        public boolean expired() {
            return remaining().isZero();
        }

        /**
         * The time-out to give the HTTP client for the status line and headers: the read time-out, or what is left of
         * the deadline when that is less (at least 1 ms, since clients refuse a zero time-out).
         */
        public Duration headerTimeout(Duration readTimeout) {
            Duration left = remaining();
            Duration t = readTimeout == null || left.compareTo(readTimeout) < 0 ? left : readTimeout;
            return t.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : t;
        }

        /**
         * The deadline's failure, for a client failure (a time-out, a closed stream) that happened once it had passed;
         * the failure itself otherwise.
         */
        public IOException explain(IOException failure) {
            return expired() && !(failure instanceof Exceeded) ? deadlineExceeded(failure) : failure;
        }

        /** The failure for this exchange's deadline. */
        public Exceeded deadlineExceeded(Throwable cause) {
            return new Exceeded(
                    Exceeded.Kind.DEADLINE,
                    limits,
                    "no complete answer within the deadline of " + duration(limits.deadline),
                    -1,
                    cause);
        }

        /**
         * Reads an answer's body within the limits.
         *
         * @param contentLength the answer's {@code Content-Length} header, or null; a declared length beyond the limit
         *     is refused before a byte is read
         * @param abort closed when the deadline passes, to wake a read blocked on a stalled server (the response or its
         *     stream); the caller still closes it when done
         * @param body opens the body; an opening that blocks (a client peeking at the first byte) is covered too
         * @return the body's bytes, empty when there is none
         * @throws Exceeded when the body is larger than the limit or the deadline passes first
         * @throws IOException when the client fails to read the body for another reason
         */
        public byte[] readBody(String contentLength, Closeable abort, BodySource body) throws IOException {
            Objects.requireNonNull(abort, "abort");
            Objects.requireNonNull(body, "body");
            long declared = declaredLength(contentLength);
            if (declared > limits.maxBodyBytes) {
                throw tooLarge("the answer declares " + bytes(declared) + " (Content-Length)", declared);
            }
            Duration left = remaining();
            if (left.isZero()) {
                throw deadlineExceeded(null);
            }
            AtomicBoolean aborted = new AtomicBoolean();
            ScheduledFuture<?> timer = Watchdog.EXECUTOR.schedule(
                    () -> {
                        aborted.set(true);
                        closeQuietly(abort);
                    },
                    left.toNanos(),
                    TimeUnit.NANOSECONDS);
            try {
                InputStream in;
                try {
                    in = body.open();
                } catch (IOException | RuntimeException e) {
                    if (aborted.get() || expired()) {
                        throw deadlineExceeded(e);
                    }
                    throw e;
                }
                if (in == null) {
                    return new byte[0];
                }
                byte[] read;
                try (in) {
                    read = readCapped(in, declared);
                } catch (Exceeded e) {
                    throw e;
                } catch (IOException | RuntimeException e) {
                    if (aborted.get() || expired()) {
                        throw deadlineExceeded(e);
                    }
                    throw e;
                }
                // a client may answer a closed stream with an end of stream: a body cut short by the deadline is no
                // body
                if (aborted.get()) {
                    throw deadlineExceeded(null);
                }
                return read;
            } finally {
                timer.cancel(false);
            }
        }

        private byte[] readCapped(InputStream in, long declared) throws IOException {
            long max = limits.maxBodyBytes;
            ByteArrayOutputStream out =
                    new ByteArrayOutputStream((int) Math.min(Math.max(declared, CHUNK), CHUNK * 4L));
            byte[] buffer = new byte[CHUNK];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > max) {
                    throw tooLarge("the answer is larger than " + bytes(max), -1);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }

        private Exceeded tooLarge(String what, long declared) {
            return new Exceeded(
                    Exceeded.Kind.BODY_TOO_LARGE,
                    limits,
                    what + ", more than the limit of " + bytes(limits.maxBodyBytes),
                    declared,
                    null);
        }

        private static long declaredLength(String contentLength) {
            if (contentLength == null || contentLength.isBlank()) {
                return -1;
            }
            try {
                return Long.parseLong(contentLength.strip());
            } catch (NumberFormatException e) {
                return -1; // the client refuses a malformed length itself; counting while reading still bounds it
            }
        }

        private static void closeQuietly(Closeable c) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                // the exchange is being abandoned: a failure to close changes nothing
            }
        }
    }

    /**
     * An answer that broke a limit: larger than the body limit, or not complete within the deadline. The message says
     * which and by how much; it carries no part of the answer.
     */
    public static final class Exceeded extends IOException {
        private static final long serialVersionUID = 1L;

        /** Which limit was broken. */
        public enum Kind {
            /** The body is larger than {@link HttpLimits#maxBodyBytes()}. */
            BODY_TOO_LARGE,
            /** The exchange took longer than {@link HttpLimits#deadline()}. */
            DEADLINE
        }

        /** Which limit was exceeded. */
        private final Kind kind;

        private final transient HttpLimits limits;
        /** The {@code Content-Length} of a body refused before reading; -1 when it was refused while read. */
        private final long declaredLength;

        Exceeded(Kind kind, HttpLimits limits, String message, long declaredLength, Throwable cause) {
            super(message, cause);
            this.kind = kind;
            this.limits = limits;
            this.declaredLength = declaredLength;
        }

        /** The {@code Content-Length} of a body refused by it before reading; -1 when the body was refused while read. */
        public long declaredLength() {
            return declaredLength;
        }

        /** Which limit was broken. */
        public Kind kind() {
            return kind;
        }

        /** The limits that were broken. */
        public HttpLimits limits() {
            return limits;
        }
    }

    /** One daemon thread for every deadline of the process: it only closes streams, never reads. */
    private static final class Watchdog {
        static final ScheduledThreadPoolExecutor EXECUTOR = executor();

        private static ScheduledThreadPoolExecutor executor() {
            ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "handover-http-deadline");
                t.setDaemon(true);
                return t;
            });
            e.setRemoveOnCancelPolicy(true); // finished exchanges leave nothing queued
            return e;
        }
    }
}
