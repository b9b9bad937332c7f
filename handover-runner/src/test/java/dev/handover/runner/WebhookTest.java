package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.runner.config.WorkerConfig;
import dev.handover.runner.worker.WebhookListener;
import dev.handover.runner.worker.Worker;
import dev.handover.spi.inbound.InboundVerdict;
import dev.handover.spi.inbound.InboundVerifier;
import dev.handover.spi.model.TicketId;
import dev.handover.zendesk.fake.WebhookSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks over real HTTP, with Zendesk's verifier found through its provider: a signed, fresh ticket event is
 * evaluated at once; a bad signature or an old timestamp gets 401 and nothing is processed; a second delivery of the
 * same event is processed once. The listener itself knows no vendor: any adapter's verifier works behind it.
 */
class WebhookTest extends OnFakeZendesk {
    Engine engine;
    Worker worker;
    WebhookListener listener;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startListener() {
        engine = s.engine();
        WorkerConfig w = engine.config.worker();
        worker = s.worker(engine);
        listener = WebhookListener.start(w.webhook().orElseThrow(), w.state(), "zendesk", s.clock, worker::submit);
    }

    @AfterEach
    void stopListener() {
        listener.close();
        engine.close();
    }

    static String event(String id, String ticket) {
        return """
                {"type":"zen:event-type:ticket.comment_added","id":"%s","time":"2026-03-02T08:59:00Z",
                 "subject":"zen:ticket:%s","detail":{"id":"%s","status":"OPEN"},"event":{}}""".formatted(id, ticket, ticket);
    }

    HttpResponse<String> post(String body, String signature, String timestamp)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + listener.port() + "/webhooks/zendesk"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (signature != null) {
            r.header(WebhookSigner.SIGNATURE_HEADER, signature).header(WebhookSigner.TIMESTAMP_HEADER, timestamp);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    String sign(String body, String timestamp, String secret) {
        return WebhookSigner.signature(secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    Long assignee(dev.handover.spi.model.TicketId t) {
        return zendesk.ticket(Long.parseLong(t.value())).orElseThrow().assigneeId();
    }

    @Test
    void aSignedFreshEventIsEvaluatedAtOnce() throws Exception {
        String body = event("evt-1", s.ids.complaint().value());
        String ts = s.clock.instant().toString();

        HttpResponse<String> r = post(body, sign(body, ts, Scenario.WEBHOOK_SECRET), ts);

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(worker.evaluateQueued()).isEqualTo(1);
        assertThat(assignee(s.ids.complaint()))
                .isEqualTo(Long.valueOf(s.ids.eve().value()));
    }

    @Test
    void aBadSignatureGets401AndNothingIsProcessed() throws Exception {
        String body = event("evt-2", s.ids.complaint().value());
        String ts = s.clock.instant().toString();

        HttpResponse<String> wrongSecret = post(body, sign(body, ts, "not-the-secret"), ts);
        HttpResponse<String> unsigned = post(body, null, null);
        String tampered = body.replace(s.ids.complaint().value(), s.ids.german().value());
        HttpResponse<String> changedBody = post(tampered, sign(body, ts, Scenario.WEBHOOK_SECRET), ts);

        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(wrongSecret.body()).contains("bad signature");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(changedBody.statusCode()).isEqualTo(401);
        assertThat(worker.evaluateQueued()).isZero();
        assertThat(assignee(s.ids.complaint()))
                .isEqualTo(Long.valueOf(s.ids.ada().value()));
        assertThat(zendesk.comments(Long.parseLong(s.ids.complaint().value()))).isEmpty();
    }

    @Test
    void anOldTimestampIsRefusedAsAReplay() throws Exception {
        String body = event("evt-3", s.ids.complaint().value());
        String old = s.clock.instant().minus(Duration.ofMinutes(10)).toString();

        HttpResponse<String> r = post(body, sign(body, old, Scenario.WEBHOOK_SECRET), old);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("expired");
        assertThat(worker.evaluateQueued()).isZero();
    }

    @Test
    void aRepeatedDeliveryIsProcessedOnce() throws Exception {
        String body = event("evt-4", s.ids.german().value());
        String ts = s.clock.instant().toString();
        String sig = sign(body, ts, Scenario.WEBHOOK_SECRET);

        assertThat(post(body, sig, ts).statusCode()).isEqualTo(202);
        HttpResponse<String> again = post(body, sig, ts);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");
        assertThat(worker.evaluateQueued()).isEqualTo(1);
    }

    @Test
    void aSignedBodyThatIsNotATicketEventIs400() throws Exception {
        String body = "{\"type\":\"zen:event-type:user.created\",\"time\":\"" + Instant.now() + "\"}";
        String ts = s.clock.instant().toString();

        HttpResponse<String> r = post(body, sign(body, ts, Scenario.WEBHOOK_SECRET), ts);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(worker.evaluateQueued()).isZero();
    }

    @Test
    void aDeliveryForAnotherProviderIsNotFound() throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.port() + "/webhooks/other"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();

        assertThat(http.send(r, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(404);
        assertThat(listener.path()).isEqualTo("/webhooks/zendesk");
    }

    @Test
    void anyAdaptersVerifierWorksBehindTheListener() throws Exception {
        List<TicketId> received = new ArrayList<>();
        InboundVerifier acme = d -> d.header("X-Acme-Token")
                .filter("right"::equals)
                .<InboundVerdict>map(t -> new InboundVerdict.Accepted(
                        "d-" + new String(d.body(), StandardCharsets.UTF_8), Set.of(TicketId.of("7")), "changed"))
                .orElseGet(() -> new InboundVerdict.Refused(InboundVerdict.Reason.UNAUTHENTIC, "no token"));
        WorkerConfig.Webhook config = engine.config.worker().webhook().orElseThrow();
        try (WebhookListener other =
                WebhookListener.start(config, engine.config.worker().state(), "acme", acme, s.clock, received::add)) {
            URI uri = URI.create("http://127.0.0.1:" + other.port() + "/webhooks/acme");
            HttpResponse<String> good = http.send(
                    HttpRequest.newBuilder(uri)
                            .header("X-Acme-Token", "right")
                            .POST(HttpRequest.BodyPublishers.ofString("1"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> bad = http.send(
                    HttpRequest.newBuilder(uri)
                            .POST(HttpRequest.BodyPublishers.ofString("2"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(good.statusCode()).isEqualTo(202);
            assertThat(bad.statusCode()).isEqualTo(401);
            assertThat(bad.body()).isEqualTo("refused: no token\n");
            assertThat(received).containsExactly(TicketId.of("7"));
        }
    }

    @Test
    void aPathWrittenWithTheProviderStillServesIt() throws Exception {
        WorkerConfig.Webhook w = engine.config.worker().webhook().orElseThrow();
        WorkerConfig.Webhook old = new WorkerConfig.Webhook(w.host(), 0, "/webhooks/zendesk", w.secret(), w.maxAge());
        WorkerConfig.Webhook other = new WorkerConfig.Webhook(w.host(), 0, "/hooks/", w.secret(), w.maxAge());
        try (WebhookListener a =
                        WebhookListener.start(old, engine.config.worker().state(), "zendesk", s.clock, worker::submit);
                WebhookListener b = WebhookListener.start(
                        other, engine.config.worker().state(), "zendesk", s.clock, worker::submit)) {
            assertThat(a.path()).isEqualTo("/webhooks/zendesk");
            assertThat(b.path()).isEqualTo("/hooks/zendesk");
        }
    }

    @Test
    void anAdapterThatReceivesNoWebhooksIsRefusedWithAClearMessage() {
        WorkerConfig.Webhook w = engine.config.worker().webhook().orElseThrow();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> WebhookListener.start(w, engine.config.worker().state(), "memory", s.clock, t -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("worker.webhook: the memory adapter receives no webhooks; remove the webhook section"
                        + " (the worker polls)");
    }
}
