package dev.handover.selftest;

import dev.handover.spi.selftest.ProbeResult;
import dev.handover.spi.selftest.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a self-test found: one result per probe, and what became of each test ticket.
 *
 * @param vendor the connector's vendor
 * @param sandbox what the account said about being a sandbox ("sandbox", "production", "not reported")
 * @param startedAt when the run started: the probes' "now", from which their keys and texts follow
 * @param results the probes' results, in the order they ran
 * @param cleanup one line per test ticket: its id and what was done with it (deleted, closed, kept)
 */
public record SelfTestReport(
        String vendor, String sandbox, java.time.Instant startedAt, List<ProbeResult> results, List<String> cleanup) {
    /** Validates and copies the components. */
    public SelfTestReport {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(startedAt, "started at");
        results = List.copyOf(results);
        cleanup = List.copyOf(cleanup);
    }

    /** Whether no probe failed (warnings allowed). */
    public boolean passed() {
        return count(Verdict.FAIL) == 0;
    }

    /** How many results have this verdict. */
    public long count(Verdict v) {
        return results.stream().filter(r -> r.verdict() == v).count();
    }

    /** The verdict of the named probe. */
    public Verdict verdictOf(String probe) {
        return results.stream()
                .filter(r -> r.probe().equals(probe))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no probe " + probe + " in this report"))
                .verdict();
    }

    /**
     * The report as people read it: a table of probe, verdict and what the account answered, each assumption and fix
     * under its row, then the clean-up and a summary line.
     */
    public String table() {
        int width = Math.max(
                5, results.stream().mapToInt(r -> r.probe().length()).max().orElse(5));
        StringBuilder sb = new StringBuilder();
        sb.append("handover selftest: ")
                .append(vendor)
                .append(" (")
                .append(sandbox)
                .append(")\n\n");
        sb.append(pad("probe", width)).append("  verdict  answer\n");
        for (ProbeResult r : results) {
            sb.append(pad(r.probe(), width))
                    .append("  ")
                    .append(pad(r.verdict().name().toLowerCase(java.util.Locale.ROOT), 7))
                    .append("  ")
                    .append(r.answer())
                    .append('\n');
            String indent = " ".repeat(width + 11);
            sb.append(indent).append("assumes: ").append(r.assumption()).append('\n');
            r.fix()
                    .ifPresent(
                            f -> sb.append(indent).append("fix:     ").append(f).append('\n'));
        }
        if (!cleanup.isEmpty()) {
            sb.append("\ntest tickets:\n");
            cleanup.forEach(c -> sb.append("  ").append(c).append('\n'));
        }
        List<String> parts = new ArrayList<>();
        parts.add(count(Verdict.PASS) + " passed");
        parts.add(count(Verdict.WARN) + " warnings");
        parts.add(count(Verdict.FAIL) + " failed");
        sb.append('\n')
                .append(String.join(", ", parts))
                .append(passed() ? ": ready for `handover run`" : ": fix the failures before `handover run`")
                .append('\n');
        return sb.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
