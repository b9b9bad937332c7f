package dev.handover.runner;

import java.time.Duration;

/**
 * How big the fault suite's scenarios are: small enough for {@code mvn verify} by default, larger with {@code
 * -Dhandover.soak=true}; each size can be set on its own with {@code -Dhandover.faults.<name>=<value>} (names below).
 *
 * @param seed {@code seed}: random faults, arrivals, people, kill moments
 * @param rate {@code rate}: how many times faster than the wall clock the simulated day runs
 * @param dayLength {@code day-hours}: the working day with random faults
 * @param dayTickets {@code day-tickets}: tickets arriving during it
 * @param faultShare {@code fault-percent}: the share of API requests that fail
 * @param kills {@code kills}: SIGKILLs
 * @param killDayLength {@code kill-hours}: the simulated time the kills are spread over (at least)
 * @param killTickets {@code kill-tickets}: tickets arriving meanwhile
 * @param overlapLength {@code overlap-hours}: two workers, or two processes, at once
 * @param overlapTickets {@code overlap-tickets}: tickets arriving meanwhile
 * @param cronPasses {@code cron-passes}: {@code --once} passes overlapping the daemon
 * @param bulkFollowUps {@code bulk-follow-ups}: follow-ups one sweep closes
 */
record FaultSizes(
        long seed,
        long rate,
        Duration dayLength,
        int dayTickets,
        double faultShare,
        int kills,
        Duration killDayLength,
        int killTickets,
        Duration overlapLength,
        int overlapTickets,
        int cronPasses,
        int bulkFollowUps) {

    static FaultSizes fromSystemProperties() {
        boolean soak = Boolean.getBoolean("handover.soak");
        return new FaultSizes(
                number("seed", 12),
                number("rate", soak ? 300 : 1200),
                Duration.ofHours(number("day-hours", 8)),
                (int) number("day-tickets", soak ? 120 : 30),
                number("fault-percent", 30) / 100.0,
                (int) number("kills", soak ? 20 : 4),
                Duration.ofHours(number("kill-hours", soak ? 8 : 3)),
                (int) number("kill-tickets", soak ? 80 : 20),
                Duration.ofHours(number("overlap-hours", soak ? 8 : 3)),
                (int) number("overlap-tickets", soak ? 100 : 30),
                (int) number("cron-passes", soak ? 8 : 2),
                (int) number("bulk-follow-ups", 200));
    }

    private static long number(String name, long value) {
        return Long.getLong("handover.faults." + name, value);
    }
}
