package dev.handover.zendesk.http;

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
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link HttpCall}s to one Zendesk account over a Jakarta REST {@link Client}: through the {@link Throttle}, with
 * the account's credentials, retrying what may be retried, and mapping refusals to the SPI's exceptions ({@link
 * Errors}).
 *
 * <p>What is retried: a 429 and a connection that could not be opened, for every request, since Zendesk never saw it; a
 * 5xx, a reset or timed-out connection, an empty or malformed answer only for requests marked {@link
 * HttpCall#repeatable()}, since the first attempt may have been processed. A 401 with renewable credentials (OAuth) is
 * retried once with a fresh token. The result tells the caller when an earlier attempt's outcome was unknown, so a write
 * can check whether it had landed.
 *
 * <p>How long it waits is {@link Backoff}'s rule: exactly the {@code Retry-After} of a 429 or 5xx when Zendesk sent one,
 * otherwise the jittered exponential backoff of the attempt; a {@code Retry-After} beyond the backoff's ceiling is not
 * waited for but answered to the caller (a 429 as {@code CrmRateLimitedException} carrying it).
 *
 * <p>Hostile or broken servers: the client follows no redirect itself ({@link #defaultClient}); a redirect within the
 * account's origin is followed as {@link Redirects} allows (307/308 for every method, 301/302/303 for {@code GET}, at
 * most three), one to another origin fails the call ({@code CrmInvalidRequestException}) without a byte sent there, so
 * neither the bearer token, the API-token header nor the OAuth client secret ever reaches another host. Every attempt
 * is bounded by {@link HttpLimits}: an overall deadline from request to the last byte of the answer (a server that
 * sends headers and then stalls fails the attempt as a time-out, an unknown outcome for a write) and a body limit
 * (checked against {@code Content-Length} and while reading, never holding more; not retried, since the same request
 * gets the same answer).
 */
public final class Transport implements AutoCloseable {
    /** The {@code User-Agent} sent with every request. */
    public static final String USER_AGENT = "handover-zendesk-adapter/0.1";

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    private static final MediaType JSON_UTF8 = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");
    private static final String READ_TIMEOUT_PROPERTY = "jersey.config.client.readTimeout";
    /** Jersey's {@code ClientProperties.FOLLOW_REDIRECTS}; the JDK connector maps false to {@code Redirect.NEVER}. */
    public static final String FOLLOW_REDIRECTS_PROPERTY = "jersey.config.client.followRedirects";

    private static final String CONNECTOR_PROVIDER_PROPERTY = "jersey.config.client.connector.provider";
    private static final String JDK_CONNECTOR = "org.glassfish.jersey.jnh.connector.JavaNetHttpConnectorProvider";

    private final Client client;
    private final boolean ownsClient;
    private final String base;
    private final Credentials credentials;
    private final Backoff backoff;
    private final Throttle throttle;
    private final Duration readTimeout;
    private final HttpLimits limits;
    /** Set only while {@code handover selftest --record} runs. */
    private volatile ExchangeRecorder recorder;

    /**
     * An HTTP layer for one account.
     *
     * @param client the Jakarta REST client to send with
     * @param ownsClient true when {@link #close()} should close the client (one this layer created)
     * @param baseUrl the account's base URL, e.g. {@code https://acme.zendesk.com}
     * @param credentials makes the credentials, given a function that posts a body to {@code /oauth/tokens}
     * @param backoff how often and how long to wait before a retry; its clock reads {@code Retry-After} dates and its
     *     sleeper does every wait of this layer
     * @param throttle the client-side pacing every request goes through
     * @param readTimeout set per request, so it also applies to an injected client
     * @param limits the deadline and body limit of every attempt
     */
    public Transport(
            Client client,
            boolean ownsClient,
            URI baseUrl,
            Function<Function<String, JsonNode>, Credentials> credentials,
            Backoff backoff,
            Throttle throttle,
            Duration readTimeout,
            HttpLimits limits) {
        this.client = Objects.requireNonNull(client, "client");
        this.ownsClient = ownsClient;
        String b = Objects.requireNonNull(baseUrl, "base url").toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.readTimeout = Objects.requireNonNull(readTimeout, "read timeout");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.credentials = Objects.requireNonNull(credentials.apply(this::token), "credentials");
    }

    /**
     * A Jersey client on the JDK's HTTP client (the {@code jersey-jnh-connector}), with these timeouts, following no
     * redirect (the JDK's default would re-send the credentials to any host a {@code Location} names). Built through
     * the Jakarta REST API only, so the adapter compiles against the API and Jersey stays a run-time choice.
     */
    public static Client defaultClient(Duration connectTimeout, Duration readTimeout) {
        return ClientBuilder.newBuilder()
                .property(CONNECTOR_PROVIDER_PROPERTY, JDK_CONNECTOR)
                .property(FOLLOW_REDIRECTS_PROPERTY, false)
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .build();
    }

    /** The credentials in use. */
    public Credentials credentials() {
        return credentials;
    }

    /**
     * Hands every authenticated exchange from now on to {@code recorder} (empty: stops recording). The token request
     * is never recorded, and neither is the {@code Authorization} header.
     */
    public void record(Optional<ExchangeRecorder> recorder) {
        this.recorder = Objects.requireNonNull(recorder, "recorder").orElse(null);
    }

    /** Sends the call and returns its JSON, throwing the mapped error for any refusal. */
    public JsonNode execute(HttpCall call) {
        return exchange(call).orThrow();
    }

    /**
     * Sends the call, retrying as described above, and returns the final answer: a success, or a refusal carried in
     * {@link HttpResult#error()}. Throws only when no answer could be had (the connection failed on every attempt).
     */
    public HttpResult exchange(HttpCall call) {
        boolean uncertain = false;
        boolean renewed = false;
        int attempt = 0;
        while (true) {
            attempt++;
            acquire(call);
            String authorization = call.authenticated() ? credentials.authorization() : null;
            Raw raw;
            try {
                raw = send(call, authorization);
            } catch (RedirectRefused r) {
                LOG.warn("{}: {}", call.description(), r.reason);
                CrmException refused = new CrmInvalidRequestException(
                        Errors.VENDOR, r.status, null, call.description() + " failed: Zendesk " + r.reason, null);
                return new HttpResult(r.status, Map.of(), null, Optional.of(refused), uncertain, attempt);
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
                pauseBeforeRetry(call, backoff.delay(attempt), f.reason, attempt);
                continue;
            }
            ExchangeRecorder r = recorder;
            if (r != null && call.authenticated()) {
                record(r, call, raw);
            }
            throttle.observe(raw.headers, Throttle.scopeOf(call.method(), call.path()));
            int status = raw.status;
            if (status >= 200 && status < 300) {
                JsonNode json;
                try {
                    json = raw.body.isBlank() ? Json.object() : Json.parse(raw.body);
                } catch (JsonProcessingException e) {
                    uncertain |= !"GET".equals(call.method());
                    if (call.repeatable() && backoff.canRetry(attempt)) {
                        pauseBeforeRetry(call, backoff.delay(attempt), "malformed JSON answer", attempt);
                        continue;
                    }
                    throw new CrmUnavailableException(
                            Errors.VENDOR,
                            status,
                            null,
                            call.description() + " failed: the answer was not valid JSON",
                            null);
                }
                LOG.debug("{} {} -> {} ({} attempt(s))", call.method(), call.path(), status, attempt);
                return new HttpResult(status, raw.headers, json, Optional.empty(), uncertain, attempt);
            }
            if (status == 401 && authorization != null && !renewed && credentials.canRenew()) {
                credentials.invalidate(authorization);
                renewed = true;
                attempt--;
                continue;
            }
            CrmException error = Errors.map(call.description(), status, raw.headers, raw.body, backoff.clock());
            if (status == 429) {
                // Zendesk never processed it: every request may wait out the Retry-After it asked for, and no longer
                Optional<Duration> wait = backoff.delay(attempt, ((CrmRateLimitedException) error).retryAfter());
                if (wait.isPresent() && backoff.canRetry(attempt)) {
                    pauseBeforeRetry(call, wait.get(), "rate limited (429)", attempt);
                    continue;
                }
            } else if (status >= 500) {
                uncertain |= !"GET".equals(call.method());
                if (call.repeatable() && backoff.canRetry(attempt)) {
                    Optional<Duration> wait = backoff.delay(
                            attempt,
                            backoff.retryAfter(raw.headers.getOrDefault("retry-after", List.of()).stream()
                                    .findFirst()
                                    .orElse(null)));
                    if (wait.isPresent()) {
                        pauseBeforeRetry(call, wait.get(), "HTTP " + status, attempt);
                        continue;
                    }
                }
            }
            LOG.debug("{} {} -> {} ({} attempt(s))", call.method(), call.path(), status, attempt);
            return new HttpResult(status, raw.headers, null, Optional.of(error), uncertain, attempt);
        }
    }

    private static void record(ExchangeRecorder r, HttpCall call, Raw raw) {
        Map<String, List<String>> sent = new LinkedHashMap<>();
        sent.put(HttpHeaders.ACCEPT, List.of(MediaType.APPLICATION_JSON));
        sent.put(HttpHeaders.USER_AGENT, List.of(USER_AGENT));
        call.headers().forEach((k, v) -> sent.put(k, List.of(v)));
        if (call.body() != null) {
            sent.put(HttpHeaders.CONTENT_TYPE, List.of(JSON_UTF8.toString()));
        }
        try {
            // Exchange drops Authorization and cookies whatever is passed
            r.record(new Exchange(
                    call.method(),
                    call.pathAndQuery(),
                    sent,
                    call.body() == null ? "" : call.body(),
                    raw.status,
                    raw.headers,
                    raw.body));
        } catch (RuntimeException e) {
            // a failing recorder must not fail the call it watches
            LOG.warn("the self-test recorder failed ({})", e.getClass().getSimpleName());
        }
    }

    private JsonNode token(String body) {
        return execute(HttpCall.write("POST", "/oauth/tokens", body, "OAuth token request")
                .repeatable(true)
                .unauthenticated());
    }

    private void acquire(HttpCall call) {
        try {
            throttle.acquire(Throttle.scopeOf(call.method(), call.path()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmUnavailableException(
                    Errors.VENDOR, 0, null, call.description() + " interrupted while rate limited", e);
        }
    }

    private void pauseBeforeRetry(HttpCall call, Duration wait, String why, int attempt) {
        LOG.info(
                "{}: {}; retrying in {} ms (attempt {} of {})",
                call.description(),
                why,
                wait.toMillis(),
                attempt + 1,
                backoff.maxAttempts());
        pause(wait, call.description() + " interrupted before a retry");
    }

    /**
     * Waits on the injected sleeper — between retries here, and for callers between job polls — so that nothing in the
     * adapter waits on the wall clock by itself.
     *
     * @param interrupted the message of the {@link CrmUnavailableException} thrown when the wait is interrupted
     */
    public void pause(Duration wait, String interrupted) {
        try {
            backoff.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmUnavailableException(Errors.VENDOR, 0, null, interrupted, e);
        }
    }

    /** One attempt: the request, and the redirects within the origin it is allowed to follow, under one deadline. */
    private Raw send(HttpCall call, String authorization) throws TransportFailure, RedirectRefused {
        HttpLimits.Exchange exchange = limits.start();
        URI origin = URI.create(base);
        URI uri = URI.create(base + call.pathAndQuery());
        for (int hops = 0; ; hops++) {
            Raw raw = sendOnce(call, uri, authorization, exchange);
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
            LOG.debug("{} {} -> {}, following to {}", call.method(), call.path(), raw.status, Redirects.describe(uri));
        }
    }

    private Raw sendOnce(HttpCall call, URI uri, String authorization, HttpLimits.Exchange exchange)
            throws TransportFailure {
        Duration headers = exchange.headerTimeout(readTimeout);
        Invocation.Builder b = client.target(uri)
                .request()
                .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON)
                .header(HttpHeaders.USER_AGENT, USER_AGENT)
                .property(READ_TIMEOUT_PROPERTY, (int) Math.min(Integer.MAX_VALUE, headers.toMillis()));
        for (Map.Entry<String, String> h : call.headers().entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        if (authorization != null) {
            b.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        Response response;
        try {
            response = call.body() == null
                    ? b.method(call.method())
                    : b.method(call.method(), Entity.entity(call.body(), JSON_UTF8));
        } catch (ProcessingException e) {
            if (exchange.expired()) {
                throw new TransportFailure(true, deadline(exchange), true);
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
            // the status line arrived: the request was processed
            if (e.kind() == HttpLimits.Exceeded.Kind.DEADLINE) {
                throw new TransportFailure(true, deadline(exchange), true);
            }
            throw new TransportFailure(
                    true,
                    "Zendesk answered more than " + HttpLimits.bytes(limits.maxBodyBytes()) + " for " + call.method()
                            + " " + call.path()
                            + (e.declaredLength() < 0
                                    ? ""
                                    : " (Content-Length " + HttpLimits.bytes(e.declaredLength()) + ")")
                            + "; raise http.max-body-bytes if answers this large are expected",
                    false);
        } catch (IOException | ProcessingException e) {
            // the status line arrived, the body did not: the request was processed
            throw new TransportFailure(true, describe(e), true);
        } finally {
            response.close();
        }
    }

    private static String deadline(HttpLimits.Exchange exchange) {
        return exchange.deadlineExceeded(null).getMessage() + " (http.deadline)";
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /** Closes the client if this layer created it. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "Transport[" + base + ", " + credentials.describe() + ", " + throttle + ", " + backoff + "]";
    }

    private record Raw(int status, Map<String, List<String>> headers, String body) {}

    /** A redirect that is not followed: to another origin, a write moved by 301/302/303, too many hops. */
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

    /** A request that got no HTTP answer. */
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
                // the connection was never established: Zendesk cannot have seen the request
                TransportFailure f =
                        new TransportFailure(false, "cannot reach " + Unreachable.host(uri) + ": " + never.get(), true);
                f.unreachable = never.get();
                f.host = Unreachable.host(uri);
                return f;
            }
            for (Throwable t = e; t != null; t = t.getCause()) {
                // the connection was never established: Zendesk cannot have seen the request
                if (t instanceof ConnectException
                        || t instanceof HttpConnectTimeoutException
                        || t instanceof UnknownHostException) {
                    return new TransportFailure(false, describe(e), true);
                }
                if (t.getCause() == t) {
                    break;
                }
            }
            return new TransportFailure(true, describe(e), true);
        }
    }
}
