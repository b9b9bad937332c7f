package dev.handover.testkit.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The hostile server answers as it says, over real HTTP, and records what it received. */
final class HostileServerTest {

    private static HttpURLConnection open(URI uri) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setInstanceFollowRedirects(false);
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        return c;
    }

    @Test
    void recordsRequestsAndAnswersRedirectsAndJson() throws Exception {
        try (HostileServer server = HostileServer.start()) {
            server.answer("POST", "/token", HostileServer.json(200, "{\"ok\":1}"));
            server.answer("GET", "/moved", HostileServer.redirect(307, URI.create("http://127.0.0.1:1/x")));
            HttpURLConnection token = open(server.url("/token?a=b"));
            token.setRequestMethod("POST");
            token.setRequestProperty("Authorization", "Bearer t");
            token.setDoOutput(true);
            try (OutputStream out = token.getOutputStream()) {
                out.write("secret=s".getBytes(StandardCharsets.UTF_8));
            }
            try (InputStream in = token.getInputStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("{\"ok\":1}");
            }
            HttpURLConnection moved = open(server.url("/moved"));
            assertThat(moved.getResponseCode()).isEqualTo(307);
            assertThat(moved.getHeaderField("Location")).isEqualTo("http://127.0.0.1:1/x");
            assertThat(open(server.url("/nothing")).getResponseCode()).isEqualTo(404);
            assertThat(server.requests()).hasSize(3);
            HostileServer.Recorded first = server.requests().get(0);
            assertThat(first.path()).isEqualTo("/token");
            assertThat(first.headers()).containsEntry("authorization", "Bearer t");
            assertThat(first.body()).isEqualTo("secret=s");
            assertThat(first.asText()).contains("POST /token?a=b", "secret=s");
        }
    }

    @Test
    void aStalledAnswerSendsHeadersAndHoldsTheBody() throws Exception {
        try (HostileServer server = HostileServer.start()) {
            server.otherwise(HostileServer.stallAfterHeaders());
            HttpURLConnection c = open(server.url("/"));
            assertThat(c.getResponseCode()).isEqualTo(200);
            assertThat(c.getHeaderField("Content-Length")).isEqualTo("1000");
            try (InputStream in = c.getInputStream()) {
                assertThat(in.read()).isEqualTo('{');
            }
        }
    }

    @Test
    void endlessAnswersServeOnlyWhatTheClientReads() throws Exception {
        try (HostileServer server = HostileServer.start()) {
            server.answer("GET", "/huge", HostileServer.declaredLength(4L << 30));
            server.answer("GET", "/chunked", HostileServer.endlessChunked());
            for (String path : new String[] {"/huge", "/chunked"}) {
                HttpURLConnection c = open(server.url(path));
                try (InputStream in = c.getInputStream()) {
                    assertThat(in.readNBytes(1 << 20)).hasSize(1 << 20);
                }
                c.disconnect();
            }
            assertThat(server.bodyBytesSent()).isGreaterThanOrEqualTo(2L << 20).isLessThan(1L << 30);
        }
    }
}
