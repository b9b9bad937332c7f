package dev.handover.runner.report;

import static dev.handover.runner.report.Format.capitalized;
import static dev.handover.runner.report.Format.percent;
import static dev.handover.runner.report.Format.plural;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * "What to improve", in plain words, derived from the figures. Each line has a threshold and a minimum number of cases
 * (documented in docs/report.md) so that a quiet week does not produce advice from two tickets.
 */
final class Suggestions {
    static final int MAX = 6;

    /** A missing section is worth a line when it is missing from this share of notes (percent) … */
    static final int MISSING_SECTION_PERCENT = 10;
    /** … and from at least this many. */
    static final int MISSING_SECTION_MIN = 3;
    /** A section only receivers complain about is worth a line when this many different receivers named it. */
    static final int FEEDBACK_RECEIVERS_MIN = 2;
    /** Late acknowledgements: this share of those acknowledged (percent), of at least … */
    static final int LATE_ACK_PERCENT = 20;
    /** … this many acknowledged. */
    static final int ACK_MIN = 5;
    /** Re-targets: this share of the handovers that asked for an acknowledgement (percent). */
    static final int RETARGET_PERCENT = 10;
    /** Actions on time below this share (percent), of at least {@link #ACTIONS_MIN} completed. */
    static final int ON_TIME_PERCENT = 80;

    static final int ACTIONS_MIN = 5;
    /** An escalation cause with advice is worth a line from this many escalations. */
    static final int ESCALATION_CAUSE_MIN = 2;
    /** Bounces: at least this many, or this share of handovers (percent) of at least {@link #BOUNCE_HANDOVERS_MIN}. */
    static final int BOUNCES_MIN = 3;

    static final int BOUNCE_PERCENT = 5;
    static final int BOUNCE_HANDOVERS_MIN = 10;
    /** Long chains (4 or more handovers): at least this many tickets … */
    static final int LONG_CHAINS_MIN = 2;
    /** … and this share of the tickets (percent). */
    static final int LONG_CHAINS_PERCENT = 5;
    /** Refusals other than the ping-pong guard's: at least this many. */
    static final int REFUSALS_MIN = 3;

    private Suggestions() {}

    /**
     * The lines for these figures, most important first, at most {@link #MAX}.
     *
     * @param f the figures
     * @param receiversBySection for each section (enum name), how many different receivers named it in feedback
     */
    static List<Figures.Suggestion> of(Figures f, Map<String, Long> receiversBySection) {
        List<Figures.Suggestion> out = new ArrayList<>();
        notes(f, receiversBySection, out);
        acknowledgement(f, out);
        actions(f, out);
        bounces(f, out);
        chains(f, out);
        refusals(f, out);
        return List.copyOf(out.subList(0, Math.min(MAX, out.size())));
    }

    /** A line about the cases of this evidence list. */
    private static Figures.Suggestion line(Figures f, String list, String text) {
        return new Figures.Suggestion(text, list, f.rows(list).size());
    }

    private static boolean atLeast(long part, long whole, int percent) {
        return whole > 0 && part * 100 >= (long) percent * whole;
    }

    private static void notes(Figures f, Map<String, Long> receivers, List<Figures.Suggestion> out) {
        long n = f.volume().handovers();
        Set<String> said = new HashSet<>();
        for (Figures.Count c : f.notes().missing()) {
            if (said.size() == 2
                    || c.count() < MISSING_SECTION_MIN
                    || !atLeast(c.count(), n, MISSING_SECTION_PERCENT)) {
                break; // sorted most first: the rest are rarer
            }
            long asked = receivers.getOrDefault(c.key(), 0L);
            out.add(line(
                    f,
                    Evidence.of("notes.missing", c.key()),
                    "The section “" + capitalized(c.label()) + "” is missing from " + percent(c.count(), n)
                            + " of notes (" + c.count()
                            + " of " + n + ")"
                            + (asked == 0 ? "" : " — " + plural(asked, "receiver", "receivers") + " asked for it")
                            + "."));
            said.add(c.key());
        }
        for (Figures.Count c : f.feedback().sections()) {
            long asked = receivers.getOrDefault(c.key(), 0L);
            if (!said.contains(c.key()) && asked >= FEEDBACK_RECEIVERS_MIN) {
                out.add(line(
                        f,
                        Evidence.of("feedback.sections", c.key()),
                        asked + " receivers found “" + c.label().toLowerCase(Locale.ROOT)
                                + "” missing or unclear — ask senders to fill it in, or make it a required section."));
                return;
            }
        }
    }

    private static void acknowledgement(Figures f, List<Figures.Suggestion> out) {
        Figures.Acks a = f.acks();
        if (a.acknowledged() >= ACK_MIN && atLeast(a.late(), a.acknowledged(), LATE_ACK_PERCENT)) {
            out.add(line(
                    f,
                    "acknowledgement.late",
                    a.late() + " of " + a.acknowledged() + " acknowledgements came after the deadline ("
                            + percent(a.late(), a.acknowledged()) + "; 90% within "
                            + a.p90().map(Format::duration).orElse("–")
                            + ") — check the acknowledgement deadlines against the receivers' shifts."));
        }
        if (a.needed() >= ACK_MIN && a.retargeted() > 0 && atLeast(a.retargeted(), a.needed(), RETARGET_PERCENT)) {
            out.add(line(
                    f,
                    "acknowledgement.retargeted",
                    plural(a.retargeted(), "handover was", "handovers were")
                            + " re-targeted because the receiver never acknowledged ("
                            + percent(a.retargeted(), a.needed())
                            + " of those asked) — check that receivers see the acknowledgement task."));
        }
    }

    private static void actions(Figures f, List<Figures.Suggestion> out) {
        Figures.Actions x = f.actions();
        if (x.completed() >= ACTIONS_MIN && !atLeast(x.onTime(), x.completed(), ON_TIME_PERCENT)) {
            out.add(line(
                    f,
                    "actions.completed",
                    "Only " + percent(x.onTime(), x.completed()) + " of handed-over actions were done on time ("
                            + x.onTime() + " of " + x.completed() + ")."));
        }
        List<Figures.Cause> causes = f.escalations().byCause();
        if (causes.isEmpty() || causes.get(0).count() < ESCALATION_CAUSE_MIN) {
            return;
        }
        Figures.Cause main = causes.get(0);
        Causes.known(main.key())
                .filter(k -> k.advice() != null)
                .ifPresent(k -> out.add(line(
                        f,
                        Evidence.of("escalations.byCause", main.key()),
                        "Main cause of escalations (" + main.count() + " of "
                                + f.escalations().total() + "): " + k.because() + " — " + k.advice() + ".")));
    }

    private static void bounces(Figures f, List<Figures.Suggestion> out) {
        Figures.Bounces b = f.bounces();
        long n = f.volume().handovers();
        boolean many = b.count() >= BOUNCES_MIN
                || (n >= BOUNCE_HANDOVERS_MIN && b.count() > 0 && atLeast(b.count(), n, BOUNCE_PERCENT));
        String guard = b.refusedByGuard() == 0
                ? ""
                : "; the ping-pong guard stopped " + plural(b.refusedByGuard(), "more hand-back", "more hand-backs");
        if (many) {
            out.add(line(
                    f,
                    "bounces.count",
                    plural(b.count(), "ticket", "tickets") + " bounced straight back to the sender within "
                            + Format.duration(b.window()) + " (" + percent(b.count(), n) + " of handovers), most often "
                            + b.pairs().get(0).label() + guard + " — check the rules that route these tickets."));
        } else if (b.refusedByGuard() >= BOUNCES_MIN) {
            out.add(line(
                    f,
                    "bounces.refusedByPingPongGuard",
                    "The ping-pong guard stopped " + b.refusedByGuard() + " hand-backs to the previous owner — a rule"
                            + " may be routing tickets back where they came from."));
        }
    }

    private static void chains(Figures f, List<Figures.Suggestion> out) {
        Figures.Chains c = f.chains();
        long long4 = c.distribution().stream()
                .filter(x -> x.key().equals("4+"))
                .mapToLong(Figures.Count::count)
                .sum();
        if (long4 >= LONG_CHAINS_MIN && atLeast(long4, c.tickets(), LONG_CHAINS_PERCENT)) {
            Figures.Chain top = c.longest().get(0);
            out.add(line(
                    f,
                    "chains.distribution.4+",
                    long4 + " tickets changed hands 4 times or more (longest: ticket " + top.ticket() + ", "
                            + top.length() + " times) — review how these tickets are routed."));
        }
    }

    private static void refusals(Figures f, List<Figures.Suggestion> out) {
        Figures.Refusals r = f.refusals();
        long others = r.count() - r.byGuard();
        if (others < REFUSALS_MIN) {
            return;
        }
        r.causes().stream()
                .filter(c -> !c.label().contains(Causes.PING_PONG))
                .findFirst()
                .ifPresent(c -> out.add(line(
                        f,
                        Evidence.of("refusals.causes", c.key()),
                        others + " handovers were refused, most often because “" + c.label()
                                + "” — add a fallback target or widen the receiver requirements.")));
    }
}
