package dev.handover.salesforce.http;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Map;

/**
 * One HTTP request and its answer read whole, through the Jakarta REST client. Transport problems (refused, reset,
 * timed out, cut short) come out as {@link TransportFailure}, which says whether the request provably never reached
 * the server.
 */
public final class HttpExchange {
    private final Client client;

    /** Sends through this client; the caller keeps owning it. */
    public HttpExchange(Client client) {
        this.client = client;
    }

    /** A whole answer, with the headers the adapter reads ({@code Retry-After} as sent, or null). */
    record Raw(int status, String body, String limitInfo, String retryAfter) {}

    /** The request failed below HTTP. */
    static final class TransportFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean notSent;
        private final String problem;

        TransportFailure(String problem, boolean notSent, Throwable cause) {
            super(problem, cause);
            this.problem = problem;
            this.notSent = notSent;
        }

        /** True when the connection was never made: the server cannot have acted on the request. */
        boolean notSent() {
            return notSent;
        }

        String problem() {
            return problem;
        }
    }

    Raw send(String method, URI uri, Map<String, String> headers, String body, String contentType)
            throws TransportFailure {
        Invocation.Builder request = client.target(uri).request(MediaType.APPLICATION_JSON_TYPE);
        headers.forEach(request::header);
        try (Response response = body == null
                ? request.method(method)
                : request.method(method, Entity.entity(body, MediaType.valueOf(contentType + "; charset=UTF-8")))) {
            String text = response.hasEntity() ? response.readEntity(String.class) : "";
            return new Raw(
                    response.getStatus(),
                    text,
                    response.getHeaderString("Sforce-Limit-Info"),
                    response.getHeaderString("Retry-After"));
        } catch (ProcessingException e) {
            throw failure(e);
        }
    }

    private static TransportFailure failure(ProcessingException e) {
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
