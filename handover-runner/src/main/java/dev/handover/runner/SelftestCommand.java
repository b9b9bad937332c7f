package dev.handover.runner;

import dev.handover.runner.config.RunnerConfig;
import dev.handover.runner.config.SelfTestConfig;
import dev.handover.selftest.SelfTest;
import dev.handover.selftest.SelfTestReport;
import dev.handover.selftest.record.Recording;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmConnectors;
import dev.handover.spi.helpers.Sleeper;
import dev.handover.spi.selftest.SelfTestSupport;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code handover selftest}: proves the configured connector against the integrator's sandbox before {@code run}
 * touches a real ticket.
 */
@Command(
        name = "selftest",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Proves the configured CRM connector against a sandbox before any real ticket is touched: creates labelled"
                    + " test tickets for the test requester of the selftest section, hands one over between the two"
                    + " test agents with a note, a customer notice, tags and tasks, completes and cancels tasks,"
                    + " provokes a version conflict and an idempotent replay, writes a small batch, reads back, runs"
                    + " the connector's own probes of the account, then deletes or closes what it made.",
            "Prints each probe with what the connector assumes, what the account answered, pass / warn / fail, and"
                    + " the fix for every failure. Refuses accounts that are not a sandbox: an account the CRM reports"
                    + " as production unless --production-test-brand; an account the CRM cannot tell about unless the"
                    + " selftest section says allowed: true."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every probe passed (warnings allowed)",
            "1:a probe failed",
            "2:usage, configuration or refusal"
        })
final class SelftestCommand extends ConfiguredCommand {
    private final Sleeper sleeper;

    SelftestCommand(Context context) {
        super(context);
        this.sleeper = context.sleeper();
    }

    @Option(names = "--keep", description = "Leave the test tickets in the CRM for a look instead of discarding them.")
    boolean keep;

    @Option(
            names = "--record",
            paramLabel = "DIR",
            description = "Save every request and answer of the run in DIR, secrets and personal data redacted, as a"
                    + " fixture the adapters' tests replay (send DIR with a report).")
    Path record;

    @Option(
            names = "--production-test-brand",
            description = "Run against an account that says it is production: only for a test brand or a test"
                    + " business unit of a production account, never for live queues.")
    boolean productionTestBrand;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = spec.commandLine().getErr();
        RunnerConfig c = config.load();
        if (c.selfTest().isEmpty()) {
            err.println("handover: " + c.source() + ": selftest: the section is missing: name the test requester"
                    + " (requester: {email, name}) and two test agents (sender, receiver) — the self-test writes only"
                    + " to tickets it makes for them");
            return ExitCodes.USAGE;
        }
        SelfTestConfig st = c.selfTest().get();
        try (CrmConnector crm = CrmConnectors.builder().settings(c.crm()).build()) {
            Optional<SelfTestSupport> support = crm.selfTest();
            if (support.isEmpty()) {
                err.println("handover: the " + crm.vendor() + " connector offers no self-test");
                return ExitCodes.USAGE;
            }
            Optional<Boolean> sandbox = support.get().sandbox();
            if (sandbox.isPresent() && !sandbox.get() && !productionTestBrand) {
                err.println("handover: " + crm.vendor() + " says this account is production, not a sandbox: the"
                        + " self-test refuses it. Run it against a sandbox, or add --production-test-brand if the"
                        + " test agents and requester belong to a test brand of this account.");
                return ExitCodes.USAGE;
            }
            if (sandbox.isEmpty() && !st.allowed()) {
                err.println("handover: " + st.location() + ": selftest.allowed: " + crm.vendor() + " cannot say"
                        + " whether this account is a sandbox; write allowed: true in the selftest section once it is"
                        + " a sandbox or a test brand");
                return ExitCodes.USAGE;
            }
            Optional<Recording> recording = Optional.ofNullable(record)
                    .map(dir ->
                            Recording.to(dir, support.get().address().orElse(URI.create("https://account.invalid"))));
            recording.ifPresent(r -> support.get().record(Optional.of(r)));
            SelfTestReport report;
            try {
                report = SelfTest.builder()
                        .connector(crm)
                        .team(st.team())
                        .clock(clock)
                        .sleeper(sleeper)
                        .keep(keep)
                        .build()
                        .run();
            } finally {
                support.get().record(Optional.empty());
            }
            recording.ifPresent(r -> {
                r.finish(st.team(), report);
                r.close();
            });
            out.print(report.table());
            recording.ifPresent(r -> out.println("recorded " + r.count() + " exchanges in " + record
                    + " (secrets and personal data redacted; look before you send it)"));
            out.flush();
            return report.passed() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }
}
