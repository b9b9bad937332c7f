package dev.handover.spi.helpers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class HttpLimitsTest {
    private static final HttpLimits SMALL = new HttpLimits(64 * 1024, Duration.ofMillis(300));

    /** A body that never ends: as a chunked answer from a hostile server. */
    private static final class Endless extends InputStream {
        final AtomicLong served = new AtomicLong();

        @Override
        public int read() {
            served.incrementAndGet();
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            served.addAndGet(len);
            java.util.Arrays.fill(b, off, off + len, (byte) 'x');
            return len;
        }
    }

    /** A body whose read blocks until the stream is closed, as a server that sent headers and stalls. */
    private static final class Stalled extends InputStream {
        final CountDownLatch closed = new CountDownLatch(1);
        private final boolean endOfStreamWhenClosed;

        Stalled(boolean endOfStreamWhenClosed) {
            this.endOfStreamWhenClosed = endOfStreamWhenClosed;
        }

        @Override
        public int read() throws IOException {
            try {
                // bounded, so a broken watchdog fails the test instead of hanging it
                if (!closed.await(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never closed");
                }
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            if (endOfStreamWhenClosed) {
                return -1;
            }
            throw new IOException("closed");
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    @Test
    void aBodyWithinTheLimitIsReadWhole() throws IOException {
        byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        byte[] read =
                SMALL.start().readBody(String.valueOf(body.length), () -> {}, () -> new ByteArrayInputStream(body));
        assertThat(read).isEqualTo(body);
        assertThat(SMALL.start().readBody(null, () -> {}, () -> null)).isEmpty();
    }

    @Test
    void aDeclaredLengthBeyondTheLimitIsRefusedBeforeAnythingIsRead() {
        HttpLimits.Exceeded e = catchThrowableOfType(
                HttpLimits.Exceeded.class,
                () -> SMALL.start().readBody(String.valueOf(4L << 30), () -> {}, () -> {
                    throw new AssertionError("the body must not be opened");
                }));
        assertThat(e.kind()).isEqualTo(HttpLimits.Exceeded.Kind.BODY_TOO_LARGE);
        assertThat(e).hasMessage("the answer declares 4 GiB (Content-Length), more than the limit of 64 KiB");
        assertThat(e.declaredLength()).isEqualTo(4L << 30);
    }

    @Test
    void anEndlessBodyIsRefusedAfterTheLimitWithoutHoldingMore() {
        Endless endless = new Endless();
        HttpLimits.Exceeded e = catchThrowableOfType(
                HttpLimits.Exceeded.class, () -> SMALL.start().readBody(null, () -> {}, () -> endless));
        assertThat(e.kind()).isEqualTo(HttpLimits.Exceeded.Kind.BODY_TOO_LARGE);
        assertThat(e).hasMessage("the answer is larger than 64 KiB, more than the limit of 64 KiB");
        // read in chunks: at most one chunk past the limit was taken from the stream
        assertThat(endless.served.get()).isLessThanOrEqualTo(64 * 1024 + 16 * 1024);
    }

    @Test
    void aStalledBodyIsAbandonedAtTheDeadline() {
        Stalled stalled = new Stalled(false);
        long started = System.nanoTime();
        HttpLimits.Exceeded e = catchThrowableOfType(
                HttpLimits.Exceeded.class, () -> SMALL.start().readBody("100", stalled::close, () -> stalled));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(e.kind()).isEqualTo(HttpLimits.Exceeded.Kind.DEADLINE);
        assertThat(e).hasMessage("no complete answer within the deadline of 300 ms");
        assertThat(took).isBetween(Duration.ofMillis(290), Duration.ofSeconds(5));
    }

    @Test
    void aBodyCutShortByTheDeadlineIsNoBodyEvenWhenTheClientReportsAnEndOfStream() {
        Stalled stalled = new Stalled(true);
        HttpLimits.Exceeded e = catchThrowableOfType(
                HttpLimits.Exceeded.class, () -> SMALL.start().readBody(null, stalled::close, () -> stalled));
        assertThat(e.kind()).isEqualTo(HttpLimits.Exceeded.Kind.DEADLINE);
    }

    @Test
    void anOpeningThatBlocksIsCoveredByTheDeadline() {
        Stalled stalled = new Stalled(false);
        HttpLimits.Exceeded e = catchThrowableOfType(
                HttpLimits.Exceeded.class,
                () -> SMALL.start().readBody(null, stalled::close, () -> {
                    stalled.read(); // a client peeking at the first byte before handing out the stream
                    return stalled;
                }));
        assertThat(e.kind()).isEqualTo(HttpLimits.Exceeded.Kind.DEADLINE);
    }

    @Test
    void theHeaderTimeoutIsTheReadTimeoutCappedByWhatIsLeftOfTheDeadline() {
        HttpLimits.Exchange exchange = new HttpLimits(1024, Duration.ofSeconds(60)).start();
        assertThat(exchange.headerTimeout(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(exchange.headerTimeout(Duration.ofMinutes(5))).isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(exchange.headerTimeout(null)).isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(exchange.expired()).isFalse();
    }

    @Test
    void aClientFailureAfterTheDeadlineIsExplainedAsTheDeadline() throws InterruptedException {
        HttpLimits.Exchange exchange = new HttpLimits(1024, Duration.ofMillis(1)).start();
        // a bounded poll of the monotonic clock, not a sleep standing in for logic
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!exchange.expired() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        IOException explained = exchange.explain(new java.net.SocketTimeoutException("request timed out"));
        assertThat(explained).isInstanceOf(HttpLimits.Exceeded.class).hasMessageContaining("deadline of 1 ms");
    }

    @Test
    void limitsAreValidated() {
        assertThatThrownBy(() -> new HttpLimits(32, Duration.ofSeconds(1))).hasMessageContaining("at least 1024 bytes");
        assertThatThrownBy(() -> new HttpLimits(1024, Duration.ZERO)).hasMessageContaining("positive");
        assertThat(HttpLimits.defaults()).isEqualTo(new HttpLimits(32L << 20, Duration.ofSeconds(60)));
        assertThat(HttpLimits.bytes(1500)).isEqualTo("1500 bytes");
        assertThat(HttpLimits.bytes(16L << 20)).isEqualTo("16 MiB");
    }
}
