package dev.handover.rt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handover.rt.http.HttpCall;
import dev.handover.rt.http.HttpResult;
import dev.handover.rt.http.Json;
import dev.handover.rt.http.Transport;
import dev.handover.spi.error.CrmException;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.Group;
import dev.handover.spi.model.GroupKind;
import dev.handover.spi.model.Ticket;
import dev.handover.spi.selftest.Probe;
import dev.handover.spi.selftest.ProbeContext;
import dev.handover.spi.selftest.ProbeResult;
import dev.handover.spi.selftest.TestTicket;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What the RT connector assumes about the RT it talks to, each checked by one probe of {@code handover selftest}: the
 * REST 2.0 version, the custom fields it reads and writes on tickets, RT honouring {@code If-Match} (the version check
 * of every write rests on it), and queues with a readable team (AdminCc) so that receivers can be found.
 */
final class SelfTestProbes {
    private SelfTestProbes() {}

    /** A probe from its name, assumption and body; a refusal the body does not catch fails it with {@code fix}. */
    private record Named(String name, String assumption, String fix, BiFunction<Probe, ProbeContext, ProbeResult> body)
            implements Probe {
        @Override
        public ProbeResult run(ProbeContext context) {
            try {
                return body.apply(this, context);
            } catch (CrmException e) {
                return ProbeResult.fail(this, "RT refused the probe: " + SelfTest.describe(e), fix);
            }
        }
    }

    static List<Probe> all(SelfTest support) {
        Config config = support.config();
        Transport http = support.http();
        List<Probe> out = new ArrayList<>();
        out.add(new Named(
                "rest2-version",
                "RT is version 5 or later, with REST 2.0 at /REST/2.0 (GET /REST/2.0/rt).",
                "upgrade to RT 5, or point url at the RT whose REST 2.0 answers",
                (p, ctx) -> version(p, http)));
        out.add(new Named(
                "custom-fields",
                "The ticket custom fields the settings name (" + String.join(", ", fields(config))
                        + ") apply to the team's queue, and the API user may see and change them.",
                "load examples/rt/handover.initialdata (rt-setup-database --action insert --datafile …), or set"
                        + " fields.* to the names this RT uses, and grant SeeCustomField and ModifyCustomField",
                (p, ctx) -> customFields(p, ctx, config, http)));
        out.add(new Named(
                "if-match",
                "RT refuses a write whose If-Match names an older state with 412 Precondition Failed: the version"
                        + " check of every handover rests on it.",
                "make the proxy in front of RT pass If-Match through, and run RT 5.0 or later",
                (p, ctx) -> ifMatch(p, ctx, http)));
        out.add(new Named(
                "queue-teams",
                "Every queue in scope has its team as AdminCc (users or groups), and the API user may read the"
                        + " groups and their members (SeeGroup), so receivers can be checked.",
                "add the team's group as AdminCc of each queue (Admin → Queues → Watchers), and grant the API user"
                        + " SeeGroup on those groups",
                (p, ctx) -> queueTeams(p, support)));
        return List.copyOf(out);
    }

    private static List<String> fields(Config config) {
        Set<String> out = new LinkedHashSet<>(List.of(
                config.tagsField(),
                config.channelField(),
                config.keyField(),
                config.taskField(),
                config.taskBodyField()));
        out.addAll(config.ticketFields().values());
        return List.copyOf(out);
    }

    private static ProbeResult version(Probe p, Transport http) {
        JsonNode rt = http.execute(HttpCall.get("/rt", "read of RT's version"));
        String v = Json.text(rt, "Version");
        int major;
        try {
            major = Integer.parseInt(v.split("\\.", 2)[0].strip());
        } catch (NumberFormatException e) {
            return ProbeResult.warn(p, "RT names its version '" + v + "'", ((Named) p).fix());
        }
        return major >= 5
                ? ProbeResult.pass(p, "RT " + v)
                : ProbeResult.fail(p, "RT " + v + " is older than 5", ((Named) p).fix());
    }

    private static Ticket testTicket(ProbeContext ctx, String probe, String why) {
        return ctx.createTicket(new TestTicket(probe, "Created by handover selftest to check: " + why, Set.of()));
    }

    private static ProbeResult customFields(Probe p, ProbeContext ctx, Config config, Transport http) {
        Ticket t = testTicket(ctx, p.name(), "the ticket custom fields");
        JsonNode raw = http.execute(HttpCall.get("/ticket/" + t.id().value(), "read of self-test ticket " + t.id()));
        Set<String> present = new LinkedHashSet<>();
        for (JsonNode cf : raw.path("CustomFields")) {
            present.add(Json.text(cf, "name"));
        }
        List<String> missing = new ArrayList<>();
        for (String f : fields(config)) {
            if (present.stream().noneMatch(f::equalsIgnoreCase)) {
                missing.add(f);
            }
        }
        if (!missing.isEmpty()) {
            return ProbeResult.fail(
                    p,
                    "queue " + t.group().map(g -> g.value()).orElse("?") + " lacks " + String.join(", ", missing)
                            + " (it has: " + (present.isEmpty() ? "none" : String.join(", ", present)) + ")",
                    ((Named) p).fix());
        }
        if (!t.tags().contains(TestTicket.TAG)) {
            return ProbeResult.fail(
                    p,
                    "the tag written into " + config.tagsField() + " did not stay on ticket " + t.id(),
                    ((Named) p).fix());
        }
        return ProbeResult.pass(p, "all " + fields(config).size() + " fields apply, and a tag written stays");
    }

    private static ProbeResult ifMatch(Probe p, ProbeContext ctx, Transport http) {
        Ticket t = testTicket(ctx, p.name(), "that RT honours If-Match");
        if (!ctx.isOwn(t.id())) {
            throw new IllegalStateException("probe would write to ticket " + t.id() + ", which it did not create");
        }
        HttpResult r = http.exchange(HttpCall.write(
                        "PUT",
                        "/ticket/" + t.id().value(),
                        Json.write(Json.object().put("Subject", t.subject() + " (must not change)")),
                        "stale write to self-test ticket " + t.id())
                .header("If-Match", "\"0\""));
        if (r.status() == 412) {
            return ProbeResult.pass(p, "a write with a stale If-Match was refused with 412");
        }
        return ProbeResult.fail(
                p,
                "a write with a stale If-Match was answered " + r.status() + (r.ok() ? " and applied" : ""),
                ((Named) p).fix());
    }

    private static ProbeResult queueTeams(Probe p, SelfTest support) {
        support.directory().invalidate();
        Directory d = support.directory().directory();
        List<String> without = new ArrayList<>();
        int teams = 0;
        for (Group g : d.groups()) {
            if (g.kind() == GroupKind.TEAM) {
                teams++;
            } else {
                without.add(g.name() + " (" + g.id().value() + ")");
            }
        }
        if (teams == 0) {
            return ProbeResult.fail(p, "no queue in scope has a team the API user can read", ((Named) p).fix());
        }
        long agents = d.agents().stream().filter(a -> !a.groups().isEmpty()).count();
        if (!without.isEmpty()) {
            return ProbeResult.warn(
                    p,
                    teams + " queue(s) with a team (" + agents + " agents); without one: " + String.join(", ", without),
                    ((Named) p).fix());
        }
        return ProbeResult.pass(p, teams + " queue(s), each with a team; " + agents + " agents in them");
    }
}
