package dev.handover.salesforce.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.error.CrmRateLimitedException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.helpers.Backoff;
import dev.handover.spi.selftest.Exchange;
import dev.handover.spi.selftest.ExchangeRecorder;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every API call goes through here: the bearer token (re-fetched once on 401), the throttle that keeps the org under its API allocation, retries of
 * transient failures with backoff on the injected sleeper, and the mapping of failures to the SPI's exceptions.
 *
 * <p>Reads and query-only composites are retried freely. A composite that writes is never retried here: when its
 * outcome is unknown (reset, timeout, 5xx, an unreadable answer) it ends in {@link WriteOutcomeUnknown} and the
 * caller re-reads before deciding; when Salesforce refused it whole (4xx, 401 before processing) nothing was written.
 */
public final class Transport {
    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);
    /** Salesforce advises keeping request URIs under about 2,000 characters; longer queries go in a composite body. */
    static final int MAX_QUERY_URI = 1900;
    /** Query subrequests per composite call (Salesforce allows five queries or collections). */
    public static final int QUERIES_PER_CALL = 5;

    private final String dataPath;
    private final HttpExchange http;
    private final OAuthCredentials credentials;
    private final Throttle throttle;
    private final Backoff backoff;
    private final Clock clock;
    private final AtomicLong calls = new AtomicLong();
    /** A self-test's recorder, or null: without one nothing is copied or recorded. */
    private volatile ExchangeRecorder recorder;
    /** The {@code Sforce-Limit-Info} of the last API answer, or null when it had none (self-test probe). */
    private volatile String lastLimitInfo;

    /** A write whose outcome is unknown: it may or may not have landed. */
    public static final class WriteOutcomeUnknown extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final CrmUnavailableException failure;

        WriteOutcomeUnknown(CrmUnavailableException failure) {
            super(failure.getMessage(), failure);
            this.failure = failure;
        }

        /** The failure as the SPI reports it, should the write prove not to have landed. */
        public CrmUnavailableException failure() {
            return failure;
        }
    }

    /**
     * A transport for one org.
     *
     * @param dataPath the REST base path, {@code /services/data/v67.0}
     * @param backoff how transient failures are retried, on its clock and sleeper
     * @param clock when an answer's API usage was observed
     */
    public Transport(
            String dataPath,
            HttpExchange http,
            OAuthCredentials credentials,
            Throttle throttle,
            Backoff backoff,
            Clock clock) {
        this.dataPath = dataPath;
        this.http = http;
        this.credentials = credentials;
        this.throttle = throttle;
        this.backoff = backoff;
        this.clock = clock;
    }

    /**
     * Hands every API exchange from now on to this recorder, without the {@code Authorization} header; empty stops
     * recording. Token requests never pass here, so they are never recorded.
     */
    public void record(Optional<ExchangeRecorder> recorder) {
        this.recorder = recorder.orElse(null);
    }

    /** The {@code Sforce-Limit-Info} header of the last API answer, empty when that answer had none. */
    public Optional<String> lastLimitInfo() {
        return Optional.ofNullable(lastLimitInfo);
    }

    /**
     * One write outside a composite ({@code POST sobjects/Case}, {@code PATCH} or {@code DELETE sobjects/Case/{id}}):
     * never retried, sent with {@code Sforce-Auto-Assign: FALSE}; a 204 answers a missing node.
     *
     * @throws CrmException for a refusal, {@link WriteOutcomeUnknown} when the outcome is unknown
     */
    public JsonNode write(String method, String path, JsonNode body, String what) {
        return call(method, dataPath + path, body, false, what);
    }

    /** The REST base path, {@code /services/data/v67.0}. */
    public String dataPath() {
        return dataPath;
    }

    /** API calls sent (attempts included), for logs and tests. */
    public long calls() {
        return calls.get();
    }

    // ------------------------------------------------------------------ queries

    /** The first page of a query's answer ({@code totalSize}, {@code done}, {@code records}, {@code nextRecordsUrl}). */
    public JsonNode query(String soql, String what) {
        String path = dataPath + "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8);
        if (path.length() <= MAX_QUERY_URI) {
            return call("GET", path, null, true, what);
        }
        // a long query (many ids) travels in a composite body, which has no URI limit and is still one API call
        ObjectNode composite = Json.MAPPER.createObjectNode();
        composite.put("allOrNone", false);
        ObjectNode sub = composite.putArray("compositeRequest").addObject();
        sub.put("method", "GET");
        sub.put("url", path);
        sub.put("referenceId", "q");
        JsonNode result = call("POST", dataPath + "/composite", composite, true, what)
                .path("compositeResponse")
                .path(0);
        int status = result.path("httpStatusCode").asInt(0);
        if (status < 200 || status > 299) {
            throw Errors.map(status, VendorError.parse(result.path("body")), what, null);
        }
        return result.path("body");
    }

    /**
     * Several queries in as few calls as possible: one alone goes as itself; more travel five to a composite call.
     * Each query's records are followed through {@code nextRecordsUrl} until {@code wantedEach} are read.
     */
    public List<List<JsonNode>> queries(List<String> soqls, int wantedEach, String what) {
        List<List<JsonNode>> out = new ArrayList<>();
        if (soqls.size() == 1) {
            out.add(queryUpTo(soqls.get(0), wantedEach, what));
            return out;
        }
        for (int from = 0; from < soqls.size(); from += QUERIES_PER_CALL) {
            List<String> chunk = soqls.subList(from, Math.min(soqls.size(), from + QUERIES_PER_CALL));
            ObjectNode composite = Json.MAPPER.createObjectNode();
            composite.put("allOrNone", false);
            ArrayNode subs = composite.putArray("compositeRequest");
            for (int i = 0; i < chunk.size(); i++) {
                ObjectNode sub = subs.addObject();
                sub.put("method", "GET");
                sub.put("url", dataPath + "/query?q=" + URLEncoder.encode(chunk.get(i), StandardCharsets.UTF_8));
                sub.put("referenceId", "q" + i);
            }
            ArrayNode results = composite(composite, false, what);
            for (JsonNode r : results) {
                int status = r.path("httpStatusCode").asInt(0);
                if (status < 200 || status > 299) {
                    throw Errors.map(status, VendorError.parse(r.path("body")), what, null);
                }
                List<JsonNode> records = new ArrayList<>();
                JsonNode page = r.path("body");
                collect(page, records);
                while (records.size() < wantedEach && !page.path("done").asBoolean(true)) {
                    page = nextPage(page, what);
                    collect(page, records);
                }
                out.add(records);
            }
        }
        return out;
    }

    /** The instance the current token is valid for (fetching a token when there is none). */
    public URI instanceUrl() {
        return credentials.current().instanceUrl();
    }

    /** Records of a query until at least {@code wanted} are read or there are no more. */
    public List<JsonNode> queryUpTo(String soql, int wanted, String what) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode page = query(soql, what);
        collect(page, out);
        while (out.size() < wanted && !page.path("done").asBoolean(true)) {
            page = nextPage(page, what);
            collect(page, out);
        }
        return out;
    }

    /** The records of a page a composite subrequest returned, and of the pages after it. */
    public List<JsonNode> remainingRecords(JsonNode firstPage, String what) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode page = firstPage;
        collect(page, out);
        while (!page.path("done").asBoolean(true)) {
            page = nextPage(page, what);
            collect(page, out);
        }
        return out;
    }

    private JsonNode nextPage(JsonNode page, String what) {
        String next = page.path("nextRecordsUrl").asText("");
        // follow only our own API paths: a crafted answer must not send the token elsewhere
        if (!next.startsWith("/services/data/") || next.contains("..") || next.contains("//")) {
            throw Errors.unavailable(what, "the answer's nextRecordsUrl is not a query path", null);
        }
        return call("GET", next, null, true, what);
    }

    private static void collect(JsonNode page, List<JsonNode> out) {
        for (JsonNode r : page.path("records")) {
            out.add(r);
        }
    }

    // ------------------------------------------------------------------ composite

    /**
     * Sends a composite request.
     *
     * @param writes true when a subrequest writes: then the call is never retried here and an unknown outcome ends in
     *     {@link WriteOutcomeUnknown}
     * @return the {@code compositeResponse} array
     */
    public ArrayNode composite(ObjectNode request, boolean writes, String what) {
        JsonNode answer = call("POST", dataPath + "/composite", request, !writes, what);
        JsonNode results = answer.path("compositeResponse");
        if (!results.isArray()
                || results.size() != request.path("compositeRequest").size()) {
            CrmUnavailableException e =
                    Errors.unavailable(what, "the composite answer does not match the request", null);
            if (writes) {
                throw new WriteOutcomeUnknown(e);
            }
            throw e;
        }
        return (ArrayNode) results;
    }

    // ------------------------------------------------------------------ the call

    /**
     * One API call with auth, pacing and retries.
     *
     * @param idempotent true when repeating the request is harmless (reads); false for writes
     */
    JsonNode call(String method, String pathAndQuery, JsonNode body, boolean idempotent, String what) {
        boolean reauthenticated = false;
        for (int attempt = 1; ; attempt++) {
            throttle.beforeCall(what);
            OAuthCredentials.Token token = credentials.current();
            URI uri = URI.create(stripSlash(token.instanceUrl().toString()) + pathAndQuery);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", "Bearer " + token.accessToken());
            headers.put("Sforce-Call-Options", "client=handover");
            if (!idempotent) {
                // subrequests carry their own header; on the top level too in case the org applies it transaction-wide
                headers.put("Sforce-Auto-Assign", "FALSE");
            }
            long started = System.nanoTime();
            calls.incrementAndGet();
            CrmException failure;
            Optional<Duration> retryAfter = Optional.empty();
            try {
                HttpExchange.Raw raw = http.send(
                        method, uri, headers, body == null ? null : Json.write(body), "application/json", what);
                Throttle.Usage.parse(raw.limitInfo(), clock.instant()).ifPresent(throttle::observe);
                lastLimitInfo = raw.limitInfo();
                ExchangeRecorder r = recorder;
                if (r != null) {
                    record(r, method, pathAndQuery, headers, body, raw);
                }
                LOG.debug(
                        "{} {} -> {} in {} ms{}",
                        method,
                        pathAndQuery.contains("?")
                                ? pathAndQuery.substring(0, pathAndQuery.indexOf('?'))
                                : pathAndQuery,
                        raw.status(),
                        (System.nanoTime() - started) / 1_000_000,
                        throttle.usage()
                                .map(u -> ", " + u.used() + "/" + u.max() + " API calls used")
                                .orElse(""));
                JsonNode json;
                try {
                    json = Json.parse(raw.body());
                } catch (IOException e) {
                    json = null;
                }
                if (raw.status() >= 200 && raw.status() <= 299) {
                    if (json == null) {
                        failure = Errors.unavailable(what, "the answer (HTTP " + raw.status() + ") is not JSON", null);
                        if (!idempotent) {
                            throw new WriteOutcomeUnknown((CrmUnavailableException) failure);
                        }
                    } else {
                        return json;
                    }
                } else {
                    List<VendorError> errors = VendorError.parse(json);
                    if (raw.status() == 401 && !reauthenticated) {
                        // INVALID_SESSION_ID: the token expired or was revoked; nothing ran, so once more with a new
                        // one
                        credentials.invalidate(token);
                        reauthenticated = true;
                        attempt--;
                        continue;
                    }
                    retryAfter = backoff.retryAfter(raw.retryAfter());
                    failure = Errors.map(raw.status(), errors, what, retryAfter.orElse(null));
                    if (failure instanceof CrmRateLimitedException
                            && "REQUEST_LIMIT_EXCEEDED"
                                    .equals(failure.vendorCode().orElse(""))) {
                        if (!isConcurrencyLimit(errors)) {
                            throttle.exhausted();
                        }
                        throw new CrmRateLimitedException(
                                Errors.VENDOR,
                                raw.status(),
                                "REQUEST_LIMIT_EXCEEDED",
                                failure.getMessage(),
                                isConcurrencyLimit(errors) ? Duration.ofSeconds(20) : throttle.cooldown(),
                                null);
                    }
                    if (failure instanceof CrmUnavailableException unavailable && !idempotent) {
                        throw new WriteOutcomeUnknown(unavailable);
                    }
                }
            } catch (HttpExchange.TransportFailure e) {
                CrmUnavailableException unavailable = e.toException(what);
                if (!idempotent && !e.notSent()) {
                    throw new WriteOutcomeUnknown(unavailable);
                }
                if (!e.worthRetrying()) {
                    throw unavailable;
                }
                failure = unavailable;
            }
            if (!failure.isRetryable() || failure instanceof CrmRateLimitedException || !backoff.canRetry(attempt)) {
                throw failure;
            }
            // Retry-After is waited exactly; one beyond retry.max-backoff is not waited for: the failure is reported
            Duration wait = backoff.delay(attempt, retryAfter).orElse(null);
            if (wait == null) {
                throw failure;
            }
            LOG.debug(
                    "{} failed ({}); retry {} of {} in {}",
                    what,
                    failure.vendorCode().orElse("transport"),
                    attempt,
                    backoff.maxAttempts() - 1,
                    wait);
            try {
                backoff.sleep(wait);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw Errors.unavailable(what, "interrupted while waiting to retry", ie);
            }
        }
    }

    private static void record(
            ExchangeRecorder r,
            String method,
            String pathAndQuery,
            Map<String, String> headers,
            JsonNode body,
            HttpExchange.Raw raw) {
        Map<String, List<String>> sent = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Authorization")) { // the bearer token is never recorded
                sent.put(k, List.of(v));
            }
        });
        if (body != null) {
            sent.put("Content-Type", List.of("application/json; charset=UTF-8"));
        }
        try {
            r.record(new Exchange(
                    method,
                    pathAndQuery,
                    sent,
                    body == null ? "" : Json.write(body),
                    raw.status(),
                    raw.headers(),
                    raw.body()));
        } catch (RuntimeException e) {
            // a failing recorder must not fail the call it watches
            LOG.warn("the self-test recorder failed ({})", e.getClass().getSimpleName());
        }
    }

    /** Salesforce also answers REQUEST_LIMIT_EXCEEDED for too many concurrent long requests, which passes soon. */
    private static boolean isConcurrencyLimit(List<VendorError> errors) {
        return errors.stream().anyMatch(e -> e.message().contains("Concurrent"));
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
