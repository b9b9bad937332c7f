package dev.handover.runner;

import dev.handover.runner.HostileProxy.Behaviour;
import dev.handover.zendesk.fake.FakeZendesk;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker process against a hostile server in front of the fake Zendesk: redirects to another host (a 302 on a read,
 * a 307 on a write), a read that stalls after the headers, a body without end (the worker on a 128 MiB heap). Each
 * pass must end by itself within {@code -Dhandover.faults.hostile-seconds} (default 90), without an {@code
 * OutOfMemoryError}; no request to the other host may carry a credential; a last pass through the same server
 * completes the work, and the audit is clean.
 */
class HostileServerIT {
    @TempDir
    Path dir;

    FakeZendesk zendesk;
    FaultDesk desk;
    HostileProxy hostile;

    @BeforeEach
    void start() {
        zendesk = FakeZendesk.start();
        desk = new FaultDesk(zendesk, 7).people(0, 0);
        hostile = HostileProxy.start(zendesk.url(), Long.getLong("handover.faults.huge-bytes", 4L << 30));
    }

    @AfterEach
    void stop() {
        hostile.close();
        zendesk.close();
    }

    @Test
    void theWorkerSurvivesAHostileServerLeaksNoCredentialAndAuditsClean() {
        desk.backlog(3, FaultDesk.Kind.COMPLAINT).backlog(2, FaultDesk.Kind.GERMAN);
        Path w = dir.resolve("worker");
        desk.config(w, hostile.url(), "0/1", "    http.deadline: 5s\n    http.max-body-bytes: 8MiB\n");
        Duration limit = Duration.ofSeconds(Long.getLong("handover.faults.hostile-seconds", 90));
        SoftAssertions softly = new SoftAssertions();
        List<String> outcomes = new ArrayList<>();
        Instant at = desk.now().plus(Duration.ofMinutes(1));

        // a read of a ticket's comments and the handovers' write, each sent to the other host
        hostile.next(Behaviour.REDIRECT_302, r -> r.startsWith("GET /api/v2/tickets/") && r.endsWith("/comments"))
                .next(Behaviour.REDIRECT_307, r -> r.startsWith("PUT /api/v2/tickets"));
        outcomes.add(pass(w, at, "redirects", limit, softly));
        hostile.next(Behaviour.STALL_AFTER_HEADERS, r -> r.startsWith("GET /api/v2/search"));
        outcomes.add(pass(w, at.plus(Duration.ofMinutes(10)), "stall", limit, softly));
        hostile.next(Behaviour.HUGE_BODY, r -> r.startsWith("GET /api/v2/search"));
        outcomes.add(pass(w, at.plus(Duration.ofMinutes(20)), "huge-body", limit, softly));

        for (Behaviour b : Behaviour.values()) {
            softly.assertThat(hostile.met(b))
                    .as("the hostile server answered with %s", b)
                    .isPositive();
        }
        for (HostileProxy.Received r : hostile.stolen()) {
            softly.assertThat(r.headers())
                    .as("%s %s reached the other host", r.method(), r.path())
                    .doesNotContainKey("authorization");
            softly.assertThat(r.toString()).doesNotContain(FakeZendesk.API_TOKEN);
        }
        System.out.println("hostile server: " + outcomes + "; requests at the other host: "
                + hostile.stolen().stream()
                        .map(r -> r.method() + " " + r.path()
                                + (r.headers().containsKey("authorization") ? " WITH CREDENTIALS" : ""))
                        .toList());

        // the same server, behaving: the worker carries on and nothing is lost or doubled
        WorkerProcess last = once(w, at.plus(Duration.ofMinutes(30)), "after");
        softly.assertThat(last.exitCode(Duration.ofMinutes(3))).as(last.log()).isZero();
        desk.pause();
        CrmAudit.Result audit =
                CrmAudit.audit(zendesk, List.of(w.resolve("journal.jsonl")), desk.expected(), desk.acksGiven());
        System.out.println("hostile server: " + desk.summary() + "\n" + audit);
        softly.assertThat(audit.counts().clean()).as(audit.toString()).isTrue();
        softly.assertAll();
    }

    private String pass(Path w, Instant at, String name, Duration limit, SoftAssertions softly) {
        WorkerProcess p = once(w, at, name);
        boolean ended = p.waitFor(limit);
        if (!ended) {
            p.kill();
            p.waitFor(Duration.ofSeconds(30));
        }
        String log = p.log();
        softly.assertThat(ended)
                .as("%s: the pass ended by itself within %s\n%s", name, limit, log)
                .isTrue();
        softly.assertThat(log).as("%s: the worker ran out of memory", name).doesNotContain("OutOfMemoryError");
        softly.assertThat(log).as("%s: a credential in the log", name).doesNotContain(FakeZendesk.API_TOKEN);
        return name + (ended ? " exit " + p.process().exitValue() : " still blocked after " + limit.toSeconds() + " s");
    }

    private WorkerProcess once(Path w, Instant at, String name) {
        SimClock clock = SimClock.startingNow(at, 1);
        desk.follow(clock);
        return WorkerProcess.in(w)
                .env(FaultDesk.env())
                .clock(clock)
                .jvm("-Xmx128m")
                .name(name)
                .start("run", "--once", "--config", "handover.yaml");
    }
}
