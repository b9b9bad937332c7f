package dev.handover.rt.real;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * One real RT per test JVM, started with {@code tools/rt/rt-sandbox start} on a free loopback port with a fresh,
 * seeded database, and stopped when the JVM ends. {@link #get()} skips the calling test with one line on the console
 * when RT is not installed, and fails it when the {@code real-rt} profile says RT must run here.
 */
public final class RealRt {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static RealRt instance;
    private static String unavailable;

    final URI base;
    final String token;
    /** Every mail RT sent: the sandbox's sendmail stand-in appends it here. */
    final Path outbox;

    /** Fixture ticket n of the compatibility kit is RT ticket {@code kitTicketOffset + n} (tools/rt/kit.pl). */
    final int kitTicketOffset;
    /** Fixture group n of the kit is RT queue {@code kitQueueOffset + n}. */
    final int kitQueueOffset;

    private final String script;
    private final Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** RT's address ({@code http://127.0.0.1:PORT}). */
    public URI base() {
        return base;
    }

    /** The API user's auth token. */
    public String token() {
        return token;
    }

    private RealRt(URI base, String token, Path dir, String script, Map<String, String> env) {
        this.base = base;
        this.token = token;
        this.dir = dir;
        this.script = script;
        this.outbox = dir.resolve("outbox.mbox");
        this.kitTicketOffset = Integer.parseInt(env.getOrDefault("RT_KIT_TICKET_OFFSET", "-1"));
        this.kitQueueOffset = Integer.parseInt(env.getOrDefault("RT_KIT_QUEUE_OFFSET", "-1"));
    }

    /** Puts RT's database back to the seeded state ({@code rt-sandbox reset}: about 0.1 s, RT keeps running). */
    public void reset() {
        try {
            Process p = new ProcessBuilder(script, "reset", dir.toString())
                    .redirectErrorStream(true)
                    .start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("rt-sandbox reset failed: " + said.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static synchronized RealRt get() {
        if (instance != null) {
            return instance;
        }
        boolean required = Boolean.getBoolean("handover.rt.required");
        if (unavailable == null) {
            try {
                instance = start();
                return instance;
            } catch (IOException | InterruptedException | RuntimeException e) {
                unavailable = e.getMessage();
                if (!required) {
                    System.out.println("[handover] real Request Tracker tests did not run: " + unavailable
                            + "; then mvn -B verify");
                }
            }
        }
        if (required) {
            fail("Request Tracker is installed (the real-rt profile is active) but the sandbox did not start: "
                    + unavailable);
        }
        Assumptions.abort("Request Tracker is not available: " + unavailable);
        throw new IllegalStateException("unreachable");
    }

    private static RealRt start() throws IOException, InterruptedException {
        String script = System.getProperty("handover.rt.sandbox", "../tools/rt/rt-sandbox");
        Path dir = Path.of(System.getProperty("handover.rt.dir", "target/rt-sandbox"));
        Files.createDirectories(dir);
        Process status =
                new ProcessBuilder(script, "status").redirectErrorStream(true).start();
        String said = new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (status.waitFor() != 0) {
            throw new IllegalStateException(said);
        }
        Process start = new ProcessBuilder(script, "start", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("start.log").toFile())
                .start();
        if (!start.waitFor(120, TimeUnit.SECONDS) || start.exitValue() != 0) {
            start.destroyForcibly();
            throw new IllegalStateException(
                    "rt-sandbox start failed; see " + dir.resolve("start.log") + " and " + dir.resolve("setup.log"));
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("rt.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                new ProcessBuilder(script, "stop", dir.toString()).start().waitFor(30, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // the JVM is ending: nothing left to tell
            }
        }));
        RealRt rt = new RealRt(URI.create(env.get("RT_URL")), env.get("RT_TOKEN"), dir, script, env);
        rt.awaitRest();
        return rt;
    }

    /** rt-sandbox returns once RT listens; one answer from REST 2.0 proves it serves the API too. */
    private void awaitRest() {
        int status = call("GET", "/queues/all", null, Map.of()).statusCode();
        if (status != 200) {
            throw new IllegalStateException("RT's REST 2.0 at " + base + " answered HTTP " + status);
        }
    }

    /** One REST 2.0 request with the sandbox's auth token ({@code Authorization: token …}). */
    public HttpResponse<String> call(String method, String path, JsonNode body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/REST/2.0" + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "token " + token)
                .header("Accept", "application/json");
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The mail RT has sent so far, empty when none. */
    public String mailSent() {
        try {
            return Files.exists(outbox) ? Files.readString(outbox, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (HTTP " + r.statusCode() + "): " + r.body(), e);
        }
    }
}
