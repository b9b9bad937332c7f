package dev.handover.runner.report;

import static dev.handover.runner.report.Format.percent;
import static dev.handover.runner.report.Format.plural;

/** A few lines for a terminal: the end of {@code handover demo}. */
final class TextReport {
    /** How many suggestions the terminal shows; the HTML shows them all. */
    static final int SUGGESTIONS = 3;

    private TextReport() {}

    /** "1 escalation", "2 late acknowledgements", "1 re-target", "3 bounces", "2 feedback". */
    private static String kind(String kind, int n) {
        return switch (kind) {
            case "escalation" -> plural(n, "escalation", "escalations");
            case "late-acknowledgement" -> plural(n, "late acknowledgement", "late acknowledgements");
            case "retargeted" -> plural(n, "re-target", "re-targets");
            case "bounce" -> plural(n, "bounce", "bounces");
            default -> n + " feedback";
        };
    }

    static String render(Figures f) {
        StringBuilder out = new StringBuilder();
        out.append("Handover review, ")
                .append(Format.period(f.from(), f.until(), f.zone()))
                .append('\n');
        long n = f.volume().handovers();
        if (n == 0 && f.refusals().count() == 0 && f.failures().count() == 0) {
            return out.append("  No handovers in this period.\n").toString();
        }
        out.append("  Handovers: ")
                .append(n)
                .append(" (")
                .append(f.refusals().count())
                .append(" refused, ")
                .append(plural(f.failures().count(), "failed write", "failed writes"))
                .append(") · customer told in ")
                .append(percent(f.volume().customerNotified(), n))
                .append(" · notes complete ")
                .append(percent(f.notes().complete(), n))
                .append('\n');
        Figures.Acks a = f.acks();
        out.append("  Acknowledged: ")
                .append(a.acknowledged())
                .append(" of ")
                .append(a.needed())
                .append(" (")
                .append(a.late())
                .append(" late, ")
                .append(a.retargeted())
                .append(" re-targeted, ")
                .append(a.pending())
                .append(" pending)");
        a.p50().ifPresent(p -> out.append(" · median ").append(Format.duration(p)));
        a.p90().ifPresent(p -> out.append(", 90% within ").append(Format.duration(p)));
        out.append('\n');
        out.append("  Follow-up: actions on time ")
                .append(percent(f.actions().onTime(), f.actions().completed()))
                .append(" (")
                .append(f.actions().onTime())
                .append(" of ")
                .append(f.actions().completed())
                .append(") · ")
                .append(plural(f.reminders().total(), "reminder", "reminders"))
                .append(checkIns(f.reminders()))
                .append(" · ")
                .append(plural(f.escalations().total(), "escalation", "escalations"))
                .append('\n');
        out.append("  Bounced back: ")
                .append(f.bounces().count())
                .append(" (")
                .append(percent(f.bounces().count(), n))
                .append(") · ")
                .append(plural(f.bounces().refusedByGuard(), "hand-back", "hand-backs"))
                .append(" stopped by the ping-pong guard");
        if (!f.chains().longest().isEmpty()) {
            Figures.Chain top = f.chains().longest().get(0);
            out.append(" · longest chain ")
                    .append(top.length())
                    .append(" (ticket ")
                    .append(top.ticket())
                    .append(')');
        }
        out.append('\n');
        if (!f.worthALook().isEmpty()) {
            // the patterns below need enough cases; these are each case, however few
            StringBuilder kinds = new StringBuilder();
            for (String kind : Tally.LOOK_KINDS) {
                int k = f.rows(Evidence.of("worthALook.byKind", kind)).size();
                if (k > 0) {
                    kinds.append(kinds.length() == 0 ? "" : ", ").append(kind(kind, k));
                }
            }
            out.append("  Worth a look: ")
                    .append(f.worthALook().size())
                    .append(" (")
                    .append(kinds)
                    .append(") — the report lists each\n");
        }
        if (!f.suggestions().isEmpty()) {
            out.append("  To improve:\n");
            f.suggestionTexts().stream()
                    .limit(SUGGESTIONS)
                    .forEach(s -> out.append("  - ").append(s).append('\n'));
        }
        return out.toString();
    }

    /** " (4 check-ins before a deadline, 4 after)": told apart as the demo's day tells them, or nothing. */
    private static String checkIns(Figures.Reminders r) {
        long checkIns = r.byKind().stream()
                .filter(k -> k.key().equals("check-in"))
                .mapToLong(Figures.Count::count)
                .sum();
        return checkIns == 0
                ? ""
                : " (" + plural(checkIns, "check-in", "check-ins") + " before a deadline, " + (r.total() - checkIns)
                        + " after)";
    }
}
