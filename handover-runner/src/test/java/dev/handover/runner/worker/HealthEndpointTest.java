package dev.handover.runner.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handover.memory.time.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /healthz} and {@code /readyz} over real loopback HTTP, on a simulated clock. */
class HealthEndpointTest {
    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    private final WorkerHealth health = new WorkerHealth(clock, Duration.ofMinutes(3));
    private final HttpClient http = HttpClient.newHttpClient();
    private HealthEndpoint endpoint;

    @BeforeEach
    void start() {
        endpoint = HealthEndpoint.start("127.0.0.1", 0, health);
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void whileConnectingTheWorkerIsAliveButNotReady() throws Exception {
        health.connecting(2);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).isEqualTo("not ok: connecting to the CRM (attempt 2)\n");
        assertThat(ready.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    }

    @Test
    void readyOnceConnectedWithItsStateLoadedAndNotAfterAPassThatCouldNotReadTheCrm() throws Exception {
        health.connected();
        assertThat(get("/readyz").statusCode()).isEqualTo(503); // the state is not loaded yet
        health.stateLoaded();
        health.passEnded(true, true);
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body())
                .isEqualTo("ok: connected to the CRM, state loaded; last successful pass 2026-03-02T09:00:00Z\n");

        clock.advance(Duration.ofMinutes(1));
        health.passEnded(false, false);
        assertThat(get("/readyz").body()).isEqualTo("not ok: the last pass could not read the CRM\n");
        assertThat(get("/healthz").statusCode()).isEqualTo(200); // an outage is no reason to restart the worker

        health.passEnded(true, true);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        health.stopping();
        assertThat(get("/readyz").body()).isEqualTo("not ok: stopping\n");
    }

    @Test
    void aStalledLoopFailsLiveness() throws Exception {
        health.connected();
        clock.advance(Duration.ofMinutes(3));
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> live = get("/healthz");
        assertThat(live.statusCode()).isEqualTo(503);
        assertThat(live.body()).isEqualTo("not ok: no sign of life from the worker loop for 181 s (limit 180 s)\n");
        health.beat();
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        assertThat(get("/healthz/extra").statusCode()).isEqualTo(404);
        assertThat(get("/").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/readyz"))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }
}
