package dev.handover.rt.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.error.CrmRateLimitedException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.error.CrmUnreachableException;
import dev.handover.spi.helpers.Backoff;
import dev.handover.spi.helpers.HttpLimits;
import dev.handover.spi.helpers.Redirects;
import dev.handover.spi.helpers.Unreachable;
import dev.handover.spi.selftest.Exchange;
import dev.handover.spi.selftest.ExchangeRecorder;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link HttpCall}s to one RT over a Jakarta REST {@link Client}: with the credentials, retrying what may be
 * retried, and mapping refusals to the SPI's exceptions ({@link Errors}).
 *
 * <p>What is retried: a connection that could not be opened and a 429 (from a proxy in front of RT; RT has no rate
 * limit of its own) for every request, since RT never processed it; a 5xx, a reset or timed-out connection, an empty
 * or malformed answer only for requests marked {@link HttpCall#repeatable()}. The result says when an earlier
 * attempt's outcome was unknown, so the writer can check what landed. How long it waits is {@link Backoff}'s rule: a
 * {@code Retry-After} exactly, else the jittered exponential backoff; one beyond the ceiling is answered to the caller.
 *
 * <p>The client follows no redirect itself; one within RT's origin is followed as {@link Redirects} allows, one to
 * another origin fails the call without a byte sent there, so the credentials never reach another host. Every attempt
 * is bounded by {@link HttpLimits} (a deadline to the last byte, a body limit).
 */
public final class Transport implements AutoCloseable {
    /** The {@code User-Agent} sent with every request. */
    public static final String USER_AGENT = "handover-rt-adapter/0.1";

    /** Where REST 2.0 lives below RT's web address. */
    public static final String API = "/REST/2.0";

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    private static final MediaType JSON_UTF8 = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");
    private static final String READ_TIMEOUT_PROPERTY = "jersey.config.client.readTimeout";
    private static final String FOLLOW_REDIRECTS_PROPERTY = "jersey.config.client.followRedirects";
    private static final String CONNECTOR_PROVIDER_PROPERTY = "jersey.config.client.connector.provider";
    private static final String JDK_CONNECTOR = "org.glassfish.jersey.jnh.connector.JavaNetHttpConnectorProvider";

    private final Client client;
    private final boolean ownsClient;
    private final String base;
    private final Credentials credentials;
    private final Backoff backoff;
    private final Duration readTimeout;
    private final HttpLimits limits;
    private final AtomicLong requests = new AtomicLong();
    private volatile ExchangeRecorder recorder;

    /**
     * An HTTP layer for one RT.
     *
     * @param client the Jakarta REST client to send with
     * @param ownsClient true when {@link #close()} should close the client
     * @param url RT's web address, e.g. {@code https://rt.example.com} (REST 2.0 is below it at {@value #API})
     * @param credentials token or basic auth
     * @param backoff how often and how long to wait before a retry; its sleeper does every wait of this layer
     * @param readTimeout per request
     * @param limits the deadline and body limit of every attempt
     */
    public Transport(
            Client client,
            boolean ownsClient,
            URI url,
            Credentials credentials,
            Backoff backoff,
            Duration readTimeout,
            HttpLimits limits) {
        this.client = Objects.requireNonNull(client, "client");
        this.ownsClient = ownsClient;
        String b = Objects.requireNonNull(url, "url").toString();
        this.base = (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + API;
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.readTimeout = Objects.requireNonNull(readTimeout, "read timeout");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** A Jersey client on the JDK's HTTP client, following no redirect, with these timeouts. */
    public static Client defaultClient(Duration connectTimeout, Duration readTimeout) {
        return ClientBuilder.newBuilder()
                .property(CONNECTOR_PROVIDER_PROPERTY, JDK_CONNECTOR)
                .property(FOLLOW_REDIRECTS_PROPERTY, false)
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    /** How many requests were sent so far (every attempt counts), for the counting harnesses. */
    public long requests() {
        return requests.get();
    }

    /** Hands every exchange from now on to {@code recorder} (empty: stops); never the {@code Authorization} header. */
    public void record(Optional<ExchangeRecorder> recorder) {
        this.recorder = Objects.requireNonNull(recorder, "recorder").orElse(null);
    }

    /** The backoff in use (its clock and sleeper). */
    public Backoff backoff() {
        return backoff;
    }

    /** Sends the call and returns its JSON, throwing the mapped error for any refusal. */
    public JsonNode execute(HttpCall call) {
        return exchange(call).orThrow();
    }

    /**
     * Sends the call, retrying as described above, and returns the final answer. Throws only when no answer could be
     * had.
     */
    public HttpResult exchange(HttpCall call) {
        boolean uncertain = false;
        int attempt = 0;
        while (true) {
            attempt++;
            Raw raw;
            try {
                raw = send(call);
            } catch (RedirectRefused r) {
                LOG.warn("{}: {}", call.description(), r.reason);
                CrmException refused = new CrmInvalidRequestException(
                        Errors.VENDOR, r.status, null, call.description() + " failed: RT " + r.reason, null);
                return new HttpResult(r.status, Map.of(), null, Optional.of(refused), uncertain);
            } catch (TransportFailure f) {
                uncertain |= f.maybeProcessed;
                boolean retry =
                        f.worthRetrying && (!f.maybeProcessed || call.repeatable()) && backoff.canRetry(attempt);
                if (!retry && f.unreachable != null) {
                    // the connection never opened: name the host and the plain cause, not the JDK's exception
                    throw new CrmUnreachableException(
                            Errors.VENDOR, f.host, f.unreachable, call.description() + " failed", null);
                }
                if (!retry) {
                    throw new CrmUnavailableException(
                            Errors.VENDOR,
                            0,
                            null,
                            call.description() + " failed: " + f.reason
                                    + (f.maybeProcessed && !call.repeatable() ? " (the outcome is unknown)" : ""),
                            null);
                }
                pause(call, backoff.delay(attempt), f.reason, attempt);
                continue;
            }
            ExchangeRecorder r = recorder;
            if (r != null) {
                record(r, call, raw);
            }
            int status = raw.status;
            if (status >= 200 && status < 300) {
                try {
                    JsonNode json = raw.body.isBlank() ? Json.object() : Json.parse(raw.body);
                    return new HttpResult(status, raw.headers, json, Optional.empty(), uncertain);
                } catch (JsonProcessingException e) {
                    uncertain |= !"GET".equals(call.method());
                    if (call.repeatable() && backoff.canRetry(attempt)) {
                        pause(call, backoff.delay(attempt), "malformed JSON answer", attempt);
                        continue;
                    }
                    throw new CrmUnavailableException(
                            Errors.VENDOR, status, null, call.description() + " failed: the answer was not JSON", null);
                }
            }
            CrmException error = Errors.map(call.description(), status, raw.headers, raw.body, backoff.clock());
            // a 429 was refused before it was processed; a 503 may come from RT behind a proxy after it processed
            // the request, so a write not safe to repeat is sent once, its outcome unknown
            boolean processedMaybe = status >= 500;
            if (processedMaybe) {
                uncertain |= !"GET".equals(call.method());
            }
            if (error instanceof CrmRateLimitedException limited && (!processedMaybe || call.repeatable())) {
                Optional<Duration> wait = backoff.delay(attempt, limited.retryAfter());
                if (wait.isPresent() && backoff.canRetry(attempt)) {
                    pause(call, wait.get(), "rate limited (" + status + ")", attempt);
                    continue;
                }
            } else if (status >= 500 && !(error instanceof CrmRateLimitedException)) {
                if (call.repeatable() && backoff.canRetry(attempt)) {
                    pause(call, backoff.delay(attempt), "HTTP " + status, attempt);
                    continue;
                }
            }
            if (processedMaybe && !call.repeatable() && error instanceof CrmRateLimitedException) {
                // a rate limit means "not written" to the caller; this one may have been
                error = new CrmUnavailableException(
                        Errors.VENDOR,
                        status,
                        null,
                        call.description() + " failed with HTTP " + status + " (the outcome is unknown)",
                        null);
            }
            return new HttpResult(status, raw.headers, null, Optional.of(error), uncertain);
        }
    }

    private static void record(ExchangeRecorder r, HttpCall call, Raw raw) {
        Map<String, List<String>> sent = new LinkedHashMap<>();
        sent.put(HttpHeaders.ACCEPT, List.of(MediaType.APPLICATION_JSON));
        sent.put(HttpHeaders.USER_AGENT, List.of(USER_AGENT));
        call.headers().forEach((k, v) -> sent.put(k, List.of(v)));
        try {
            r.record(new Exchange(
                    call.method(),
                    API + call.pathAndQuery(),
                    sent,
                    call.body() == null ? "" : call.body(),
                    raw.status,
                    raw.headers,
                    raw.body));
        } catch (RuntimeException e) {
            LOG.warn("the self-test recorder failed ({})", e.getClass().getSimpleName());
        }
    }

    private void pause(HttpCall call, Duration wait, String why, int attempt) {
        LOG.info(
                "{}: {}; retrying in {} ms (attempt {} of {})",
                call.description(),
                why,
                wait.toMillis(),
                attempt + 1,
                backoff.maxAttempts());
        try {
            backoff.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmUnavailableException(
                    Errors.VENDOR, 0, null, call.description() + " interrupted before a retry", e);
        }
    }

    private Raw send(HttpCall call) throws TransportFailure, RedirectRefused {
        HttpLimits.Exchange exchange = limits.start();
        URI origin = URI.create(base);
        URI uri = URI.create(base + call.pathAndQuery());
        for (int hops = 0; ; hops++) {
            Raw raw = sendOnce(call, uri, exchange);
            if (!Redirects.isRedirect(raw.status)) {
                return raw;
            }
            String location = raw.headers.getOrDefault("location", List.of()).stream()
                    .findFirst()
                    .orElse(null);
            Redirects.Decision d = Redirects.decide(call.method(), origin, uri, raw.status, location, hops);
            if (d instanceof Redirects.Refuse refuse) {
                throw new RedirectRefused(raw.status, refuse.reason());
            }
            uri = ((Redirects.Follow) d).target();
        }
    }

    private Raw sendOnce(HttpCall call, URI uri, HttpLimits.Exchange exchange) throws TransportFailure {
        requests.incrementAndGet();
        Duration headers = exchange.headerTimeout(readTimeout);
        Invocation.Builder b = client.target(uri)
                .request()
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON)
                .header(HttpHeaders.USER_AGENT, USER_AGENT)
                .header(HttpHeaders.AUTHORIZATION, credentials.authorization())
                .property(READ_TIMEOUT_PROPERTY, (int) Math.min(Integer.MAX_VALUE, headers.toMillis()));
        call.headers().forEach(b::header);
        Response response;
        try {
            response = call.body() == null
                    ? b.method(call.method())
                    : b.method(call.method(), Entity.entity(call.body(), JSON_UTF8));
        } catch (ProcessingException e) {
            if (exchange.expired()) {
                throw new TransportFailure(true, exchange.deadlineExceeded(null).getMessage(), true);
            }
            throw TransportFailure.of(e, uri);
        }
        try {
            Map<String, List<String>> headerMap = new LinkedHashMap<>();
            response.getStringHeaders()
                    .forEach((k, v) -> headerMap
                            .computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>())
                            .addAll(v));
            byte[] bytes =
                    exchange.readBody(response.getHeaderString(HttpHeaders.CONTENT_LENGTH), response::close, () -> {
                        try {
                            return response.readEntity(InputStream.class);
                        } catch (IllegalStateException noEntity) {
                            return null;
                        }
                    });
            return new Raw(response.getStatus(), headerMap, new String(bytes, StandardCharsets.UTF_8));
        } catch (HttpLimits.Exceeded e) {
            if (e.kind() == HttpLimits.Exceeded.Kind.DEADLINE) {
                throw new TransportFailure(true, exchange.deadlineExceeded(null).getMessage(), true);
            }
            throw new TransportFailure(
                    true,
                    "RT answered more than " + HttpLimits.bytes(limits.maxBodyBytes()) + " for " + call.method() + " "
                            + call.path() + "; raise http.max-body-bytes if answers this large are expected",
                    false);
        } catch (IOException | ProcessingException e) {
            throw new TransportFailure(true, describe(e), true);
        } finally {
            response.close();
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "Transport[" + base + ", " + credentials.describe() + ", " + backoff + "]";
    }

    private record Raw(int status, Map<String, List<String>> headers, String body) {}

    private static final class RedirectRefused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String reason;

        RedirectRefused(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
            this.reason = reason;
        }
    }

    private static final class TransportFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean maybeProcessed;
        private final String reason;
        private final boolean worthRetrying;
        /** Why the connection never opened, in plain words; null when it did. */
        private String unreachable;

        private String host;

        TransportFailure(boolean maybeProcessed, String reason, boolean worthRetrying) {
            super(reason, null, false, false);
            this.maybeProcessed = maybeProcessed;
            this.reason = reason;
            this.worthRetrying = worthRetrying;
        }

        static TransportFailure of(ProcessingException e, URI uri) {
            Optional<String> never = Unreachable.reason(e, uri);
            if (never.isPresent()) {
                // the connection was never established: RT cannot have seen the request
                TransportFailure f =
                        new TransportFailure(false, "cannot reach " + Unreachable.host(uri) + ": " + never.get(), true);
                f.unreachable = never.get();
                f.host = Unreachable.host(uri);
                return f;
            }
            for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
                if (t instanceof ConnectException
                        || t instanceof HttpConnectTimeoutException
                        || t instanceof UnknownHostException) {
                    return new TransportFailure(false, describe(e), true);
                }
            }
            return new TransportFailure(true, describe(e), true);
        }
    }
}
