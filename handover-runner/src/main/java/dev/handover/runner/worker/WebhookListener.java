package dev.handover.runner.worker;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.handover.runner.config.WorkerConfig;
import dev.handover.zendesk.webhook.TicketEvent;
import dev.handover.zendesk.webhook.WebhookVerifier;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Zendesk ticket webhooks on the JDK's HTTP server (a JAX-RS resource run by Jersey) and hands the ticket to
 * the worker at once. A request whose signature does not verify, or whose signed timestamp is older than the maximum
 * age (a replay), gets 401 and nothing is processed; an event delivered twice is processed once.
 */
public final class WebhookListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("handover.webhook");

    private final HttpServer server;
    private final ExecutorService executor;

    private WebhookListener(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts listening.
     *
     * @param config where, and the signing secret
     * @param clock the clock signed timestamps are checked against
     * @param tickets receives each new ticket event's ticket
     */
    public static WebhookListener start(WorkerConfig.Webhook config, Clock clock, Consumer<TicketEvent> tickets) {
        Resource resource = new Resource(WebhookVerifier.of(config.secret(), config.maxAge(), clock), config, tickets);
        HttpHandler handler = RuntimeDelegate.getInstance().createEndpoint(new App(resource), HttpHandler.class);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
            server.createContext(config.path(), handler);
            ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "handover-webhook");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            server.start();
            LOG.info(
                    "listening address={}:{} path={}",
                    config.host(),
                    server.getAddress().getPort(),
                    config.path());
            return new WebhookListener(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the webhook listener cannot listen on " + config.host() + ":" + config.port() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** The port listened on (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    private static final class App extends Application {
        private final Resource resource;

        App(Resource resource) {
            this.resource = resource;
        }

        @Override
        public Set<Object> getSingletons() {
            return Set.of(resource);
        }
    }

    /** The JAX-RS resource. */
    @Path("")
    public static final class Resource {
        private final WebhookVerifier verifier;
        private final Consumer<TicketEvent> tickets;
        /** Event ids seen lately: Zendesk retries deliveries, so the same event may come twice. */
        private final Cache<String, Boolean> seen;

        Resource(WebhookVerifier verifier, WorkerConfig.Webhook config, Consumer<TicketEvent> tickets) {
            this.verifier = verifier;
            this.tickets = Objects.requireNonNull(tickets, "tickets");
            this.seen = Caffeine.newBuilder()
                    .maximumSize(100_000)
                    .expireAfterWrite(config.maxAge().multipliedBy(2))
                    .build();
        }

        /** One delivery. */
        @POST
        @Consumes(MediaType.WILDCARD)
        @Produces(MediaType.TEXT_PLAIN)
        public Response receive(
                @HeaderParam(WebhookVerifier.SIGNATURE_HEADER) String signature,
                @HeaderParam(WebhookVerifier.TIMESTAMP_HEADER) String timestamp,
                byte[] body) {
            WebhookVerifier.Result check = verifier.verify(signature, timestamp, body == null ? new byte[0] : body);
            if (!check.isValid()) {
                LOG.warn("refused status=401 reason={}", check);
                return Response.status(Response.Status.UNAUTHORIZED)
                        .entity("refused: "
                                + check.name()
                                        .toLowerCase(java.util.Locale.ROOT)
                                        .replace('_', ' ') + "\n")
                        .build();
            }
            TicketEvent event;
            try {
                event = TicketEvent.parse(body);
            } catch (IllegalArgumentException e) {
                LOG.warn("refused status=400 reason=\"{}\"", e.getMessage());
                return Response.status(Response.Status.BAD_REQUEST)
                        .entity("not a Zendesk ticket event: " + e.getMessage() + "\n")
                        .build();
            }
            if (seen.asMap().putIfAbsent(event.id(), Boolean.TRUE) != null) {
                LOG.info("duplicate event={} ticket={}", event.id(), event.ticket());
                return Response.ok("duplicate\n").build();
            }
            if (event.handoverTask()) {
                return Response.ok("ignored: a handover task\n").build();
            }
            tickets.accept(event);
            LOG.info("received event={} kind={} ticket={}", event.id(), event.kind(), event.ticket());
            return Response.accepted("queued\n").build();
        }
    }
}
