package dev.handover.rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.handover.memory.time.MutableClock;
import dev.handover.spi.Secret;
import dev.handover.spi.error.CrmRateLimitedException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How long the connector waits before it repeats a request to RT, over real HTTP to a small RT on loopback and on the
 * test's clock: the SPI's {@code Backoff} rule — exactly the {@code Retry-After} a proxy in front of RT sent with a
 * 429 or 503, else the attempt's jittered backoff; a {@code Retry-After} beyond {@code retry.max-retry-after} is
 * reported at once, without waiting; and never more attempts than {@code retry.max-attempts}.
 */
final class RetryWaitsTest {
    private static final String TOKEN = "rt-token-of-the-retry-test";
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final String TICKET_READ = "GET /REST/2.0/ticket/1";
    private static final String CREATE_SEARCH = "GET /REST/2.0/transactions";
    private static final String TEXT_SEARCH = "POST /REST/2.0/attachments";

    private final MutableClock clock = MutableClock.at(START);
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final FakeRt rt = new FakeRt();

    @AfterEach
    void stop() {
        rt.close();
    }

    private RtConnector.Builder connector() {
        return RtConnector.builder()
                .url(rt.url())
                .token(Secret.of(TOKEN))
                .clock(clock)
                .sleeper(d -> {
                    sleeps.add(d);
                    clock.advance(d);
                })
                .random(new SplittableRandom(5));
    }

    private Duration waited() {
        return Duration.between(START, clock.instant());
    }

    private static void assertTicketOne(Ticket ticket) {
        assertThat(ticket.id()).isEqualTo(TicketId.of("1"));
        assertThat(ticket.subject()).isEqualTo("Printer on fire");
        assertThat(ticket.description()).isEqualTo("The printer on floor 2 is on fire.");
    }

    // ------------------------------------------------------------------------------------------------ 429

    @Test
    void aRateLimitWithRetryAfterTwoIsWaitedExactlyTwoSecondsNotTheLongerBackoff() {
        rt.refuse(TICKET_READ, 429, "2");
        try (RtConnector crm = connector()
                .retry(4, Duration.ofSeconds(5), Duration.ofSeconds(20)) // a first backoff of 2.5–5 s
                .build()) {

            assertTicketOne(crm.ticket(TicketId.of("1")).orElseThrow());

            assertThat(crm.requestCount()).isEqualTo(4);
        }
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
        assertThat(waited()).isEqualTo(Duration.ofSeconds(2));
        assertThat(rt.received()).containsExactly(TICKET_READ, TICKET_READ, CREATE_SEARCH, TEXT_SEARCH);
    }

    @Test
    void threeRateLimitsWithRetryAfterTwoAreWaitedOutInSixSeconds() {
        rt.refuse(TICKET_READ, 429, "2", 3);
        try (RtConnector crm = connector().build()) { // the default: 4 attempts

            assertTicketOne(crm.ticket(TicketId.of("1")).orElseThrow());
        }
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(waited()).isEqualTo(Duration.ofSeconds(6));
        assertThat(rt.count(TICKET_READ)).isEqualTo(4);
    }

    @Test
    void aRetryAfterGivenAsAnHttpDateIsMeasuredOnTheInjectedClock() {
        rt.refuse(TICKET_READ, 429, "Mon, 02 Mar 2026 09:00:05 GMT");
        try (RtConnector crm = connector().build()) {

            assertTicketOne(crm.ticket(TicketId.of("1")).orElseThrow());
        }
        assertThat(sleeps).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void aRateLimitWithoutRetryAfterBacksOffLongerWithEachAttempt() {
        rt.refuse(TICKET_READ, 429, null, 3);
        try (RtConnector crm = connector()
                .retry(4, Duration.ofMillis(500), Duration.ofSeconds(20))
                .build()) {

            assertTicketOne(crm.ticket(TicketId.of("1")).orElseThrow());
        }
        // equal jitter: half of 500 ms, 1 s and 2 s, plus up to as much again
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.get(0).toMillis()).isBetween(250L, 500L);
        assertThat(sleeps.get(1).toMillis()).isBetween(500L, 1000L);
        assertThat(sleeps.get(2).toMillis()).isBetween(1000L, 2000L);
        assertThat(rt.count(TICKET_READ)).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 10})
    void aRateLimitThatOutlastsTheRetriesIsReportedAfterExactlyTheConfiguredAttempts(int attempts) {
        rt.refuse(TICKET_READ, 429, "1", 12);
        Throwable thrown;
        try (RtConnector crm = connector()
                .retry(attempts, Duration.ofMillis(500), Duration.ofSeconds(20))
                .build()) {
            thrown = catchThrowable(() -> crm.ticket(TicketId.of("1")));
            assertThat(crm.requestCount()).isEqualTo(attempts);
        }
        assertThat(thrown)
                .isInstanceOfSatisfying(CrmRateLimitedException.class, e -> {
                    assertThat(e.httpStatus()).hasValue(429);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
                })
                .hasMessageContaining("read of ticket 1 failed: Too many requests, slow down")
                .hasMessageNotContaining(TOKEN);
        assertThat(rt.received()).hasSize(attempts).containsOnly(TICKET_READ);
        assertThat(sleeps).hasSize(attempts - 1).allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofSeconds(1)));
        assertThat(waited()).isEqualTo(Duration.ofSeconds(attempts - 1));
    }

    @Test
    void aRetryAfterAboveTheCeilingIsReportedWithoutWaiting() {
        rt.refuse(TICKET_READ, 429, "31");
        Throwable thrown;
        try (RtConnector crm = connector().maxRetryAfter(Duration.ofSeconds(30)).build()) {
            thrown = catchThrowable(() -> crm.ticket(TicketId.of("1")));
        }
        assertThat(thrown)
                .isInstanceOfSatisfying(
                        CrmRateLimitedException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(31)))
                .hasMessageContaining("read of ticket 1 failed: Too many requests, slow down");
        assertThat(sleeps).isEmpty();
        assertThat(waited()).isZero();
        assertThat(rt.received()).containsExactly(TICKET_READ);
    }

    @Test
    void theDefaultCeilingOfTwoMinutesIsWaitedAndASecondMoreIsNot() {
        try (RtConnector crm = connector().build()) {
            rt.refuse(TICKET_READ, 429, "120");
            assertTicketOne(crm.ticket(TicketId.of("1")).orElseThrow());
            assertThat(sleeps).containsExactly(Duration.ofMinutes(2));

            rt.refuse(TICKET_READ, 429, "121");
            assertThat(catchThrowable(() -> crm.ticket(TicketId.of("1"))))
                    .isInstanceOfSatisfying(
                            CrmRateLimitedException.class,
                            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(121)));
        }
        assertThat(sleeps).containsExactly(Duration.ofMinutes(2));
        assertThat(waited()).isEqualTo(Duration.ofMinutes(2));
        // the description is kept after the first read: the second asks for the ticket only
        assertThat(rt.received()).containsExactly(TICKET_READ, TICKET_READ, CREATE_SEARCH, TEXT_SEARCH, TICKET_READ);
    }

    @Test
    void aRateLimitedDescriptionSearchIsWaitedOutAndSentAgainAsItWas() {
        rt.refuse(TEXT_SEARCH, 429, "2");
        try (RtConnector crm = connector().build()) {

            assertTicketOne(crm.ticket(TicketId.of("1")).orElseThrow());
        }
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
        assertThat(rt.received()).containsExactly(TICKET_READ, CREATE_SEARCH, TEXT_SEARCH, TEXT_SEARCH);
        assertThat(rt.searchBodies()).hasSize(2).containsOnly(rt.searchBodies().get(0));
    }

    // ------------------------------------------------------------------------------------------------ 503

    @Test
    void aServiceUnavailableWithRetryAfterIsRepeatedAfterExactlyThatEvenWhenTheBackoffWouldBeLonger() {
        rt.refuse(TICKET_READ, 503, "1");
        try (RtConnector crm = connector()
                .retry(4, Duration.ofSeconds(5), Duration.ofSeconds(20)) // a first backoff of 2.5–5 s
                .build()) {

            assertTicketOne(crm.ticket(TicketId.of("1")).orElseThrow());
        }
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
        assertThat(waited()).isEqualTo(Duration.ofSeconds(1));
        assertThat(rt.count(TICKET_READ)).isEqualTo(2);
    }

    @Test
    void aServiceUnavailableAskingForLongerThanTheCeilingIsReportedWithoutWaiting() {
        rt.refuse(TICKET_READ, 503, "600");
        Throwable thrown;
        try (RtConnector crm = connector().build()) { // the default ceiling: 2 min
            thrown = catchThrowable(() -> crm.ticket(TicketId.of("1")));
        }
        // a 503 with Retry-After is a proxy holding requests back: reported as rate limited, with the wait it asked
        assertThat(thrown)
                .isInstanceOfSatisfying(CrmRateLimitedException.class, e -> {
                    assertThat(e.httpStatus()).hasValue(503);
                    assertThat(e.retryAfter()).contains(Duration.ofMinutes(10));
                })
                .hasMessageContaining("read of ticket 1 failed: Maintenance in progress");
        assertThat(sleeps).isEmpty();
        assertThat(rt.received()).containsExactly(TICKET_READ);
    }

    @Test
    void aServiceUnavailableWithoutRetryAfterBacksOffUntilTheAttemptsAreSpent() {
        rt.refuse(TICKET_READ, 503, null, 10);
        Throwable thrown;
        try (RtConnector crm = connector()
                .retry(3, Duration.ofMillis(500), Duration.ofSeconds(20))
                .build()) {
            thrown = catchThrowable(() -> crm.ticket(TicketId.of("1")));
        }
        assertThat(thrown)
                .isInstanceOfSatisfying(
                        CrmUnavailableException.class,
                        e -> assertThat(e.httpStatus()).hasValue(503))
                .hasMessageContaining("read of ticket 1 failed: Maintenance in progress");
        assertThat(rt.received()).hasSize(3).containsOnly(TICKET_READ);
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0).toMillis()).isBetween(250L, 500L);
        assertThat(sleeps.get(1).toMillis()).isBetween(500L, 1000L);
    }

    // ------------------------------------------------------------------------------------------------ the fake

    /** A refusal a proxy in front of RT answers, with its {@code Retry-After} (null: none). */
    private record Refusal(int status, String retryAfter) {}

    /**
     * A loopback RT with ticket 1, answering the three requests a read of it makes — the ticket, the search for its
     * Create transaction, the JSON search for that transaction's text — as REST 2.0 does, after any refusals scripted
     * for the request. It checks the token, and records every request as {@code "METHOD /path"}.
     */
    private static final class FakeRt implements AutoCloseable {
        private static final String TICKET = "{\"id\":1,\"type\":\"ticket\",\"Type\":\"ticket\","
                + "\"Subject\":\"Printer on fire\",\"Status\":\"open\",\"Priority\":\"0\","
                + "\"Queue\":{\"id\":\"1\",\"type\":\"queue\"},\"Owner\":{\"id\":\"Nobody\",\"type\":\"user\"},"
                + "\"Created\":\"2026-03-01T08:00:00Z\",\"LastUpdated\":\"2026-03-02T08:00:00Z\","
                + "\"CustomFields\":[],\"Requestor\":[]}";
        private static final String CREATE_QUERY = "ObjectType = 'RT::Ticket' AND Type = 'Create' AND (ObjectId = 1)";
        private static final String CREATE_TRANSACTION = "{\"count\":1,\"page\":1,\"pages\":1,\"per_page\":100,"
                + "\"total\":1,\"items\":[{\"id\":\"10\",\"type\":\"transaction\",\"Type\":\"Create\","
                + "\"Creator\":{\"id\":\"root\",\"type\":\"user\"},\"Created\":\"2026-03-01T08:00:00Z\","
                + "\"ObjectId\":\"1\"}]}";
        private static final String TEXT_QUERY = "[{\"field\":\"TransactionId\",\"operator\":\"IN\",\"value\":[10]}]";
        private static final String CREATE_TEXT = "{\"count\":1,\"page\":1,\"pages\":1,\"per_page\":100,"
                + "\"total\":1,\"items\":[{\"id\":\"20\",\"type\":\"attachment\",\"TransactionId\":\"10\","
                + "\"ContentType\":\"text/plain\",\"Content\":\"The printer on floor 2 is on fire.\"}]}";
        private static final String EMPTY_PAGE =
                "{\"count\":0,\"page\":1,\"pages\":0,\"per_page\":100,\"total\":0,\"items\":[]}";

        private final HttpServer server;
        private final Map<String, Deque<Refusal>> refusals = new ConcurrentHashMap<>();
        private final List<String> received = new CopyOnWriteArrayList<>();
        private final List<String> searchBodies = new CopyOnWriteArrayList<>();

        FakeRt() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", this::handle);
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        /** The next request {@code "METHOD /path"} is refused so (then RT answers). */
        void refuse(String request, int status, String retryAfter) {
            refuse(request, status, retryAfter, 1);
        }

        /** The next {@code times} requests {@code "METHOD /path"} are refused so. */
        void refuse(String request, int status, String retryAfter, int times) {
            Deque<Refusal> q = refusals.computeIfAbsent(request, k -> new ConcurrentLinkedDeque<>());
            for (int i = 0; i < times; i++) {
                q.add(new Refusal(status, retryAfter));
            }
        }

        List<String> received() {
            return List.copyOf(received);
        }

        long count(String request) {
            return received.stream().filter(request::equals).count();
        }

        /** The bodies of the attachment searches, in order. */
        List<String> searchBodies() {
            return List.copyOf(searchBodies);
        }

        private void handle(HttpExchange e) throws IOException {
            try {
                String request = e.getRequestMethod() + " " + e.getRequestURI().getPath();
                String body = new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(request);
                if (request.equals(TEXT_SEARCH)) {
                    searchBodies.add(body);
                }
                if (!("token " + TOKEN).equals(e.getRequestHeaders().getFirst("Authorization"))) {
                    send(e, 401, null, "{\"message\":\"Unauthorized\"}");
                    return;
                }
                Refusal refusal = refusals.getOrDefault(request, new ConcurrentLinkedDeque<>())
                        .poll();
                if (refusal != null) {
                    send(
                            e,
                            refusal.status(),
                            refusal.retryAfter(),
                            refusal.status() == 429
                                    ? "{\"message\":\"Too many requests, slow down\"}"
                                    : "{\"message\":\"Maintenance in progress\"}");
                    return;
                }
                switch (request) {
                    case TICKET_READ -> {
                        e.getResponseHeaders().set("ETag", "\"10\"");
                        send(e, 200, null, TICKET);
                    }
                    case CREATE_SEARCH ->
                        send(e, 200, null, CREATE_QUERY.equals(param(e, "query")) ? CREATE_TRANSACTION : EMPTY_PAGE);
                    case TEXT_SEARCH -> send(e, 200, null, TEXT_QUERY.equals(body) ? CREATE_TEXT : EMPTY_PAGE);
                    default -> send(e, 404, null, "{\"message\":\"Resource does not exist\"}");
                }
            } finally {
                e.close();
            }
        }

        private static String param(HttpExchange e, String name) {
            String raw = e.getRequestURI().getRawQuery();
            List<String> values = new ArrayList<>();
            for (String pair : raw == null ? new String[0] : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0
                        && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8)
                                .equals(name)) {
                    values.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return values.size() == 1 ? values.get(0) : null;
        }

        private static void send(HttpExchange e, int status, String retryAfter, String json) throws IOException {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            e.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            if (retryAfter != null) {
                e.getResponseHeaders().set("Retry-After", retryAfter);
            }
            e.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = e.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
