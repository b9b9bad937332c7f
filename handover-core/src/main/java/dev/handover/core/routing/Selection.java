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

        /** How many passed-over candidates an explanation names. */
        private static final int MAX_NAMED = 6;

        /** The candidates passed over, each as "name (why not)", the sender left out. */
        public List<String> passedOver() {
            return considered.stream()
                    .filter(v -> !v.qualifies() && !v.reason().equals(SENDER))
                    .map(v -> v.name() + " (" + v.reason() + ")")
                    .toList();
        }

        /** How many candidates were weighed, the sender left out. */
        public int consideredCount() {
            return (int)
                    considered.stream().filter(v -> !v.reason().equals(SENDER)).count();
        }

        /** How many of them could have taken the ticket. */
        public int qualifiedCount() {
            return (int) considered.stream().filter(Verdict::qualifies).count();
        }

        /**
         * Why this receiver, in one or two plain sentences for the note: how many qualified colleagues were weighed,
         * what was found for the one chosen, who was passed over and why, and — when a fallback was used — why the
         * preferred target could not take it.
         */
        public String explanation() {
            StringBuilder sb = new StringBuilder();
            String name = receiver.name();
            if (receiver.agent().isEmpty()) {
                sb.append("The ticket ").append(why).append('.');
            } else {
                String found = considered.stream()
                        .filter(v ->
                                v.agentId().equals(receiver.agent().get().id().value()))
                        .map(Verdict::reason)
                        .findFirst()
                        .orElse(why);
                int weighed = consideredCount();
                sb.append(name).append(": ").append(found);
                if (weighed > 1) {
                    sb.append("; ")
                            .append(qualifiedCount())
                            .append(" of ")
                            .append(weighed)
                            .append(" colleagues considered could take it");
                }
                sb.append('.');
            }
            List<String> passed = passedOver();
            if (!passed.isEmpty()) {
                int shown = Math.min(MAX_NAMED, passed.size());
                sb.append(" Passed over: ").append(String.join(", ", passed.subList(0, shown)));
                if (passed.size() > shown) {
                    sb.append(" and ").append(passed.size() - shown).append(" more");
                }
                sb.append('.');
            }
            if (!fallbacks.isEmpty()) {
                sb.append(" A fallback was used: ")
                        .append(String.join("; then ", fallbacks))
                        .append('.');
            }
            return sb.toString();
        }
    }

    /** The verdict on the one handing the ticket over, who is never a candidate. */
    String SENDER = "is the one handing the ticket over";

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
