package dev.handover.rt.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.handover.memory.time.MutableClock;
import dev.handover.spi.Secret;
import dev.handover.spi.error.CrmRateLimitedException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.helpers.Backoff;
import dev.handover.spi.helpers.HttpLimits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A 429 is a refusal before anything was processed, so every request waits it out and goes again; a 503 may come
 * from a proxy after RT processed the request, so a write not safe to repeat (a comment) is sent once and its outcome
 * is unknown — never reported as a rate limit, which the worker reads as "not written".
 */
class TransportWritesTest {
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-02T09:00:00Z"));
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    /** Answers the first {@code refusals} requests with {@code status} and {@code Retry-After: 1}, then 201. */
    private Transport transport(int status, int refusals) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", e -> {
            e.getRequestBody().readAllBytes();
            int n = requests.incrementAndGet();
            byte[] body = (n <= refusals ? "{\"message\":\"busy\"}" : "[\"Comments added\"]")
                    .getBytes(StandardCharsets.UTF_8);
            if (n <= refusals) {
                e.getResponseHeaders().add("Retry-After", "1");
            }
            e.getResponseHeaders().add("Content-Type", "application/json");
            e.sendResponseHeaders(n <= refusals ? status : 201, body.length);
            try (OutputStream o = e.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        Backoff backoff = Backoff.builder()
                .maxAttempts(4)
                .baseDelay(Duration.ofMillis(500))
                .maxDelay(Duration.ofSeconds(20))
                .maxRetryAfter(Duration.ofMinutes(2))
                .random(new SplittableRandom(3))
                .clock(clock)
                .sleeper(d -> {
                    sleeps.add(d);
                    clock.advance(d);
                })
                .build();
        return new Transport(
                Transport.defaultClient(Duration.ofSeconds(5), Duration.ofSeconds(5)),
                true,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Credentials.token(Secret.of("1-2-secret")),
                backoff,
                Duration.ofSeconds(5),
                HttpLimits.defaults());
    }

    private static HttpCall comment() {
        return HttpCall.write("POST", "/ticket/1/comment", "{\"Content\":\"note\"}", "note on ticket 1");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aCommentAnswered503WithRetryAfterIsSentOnceAndItsOutcomeIsUnknown() throws IOException {
        try (Transport http = transport(503, 1)) {
            HttpResult r = http.exchange(comment());

            assertThat(requests).hasValue(1);
            assertThat(sleeps).isEmpty();
            assertThat(r.uncertain()).isTrue();
            assertThat(r.error()).get().isInstanceOf(CrmUnavailableException.class);
        }
    }

    @Test
    void aCommentAnswered429IsWaitedOutAndSentAgain() throws IOException {
        try (Transport http = transport(429, 1)) {
            HttpResult r = http.exchange(comment());

            assertThat(requests).hasValue(2);
            assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
            assertThat(r.ok()).isTrue();
            assertThat(r.uncertain()).isFalse();
        }
    }

    @Test
    void aRepeatableWriteAnswered503WithRetryAfterWaitsExactlyThatAndGoesAgain() throws IOException {
        try (Transport http = transport(503, 1)) {
            HttpResult r = http.exchange(comment().repeatable(true));

            assertThat(requests).hasValue(2);
            assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
            assertThat(r.ok()).isTrue();
        }
    }

    @Test
    void aRateLimitThatOutlastsTheAttemptsIsReportedAsARateLimit() throws IOException {
        try (Transport http = transport(429, 10)) {
            HttpResult r = http.exchange(comment());

            assertThat(requests).hasValue(4);
            assertThat(r.error()).get().isInstanceOf(CrmRateLimitedException.class);
        }
    }
}
