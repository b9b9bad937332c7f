package dev.handover.salesforce.http;

import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.error.CrmUnreachableException;
import dev.handover.spi.helpers.HttpLimits;
import dev.handover.spi.helpers.Redirects;
import dev.handover.spi.helpers.Unreachable;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP request and its answer, through the Jakarta REST client, under the {@link HttpLimits} of one attempt: an
 * overall deadline from the request to the last byte of the answer, and a body limit checked against {@code
 * Content-Length} and while reading, never holding more. Transport problems (refused, reset, timed out, cut short,
 * too large) come out as {@link TransportFailure}, which says whether the request provably never reached the server
 * and whether repeating it is worth it.
 *
 * <p>Redirects: the client follows none ({@link #FOLLOW_REDIRECTS_PROPERTY}); a redirect within the origin the
 * request was sent to (the token endpoint's, or the instance's) is followed as {@link Redirects} allows (307/308 for
 * every method, 301/302/303 for {@code GET}, at most three), one to another origin fails the call with a {@code
 * CrmInvalidRequestException} before a byte is sent there — neither the bearer token, the client secret nor the JWT
 * assertion ever reaches another host.
 */
public final class HttpExchange {
    /** Jersey's {@code ClientProperties.FOLLOW_REDIRECTS}; the JDK connector maps false to {@code Redirect.NEVER}. */
    public static final String FOLLOW_REDIRECTS_PROPERTY = "jersey.config.client.followRedirects";

    private static final String READ_TIMEOUT_PROPERTY = "jersey.config.client.readTimeout";
    private static final Logger LOG = LoggerFactory.getLogger(HttpExchange.class);

    private final Client client;
    private final Duration readTimeout;
    private final HttpLimits limits;

    /**
     * Sends through this client; the caller keeps owning it.
     *
     * @param readTimeout the client's read time-out, capped per request by what is left of the deadline
     * @param limits the deadline and body limit of every attempt
     */
    public HttpExchange(Client client, Duration readTimeout, HttpLimits limits) {
        this.client = Objects.requireNonNull(client, "client");
        this.readTimeout = Objects.requireNonNull(readTimeout, "read timeout");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * A whole answer, with the headers the adapter reads ({@code Retry-After} as sent, or null) and all of them for a
     * self-test's recording.
     */
    record Raw(int status, String body, String limitInfo, String retryAfter, Map<String, List<String>> headers) {}

    /** The request failed below HTTP. */
    static final class TransportFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean notSent;
        private final boolean worthRetrying;
        private final String problem;
        private String host;
        private String unreachable;

        TransportFailure(String problem, boolean notSent, Throwable cause) {
            this(problem, notSent, true, cause);
        }

        TransportFailure(String problem, boolean notSent, boolean worthRetrying, Throwable cause) {
            super(problem, cause);
            this.problem = problem;
            this.notSent = notSent;
            this.worthRetrying = worthRetrying;
        }

        /** True when the connection was never made: the server cannot have acted on the request. */
        boolean notSent() {
            return notSent;
        }

        /** False when the same request would fail the same way (an answer over the body limit). */
        boolean worthRetrying() {
            return worthRetrying;
        }

        String problem() {
            return problem;
        }

        /** The SPI's exception for this failure of {@code what}: {@link CrmUnreachableException} when never connected. */
        CrmUnavailableException toException(String what) {
            if (unreachable != null) {
                return new CrmUnreachableException(Errors.VENDOR, host, unreachable, what + " failed", getCause());
            }
            return Errors.unavailable(what, problem, getCause());
        }
    }

    /**
     * Sends one attempt, following the redirects within the URI's origin that {@link Redirects} allows.
     *
     * @param what what is being done, for the message of a refused redirect
     * @throws CrmInvalidRequestException for a redirect that is not followed (to another origin, too many)
     */
    Raw send(String method, URI uri, Map<String, String> headers, String body, String contentType, String what)
            throws TransportFailure {
        HttpLimits.Exchange exchange = limits.start();
        URI current = uri;
        for (int hops = 0; ; hops++) {
            Answer answer = sendOnce(method, current, headers, body, contentType, exchange);
            if (!Redirects.isRedirect(answer.raw.status())) {
                return answer.raw;
            }
            Redirects.Decision d = Redirects.decide(method, uri, current, answer.raw.status(), answer.location, hops);
            if (d instanceof Redirects.Refuse refuse) {
                LOG.warn("{}: {}", what, refuse.reason());
                throw new CrmInvalidRequestException(
                        Errors.VENDOR,
                        answer.raw.status(),
                        null,
                        what + " failed: Salesforce " + refuse.reason(),
                        null);
            }
            current = ((Redirects.Follow) d).target();
            LOG.debug("{} -> {}, following to {}", what, answer.raw.status(), Redirects.describe(current));
        }
    }

    private record Answer(Raw raw, String location) {}

    private Answer sendOnce(
            String method,
            URI uri,
            Map<String, String> headers,
            String body,
            String contentType,
            HttpLimits.Exchange exchange)
            throws TransportFailure {
        Invocation.Builder request = client.target(uri)
                .request(MediaType.APPLICATION_JSON_TYPE)
                .property(READ_TIMEOUT_PROPERTY, (int) Math.min(
                        Integer.MAX_VALUE, exchange.headerTimeout(readTimeout).toMillis()));
        headers.forEach(request::header);
        Response response;
        try {
            response = body == null
                    ? request.method(method)
                    : request.method(method, Entity.entity(body, MediaType.valueOf(contentType + "; charset=UTF-8")));
        } catch (ProcessingException e) {
            if (exchange.expired()) {
                throw new TransportFailure(deadline(exchange), false, e);
            }
            throw failure(e, uri);
        }
        try (response) {
            String limitInfo = response.getHeaderString("Sforce-Limit-Info");
            String retryAfter = response.getHeaderString("Retry-After");
            String location = response.getHeaderString(HttpHeaders.LOCATION);
            byte[] bytes =
                    exchange.readBody(response.getHeaderString(HttpHeaders.CONTENT_LENGTH), response::close, () -> {
                        try {
                            return response.readEntity(InputStream.class);
                        } catch (IllegalStateException noEntity) {
                            return null;
                        }
                    });
            Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.getStringHeaders().forEach((k, v) -> all.put(k, List.copyOf(v)));
            return new Answer(
                    new Raw(
                            response.getStatus(),
                            new String(bytes, StandardCharsets.UTF_8),
                            limitInfo,
                            retryAfter,
                            Collections.unmodifiableMap(all)),
                    location);
        } catch (HttpLimits.Exceeded e) {
            // the status line arrived: the request was processed
            if (e.kind() == HttpLimits.Exceeded.Kind.DEADLINE) {
                throw new TransportFailure(deadline(exchange), false, e);
            }
            throw new TransportFailure(
                    "Salesforce answered more than " + HttpLimits.bytes(limits.maxBodyBytes()) + " for " + method + " "
                            + uri.getRawPath()
                            + (e.declaredLength() < 0
                                    ? ""
                                    : " (Content-Length " + HttpLimits.bytes(e.declaredLength()) + ")")
                            + "; raise http.max-body-bytes if answers this large are expected",
                    false,
                    false,
                    null);
        } catch (IOException e) {
            throw new TransportFailure("connection failed (" + e.getClass().getSimpleName() + ")", false, e);
        } catch (ProcessingException e) {
            throw failure(e, uri);
        }
    }

    private static String deadline(HttpLimits.Exchange exchange) {
        return exchange.deadlineExceeded(null).getMessage() + " (http.deadline)";
    }

    private static TransportFailure failure(ProcessingException e, URI uri) {
        Optional<String> never = Unreachable.reason(e, uri);
        if (never.isPresent()) {
            // the connection never opened: the host and the plain cause, not the JDK's exception names
            TransportFailure f =
                    new TransportFailure("cannot reach " + Unreachable.host(uri) + ": " + never.get(), true, e);
            f.host = Unreachable.host(uri);
            f.unreachable = never.get();
            return f;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
                return new TransportFailure("could not connect (" + t.getClass().getSimpleName() + ")", true, e);
            }
            if (t instanceof HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
                return new TransportFailure("timed out waiting for the answer", false, e);
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new TransportFailure("connection failed (" + root.getClass().getSimpleName() + ")", false, e);
    }
}
