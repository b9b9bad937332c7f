package dev.handover.runner;

import java.util.List;

/** The figures of the review that the CRM's tickets keep, which a journal's review and a CRM rebuild must agree on. */
public final class ReportFromCrmFigures {
    private ReportFromCrmFigures() {}

    /** The figures the CRM keeps, which the two reviews must agree on. */
    public static final List<String> SAME = List.of(
            "/handovers/count",
            "/handovers/byReason",
            "/handovers/byReceiver",
            "/handovers/bySender",
            "/handovers/byTeam",
            "/handovers/customerNotified",
            "/acknowledgement/needed",
            "/acknowledgement/acknowledged",
            "/acknowledgement/late",
            "/acknowledgement/retargeted",
            "/acknowledgement/pending",
            "/acknowledgement/byMethod",
            "/reminders/count",
            "/reminders/byKind",
            "/escalations/count",
            "/escalations/byLevel",
            "/escalations/toNobody",
            "/actions/completed",
            "/feedback/count",
            "/feedback/receivers",
            "/feedback/sections",
            "/chains/distribution",
            "/bounces/count",
            "/bounces/pairs");
}
