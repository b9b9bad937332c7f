package dev.handover.core.followup;

/** Counts of one handover's follow-up, added to the sweep's once its write is applied. */
final class Counts {
    int handedBack;
    int acknowledgements;
    int completions;
    int checkIns;
    int reminders;
    int escalations;
    int retargets;
    int closed;
    int writes;

    void addTo(Counts total) {
        total.acknowledgements += acknowledgements;
        total.completions += completions;
        total.checkIns += checkIns;
        total.reminders += reminders;
        total.escalations += escalations;
        total.closed += closed;
    }
}
