package dev.handover.modulepath;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.handover.core.HandoverResult;
import dev.handover.core.Handovers;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.core.policy.HandoverReason;
import dev.handover.core.policy.HandoverRule;
import dev.handover.core.routing.Target;
import dev.handover.core.rule.Condition;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmConnectors;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.Secret;
import dev.handover.spi.TicketQuery;
import dev.handover.spi.model.GroupId;
import dev.handover.spi.model.TicketId;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds every provider with {@code ServiceLoader} on the module path, evaluates a policy on the in-memory CRM and makes
 * one real HTTP call through each adapter to a loopback server, printing one line per provider. Exits 0 when all
 * worked; a failure propagates and exits 1 with its stack trace.
 */
public final class ModulePathSmoke {
    private static final String NOT_FOUND = "{\"error\":\"RecordNotFound\",\"description\":\"Not found\"}";

    private final PrintStream out;
    private final Map<String, String> requests = new ConcurrentHashMap<>();

    private ModulePathSmoke(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the smoke test.
     *
     * @param args none
     * @throws IOException when the loopback server cannot start
     */
    public static void main(String[] args) throws IOException {
        new ModulePathSmoke(System.out).run();
    }

    private void run() throws IOException {
        out.println("smoke module " + ModulePathSmoke.class.getModule().getName() + ", named "
                + ModulePathSmoke.class.getModule().isNamed());
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            memory();
            zendesk(base);
            salesforce(base);
            rt(base);
        } finally {
            server.stop(0);
        }
        out.println("done");
    }

    private void memory() {
        CrmConnector crm = CrmConnectors.builder()
                .settings(CrmSettings.builder("memory").put("seed", "42").build())
                .build();
        HandoverPolicy policy = HandoverPolicy.builder()
                .name("smoke")
                .rule(HandoverRule.builder("language")
                        .when(Condition.languageNotSpokenByAssignee())
                        .reason(HandoverReason.LANGUAGE)
                        .to(Target.bestAvailable(GroupId.of("emea-support")))
                        .orElse(Target.group(GroupId.of("triage")))
                        .build())
                .build();
        Clock clock = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
        Handovers handovers =
                Handovers.builder().connector(crm).policy(policy).clock(clock).build();
        List<HandoverResult> results = handovers.evaluate(
                crm.searchAll(TicketQuery.builder().open().build()).toList());
        long handedOver = results.stream().filter(HandoverResult::isHandedOver).count();
        out.println("memory: " + module(crm) + ", evaluated " + results.size() + " tickets, handed over " + handedOver);
    }

    private void zendesk(String base) {
        CrmConnector crm = CrmConnectors.builder()
                .settings(CrmSettings.builder("zendesk")
                        .put("base-url", base)
                        .put("auth.type", "api-token")
                        .put("auth.email", "smoke@example.com")
                        .secret("auth.api-token", Secret.of("smoke-token"))
                        .build())
                .build();
        report("zendesk", crm, crm.ticket(TicketId.of("1001")).isPresent(), "GET /api/v2/tickets/1001");
    }

    private void salesforce(String base) {
        CrmConnector crm = CrmConnectors.builder()
                .settings(CrmSettings.builder("salesforce")
                        .put("instance-url", base)
                        .put("auth.flow", "client-credentials")
                        .put("auth.client-id", "smoke")
                        .secret("auth.client-secret", Secret.of("smoke-secret"))
                        .put("auth.token-url", base + "/services/oauth2/token")
                        .build())
                .build();
        report("salesforce", crm, crm.ticket(TicketId.of("500000000000001AAA")).isPresent(), "GET /services/data/");
    }

    private void rt(String base) {
        CrmConnector crm = CrmConnectors.builder()
                .settings(CrmSettings.builder("rt")
                        .put("url", base)
                        .secret("auth.token", Secret.of("smoke-token"))
                        .build())
                .build();
        report("rt", crm, crm.ticket(TicketId.of("1001")).isPresent(), "GET /REST/2.0/ticket/1001");
    }

    private void report(String name, CrmConnector crm, boolean found, String request) {
        Optional<String> seen =
                requests.keySet().stream().filter(r -> r.startsWith(request)).findFirst();
        out.println(name + ": " + module(crm) + ", ticket found " + found + ", "
                + seen.map(r -> r + " answered " + requests.get(r)).orElse("no request " + request));
    }

    private static String module(CrmConnector crm) {
        Module m = crm.getClass().getModule();
        return "connector " + crm.getClass().getSimpleName() + " in module " + (m.isNamed() ? m.getName() : "unnamed");
    }

    /** Answers as each vendor does for what the smoke test asks: a token, an empty query, and 404 for a ticket. */
    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        int status;
        String body;
        if (method.equals("POST") && path.equals("/services/oauth2/token")) {
            String base = "http://127.0.0.1:" + exchange.getLocalAddress().getPort();
            status = 200;
            body = "{\"access_token\":\"smoke-access\",\"instance_url\":\"" + base + "\",\"token_type\":\"Bearer\"}";
        } else if (method.equals("GET") && path.startsWith("/services/data/") && path.endsWith("/query")) {
            status = 200;
            body = "{\"totalSize\":0,\"done\":true,\"records\":[]}";
        } else {
            status = 404;
            body = NOT_FOUND;
        }
        requests.put(method + " " + path, String.valueOf(status));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var os = exchange.getResponseBody()) {
            os.write(bytes);
        }
    }
}
