package dev.handover.zendesk.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The client the connector makes is Jersey on the JDK's HTTP client (the default connector cannot even send PATCH). */
final class DefaultClientTest {

    @Test
    void runsOnTheJdkHttpClientConnector() {
        WireMockServer server = new WireMockServer(
                WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(patch(urlEqualTo("/probe")).willReturn(aResponse().withStatus(204)));
        // generous time-outs: the first request also warms WireMock and Jersey up, which took over 2 s on a loaded
        // build machine; the test is about the connector, not the time-out
        Client client = Transport.defaultClient(Duration.ofSeconds(30), Duration.ofSeconds(30));
        try (Response r = client.target(server.baseUrl() + "/probe").request().method("PATCH", Entity.json("{}"))) {
            assertThat(r.getStatus()).isEqualTo(204);
        } finally {
            client.close();
            server.stop();
        }
    }
}
