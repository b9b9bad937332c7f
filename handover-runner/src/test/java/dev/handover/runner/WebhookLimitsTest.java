package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.memory.time.MutableClock;
import dev.handover.runner.config.WorkerConfig;
import dev.handover.runner.worker.WebhookListener;
import dev.handover.spi.Secret;
import dev.handover.spi.model.TicketId;
import dev.handover.zendesk.fake.WebhookSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a sender can make the webhook listener spend, over real sockets: slow senders hold a thread until the read
 * deadline at most and never block a valid delivery; an oversized body is refused unread; a full pool answers 503; a
 * delivery replayed after a restart is still refused. Zendesk's verifier, found through its provider, checks the
 * signatures.
 */
class WebhookLimitsTest {
    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    final List<TicketId> received = new CopyOnWriteArrayList<>();
    final List<Socket> senders = new ArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        for (Socket s : senders) {
            try {
                s.close();
            } catch (IOException e) {
                // closed by the server already
            }
        }
    }

    WorkerConfig.Webhook config(int threads, int queue, long maxBody, Duration readTimeout) {
        return new WorkerConfig.Webhook(
                "127.0.0.1",
                0,
                "/webhooks",
                Secret.of(Scenario.WEBHOOK_SECRET),
                Duration.ofMinutes(5),
                threads,
                queue,
                maxBody,
                readTimeout);
    }

    WorkerConfig.Webhook defaults() {
        return new WorkerConfig.Webhook(
                "127.0.0.1", 0, "/webhooks", Secret.of(Scenario.WEBHOOK_SECRET), Duration.ofMinutes(5));
    }

    WebhookListener listen(WorkerConfig.Webhook config) {
        return WebhookListener.start(config, dir.resolve("worker.state"), "zendesk", clock, received::add);
    }

    HttpResponse<String> deliver(WebhookListener l, String eventId, String ticket, Duration timeout)
            throws IOException, InterruptedException {
        return deliver(l, eventId, ticket, clock.instant().toString(), timeout);
    }

    HttpResponse<String> deliver(WebhookListener l, String eventId, String ticket, String ts, Duration timeout)
            throws IOException, InterruptedException {
        String body = WebhookTest.event(eventId, ticket);
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + l.port() + "/webhooks/zendesk"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(
                        WebhookSigner.SIGNATURE_HEADER,
                        WebhookSigner.signature(Scenario.WEBHOOK_SECRET, ts, body.getBytes(StandardCharsets.UTF_8)))
                .header(WebhookSigner.TIMESTAMP_HEADER, ts)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    /** A sender that sends part of its headers and then stalls. */
    Socket stalled(WebhookListener l) throws IOException {
        Socket s = new Socket("127.0.0.1", l.port());
        senders.add(s);
        s.getOutputStream()
                .write("POST /webhooks/zendesk HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Slow: "
                        .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    @Test
    void fourSlowSendersDoNotBlockAValidDelivery() throws Exception {
        try (WebhookListener l = listen(defaults())) {
            for (int i = 0; i < 4; i++) {
                stalled(l);
            }
            // the connections are read by the time the delivery arrives: they hold a thread each, not all of them
            long start = System.nanoTime();
            HttpResponse<String> r = deliver(l, "evt-1", "10001", Duration.ofSeconds(5));

            assertThat(r.statusCode()).isEqualTo(202);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(received).containsExactly(TicketId.of("10001"));
        }
    }

    @Test
    void slowSendersThatFillThePoolAreCutOffAtTheDeadlineAndTheDeliveryIsServedThen() throws Exception {
        try (WebhookListener l = listen(config(2, 8, 1 << 20, Duration.ofSeconds(1)))) {
            List<Socket> slow = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                slow.add(stalled(l));
            }
            HttpResponse<String> r = deliver(l, "evt-2", "10002", Duration.ofSeconds(10));

            assertThat(r.statusCode()).isEqualTo(202);
            for (Socket s : slow) {
                s.setSoTimeout(10_000);
                assertThat(s.getInputStream().read()).as("closed by the server").isEqualTo(-1);
            }
        }
    }

    @Test
    void aSlowLorisThatTricklesBytesIsCutOffAfterTheDeadline() throws Exception {
        try (WebhookListener l = listen(config(8, 8, 1 << 20, Duration.ofSeconds(1)))) {
            Socket s = stalled(l);
            OutputStream out = s.getOutputStream();
            long start = System.nanoTime();
            boolean cut = false;
            // one byte every 100 ms would keep an idle timeout from ever firing; it may go on for 15 s at most
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15)) {
                try {
                    out.write('a');
                    out.flush();
                } catch (IOException e) {
                    cut = true;
                    break;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // the sender's pace, not test logic
            }
            assertThat(cut).as("the server closed the connection").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aBodyLargerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
        try (WebhookListener l = listen(config(8, 8, 1024, Duration.ofSeconds(30)))) {
            Socket s = new Socket("127.0.0.1", l.port());
            senders.add(s);
            s.setSoTimeout(10_000);
            s.getOutputStream()
                    .write(("POST /webhooks/zendesk HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: 4294967296\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();

            // not one byte of the body was sent, and within the 30 s read deadline the answer is there: the server
            // did not wait for the body
            long start = System.nanoTime();
            String answer = readAll(s.getInputStream()); // to the end: the server closes the connection
            assertThat(answer).startsWith("HTTP/1.1 413").contains("larger than 1024 bytes");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(received).isEmpty();
        }
    }

    @Test
    void aBodyThatGrowsPastTheLimitWhileStreamingIsRefused() throws Exception {
        try (WebhookListener l = listen(config(8, 8, 1024, Duration.ofSeconds(30)))) {
            Socket s = new Socket("127.0.0.1", l.port());
            senders.add(s);
            s.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder("POST /webhooks/zendesk HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 4; i++) {
                req.append("200\r\n").append("x".repeat(0x200)).append("\r\n");
            }
            req.append("0\r\n\r\n");
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();

            assertThat(statusLine(s.getInputStream())).startsWith("HTTP/1.1 413");
            assertThat(received).isEmpty();
        }
    }

    @Test
    void aFullPoolAnswers503AndTheCrmDeliversAgainLater() throws Exception {
        try (WebhookListener l = listen(config(1, 0, 1 << 20, Duration.ofSeconds(30)))) {
            Socket hog = stalled(l);
            HttpResponse<String> busy = deliver(l, "evt-3", "10003", Duration.ofSeconds(10));
            hog.close();
            // the CRM retries; the hog's thread is free as soon as the server sees the connection end
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            HttpResponse<String> later;
            do {
                later = deliver(l, "evt-3", "10003", Duration.ofSeconds(10));
            } while (later.statusCode() == 503 && System.nanoTime() < deadline);

            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(later.statusCode())
                    .as("refused unprocessed, so not seen either")
                    .isEqualTo(202);
            assertThat(received).containsExactly(TicketId.of("10003"));
        }
    }

    @Test
    void aDeliveryReplayedAfterARestartIsStillRefused() throws Exception {
        String ts = clock.instant().toString();
        try (WebhookListener first = listen(defaults())) {
            assertThat(deliver(first, "evt-4", "10001", ts, Duration.ofSeconds(10))
                            .statusCode())
                    .isEqualTo(202);
        }
        clock.advance(Duration.ofMinutes(2)); // the same signed request, still within its five minutes

        try (WebhookListener restarted = listen(defaults())) {
            HttpResponse<String> replay = deliver(restarted, "evt-4", "10001", ts, Duration.ofSeconds(10));

            assertThat(replay.statusCode()).isEqualTo(200);
            assertThat(replay.body()).contains("duplicate");
            assertThat(received).containsExactly(TicketId.of("10001"));
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            sb.append((char) c);
        }
        return sb.toString().strip();
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
}
