package dev.handover.core.routing;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of choosing a receiver: chosen (and why) or refused (and why not), with every candidate's verdict. A
 * plan carries the chosen one ({@link dev.handover.core.HandoverPlan#selection()}), to explain a handover in words.
 */
public sealed interface Selection {

    /** Every candidate considered and what was found, for notes, events and explanations. */
    List<Verdict> considered();

    /**
     * A receiver was found.
     *
     * @param receiver who takes the ticket
     * @param target the target that produced the receiver
     * @param why in words ("Jonas Weber: on shift, speaks de, 3 of 10 open tickets")
     * @param fallbacks why earlier targets of the rule did not work, in order
     * @param considered the candidates of the chosen target
     */
    record Chosen(Receiver receiver, Target target, String why, List<String> fallbacks, List<Verdict> considered)
            implements Selection {
        /** Validates. */
        public Chosen {
            Objects.requireNonNull(receiver, "receiver");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(why, "why");
            fallbacks = List.copyOf(fallbacks);
            considered = List.copyOf(considered);
        }
    }

    /**
     * Nobody qualifies.
     *
     * @param summary in words ("no agent in Billing L2 speaks de and is on shift before Mon 9 Mar 17:00 UTC")
     * @param reasons why each target failed, in order
     * @param considered the candidates of every target
     */
    record Refused(String summary, List<String> reasons, List<Verdict> considered) implements Selection {
        /** Validates. */
        public Refused {
            Objects.requireNonNull(summary, "summary");
            reasons = List.copyOf(reasons);
            considered = List.copyOf(considered);
        }
    }

    /**
     * One candidate's verdict.
     *
     * @param agentId the candidate's id
     * @param name the candidate's name
     * @param qualifies true when the candidate meets every requirement
     * @param reason what disqualifies them, or what was found ("off shift until …", "3/10 open tickets")
     */
    record Verdict(String agentId, String name, boolean qualifies, String reason) {
        /** Validates. */
        public Verdict {
            Objects.requireNonNull(agentId, "agent id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return name + ": " + reason;
        }
    }
}
