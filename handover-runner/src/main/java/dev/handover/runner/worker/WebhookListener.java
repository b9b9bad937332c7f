package dev.handover.runner.worker;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.handover.runner.config.WorkerConfig;
import dev.handover.spi.CrmConnectors;
import dev.handover.spi.inbound.InboundDelivery;
import dev.handover.spi.inbound.InboundSettings;
import dev.handover.spi.inbound.InboundVerdict;
import dev.handover.spi.inbound.InboundVerifier;
import dev.handover.spi.model.TicketId;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the CRM's webhooks at {@code <path>/<provider>} (by default {@code /webhooks/zendesk} for the {@code
 * zendesk} adapter) on the JDK's HTTP server, a JAX-RS resource run by Jersey, and hands the tickets a delivery names
 * to the worker at once. It knows no vendor: the adapter's {@link InboundVerifier} checks each delivery's signature and
 * age and names its tickets. A refused delivery gets the status its reason calls for (401 for a bad signature or a
 * stale timestamp, 400 for a body the adapter does not understand) and nothing is processed; a delivery seen before is
 * processed once, also after a restart (the ids are kept beside the worker's state, see {@link SeenDeliveries}).
 *
 * <p>What a sender can make it spend is bounded: a body larger than {@code maxBody} is refused with 413 — unread when
 * its Content-Length says so, as soon as it grows past the limit otherwise; a request not read whole within {@code
 * readTimeout} is cut off (its connection closed), so slow senders hold a thread for that long at most; {@code threads}
 * requests are served at once and {@code queue} more wait, beyond that a delivery gets 503 and the CRM retries it.
 */
public final class WebhookListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("handover.webhook");

    private final HttpServer server;
    private final Intake executor;
    private final String path;

    private WebhookListener(HttpServer server, Intake executor, String path) {
        this.server = server;
        this.executor = executor;
        this.path = path;
    }

    /**
     * Starts listening for the deliveries of the named provider, with the verifier its adapter offers.
     *
     * @throws IllegalArgumentException when the provider is not on the class path or receives no webhooks
     */
    public static WebhookListener start(
            WorkerConfig.Webhook config,
            java.nio.file.Path stateFile,
            String provider,
            Clock clock,
            Consumer<TicketId> tickets) {
        InboundVerifier verifier = CrmConnectors.discover()
                .provider(provider)
                .flatMap(p -> p.inbound(new InboundSettings(config.secret(), config.maxAge(), clock)))
                .orElseThrow(() -> new IllegalArgumentException("worker.webhook: the " + provider
                        + " adapter receives no webhooks; remove the webhook section (the worker polls)"));
        return start(config, stateFile, provider, verifier, clock, tickets);
    }

    /**
     * Starts listening.
     *
     * @param config where, and the limits
     * @param stateFile the worker's state file: the seen deliveries are kept beside it
     * @param provider the adapter's provider name: the last segment of the path deliveries are posted to
     * @param verifier the adapter's verifier of deliveries
     * @param clock the clock the seen deliveries age on
     * @param tickets receives each ticket an accepted delivery names
     */
    public static WebhookListener start(
            WorkerConfig.Webhook config,
            java.nio.file.Path stateFile,
            String provider,
            InboundVerifier verifier,
            Clock clock,
            Consumer<TicketId> tickets) {
        SeenDeliveries seen = SeenDeliveries.open(
                SeenDeliveries.fileFor(stateFile), config.maxAge().multipliedBy(2), clock);
        Resource resource = new Resource(provider, verifier, seen, tickets);
        HttpHandler handler = RuntimeDelegate.getInstance().createEndpoint(new App(resource), HttpHandler.class);
        String prefix = prefix(config.path(), provider);
        Intake executor = new Intake(config.threads(), config.queue(), config.readTimeout());
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
            server.createContext(prefix, handler).getFilters().add(new BoundedBody(config.maxBodyBytes()));
            server.setExecutor(executor);
            server.start();
            String path = (prefix.endsWith("/") ? prefix : prefix + "/") + provider;
            LOG.info(
                    "listening address={}:{} path={}",
                    config.host(),
                    server.getAddress().getPort(),
                    path);
            return new WebhookListener(server, executor, path);
        } catch (IOException e) {
            executor.shutdown();
            throw new UncheckedIOException(
                    "the webhook listener cannot listen on " + config.host() + ":" + config.port() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * The path deliveries are posted under, without the provider: {@code worker.webhook.path} names that prefix; a path
     * that already ends with the provider's name (as configurations written for Zendesk alone did) is taken as it is.
     */
    static String prefix(String configured, String provider) {
        String p = configured.endsWith("/") && configured.length() > 1
                ? configured.substring(0, configured.length() - 1)
                : configured;
        String suffix = "/" + provider;
        if (p.endsWith(suffix)) {
            p = p.substring(0, p.length() - suffix.length());
        }
        return p.isEmpty() ? "/" : p;
    }

    /** The port listened on (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The path deliveries are posted to: {@code /webhooks/zendesk}. */
    public String path() {
        return path;
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
    }

    /**
     * The application: the resource registered as a class, its collaborators as a property. Registered as an
     * instance ({@code getSingletons}), Jersey also checks it as a provider and logs a false "provider … will be
     * ignored" warning at every start (eclipse-ee4j/jersey#3700, #4230); WADL is off, as nothing reads it and without
     * JAXB Jersey warns that it cannot make it.
     */
    private static final class App extends Application {
        private final Resource resource;

        App(Resource resource) {
            this.resource = resource;
        }

        @Override
        public Set<Class<?>> getClasses() {
            return Set.of(Resource.class);
        }

        @Override
        public Map<String, Object> getProperties() {
            // jersey.config.server.wadl.disableWadl: ServerProperties.WADL_FEATURE_DISABLE, by name (runtime only)
            return Map.of(Resource.WIRING, resource, "jersey.config.server.wadl.disableWadl", true);
        }
    }

    /** The JAX-RS resource: {@code POST /{provider}} under the listener's prefix. */
    @Path("{provider}")
    public static final class Resource {
        private final String provider;
        private final InboundVerifier verifier;
        private final Consumer<TicketId> tickets;
        /** Delivery ids seen lately: CRMs deliver at least once, so the same event may come twice. */
        private final SeenDeliveries seen;

        /** The application property holding the listener's resource, whose collaborators each request's copy uses. */
        static final String WIRING = "handover.webhook.resource";

        Resource(String provider, InboundVerifier verifier, SeenDeliveries seen, Consumer<TicketId> tickets) {
            this.provider = Objects.requireNonNull(provider, "provider");
            this.verifier = Objects.requireNonNull(verifier, "verifier");
            this.seen = Objects.requireNonNull(seen, "seen deliveries");
            this.tickets = Objects.requireNonNull(tickets, "tickets");
        }

        /** Made by Jersey for a request, with the listener's collaborators (the application's {@link #WIRING}). */
        public Resource(@Context Configuration configuration) {
            this(wiring(configuration));
        }

        private Resource(Resource wiring) {
            this(wiring.provider, wiring.verifier, wiring.seen, wiring.tickets);
        }

        private static Resource wiring(Configuration configuration) {
            return (Resource) Objects.requireNonNull(configuration.getProperty(WIRING), WIRING);
        }

        /** One delivery. */
        @POST
        @Consumes(MediaType.WILDCARD)
        @Produces(MediaType.TEXT_PLAIN)
        public Response receive(@PathParam("provider") String to, @Context HttpHeaders headers, byte[] body) {
            if (!provider.equals(to)) {
                return Response.status(Response.Status.NOT_FOUND)
                        .entity("this worker receives webhooks for " + provider + " only\n")
                        .build();
            }
            InboundVerdict verdict = verifier.verify(
                    new InboundDelivery(headers.getRequestHeaders(), body == null ? new byte[0] : body));
            if (verdict instanceof InboundVerdict.Refused r) {
                LOG.warn("refused status={} reason={} detail=\"{}\"", r.reason().httpStatus(), r.reason(), r.detail());
                return Response.status(r.reason().httpStatus())
                        .entity("refused: " + r.detail() + "\n")
                        .build();
            }
            InboundVerdict.Accepted a = (InboundVerdict.Accepted) verdict;
            boolean first;
            try {
                first = seen.first(a.deliveryId());
            } catch (UncheckedIOException e) {
                // not recorded, not processed: the CRM delivers it again
                LOG.error("not recorded event={}: {}", a.deliveryId(), e.getMessage());
                return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                        .entity("cannot record the delivery; try again\n")
                        .build();
            }
            if (!first) {
                LOG.info("duplicate event={} {}", a.deliveryId(), a.description());
                return Response.ok("duplicate\n").build();
            }
            if (a.tickets().isEmpty()) {
                return Response.ok(a.description() + "\n").build();
            }
            a.tickets().forEach(tickets);
            LOG.info("received event={} {}", a.deliveryId(), a.description());
            return Response.accepted("queued\n").build();
        }
    }
}
