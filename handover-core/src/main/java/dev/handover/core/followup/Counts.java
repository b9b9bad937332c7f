package dev.handover.core.followup;

import dev.handover.core.SweepResult;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a sweep, or the follow-up of one handover, has done so far; a handover's counts are added to the sweep's once
 * its write is applied.
 */
final class Counts {
    private final Map<SweepResult.Kind, Integer> byKind = new EnumMap<>(SweepResult.Kind.class);
    int writes;

    void add(SweepResult.Kind kind) {
        byKind.merge(kind, 1, Integer::sum);
    }

    void addTo(Counts total) {
        byKind.forEach((kind, n) -> total.byKind.merge(kind, n, Integer::sum));
    }

    Map<SweepResult.Kind, Integer> byKind() {
        return byKind;
    }
}
