package dev.handover.rt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.handover.memory.time.MutableClock;
import dev.handover.rt.http.Credentials;
import dev.handover.rt.http.HttpCall;
import dev.handover.rt.http.Transport;
import dev.handover.spi.Secret;
import dev.handover.spi.error.CrmInvalidRequestException;
import dev.handover.spi.error.CrmUnavailableException;
import dev.handover.spi.helpers.Backoff;
import dev.handover.spi.helpers.HttpLimits;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.model.TicketId;
import dev.handover.testkit.hostile.HostileServer;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The adapter against a hostile server on loopback, over real HTTP: redirects to another origin (another port, host
 * name or scheme than the configured URL's), headers followed by silence, answers of 4 GiB and without end. The auth
 * token and the basic-auth password never reach the other origin nor an exception's message; a stalled answer ends at
 * the deadline; a huge answer is refused without being held.
 */
final class HostileServersTest {
    private static final String TOKEN = "rt-token-never-elsewhere";
    private static final String USER = "handover";
    private static final String PASSWORD = "rt-password-never-elsewhere";
    private static final String BASIC =
            Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    private static final Duration SHORT = Duration.ofMillis(300);
    /** Generous: a hang (the defect) is far longer, a working deadline far shorter. */
    private static final Duration GIVE_UP = Duration.ofSeconds(20);

    /** Ticket 1 as REST 2.0 answers a single read of it (no requestor, so no user read follows). */
    private static final String TICKET = "{\"id\":1,\"Type\":\"ticket\",\"Subject\":\"Printer on fire\","
            + "\"Status\":\"open\",\"Priority\":\"0\",\"Queue\":{\"id\":\"1\",\"type\":\"queue\"},"
            + "\"Owner\":{\"id\":\"Nobody\",\"type\":\"user\"},\"Created\":\"2026-03-01T08:00:00Z\","
            + "\"LastUpdated\":\"2026-03-02T08:00:00Z\",\"CustomFields\":[],\"Requestor\":[]}";
    /** The search for ticket 1's Create transaction. */
    private static final String CREATE_TRANSACTION = "{\"count\":1,\"page\":1,\"pages\":1,\"per_page\":100,"
            + "\"total\":1,\"items\":[{\"id\":\"10\",\"type\":\"transaction\",\"Type\":\"Create\","
            + "\"Creator\":{\"id\":\"root\",\"type\":\"user\"},\"Created\":\"2026-03-01T08:00:00Z\","
            + "\"ObjectId\":\"1\"}]}";
    /** The JSON search for that transaction's attachments. */
    private static final String CREATE_TEXT = "{\"count\":1,\"page\":1,\"pages\":1,\"per_page\":100,\"total\":1,"
            + "\"items\":[{\"id\":\"20\",\"type\":\"attachment\",\"TransactionId\":\"10\","
            + "\"ContentType\":\"text/plain\",\"Content\":\"The printer on floor 2 is on fire.\"}]}";

    private final HostileServer rt = HostileServer.start();
    private final HostileServer elsewhere = HostileServer.start();
    private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-02T09:00:00Z"));

    HostileServersTest() {
        elsewhere.otherwise(HostileServer.json(200, TICKET));
    }

    @AfterEach
    void stop() {
        rt.close();
        elsewhere.close();
    }

    private RtConnector.Builder withToken() {
        return RtConnector.builder()
                .url(rt.url())
                .token(Secret.of(TOKEN))
                .clock(clock)
                .sleeper(clock::advance);
    }

    private RtConnector.Builder withPassword() {
        return RtConnector.builder()
                .url(rt.url())
                .basicAuth(USER, Secret.of(PASSWORD))
                .clock(clock)
                .sleeper(clock::advance);
    }

    /** RT answers ticket 1, its Create transaction and that transaction's text, as a read of the ticket needs. */
    private void rtAnswersTicketOne() {
        rt.answer("GET", "/REST/2.0/ticket/1", HostileServer.json(200, TICKET));
        rt.answer("GET", "/REST/2.0/transactions", HostileServer.json(200, CREATE_TRANSACTION));
        rt.answer("POST", "/REST/2.0/attachments", HostileServer.json(200, CREATE_TEXT));
    }

    private List<HostileServer.Recorded> ticketReads() {
        return rt.requests().stream()
                .filter(r -> r.path().equals("/REST/2.0/ticket/1"))
                .toList();
    }

    private void assertNothingReachedElsewhere() {
        assertThat(elsewhere.requests())
                .as("requests the other origin received")
                .allSatisfy(r -> assertThat(r.asText()).doesNotContain(TOKEN, PASSWORD, BASIC))
                .isEmpty();
    }

    private static void assertNoSecretIn(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage()))
                    .as("the message of %s", t.getClass().getSimpleName())
                    .doesNotContain(TOKEN, PASSWORD, BASIC);
        }
    }

    // ------------------------------------------------------------------------------------------------ redirects

    @ParameterizedTest
    @ValueSource(ints = {302, 307, 308})
    void anApiRedirectToAnotherOriginFailsNamingTheLocationAndTheTokenStaysHome(int status) {
        rt.otherwise(HostileServer.redirect(status, elsewhere.url("/steal?token=abc")));
        Throwable thrown;
        try (RtConnector crm = withToken().build()) {
            thrown = catchThrowable(() -> crm.ticket(TicketId.of("1")));
        }
        assertThat(thrown)
                .isInstanceOf(CrmInvalidRequestException.class)
                .hasMessageContaining("read of ticket 1 failed: RT redirected (HTTP " + status + ") to another origin, "
                        + elsewhere.url("/steal") + " (query left out); credentials are only ever sent to " + rt.url())
                .hasMessageNotContaining("token=abc");
        assertThat(((CrmInvalidRequestException) thrown).httpStatus()).hasValue(status);
        assertNoSecretIn(thrown);
        assertNothingReachedElsewhere();
        assertThat(ticketReads()).as("a refused redirect is not retried").hasSize(1);
        assertThat(ticketReads().get(0).headers())
                .as("the token did go to RT itself")
                .containsEntry("authorization", "token " + TOKEN);
    }

    @ParameterizedTest
    @ValueSource(ints = {302, 307, 308})
    void theBasicAuthPasswordNeverFollowsARedirect(int status) {
        rt.otherwise(HostileServer.redirect(status, elsewhere.url("/steal")));
        Throwable thrown;
        try (RtConnector crm = withPassword().build()) {
            thrown = catchThrowable(() -> crm.ticket(TicketId.of("1")));
        }
        assertThat(thrown)
                .isInstanceOf(CrmInvalidRequestException.class)
                .hasMessageContaining(
                        "RT redirected (HTTP " + status + ") to another origin, " + elsewhere.url("/steal"));
        assertNoSecretIn(thrown);
        assertNothingReachedElsewhere();
        assertThat(ticketReads()).hasSize(1);
        assertThat(ticketReads().get(0).headers()).containsEntry("authorization", "Basic " + BASIC);
    }

    /** The same port under another host name, or another scheme: another origin all the same, nothing is sent. */
    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:%d/REST/2.0/ticket/1", "https://127.0.0.1:%d/REST/2.0/ticket/1"})
    void aRedirectToAnotherHostNameOrSchemeOfTheSamePortIsAnotherOrigin(String pattern) {
        URI location = URI.create(String.format(pattern, rt.url().getPort()));
        rt.otherwise(HostileServer.redirect(307, location));
        try (RtConnector crm = withToken().build()) {
            Throwable thrown =
                    assertTimeoutPreemptively(GIVE_UP, () -> catchThrowable(() -> crm.ticket(TicketId.of("1"))));
            assertThat(thrown)
                    .isInstanceOf(CrmInvalidRequestException.class)
                    .hasMessageContaining("RT redirected (HTTP 307) to another origin, " + location
                            + "; credentials are only ever sent to " + rt.url())
                    .hasMessageNotContaining(TOKEN);
        }
        assertThat(rt.requests())
                .as("the location was not asked, not even on the same port")
                .hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {307, 308})
    void theDescriptionSearchIsNeverPostedToAnotherOrigin(int status) {
        rtAnswersTicketOne();
        rt.answer(
                "POST",
                "/REST/2.0/attachments",
                HostileServer.redirect(status, elsewhere.url("/REST/2.0/attachments")));
        try (RtConnector crm = withPassword().build()) {
            Throwable thrown = catchThrowable(() -> crm.ticket(TicketId.of("1")));
            assertThat(thrown)
                    .isInstanceOf(CrmInvalidRequestException.class)
                    .hasMessageContaining("read of ticket descriptions failed: RT redirected (HTTP " + status
                            + ") to another origin, " + elsewhere.url("/REST/2.0/attachments"));
            assertNoSecretIn(thrown);
        }
        assertNothingReachedElsewhere();
        assertThat(rt.requests())
                .extracting(HostileServer.Recorded::path)
                .containsExactly("/REST/2.0/ticket/1", "/REST/2.0/transactions", "/REST/2.0/attachments");
    }

    @Test
    void aRedirectWithinRtsOriginIsFollowedWithTheCredentialsAndA307KeepsTheSearchBody() {
        rtAnswersTicketOne();
        rt.answer("GET", "/REST/2.0/ticket/1", HostileServer.redirect(302, rt.url("/rt/REST/2.0/ticket/1")));
        rt.answer("GET", "/rt/REST/2.0/ticket/1", HostileServer.json(200, TICKET));
        rt.answer("POST", "/REST/2.0/attachments", HostileServer.redirect(307, rt.url("/rt/REST/2.0/attachments")));
        rt.answer("POST", "/rt/REST/2.0/attachments", HostileServer.json(200, CREATE_TEXT));
        Ticket ticket;
        try (RtConnector crm = withToken().build()) {
            ticket = crm.ticket(TicketId.of("1")).orElseThrow();
        }
        assertThat(ticket.subject()).isEqualTo("Printer on fire");
        assertThat(ticket.description()).isEqualTo("The printer on floor 2 is on fire.");
        List<HostileServer.Recorded> requests = rt.requests();
        assertThat(requests)
                .extracting(HostileServer.Recorded::path)
                .containsExactly(
                        "/REST/2.0/ticket/1",
                        "/rt/REST/2.0/ticket/1",
                        "/REST/2.0/transactions",
                        "/REST/2.0/attachments",
                        "/rt/REST/2.0/attachments");
        assertThat(requests).allSatisfy(r -> assertThat(r.headers()).containsEntry("authorization", "token " + TOKEN));
        assertThat(requests.get(4).method()).isEqualTo("POST");
        assertThat(requests.get(4).body()).isEqualTo(requests.get(3).body()).contains("TransactionId");
        assertNothingReachedElsewhere();
    }

    @Test
    void aFoundRedirectOfTheDescriptionSearchIsNotTurnedIntoAGet() {
        rtAnswersTicketOne();
        rt.answer("POST", "/REST/2.0/attachments", HostileServer.redirect(302, rt.url("/rt/REST/2.0/attachments")));
        try (RtConnector crm = withToken().build()) {
            assertThatThrownBy(() -> crm.ticket(TicketId.of("1")))
                    .isInstanceOf(CrmInvalidRequestException.class)
                    .hasMessageContaining("read of ticket descriptions failed: RT redirected a POST (HTTP 302) to "
                            + rt.url("/rt/REST/2.0/attachments") + "; only 307 and 308 keep a request's method");
        }
        assertThat(rt.requests()).extracting(HostileServer.Recorded::path).doesNotContain("/rt/REST/2.0/attachments");
    }

    // ------------------------------------------------------------------------------------------------ stalls

    @Test
    void anAnswerThatStallsAfterItsHeadersEndsAtTheDeadline() {
        rt.otherwise(HostileServer.stallAfterHeaders());
        try (RtConnector crm = withToken()
                .deadline(SHORT)
                .retry(2, Duration.ofMillis(100), Duration.ofMillis(100))
                .build()) {
            long started = System.nanoTime();
            Throwable thrown =
                    assertTimeoutPreemptively(GIVE_UP, () -> catchThrowable(() -> crm.ticket(TicketId.of("1"))));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(thrown)
                    .isInstanceOf(CrmUnavailableException.class)
                    .hasMessageContaining("read of ticket 1 failed: no complete answer within the deadline of 300 ms")
                    .hasMessageNotContaining("outcome is unknown");
            assertNoSecretIn(thrown);
            // two attempts of 300 ms each; the backoff between them is on the test's clock
            assertThat(took).isBetween(Duration.ofMillis(600), Duration.ofSeconds(5));
            assertThat(crm.requestCount()).isEqualTo(2);
        }
        assertThat(ticketReads()).hasSize(2);
    }

    @Test
    void aStalledDescriptionSearchEndsAtTheDeadline() {
        rtAnswersTicketOne();
        rt.answer("POST", "/REST/2.0/attachments", HostileServer.stallAfterHeaders());
        try (RtConnector crm = withToken()
                .deadline(SHORT)
                .retry(1, Duration.ofMillis(100), Duration.ofMillis(100))
                .build()) {
            Throwable thrown =
                    assertTimeoutPreemptively(GIVE_UP, () -> catchThrowable(() -> crm.ticket(TicketId.of("1"))));
            assertThat(thrown)
                    .isInstanceOf(CrmUnavailableException.class)
                    .hasMessageContaining(
                            "read of ticket descriptions failed: no complete answer within the deadline of 300 ms");
        }
    }

    @Test
    void aWriteWhoseAnswerStalledStaysUncertainAndIsNotRepeated() {
        rt.otherwise(HostileServer.stallAfterHeaders());
        try (Transport http = transport(new HttpLimits(HttpLimits.DEFAULT_MAX_BODY_BYTES, SHORT), 3)) {
            Throwable thrown = assertTimeoutPreemptively(
                    GIVE_UP,
                    () -> catchThrowable(() -> http.execute(HttpCall.write(
                            "POST", "/ticket/1/comment", "{\"Content\":\"a note\"}", "comment on ticket 1"))));
            assertThat(thrown)
                    .isInstanceOf(CrmUnavailableException.class)
                    .hasMessageContaining(
                            "comment on ticket 1 failed: no complete answer within the deadline of 300 ms")
                    .hasMessageContaining("(the outcome is unknown)");
        }
        assertThat(rt.requests())
                .as("a write whose outcome is unknown is not sent again")
                .hasSize(1);
        assertThat(rt.requests().get(0).path()).isEqualTo("/REST/2.0/ticket/1/comment");
    }

    // ------------------------------------------------------------------------------------------------ huge answers

    @Test
    void anAnswerDeclaringFourGibibytesIsRefusedBeforeItIsRead() {
        rt.otherwise(HostileServer.declaredLength(4L << 30));
        try (RtConnector crm = withToken().build()) {
            Throwable thrown =
                    assertTimeoutPreemptively(GIVE_UP, () -> catchThrowable(() -> crm.ticket(TicketId.of("1"))));
            assertThat(thrown)
                    .isInstanceOf(CrmUnavailableException.class)
                    .hasMessageContaining("read of ticket 1 failed: RT answered more than 32 MiB for GET ")
                    .hasMessageContaining("/ticket/1; raise http.max-body-bytes if answers this large are expected");
        }
        assertThat(ticketReads())
                .as("the same request would get the same answer: not retried")
                .hasSize(1);
        assertThat(rt.bodyBytesSent()).isLessThan(32L << 20);
    }

    @Test
    void anEndlessChunkedAnswerIsRefusedAtTheLimitWithoutHoldingIt() {
        rt.otherwise(HostileServer.endlessChunked());
        try (RtConnector crm = withToken().maxBodyBytes(1L << 20).build()) {
            Throwable thrown =
                    assertTimeoutPreemptively(GIVE_UP, () -> catchThrowable(() -> crm.ticket(TicketId.of("1"))));
            assertThat(thrown)
                    .isInstanceOf(CrmUnavailableException.class)
                    .hasMessageContaining("read of ticket 1 failed: RT answered more than 1 MiB for GET ")
                    .hasMessageContaining("raise http.max-body-bytes");
        }
        assertThat(ticketReads()).as("not retried").hasSize(1);
    }

    @Test
    void anEndlessAnswerToTheDescriptionSearchIsRefused() {
        rtAnswersTicketOne();
        rt.answer("POST", "/REST/2.0/attachments", HostileServer.endlessChunked());
        try (RtConnector crm = withToken().build()) {
            Throwable thrown =
                    assertTimeoutPreemptively(GIVE_UP, () -> catchThrowable(() -> crm.ticket(TicketId.of("1"))));
            assertThat(thrown)
                    .isInstanceOf(CrmUnavailableException.class)
                    .hasMessageContaining("read of ticket descriptions failed: RT answered more than 32 MiB for POST ");
        }
        assertThat(rt.requests()).hasSize(3);
    }

    // ------------------------------------------------------------------------------------------------ options

    @Test
    void theLimitsAreCheckedAndAnInjectedClientThatFollowsRedirectsIsRefused() {
        assertThatThrownBy(() -> RtConnector.builder().maxBodyBytes(32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rt: http max body bytes must be at least 1024, was 32");
        assertThatThrownBy(() -> RtConnector.builder().deadline(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rt: http deadline must be positive, was PT0S");
        Client follows = ClientBuilder.newClient();
        try {
            assertThatThrownBy(() -> RtConnector.builder().client(follows))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("rt: the injected client may follow redirects, and a redirect to another host would"
                            + " receive the credentials: set jersey.config.client.followRedirects to false");
        } finally {
            follows.close();
        }
    }

    private Transport transport(HttpLimits limits, int attempts) {
        return new Transport(
                Transport.defaultClient(Duration.ofSeconds(5), Duration.ofSeconds(30)),
                true,
                rt.url(),
                Credentials.token(Secret.of(TOKEN)),
                Backoff.builder()
                        .maxAttempts(attempts)
                        .clock(clock)
                        .sleeper(clock::advance)
                        .build(),
                Duration.ofSeconds(30),
                limits);
    }
}
