package dev.handover.salesforce.fake;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * Faults the fake injects into its next answers, per kind of request. Each queued fault hits one request of its target
 * and is then used up.
 */
public final class FakeFaults {
    /** Which requests a fault hits. */
    public enum Target {
        /** {@code POST /services/oauth2/token}. */
        TOKEN,
        /** {@code GET …/query} and its next pages. */
        QUERY,
        /** {@code POST …/composite}. */
        COMPOSITE,
        /**
         * The next composite that writes (a subrequest other than GET), however many reads come first: a write's
         * fault must not be spent on the directory read a first write makes.
         */
        WRITE,
        /** The next API request, query or composite, whichever comes first (the compatibility kit's faults). */
        API
    }

    /** What happens to the request. */
    public enum Fault {
        /** The connection closes before the request is processed: nothing happened. */
        DROP_BEFORE,
        /** The request is processed (a write lands), then the connection closes without an answer. */
        DROP_AFTER,
        /** 500 {@code UNKNOWN_EXCEPTION} without processing. */
        STATUS_500_BEFORE,
        /** The request is processed, then 500 {@code UNKNOWN_EXCEPTION}: the write landed, the caller cannot know. */
        STATUS_500_AFTER,
        /** 503 {@code SERVER_UNAVAILABLE} without processing. */
        STATUS_503_BEFORE,
        /** The request is processed, then the answer is cut off mid-JSON. */
        MALFORMED_JSON_AFTER,
        /** The request is processed, then every date-time in the answer is text that is no date. */
        UNREADABLE_DATES_AFTER,
        /** The request is processed, then the answer is withheld until the fake closes: the client times out. */
        HANG_AFTER,
        /** A composite fails as a whole with {@code UNABLE_TO_LOCK_ROW}; nothing is written. */
        UNABLE_TO_LOCK_ROW,
        /** 403 {@code REQUEST_LIMIT_EXCEEDED}, as when the org's daily allocation is used up. */
        LIMIT_EXCEEDED,
        /** 401 {@code INVALID_SESSION_ID}, as when the session expired. */
        SESSION_EXPIRED
    }

    private final Map<Target, Deque<Fault>> queued = new EnumMap<>(Target.class);

    FakeFaults() {}

    /** The next request of this target meets this fault. */
    public synchronized FakeFaults next(Target target, Fault fault) {
        return next(target, fault, 1);
    }

    /** The next {@code times} requests of this target meet this fault. */
    public synchronized FakeFaults next(Target target, Fault fault, int times) {
        Deque<Fault> q = queued.computeIfAbsent(target, t -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            q.add(fault);
        }
        return this;
    }

    /** Forgets every queued fault. */
    public synchronized void clear() {
        queued.clear();
    }

    /** How many faults are still queued. */
    public synchronized int pending() {
        return queued.values().stream().mapToInt(Deque::size).sum();
    }

    synchronized Fault take(Target target, boolean writes) {
        Deque<Fault> any = queued.get(Target.API);
        if (target != Target.TOKEN && any != null && !any.isEmpty()) {
            return any.poll();
        }
        Deque<Fault> write = queued.get(Target.WRITE);
        if (writes && write != null && !write.isEmpty()) {
            return write.poll();
        }
        Deque<Fault> q = queued.get(target);
        return q == null ? null : q.poll();
    }
}
